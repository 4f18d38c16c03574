"""Extraction of paraphrases and actions: the writer's own verdicts, groups that speak, deeds named by nouns.

Every sentence here is written for the test in the style of news copy or an analysis piece; the registry is a
made-up country (the one of test_extract_news.py).
"""

from __future__ import annotations

import re

from bot.core.dates import PartialDate
from bot.core.extract import ArticleContext, extract
from bot.core.extract.names import alternation
from bot.infra.settings import PROJECT_ROOT
from tests.conftest import SEEDS_DIR, needs_seeds
from tests.core.test_extract_news import PEOPLE
from tests.core.test_extract_seeds import _bench

NEWS = ArticleContext(PartialDate.parse("2025-01-28"))
ANALYSIS = ArticleContext(PartialDate.parse("2025-01-28"), author="Jo Writer")


def speakers(text: str, kind: str, context: ArticleContext = ANALYSIS) -> list[str | None]:
    return [c.speaker.id if c.speaker else None for c in extract(text, context, PEOPLE).claims if c.kind == kind]


# --- the writer's own voice -------------------------------------------------------------------------------

def test_a_contrast_the_writer_draws_is_the_writers_claim():
    text = "However, the new checkpoints have done little to slow the number of people crossing the river."
    assert speakers(text, "paraphrase") == ["jo-writer"]
    text = "In the long run, however, both governments want the same thing from the talks on trade."
    assert speakers(text, "paraphrase") == ["jo-writer"]


def test_a_contrast_that_gives_advice_is_no_claim():
    text = "However, to be taken seriously, Testland must back its promises with money and staff."
    assert speakers(text, "paraphrase") == []


def test_a_contrast_that_notes_what_was_not_said_is_no_claim():
    assert speakers("However, the ministry did not say when the flights would resume.", "paraphrase", NEWS) == []


def test_a_contrast_that_narrates_past_events_is_no_claim():
    text = "However, the talks collapsed on Friday after the two sides failed to agree on a date."
    assert speakers(text, "paraphrase", NEWS) == []


def test_a_but_clause_that_judges_a_reported_promise_is_also_the_writers():
    text = "Kent vowed to lower taxes in his first year but has so far been unable to pass a budget."
    assert speakers(text, "paraphrase") == ["bo-kent", "jo-writer"]
    text = ("Kent has demanded that Northland police its ports more closely, but Northland has limited ability to "
            "do so with its small coast guard.")
    assert speakers(text, "paraphrase") == ["bo-kent", "jo-writer"]


def test_a_but_clause_that_narrates_or_has_its_own_speaker_adds_nothing():
    assert speakers("Kent said the talks would resume soon, but he gave no date for them.", "paraphrase") == ["bo-kent"]
    text = "Ruiz said the talks went well, but opposition lawmakers said they had failed completely."
    assert "jo-writer" not in speakers(text, "paraphrase")


def test_weighing_consequences_is_an_assessment():
    assert speakers("This will amount to a massive burden for the country's hospitals.", "paraphrase") == ["jo-writer"]
    text = "The order could open the door to raids across the border, undermining trust between the two capitals."
    assert speakers(text, "paraphrase") == ["jo-writer"]
    text = "Rather than a blanket levy, Kent may choose duties on a few goods without significantly raising prices."
    assert speakers(text, "paraphrase") == ["jo-writer"]


def test_plain_narration_is_no_assessment():
    assert speakers("Kent arrived in the capital on Monday for two days of talks with Ruiz.", "paraphrase") == []


# --- who speaks ---------------------------------------------------------------------------------------------

def test_a_statement_recounted_inside_another_is_the_first_speakers():
    text = "Ruiz described a tense call during which Kent promised to lift the tariffs within a month."
    assert speakers(text, "paraphrase", NEWS) == ["ana-ruiz"]


def test_a_pair_of_trades_speaks_as_one_group():
    found = [c for c in extract("Some farmers and exporters say the tariffs will hurt their business.", NEWS,
                                PEOPLE).claims]
    assert [(c.kind, c.speaker.id, c.speaker.kind) for c in found] == [
        ("paraphrase", "farmers-and-exporters", "group")]
    text = "Retailers warned on Monday that the levy would raise prices for households."
    assert speakers(text, "paraphrase", NEWS) == ["retailers"]


def test_a_trade_named_as_an_object_does_not_speak():
    assert speakers("The tariffs will hurt exporters and retailers, Kent said.", "paraphrase", NEWS) == ["bo-kent"]


def test_critics_of_something_are_the_critics():
    text = "Critics of the measure, however, say it will push up prices for households."
    assert speakers(text, "paraphrase", NEWS) == ["critics"]


def test_a_view_whose_holder_is_not_found_is_not_the_writers():
    text = "Many in the ruling party, however, say the levy will likely hurt them at the polls."
    assert "jo-writer" not in speakers(text, "paraphrase")


def test_expecting_is_a_stated_view():
    assert speakers("Analysts expect the talks to be long and difficult.", "paraphrase", NEWS) == ["analysts"]


def test_a_passive_with_no_agent_stays_unattributed():
    text = "The minister was widely criticized for failing to curb inflation."
    assert speakers(text, "paraphrase", NEWS) == [None]


def test_a_sentence_that_merely_mentions_a_person_is_not_their_statement():
    assert speakers("A portrait of Kent hangs in every school in the capital.", "paraphrase", NEWS) == []
    assert speakers("A portrait of Kent hangs in every school in the capital.", "action", NEWS) == []


# --- deeds named by nouns -----------------------------------------------------------------------------------

def test_a_visit_or_a_victory_is_its_named_owners_deed():
    assert speakers("It was Ruiz's third visit to the region this year.", "action", NEWS) == ["ana-ruiz"]
    text = "Following Kent's victory in the election, the currency rose to a two-year high."
    assert speakers(text, "action", NEWS) == ["bo-kent"]


def test_a_deed_to_come_or_owned_by_a_pronoun_is_no_action():
    assert speakers("Ahead of Kent's visit to Northland, the police closed the main square.", "action", NEWS) == []
    assert speakers("Kent's planned trip to Northland was called off.", "action", NEWS) == []
    assert speakers("His visit came after weeks of tension between the neighbours.", "action", NEWS) == []


def test_a_deed_in_the_background_leaves_the_writers_verdict():
    text = "The pressure from Kent's re-election makes it essential for Northland to rethink its trade policy."
    assert speakers(text, "action") == ["bo-kent"]
    assert speakers(text, "paraphrase") == ["jo-writer"]


def test_being_among_the_first_to_do_it_is_doing_it():
    text = "After the vote, Kent was among the first foreign leaders to congratulate the winner."
    assert speakers(text, "action", NEWS) == ["bo-kent"]
    assert speakers("Kent will be the first leader to visit the new port next year.", "action", NEWS) == []


def test_focusing_effort_is_a_deed():
    text = "The Testland government has focused its spending on the northern border."
    assert speakers(text, "action", NEWS) == ["testland-government"]


# --- the pattern helper ---------------------------------------------------------------------------------------

def test_a_prefix_factored_alternation_matches_what_a_plain_one_does():
    words = ["ally", "allies", "advocate", "advocates", "adviser", "a", "union", "unions", "owner"]
    factored = re.compile(r"\b(?:" + alternation(words) + r")\b")
    plain = re.compile(r"\b(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")\b")
    text = "a union of allies, advocates and an adviser; owners unionised ally advocate allied"
    assert [m.span() for m in factored.finditer(text)] == [m.span() for m in plain.finditer(text)]


# --- the seeds ------------------------------------------------------------------------------------------------

@needs_seeds
def test_paraphrases_keep_their_recall_and_precision_on_the_seeds():
    paraphrases = _bench().score(SEEDS_DIR, PROJECT_ROOT / "data", False, timed=False)["tally"]["paraphrase"]
    assert paraphrases["hit"] / paraphrases["gold"] >= 0.8
    assert paraphrases["hit"] / paraphrases["pred"] >= 0.85
    assert paraphrases["speaker"] / paraphrases["hit"] >= 0.95
