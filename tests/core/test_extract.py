"""Extraction on small texts written for the test: every quote layout, reporting verbs, speakers, dates."""

from __future__ import annotations

import pytest

from bot.core.dates import PartialDate
from bot.core.extract import ArticleContext, extract
from bot.core.models import Person, Role, RoleAlias

PEOPLE = [
    Person("ana-ruiz", "Ana Ruiz", "person", (Role("Foreign Minister of Testland", PartialDate.parse("2024-01-01"), None),),
           ("Ruiz", "Ana Ruiz", "Minister Ruiz"),
           (RoleAlias("the foreign minister", PartialDate.parse("2024-01-01"), None),)),
    Person("bo-kent", "Bo Kent", "person", (), ("Kent", "Bo Kent", "President Kent")),
    Person("testland-government", "Testland government", "government", (), ("Testland", "Testland government")),
]
TUESDAY = ArticleContext(PartialDate.parse("2025-01-28"))  # a Tuesday


def claims(text: str, context: ArticleContext = TUESDAY):
    return extract(text, context, PEOPLE).claims


def only(text: str, kind: str, context: ArticleContext = TUESDAY):
    found = [c for c in claims(text, context) if c.kind == kind]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text", [
    "“We will not pay for any wall, not now and not ever,” Ruiz said.",
    "\"We will not pay for any wall, not now and not ever,\" Ruiz said.",
    "Ruiz said: “We will not pay for any wall, not now and not ever.”",
    "«We will not pay for any wall, not now and not ever», said Ruiz.",
    "“We will not pay for any wall, not now and not ever,” said the foreign minister.",
])
def test_a_direct_quote_in_any_layout_is_pinned_on_its_speaker(text: str):
    quote = only(text, "direct_quote")
    assert quote.speaker.id == "ana-ruiz"
    assert text[quote.span[0]:quote.span[1]] == quote.quote
    assert quote.quote.startswith("We will not pay for any wall")


def test_a_split_quote_is_two_quotes_of_one_speaker():
    text = "“We want trade,” Kent said. “We do not want a fight with our neighbours over it.”"
    quotes = [c for c in claims(text) if c.kind == "direct_quote"]
    assert [q.speaker.id for q in quotes] == ["bo-kent", "bo-kent"]


def test_a_quote_continued_into_the_next_paragraph_keeps_its_speaker():
    text = ("Kent spoke at length. “We will open talks with every partner in the region this year.\n"
            "“And we will keep our promises to the workers on both sides of the border,” he said.")
    quotes = [c for c in claims(text) if c.kind == "direct_quote"]
    assert len(quotes) == 2 and {q.speaker.id for q in quotes} == {"bo-kent"}


def test_pronouns_and_surnames_resolve_through_the_article():
    text = ("Foreign Minister Ana Ruiz arrived in the capital on Monday. "
            "She said the two countries had agreed to share customs data.")
    paraphrase = only(text, "paraphrase")
    assert paraphrase.speaker.id == "ana-ruiz"


def test_a_new_speaker_is_proposed_with_the_title_the_text_gives():
    text = "Interior Secretary Lucia Ferrer said the checkpoints would stay open through the holidays."
    extraction = extract(text, TUESDAY, PEOPLE)
    [claim] = [c for c in extraction.claims if c.kind == "paraphrase"]
    assert claim.speaker.id == "lucia-ferrer" and not claim.speaker.known
    assert claim.speaker.role and "Interior Secretary" in claim.speaker.role
    assert [s.id for s in extraction.new_speakers] == ["lucia-ferrer"]


@pytest.mark.parametrize("verb", ["warned", "threatened", "announced", "pledged", "vowed", "argued", "insisted"])
def test_reporting_verbs_make_paraphrases(verb: str):
    text = f"Kent {verb} that the border would be closed to commercial traffic."
    assert only(text, "paraphrase").speaker.id == "bo-kent"


def test_according_to_names_the_source_of_a_statistic():
    text = "According to the Testland government, arrests at the border fell 40% in the first half of the year."
    stat = only(text, "statistic")
    assert stat.speaker.id == "testland-government" and stat.figures == ("40%",)


def test_an_actor_doing_something_is_an_action():
    text = "Kent signed an order that designated three gangs as terrorist organizations."
    assert only(text, "action").speaker.id == "bo-kent"


def test_a_passive_with_no_agent_is_pinned_on_nobody():
    text = "Ruiz arrived on Monday. The plan was widely criticized for its cost."
    assert all(c.speaker is None for c in claims(text) if "criticized" in c.text)


def test_a_short_quoted_phrase_is_a_quote_only_when_a_speaker_labels_it():
    labelled = "In what Ruiz described as an “extremely productive” meeting, both sides agreed to talk again."
    assert only(labelled, "direct_quote").quote == "extremely productive"
    scare = "The so-called “border czar” traveled to the capital."
    assert not [c for c in claims(scare) if c.kind == "direct_quote"]


def test_a_weekday_is_the_last_such_day_before_publication():
    quote = only("“We are ready to talk at any time,” Kent said on Sunday.", "direct_quote")
    assert quote.dating.said_on == PartialDate.parse("2025-01-26")
    assert quote.dating.basis == "relative" and quote.dating.phrase == "on Sunday"


def test_a_weekday_with_an_uncertain_publication_day_never_becomes_a_day():
    context = ArticleContext(PartialDate.parse("2025-01-28"), PartialDate.parse("2025-01-20"),
                             PartialDate.parse("2025-01-31"))
    quote = only("“We are ready to talk at any time,” Kent said on Sunday.", "direct_quote", context)
    assert quote.dating.said_on.precision != "day"


@pytest.mark.parametrize(("phrase", "said_on", "basis"), [
    ("on January 20, 2025", "2025-01-20", "explicit"),
    ("last month", "2024-12", "relative"),
    ("in 2014", "2014", "explicit"),
    ("in November", "2024-11", "relative"),
])
def test_date_phrases_resolve_against_the_publication_date(phrase: str, said_on: str, basis: str):
    claim = only(f"Kent said {phrase} that the tariffs had hurt farmers in the north.", "paraphrase")
    assert claim.dating.said_on == PartialDate.parse(said_on) and claim.dating.basis == basis


def test_no_date_in_the_text_is_bounded_by_the_publication_date():
    claim = only("Kent said the tariffs had hurt farmers in the north.", "paraphrase")
    assert claim.dating.basis == "publication" and claim.dating.said_on == PartialDate.parse("2025-01")
    assert claim.dating.not_after == PartialDate.parse("2025-01-28")


def test_a_date_in_what_was_said_is_not_the_day_it_was_said():
    claim = only("Kent said the new tariffs would take effect on February 1.", "paraphrase")
    assert claim.dating.basis == "publication"


def test_spans_index_the_text_as_given_and_confidence_is_a_fraction():
    text = "Intro line.\n\nRuiz warned that talks could collapse. “We are very far apart on the details,” she said."
    for claim in claims(text):
        start, end = claim.span
        assert 0 <= start < end <= len(text)
        assert 0 < claim.confidence < 1
        if claim.quote:
            assert text[start:end] == claim.quote


def test_a_day_named_in_the_previous_sentence_dates_the_next_statement():
    text = "Protests spread across the capital on Sunday. Kent said the government would not back down."
    claim = only(text, "paraphrase")
    assert claim.dating.said_on == PartialDate.parse("2025-01-26") and claim.dating.phrase == "on Sunday"


def test_a_possessed_threat_is_its_owners_statement():
    text = "Testland disbanded two convoys, reportedly in response to Kent's threat of tariffs."
    speakers = {(c.kind, c.speaker.id) for c in claims(text)}
    assert ("action", "testland-government") in speakers and ("paraphrase", "bo-kent") in speakers


def test_coordinated_verbs_share_their_subject():
    text = "Kent signed the decree, deported the smugglers and imposed new duties on steel."
    assert {c.cue for c in claims(text) if c.kind == "action" and c.speaker.id == "bo-kent"} == {
        "signed", "deported", "imposed"}


@pytest.mark.parametrize("text", [
    "Kent raised concerns about the number of crossings at the border.",
    "Kent made it clear that the duties would stay in place for a year.",
    "Kent issued a statement on the talks with the neighbouring republic.",
])
def test_reporting_phrases_are_statements(text: str):
    assert only(text, "paraphrase").speaker.id == "bo-kent"


def test_saying_under_a_modal_is_advice_not_a_statement():
    text = "Testland should make it clear to its neighbour that it will not accept the new duties."
    assert not [c for c in claims(text) if c.speaker and c.speaker.id == "testland-government"]


def test_a_progressive_deed_is_the_subjects_not_a_passive():
    text = "Since January, Testland has been increasing controls at its southern border crossings."
    assert only(text, "action").speaker.id == "testland-government"


def test_a_deed_in_a_conditional_clause_is_a_hypothesis():
    text = "As long as Testland stops short of deploying troops to the border, the talks can go on."
    assert not [c for c in claims(text) if c.kind == "action"]


def test_responding_by_doing_something_is_an_action():
    text = "Testland responded by introducing a plan for its southern border with its neighbour."
    assert only(text, "action").speaker.id == "testland-government"
    assert not [c for c in claims(text) if c.kind == "paraphrase"]


def test_the_next_figures_keep_the_source_of_the_previous_sentence():
    text = ("According to Testland, its police deported 80,000 people between January and May. "
            "Over this period, its police also detained 400 people at the border.")
    stats = [c for c in claims(text) if c.kind == "statistic"]
    assert [c.speaker.id for c in stats] == ["testland-government", "testland-government"]


def test_an_unsigned_piece_is_found_in_the_registry_by_its_quoted_title():
    piece = Person("analysis-first-week", "Unsigned analysis “Kent's first week” (Capital dateline)", "organisation",
                   (), ("the analysis",))
    context = ArticleContext(PartialDate.parse("2025-01-28"), title="Kent's first week: what it means for Testland")
    text = "Testland could face a difficult year, and its exporters may suffer serious losses as a result."
    [claim] = extract(text, context, [*PEOPLE, piece]).claims
    assert claim.speaker.id == "analysis-first-week"


def test_a_present_perfect_statement_is_dated_to_the_publication_year():
    claim = only("Testland has said it will respond in kind to any new duties on its exports.", "paraphrase")
    assert claim.dating.said_on == PartialDate.parse("2025") and claim.dating.basis == "publication"


def test_the_articles_own_figures_are_dated_when_it_states_them_not_by_their_period():
    claim = only("In November alone, there were 250,000 detentions at the southern border.", "statistic")
    assert claim.dating.said_on == PartialDate.parse("2025-01") and claim.dating.basis == "publication"


def test_a_past_year_sets_the_scene_for_the_past_tense_narration_after_it():
    text = ("In 2014, Testland saw a surge of arrivals at its border. "
            "Kent asked his counterpart to boost security at the southern crossings.")
    assert only(text, "paraphrase").dating.said_on == PartialDate.parse("2014")


def test_officials_of_the_place_a_sentence_opens_with_speak_for_its_government():
    text = "Meanwhile, in Testland, officials demanded that the agents remove the handcuffs from the passengers."
    assert only(text, "paraphrase").speaker.id == "testland-government"


def test_a_possessed_statement_with_its_content_is_a_statement_wherever_it_stands():
    text = "Kent's statement that the duties would stay in place surprised the markets in the region."
    assert only(text, "paraphrase").speaker.id == "bo-kent"


def test_a_reduced_passive_of_saying_belongs_to_its_agent():
    text = "The agreements made public by Foreign Minister Ana Ruiz include three points on border security."
    assert only(text, "paraphrase").speaker.id == "ana-ruiz"
