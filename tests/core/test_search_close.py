"""Under an answer of few claims, /search also lists the claims that came closest below the bar, apart and marked
less sure: a question in other words is often answered by a near neighbour of the claim meant, which is the next
one down. Never without an answer: a question about what the corpus lacks still gets "nothing found"."""

from __future__ import annotations

import pytest

from bot.core.models import NotFound
from bot.core.search.results import SearchAnswer
from bot.core.search.thresholds import CLAIM_ACCEPT, CLOSE_SHOWN
from bot.render.lookups import search_reply
from tests.conftest import needs_seeds


def _ids(hits) -> list[str]:
    return [hit.view.claim.id for hit in hits]


@needs_seeds
async def test_the_claim_meant_is_listed_close_under_its_neighbour(core):
    # "backed down" is Colombia's deal to take the flights again; Petro's refusal holds more of the words
    answer = await core.search("Bogota backed down and let the expulsion flights land again", limit=5)
    assert isinstance(answer, SearchAnswer), answer
    assert _ids(answer.hits) == ["petro-refuses-us-deportation-flights"]
    assert "us-colombia-agree-resume-deportation-flights" in _ids(answer.close)


@pytest.mark.parametrize("question", [
    "Bogota backed down and let the expulsion flights land again",
    "which court decision cleared the way for Biden to scrap MPP?",
    "Sheinbaum: bridges, not walls",
    "When did Mexico's new president first get Trump on the phone after he won in 2024, and how did she describe it?",
    "how many migrants did Mexico deport in 2019",
])
async def test_close_claims_are_below_the_bar_and_fill_the_answer_to_five(core, question):
    answer = await core.search(question, limit=5)
    assert isinstance(answer, SearchAnswer), answer
    assert answer.hits
    assert len(answer.hits) + len(answer.close) <= CLOSE_SHOWN
    assert not set(_ids(answer.close)) & set(_ids(answer.hits)), "a close claim repeats an answer"
    assert len(set(_ids(answer.close))) == len(answer.close)
    assert all(hit.score < CLAIM_ACCEPT for hit in answer.close)
    assert [h.score for h in answer.close] == sorted((h.score for h in answer.close), reverse=True)


async def test_nothing_found_stays_nothing(core):
    # what the corpus lacks gets no answer and no close claims dressed as one
    for question in ("Canada fentanyl czar", "Dominican Republic mass deportations of Haitians"):
        assert isinstance(await core.search(question, limit=5), NotFound)


async def test_a_full_answer_or_a_limit_of_one_lists_no_close_claims(core):
    many = await core.search("tariffs", limit=5)
    assert isinstance(many, SearchAnswer) and len(many.hits) == 5
    assert many.close == ()
    one = await core.search("Bogota backed down and let the expulsion flights land again", limit=1)
    assert isinstance(one, SearchAnswer) and len(one.hits) == 1
    assert one.close == ()


async def test_the_reply_lists_close_claims_after_the_answers_and_says_they_are_less_sure(core):
    answer = await core.search("which court decision cleared the way for Biden to scrap MPP?", limit=5)
    assert isinstance(answer, SearchAnswer) and answer.close
    text = "\n".join(page.description for page in search_reply(answer).pages)
    answer_at = text.index(answer.hits[0].view.claim.text[:40])
    label_at = text.index("Close, but less sure")
    assert answer_at < label_at < text.index(answer.close[0].view.claim.text[:40])
    plain = await core.search("tariffs", limit=5)
    assert "less sure" not in "\n".join(page.description for page in search_reply(plain).pages)
