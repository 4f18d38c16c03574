"""A month or year the question names is held by a claim said then: a claim states when in its date, not its
words ("what did Sheinbaum say in December" has no year, so it is no date filter)."""

from __future__ import annotations

from bot.core.models import NotFound


async def test_a_month_named_without_a_year_finds_the_claims_said_that_month(core):
    answer = await core.search("what did Sheinbaum say in December", limit=5)
    assert not isinstance(answer, NotFound)
    assert answer.hits and all(hit.view.claim.said_on.month == 12 for hit in answer.hits)


async def test_a_keyword_month_ranks_the_claims_said_that_month_first(core):
    answer = await core.search("Sheinbaum December", limit=5)
    assert not isinstance(answer, NotFound) and [h.view.claim.said_on.month for h in answer.hits[:2]] == [12, 12]
