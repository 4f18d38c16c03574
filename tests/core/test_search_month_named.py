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


async def test_a_month_shortened_finds_the_month_a_claim_writes(core):
    # The columnist's figure was published in December and names November in its text: "Nov" is that November.
    answer = await core.search("BP apprehensions for Nov 2023. number?", limit=5)
    assert not isinstance(answer, NotFound), answer
    assert answer.hits[0].view.claim.id == "border-patrol-250000-detentions-nov-2023"


async def test_a_shortened_month_typed_in_lowercase_is_still_the_month(core):
    # "jan 2025": Trump brought back Remain in Mexico on taking office that January. (Read as a word of the
    # question that the claim lacks, "jan" had cost it the answer.)
    answer = await core.search("did trump reinstate MPP when he took office in jan 2025? need it for a client file",
                               limit=5)
    assert not isinstance(answer, NotFound), answer
    assert answer.hits[0].view.claim.id == "trump-reinstates-remain-in-mexico"


async def test_a_holiday_of_a_fixed_month_names_that_month(core):
    # Thanksgiving is late November: the caravans broken up that week are what is asked about, and the holiday
    # (capitalised, held by no claim) is no name the corpus lacks
    answer = await core.search("Heard Mexico broke up a couple of caravans right before Thanksgiving.", limit=5)
    assert not isinstance(answer, NotFound) and answer.hits[0].view.claim.id == "mexico-disbands-two-caravans"
    assert isinstance(await core.search("what did Sheinbaum say about tariffs at Christmas 2019", limit=5), NotFound)


def test_a_year_written_short_after_its_month_is_that_month():
    from bot.core.dates import PartialDate
    from bot.core.search.filters import split_period

    december_2023 = PartialDate(2023, 12, None)
    for typed in ("what happened in December '23", "in dec of 23?", "qué pasó en diciembre del 23, qué dijo"):
        assert split_period(typed)[1] == december_2023, typed
    assert split_period("noviembre del 2024")[1] == PartialDate(2024, 11, None)  # "del": the month is kept
    assert split_period("December of 2019")[1] == PartialDate(2019, 12, None)
    assert split_period("a march of 25 migrants")[1] is None  # a count of marchers, not March 2025
    assert split_period("what did he say on December 23")[1] is None  # a day without its year


async def test_a_month_with_its_year_written_short_finds_what_was_said_then(core):
    answer = await core.search("después de que vino Blinken en diciembre del 23, qué dijo AMLO de los cierres en la frontera?")
    assert not isinstance(answer, NotFound)
    assert "amlo-no-more-border-closures-dec-2023" in [hit.view.claim.id for hit in (*answer.hits, *answer.close)]
