"""Phrases in the synonym lexicon ("hit back", "send back", "hold up"), and questions whose subject the corpus
lacks although it holds their other words ("Canada fentanyl czar")."""

from __future__ import annotations

import pytest

from bot.core.analysis.terms import terms
from bot.core.content.records import read_synonyms
from bot.core.models import NotFound
from bot.core.search.lexicon import Lexicon
from bot.core.search.results import SearchAnswer
from bot.core.service import Core
from bot.core.store import Store


def test_a_synonym_group_may_list_phrases_of_two_to_four_words():
    group, problems = read_synonyms({"words": ["retaliate"], "phrases": ["Hit back", "strike back"]}, "synonyms.yaml")
    assert group == ("retaliate", "hit back", "strike back") and not problems
    group, problems = read_synonyms({"words": ["retaliate"], "phrases": ["hit", "a b c d e", "up 25%"]},
                                    "synonyms.yaml")
    assert group is None
    assert [p.field for p in problems] == ["phrases"] * 3


def test_a_phrase_is_found_as_a_run_of_words_with_its_verb_in_any_form():
    lexicon = Lexicon.from_groups([("deport", "send back"), ("retaliate", "hit back")])
    assert lexicon.phrases_in("they were sent back home".split()) == [(2, 4, "send back")]
    assert lexicon.phrases_in("mexico is hitting back".split()) == [(2, 4, "hit back")]
    assert lexicon.phrases_in("back they sent him".split()) == []


@pytest.mark.parametrize(
    ("question", "claim"),
    [
        ("Mexico said it would hit back with its own tariffs", "mexico-vows-to-respond-in-kind-2019"),
        ("GOP held up money for Kyiv and Israel", "republicans-block-ukraine-israel-aid-dec-2023"),
    ],
)
async def test_a_phrase_in_the_question_finds_a_claim_worded_with_a_single_word(core, question, claim):
    answer = await core.search(question, limit=5)
    assert isinstance(answer, SearchAnswer), answer
    assert claim in [hit.view.claim.id for hit in answer.hits][:5]


async def test_a_phrase_added_to_the_lexicon_matches_only_as_a_run(tmp_path, content_copy):
    async with Store(tmp_path / "phrases.sqlite3") as store:
        core = Core(store, content_copy)
        await core.reload()
        path = content_copy.data_dir / "synonyms.yaml"
        path.write_text(path.read_text() + "  - words: [tariffs]\n    phrases: [glorp frumble]\n")
        assert (await core.reload()).compiled
        answer = await core.search("glorp frumble")
        assert isinstance(answer, SearchAnswer) and answer.hits
        assert all({"tariffs", "tariff"} & set(terms(h.view.claim.text)) for h in answer.hits)
        assert isinstance(await core.search("frumble glorp"), NotFound)


@pytest.mark.parametrize(
    "question",
    ["Canada fentanyl czar", "Pemex deportation flights", "Blinken on deportation flights to Colombia"],
)
async def test_claims_holding_every_word_but_the_subject_are_no_answer(core, question):
    answer = await core.search(question)
    assert isinstance(answer, NotFound) or not answer.hits, answer  # a briefing on the region may still be named


@pytest.mark.parametrize(
    ("question", "claim"),
    [
        ("Canada fentanyl tariffs", "trump-25-percent-tariffs-february-1"),
        ("Colombia deportation flights", "us-colombia-agree-resume-deportation-flights"),
    ],
)
async def test_keywords_a_claim_holds_still_find_it(core, question, claim):
    answer = await core.search(question, limit=5)
    assert isinstance(answer, SearchAnswer), answer
    assert claim in [hit.view.claim.id for hit in answer.hits]


def test_a_fraction_of_a_scale_is_a_figure():
    assert "250000" in terms("a quarter of a million people")
    assert "usd500000" in terms("half a million dollars")
    assert "750000000" in terms("three-quarters of a billion")
    assert "250000" in terms("something like a quarter million people")  # "of a" left out, as it is said
    assert "500000" in terms("half a million") and "500000" in terms("a half million")
    assert terms("half a loaf") == ["half", "a", "loaf"]


async def test_a_figure_written_as_a_fraction_finds_the_claim_written_in_digits(core):
    answer = await core.search("a quarter of a million Border Patrol detentions", limit=5)
    assert isinstance(answer, SearchAnswer), answer
    assert answer.hits[0].view.claim.id == "border-patrol-250000-detentions-nov-2023"


async def test_a_quarter_million_said_loosely_finds_the_figure(core):
    answer = await core.search("border patrol picked up something like a quarter million people in one month back in "
                               "2023 - which month", limit=5)
    assert isinstance(answer, SearchAnswer), answer
    assert answer.hits[0].view.claim.id == "border-patrol-250000-detentions-nov-2023"


def test_a_phrase_finds_its_candidate_claims_by_its_first_word_that_is_not_a_small_word():
    # "at" is in most claims: walking its list for "at odds" cost a question 6-10 ms at 100k claims
    from bot.core.analysis.terms import QueryTerm
    from bot.core.search.engine import Group

    group = Group(QueryTerm("contradict", ("contradict",)), {"contradict": 1.0, "at odds": 0.8, "on its own": 0.8}, 3)
    assert group.fts == ("contradict", "odds", "on")  # a phrase of small words only: its first


@pytest.mark.parametrize(
    "question",
    ["national guard deployment numbers after the june 2019 migration agreement",
     "Did Mexico's national guard replace soldiers at the Guatemala border in the summer of 2019?"],
)
async def test_a_phrase_of_the_beat_held_only_by_one_of_its_words_is_absent(core, question):
    # the lexicon knows "national guard"; no claim holds "guard" in any form: the claims holding "national"
    # ("national emergency") do not half hold the force, and the question is about something absent
    answer = await core.search(question)
    assert isinstance(answer, NotFound) or not answer.hits, answer
