"""Questions that used to dead-end: a day without a year, a role noun with a month, a question form, a name
the registry lacks, and hostile or empty input that must not look like an answer."""

from __future__ import annotations

import pytest

from bot.adapters.commands import Commands
from bot.core.models import NotFound
from bot.core.search.results import SearchAnswer, WhoAnswer
from tests.conftest import needs_seeds


@pytest.mark.parametrize(
    ("question", "claim", "day"),
    [
        ("Sheinbaum Trump first call 7 November", "sheinbaum-trump-first-call-after-election", "2024-11-07"),
        ("November 8 press conference", "de-la-fuente-model-working-well", "2024-11-08"),
        ("Trump 25 November tariff threat", "trump-25-percent-tariff-threat", "2024-11-25"),
    ],
)
async def test_when_with_a_day_and_no_year_finds_the_claims_dated_that_day(core, question, claim, day):
    answer = await core.when(question)
    assert isinstance(answer, SearchAnswer), answer
    assert answer.hits[0].view.claim.id == claim
    assert all(h.view.claim.said_on.iso() == day for h in answer.hits)


@pytest.mark.parametrize(
    ("question", "person"),
    [
        ("Mexico's foreign minister in December 2023", "alicia-barcena"),
        ("the foreign minister in 2019", "marcelo-ebrard"),
        ("who is Alicia Barcena", "alicia-barcena"),
        ("Who was the foreign minister in June 2019?", "marcelo-ebrard"),
    ],
)
async def test_who_understands_periods_in_words_and_question_forms(core, question, person):
    answer = await core.who(question)
    assert isinstance(answer, WhoAnswer), answer
    assert answer.person.id == person


async def test_a_role_noun_without_a_date_says_how_far_the_index_knows(core):
    answer = await core.who("the secretary of state")
    assert answer.person.id == "antony-blinken"
    assert answer.known_until is not None and answer.known_until.iso().startswith("2025-01")
    reply, _ = await Commands(core).who("the secretary of state")
    assert "as far as the index knows" in reply.pages[0].description
    dated = await core.who("the secretary of state in 2023")
    assert dated.known_until is None  # a date was given: no caveat needed


@needs_seeds
async def test_a_name_missing_from_the_registry_gets_the_claims_that_mention_it(core):
    answer = await core.who("Esteban Moctezuma")
    assert isinstance(answer, SearchAnswer) and answer.mode == "mentions"
    assert answer.hits and all("moctezuma" in (h.passage or h.view.claim.text).lower() for h in answer.hits)
    reply, _ = await Commands(core).who("Esteban Moctezuma")
    assert "not in the people registry" in reply.pages[0].description
    assert isinstance(await core.who("Emmanuel Macron"), NotFound)


@pytest.mark.parametrize("query", ['"NEAR(a b)" OR *', "the of and", "AND OR NOT", "what did they say"])
async def test_syntax_and_stop_words_alone_are_not_an_answer(core, query):
    assert isinstance(await core.search(query), NotFound)


async def test_real_words_written_like_operators_still_count(core):
    assert isinstance(await core.search("near the border"), SearchAnswer)
    answer = await core.search("Trump AND tariffs")
    assert isinstance(answer, SearchAnswer) and answer.hits[0].view.claim.speaker == "donald-trump"
