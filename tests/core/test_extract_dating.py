"""When news text dates a statement (issue 13): the rules of `bot/core/extract/dating.py`, on invented text.

A date is never finer than the text supports: where the words or the publication window leave the month or the
day open, the date falls back to the month or the year.
"""

from __future__ import annotations

import pytest

from bot.core.dates import PartialDate
from bot.core.extract import ArticleContext, dating, extract
from bot.core.extract.model import Dating
from bot.core.models import Person, Role, RoleAlias

SINCE_2024 = PartialDate.parse("2024-01-01")
PEOPLE = [
    Person("ana-ruiz", "Ana Ruiz", "person", (Role("Foreign Minister of Testland", SINCE_2024, None),),
           ("Ruiz", "Ana Ruiz", "Minister Ruiz"), (RoleAlias("the foreign minister", SINCE_2024, None),)),
    Person("bo-kent", "Bo Kent", "person", (), ("Kent", "Bo Kent", "President Kent")),
    Person("testland-government", "Testland government", "government", (),
           ("Testland", "Testland government")),
]


def context(published: str, not_before: str | None = None, not_after: str | None = None) -> ArticleContext:
    bound = PartialDate.parse
    return ArticleContext(bound(published), not_before and bound(not_before), not_after and bound(not_after),
                          author="Lee Park")


# published some day from 26 February to 6 March 2023: known to the week, across a month's turn
ACROSS_MONTHS = context("2023-03-02", "2023-02-26", "2023-03-06")
MARCH_4 = context("2025-03-04")  # the day is known
AROUND_MARCH_4 = context("2025-03-04", "2025-03-02", "2025-03-06")  # known to the week, inside March


def claim_of(text: str, speaker: str, ctx: ArticleContext):
    found = [c for c in extract(text, ctx, PEOPLE).claims if c.speaker and c.speaker.id == speaker]
    assert len(found) == 1, found
    return found[0]


def when(text: str, ctx: ArticleContext, cue: str | None = None) -> Dating | None:
    return dating.resolve(text, 0, len(text), text.index(cue) if cue else None, ctx)


def kent_said(phrase: str, ctx: ArticleContext) -> Dating | None:
    return when(f"Kent said {phrase} that the border would stay open.", ctx, "said")


def is_(found: Dating | None, said_on: str, basis: str, phrase: str | None = None) -> bool:
    return found is not None and found.said_on == PartialDate.parse(said_on) and found.basis == basis and (
        phrase is None or found.phrase == phrase)


# --- undated statements: the article's own words and someone else's ----------------------------------------


def test_someone_elses_undated_words_keep_the_year_when_publication_straddles_a_months_turn():
    claim = claim_of("Kent said the tariffs had hurt farmers in the north.", "bo-kent", ACROSS_MONTHS)
    assert is_(claim.dating, "2023", "publication")
    assert claim.dating.not_after == PartialDate.parse("2023-03-06")


def test_an_undated_figure_given_by_a_source_keeps_the_year_too():
    text = "Testland deported 80,500 migrants, according to the Interior Ministry."
    assert is_(claim_of(text, "interior-ministry", ACROSS_MONTHS).dating, "2023", "publication")


def test_the_articles_own_words_keep_its_best_known_month():
    text = "The tariffs are likely to hurt farmers in the north for years to come."
    assert is_(claim_of(text, "lee-park", ACROSS_MONTHS).dating, "2023-03", "publication")


def test_someone_elses_undated_words_keep_the_month_when_the_window_lies_in_one_month():
    claim = claim_of("Kent said the tariffs had hurt farmers in the north.", "bo-kent", AROUND_MARCH_4)
    assert is_(claim.dating, "2025-03", "publication")


def test_a_window_too_wide_to_agree_on_a_year_falls_back_to_the_best_known_month():
    wide = context("2024-12-05", "2024-11-28", "2025-01-19")
    assert dating.reported(wide) == dating.publication(wide)
    assert dating.reported(wide).said_on == PartialDate.parse("2024-12")


# --- "days ago", "days before", "days later" ---------------------------------------------------------------


def test_a_counted_number_of_days_ago_is_a_day_when_the_publication_day_is_known():
    assert is_(kent_said("two days ago", MARCH_4), "2025-03-02", "relative", "two days ago")


@pytest.mark.parametrize("phrase", ["two days ago", "a few days ago", "days ago"])
def test_days_ago_is_never_a_day_when_the_publication_day_is_uncertain(phrase: str):
    assert is_(kent_said(phrase, context("2025-03-18", "2025-03-14", "2025-03-20")), "2025-03", "relative")


def test_a_few_days_ago_is_only_a_month_even_on_a_known_day():
    assert is_(kent_said("a few days ago", context("2025-03-18")), "2025-03", "relative")


def test_days_before_an_undated_event_is_about_a_week_before_publication():
    found = when("Days before the vote, Testland signed security agreements with its neighbours.", MARCH_4)
    assert is_(found, "2025-02", "relative", "Days before")


def test_days_later_with_nothing_to_count_from_stays_in_the_publication_month():
    found = when("Days later, Ruiz said the talks had failed.", context("2025-04-20"), "said")
    assert is_(found, "2025-04", "relative", "Days later")


def test_days_later_counts_from_the_day_the_sentence_before_named():
    text = "On March 3, Kent met Ruiz in the capital. Days later, Ruiz said the talks had failed."
    assert is_(claim_of(text, "ana-ruiz", context("2025-04-20")).dating, "2025-03", "relative", "Days later")


def test_days_later_across_a_months_turn_keeps_only_the_year():
    text = "On March 27, Kent met Ruiz in the capital. Days later, Ruiz said the talks had failed."
    assert is_(claim_of(text, "ana-ruiz", context("2025-04-20")).dating, "2025", "relative", "Days later")


def test_counting_from_a_month_alone_changes_nothing():
    stated = Dating(PartialDate.parse("2025-04"), "relative", "Days later")
    assert dating.counted_from(stated, Dating(PartialDate.parse("2025-03"), "relative", "In March")) == stated
    other = Dating(PartialDate.parse("2025-04-18"), "relative", "on Friday")
    assert dating.counted_from(other, Dating(PartialDate.parse("2025-03-03"), "explicit")) == other


def test_a_month_guessed_from_days_before_an_event_does_not_date_the_narration_after_it():
    text = ("Days before the vote, Testland signed security agreements with its neighbours. "
            "Ruiz identified the river crossings as the main concern.")
    assert is_(claim_of(text, "ana-ruiz", MARCH_4).dating, "2025-03", "publication")


def test_a_month_the_text_names_still_dates_the_narration_after_it():
    text = ("In February, Testland signed security agreements with its neighbours. "
            "Ruiz identified the river crossings as the main concern.")
    assert is_(claim_of(text, "ana-ruiz", MARCH_4).dating, "2025-02", "relative", "In February")


# --- polls: the fieldwork's date is not the findings' ------------------------------------------------------


@pytest.mark.parametrize("text", [
    "A survey conducted in March found that most farmers oppose the tariffs.",
    "The poll, carried out by the national institute in March, found that most farmers oppose the tariffs.",
])
def test_a_polls_fieldwork_month_bounds_its_findings_from_below(text: str):
    assert is_(when(text, context("2025-06-10"), "found"), "2025", "relative", "in March")


def test_findings_of_fieldwork_in_an_earlier_year_get_no_date_from_it():
    text = "A survey conducted in November found that most farmers oppose the tariffs."
    assert when(text, context("2025-02-10"), "found") is None


def test_a_statement_made_in_a_month_keeps_the_month():
    assert is_(kent_said("in March", context("2025-06-10")), "2025-03", "relative", "in March")


# --- the year-end review -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "We are ending a year that saw record crossings and attacks on Kent by the opposition.",
    "As the year draws to a close, Kent said the border was calmer than it had been.",
])
def test_a_year_end_review_speaks_of_the_publication_year(text: str):
    assert is_(when(text, context("2025-12-29")), "2025", "relative")


def test_the_end_of_the_year_as_a_deadline_is_no_date_of_saying():
    text = "Kent said the plant would close by the end of the year."
    assert when(text, context("2025-06-10"), "said") is None


# --- parts of the day, months and years ago, seasons -------------------------------------------------------


@pytest.mark.parametrize(("phrase", "said_on"), [
    ("last night", "2025-03-03"),
    ("this morning", "2025-03-04"),
    ("tonight", "2025-03-04"),
])
def test_a_part_of_the_day_is_a_day_when_the_publication_day_is_known(phrase: str, said_on: str):
    assert is_(kent_said(phrase, MARCH_4), said_on, "relative", phrase)


def test_last_night_is_never_a_day_when_the_publication_day_is_uncertain():
    assert is_(kent_said("last night", AROUND_MARCH_4), "2025-03", "relative")


@pytest.mark.parametrize(("phrase", "said_on"), [
    ("three months ago", "2024-11"),  # counted back across the turn of the year
    ("a year ago", "2024"),
    ("two years ago", "2023"),
])
def test_months_and_years_ago_are_as_precise_as_their_unit(phrase: str, said_on: str):
    assert is_(kent_said(phrase, context("2025-02-14")), said_on, "relative", phrase)


@pytest.mark.parametrize(("phrase", "published", "said_on"), [
    ("last summer", "2025-10-14", "2025"),  # this year's summer is over
    ("last summer", "2025-08-14", "2024"),  # still summer: the one before
    ("earlier this spring", "2025-04-14", "2025"),
    ("in the spring", "2025-02-14", "2024"),  # no spring yet this year
])
def test_a_season_keeps_only_its_year(phrase: str, published: str, said_on: str):
    assert is_(kent_said(phrase, context(published)), said_on, "relative", phrase)


def test_a_season_of_a_named_year_is_that_year():
    found = kent_said("in the spring of 2019", context("2025-02-14"))
    assert is_(found, "2019", "explicit", "in the spring of 2019")


def test_a_fall_in_numbers_is_no_season():
    text = "Kent said the fall in crossings was welcome news for the border towns."
    assert when(text, context("2025-10-14"), "said") is None


@pytest.mark.parametrize(("phrase", "published", "said_on"), [
    ("over the weekend", "2025-03-04", "2025-03"),  # a Tuesday: Saturday 1 and Sunday 2 March
    ("last weekend", "2025-03-01", "2025-02"),  # said on a Saturday: the weekend before
])
def test_the_weekend_is_the_one_just_before_publication(phrase: str, published: str, said_on: str):
    assert is_(kent_said(phrase, context(published)), said_on, "relative", phrase)


@pytest.mark.parametrize(("phrase", "said_on"), [
    ("at the end of February", "2025-02"),
    ("at the start of the year", "2025"),
])
def test_the_end_or_start_of_a_period_is_that_period(phrase: str, said_on: str):
    assert is_(kent_said(phrase, MARCH_4), said_on, "relative", phrase)


def test_a_deadline_at_the_end_of_a_month_is_no_date_of_saying():
    assert when("Kent said the talks would end by the end of February.", MARCH_4, "said") is None


# --- a US federal election: November of its year ----------------------------------------------------------


def test_a_us_election_of_a_named_year_is_its_november():
    text = "After his victory in the 2028 U.S. presidential election, Kent thanked the voters of the north."
    found = when(text, context("2029-01-10"))
    assert is_(found, "2028-11", "relative", "in the 2028 U.S. presidential election")


def test_the_midterms_are_in_november_too():
    assert is_(kent_said("in the 2026 midterm elections", context("2027-02-01")), "2026-11", "relative")


@pytest.mark.parametrize("text", [
    "In the 2024 U.S. presidential election campaign, Kent promised more crossings.",  # months long
    "Kent is the favourite in the 2028 U.S. presidential election.",  # still to come
    "Ruiz won in the 2024 presidential election in Testland.",  # not a US election
])
def test_an_election_campaign_a_future_or_a_foreign_election_gives_no_month(text: str):
    assert when(text, context("2027-02-01")) is None
