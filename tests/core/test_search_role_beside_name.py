"""A name and the role typed beside it that disagree at the time asked about: "foreign minister Ebrard" in
December 2023, when Bárcena was. One of the two is remembered wrong; when the question as typed finds
nothing, it is asked again as the role alone in that period (then as the name alone), and the reply says how
it read the question. The claims found name their own speakers."""

from __future__ import annotations

import pytest

from bot.core.dates import PartialDate
from bot.core.models import NotFound
from bot.core.search.results import SearchAnswer
from bot.render.lookups import search_reply


@pytest.mark.parametrize(("text", "period", "expected"), [
    # Bárcena was foreign minister in December 2023, not Ebrard
    ("what did foreign minister Ebrard announce in December 2023", PartialDate(2023, 12), [("Ebrard", "foreign minister")]),
    # written the other way round, with a comma and "as"
    ("was it Marcelo Ebrard, as foreign secretary, who spoke", PartialDate(2023, 12),
     [("Marcelo Ebrard", "foreign secretary")]),
    # he was foreign secretary in 2019: they agree
    ("Ebrard, as foreign secretary, on tariffs", PartialDate(2019), []),
    # undated, a role the person held once is no contradiction (the role alone would be its latest holder) ...
    ("foreign minister Ebrard on tariffs", None, []),
    # ... but one they never held is
    ("did foreign secretary Sánchez Cordero count the crossings", None, [("Sánchez Cordero", "foreign secretary")]),
    # a name and a role far apart are not typed beside each other
    ("Ebrard met Blinken and later the foreign minister spoke", PartialDate(2023, 12), []),
])
async def test_a_role_beside_a_name_that_did_not_hold_it_then(core, text, period, expected):
    people = await core.lookups.engine.people()
    found = people.roles_beside_names(text, period)
    assert [(b.name, b.role) for b in found] == expected


async def test_the_question_is_asked_again_as_the_role_in_its_period_and_the_reply_says_so(core):
    question = "What did foreign minister Ebrard make public after Blinken's December 2023 visit?"
    answer = await core.search(question, limit=5)
    assert isinstance(answer, SearchAnswer), answer
    assert answer.hits[0].view.claim.id == "barcena-announces-migration-agreements-dec-2023"
    assert answer.query == question
    assert ("foreign minister Ebrard", "foreign minister in December 2023") in answer.corrections
    footer = search_reply(answer).pages[0].footer or ""
    assert "foreign minister Ebrard" in footer and "December 2023" in footer


async def test_what_the_corpus_lacks_stays_nothing_however_it_is_read(core):
    answer = await core.search("what did foreign minister Ebrard say about the Panama Canal in December 2023")
    assert isinstance(answer, NotFound)
