"""Questions in everyday English the curated claims do not use: general synonyms (WordNet-derived thesaurus),
shares written in words ("eight in ten"), and a slipped name in a long question."""

from __future__ import annotations

import pytest

from bot.core.analysis.terms import query_terms
from bot.core.models import NotFound
from bot.core.search import thesaurus
from bot.core.search.lookups import respelled
from bot.core.search.thesaurus import lemmas, synonyms
from tests.conftest import needs_seeds


async def _answer(core, question: str):
    return await core.search(question, limit=5)


async def _ids(core, question: str) -> list[str]:
    answer = await _answer(core, question)
    return [] if isinstance(answer, NotFound) else [hit.view.claim.id for hit in answer.hits]


def test_the_thesaurus_gives_common_senses_of_a_word_in_any_form():
    assert "sincere" in synonyms("genuine")
    assert "bureau" in synonyms("agencies")  # the plural finds the noun's entry
    assert "deal" not in synonyms("softwood")  # a rare sense of the other word ("deal": a fir board)
    assert "agency" in lemmas("agencies") and "strict" in lemmas("stricter") and "big" in lemmas("bigger")
    assert synonyms("sheinbaum") == [] and synonyms("qwzx") == []


def test_without_the_thesaurus_file_words_simply_have_no_english_synonyms(tmp_path, monkeypatch):
    monkeypatch.setattr(thesaurus, "PATH", tmp_path / "missing.txt")
    monkeypatch.setattr(thesaurus, "_table", None)
    monkeypatch.setattr(thesaurus, "_proper", frozenset())
    assert synonyms("genuine") == []


def test_the_thesaurus_file_is_well_formed():
    lines = [line for line in thesaurus.PATH.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert len(lines) > 70_000  # every single word WordNet knows; some 37k of them with synonyms
    assert all(line.count("\t") == 1 and line.split("\t")[0].isalpha() for line in lines)
    assert sum(bool(line.split("\t")[1]) for line in lines) > 30_000
    # a proper noun only is written with its capital (Ottawa), a common word in lower case (ballpark)
    written = {line.split("\t")[0] for line in lines}
    assert {"Ottawa", "Honduras", "ballpark", "regard"} <= written and "ottawa" not in written
    assert "Princeton University" in thesaurus.PATH.read_text(encoding="utf-8")  # the license notice travels with it


@pytest.mark.parametrize(
    ("question", "claim"),
    [
        # "genuine" is in no claim; its common synonym "sincere" is
        ("did Sheinbaum find her conversation with Trump genuine", "sheinbaum-call-extremely-sincere"),
    ],
)
async def test_a_word_no_claim_holds_finds_a_claim_through_its_english_synonym(core, question, claim):
    assert claim in await _ids(core, question)


@pytest.mark.parametrize(
    "question",
    [
        "what did Trudeau say was genuine about the dairy quotas",  # the subject is absent: a synonym is no answer
        "Giorgia Meloni genuine migrant centres in Albania",
    ],
)
async def test_an_english_synonym_does_not_make_an_absent_subject_an_answer(core, question):
    assert isinstance(await _answer(core, question), NotFound)


@pytest.mark.parametrize(
    ("typed", "term"),
    [
        ("eight in ten of its exports", "80pct"),
        ("nearly six in ten Mexicans", "60pct"),
        ("one out of every five migrants", "20pct"),
        ("8 out of 10 people", "80pct"),
        ("four-fifths as many claims", "80pct"),
        ("two thirds of voters", "67pct"),
        ("three-quarters", "75pct"),
        ("about half of the migrants", "50pct"),
        ("four out of every five dollars", "80pct"),  # the dollars are the share's, not a sum of $5
    ],
)
def test_a_share_written_in_words_is_a_percentage(typed, term):
    shares = [t for t in query_terms(typed) if t.proportion]
    assert [t.alternatives for t in shares] == [(term,)]
    assert [t for t in query_terms(typed) if t.figure and not t.proportion] == []


@pytest.mark.parametrize(
    "typed",
    ["a safe third country agreement", "the first half of 2019", "one half", "in 2019 Mexico", "in three of the five cases",
     "half a million people"],
)
def test_words_that_are_not_a_share_stay_words(typed):
    assert not any(t.proportion for t in query_terms(typed))


@pytest.mark.parametrize(("typed", "share"), [("almost 60 percent of them", True), ("about 80% of exports", True),
                                             ("60 percent of them", False), ("the 25% tariffs", False)])
def test_a_hedged_percentage_is_a_share_and_a_plain_one_is_exact(typed, share):
    assert [t.proportion for t in query_terms(typed) if t.figure] == [share]


async def test_a_hedged_percentage_finds_the_claim_with_a_close_one(core):
    # the claim says 58.2 percent; "felt", "made" and "worse" are everyday words that weigh little
    question = "almost 60 percent of Mexicans felt migrants had made their area worse"
    assert "april-2019-survey-block-migrants" in await _ids(core, question)


async def test_a_share_in_words_finds_the_claim_with_that_percentage(core):
    assert "mexico-exports-to-us-80-percent-of-trade" in await _ids(core, "eight in ten Mexican exports go to the US")


async def test_a_slip_in_a_question_in_other_words_answers_as_read_and_says_so(core):
    # with "mexcian" read as typed the answer is only a suggestion; read as the index spells it, it answers
    answer = await _answer(core, "the Mexcian Senate says it will approve the new NAFTA")
    assert not isinstance(answer, NotFound)
    assert answer.hits[0].view.claim.id == "mexican-senate-intends-to-ratify-usmca-2019"
    assert ("mexcian", "mexican") in answer.corrections


def test_the_respelled_question_keeps_its_capitals():
    assert respelled("Is Esteban Montezuma leaving?", [("montezuma", "moctezuma")]) == "Is Esteban Moctezuma leaving?"
    assert respelled("sheinbuam tarifs", [("sheinbuam", "sheinbaum")]) == "sheinbaum tarifs"
    assert respelled("nothing to fix", [("sheinbuam", "sheinbaum")]) is None


@pytest.mark.parametrize(("typed", "term"), [("140k requests", "140000"), ("3.5m migrants", "3500000"), ("$5k", "usd5000")])
def test_a_scale_written_onto_the_number_is_read(typed, term):
    assert term in next(t for t in query_terms(typed) if t.figure).alternatives


def test_a_scale_letter_apart_from_the_number_is_not_guessed():
    assert not any("5000" in t.alternatives for t in query_terms("5 k"))



@pytest.mark.parametrize(("typed", "meant"), [("soldeirs", "soldier"), ("dorpped", "drop"), ("arersted", "arrest"),
                                             ("bseides", "besides"), ("forntier", "frontier"),
                                             # a doubled letter on the wrong letter is one slip, not two
                                             ("harrass", "harass"), ("ocurred", "occur"), ("permitts", "permit")])
def test_a_slipped_english_word_is_corrected_to_the_word_meant(typed, meant):
    assert thesaurus.correct(typed) == meant


@pytest.mark.parametrize("typed", ["soldier", "dropped", "tariffs", "zqxvbnm", "abc"])
def test_a_word_or_a_form_of_one_or_no_word_at_all_is_not_corrected(typed):
    assert thesaurus.correct(typed) is None


async def test_a_slip_in_a_word_no_claim_holds_is_read_as_meant(core):
    # "soldiers" is in no claim ("troops" is): the index cannot correct "soldeirs", the dictionary can
    answer = await _answer(core, "soldeirs sent to shut the border")
    assert not isinstance(answer, NotFound)
    assert answer.hits[0].view.claim.id == "trump-orders-troops-seal-border"
    assert ("soldeirs", "soldier") in answer.corrections


async def test_a_doubled_letter_on_the_wrong_letter_is_read_as_the_word_the_index_holds(core):
    # "tarrif" is two edits from "tariff", but one slip: the 2019 threat of 5% is what was asked
    answer = await _answer(core, "when was the 5% tarrif on goods from Mexico supposed to kick in back in 2019?")
    assert not isinstance(answer, NotFound)
    assert answer.hits[0].view.claim.id == "trump-5-percent-tariffs-2019"
    assert ("tarrif", "tariff") in answer.corrections


async def test_a_run_of_unknown_words_is_not_corrected_into_an_answer(core):
    assert isinstance(await _answer(core, "zorblat quindexes the border"), NotFound)


async def test_a_city_named_after_its_country_is_held_by_a_claim_naming_the_country(core):
    # the claim says "his second trip to Mexico": Mexico City is in Mexico
    assert "blinken-mexico-city-visit-dec-2023" in await _ids(core, "Blinken visit to Mexico City")


async def test_the_place_before_city_must_still_be_held(core):
    assert isinstance(await _answer(core, "Panama City deportation flights"), NotFound)


async def test_a_distance_asked_in_kilometres_finds_the_claim_in_miles(core):
    assert (await _ids(core, "how many kilometres long is the border with Guatemala"))[:1] == ["guatemala-border-540-miles"]


@pytest.mark.parametrize("typed", ["cannot", "can't", "won't"])
def test_a_negated_auxiliary_is_a_small_word_not_a_subject(typed):
    assert [t.stop for t in query_terms(typed)] == [True]


@pytest.mark.parametrize(("typed", "read"), [("Sheinbaum 1st call w/ Trump", ["sheinbaum", "first", "call", "with", "trump"]),
                                            ("MX envoy", ["mexico", "envoy"]), ("govt admin", ["government", "administration"]),
                                            ("how many ppl r deported rn",
                                             ["how", "many", "people", "are", "deported", "now"]),
                                            ("trade btwn the us n mexico", ["trade", "between", "the", "us", "and", "mexico"]),
                                            ("the vp on the border", ["the", "vice", "president", "on", "border"]),
                                            ("#RemainInMexico back?", ["remain", "in", "mexico", "back"]),
                                            ("#MPP #BorderCrisis", ["mpp", "border", "crisis"]),
                                            ("@SecBlinken on the wall", ["sec", "blinken", "on", "the", "wall"]),
                                            ("mx foreign min", ["mexico", "foreign", "minister"]),
                                            ("sec of state", ["secretary", "of", "state"]),
                                            ("min wage", ["min", "wage"]),  # a minimum, not a minister
                                            ("POTUS EOs day 1", ["president", "executive", "orders", "day", "1"]),
                                            ("SCOTUS on the SW border xings",
                                             ["supreme", "court", "on", "the", "southwest", "border", "crossings"]),
                                            ("btw imo CDMX", ["btw", "imo", "mexico", "city"]),
                                            ("encounters FY2024", ["encounters", "2024"]),  # a budget year
                                            ("CY 2023 arrests", ["2023", "arrests"]), ("fy24 budget", ["2024", "budget"])])
def test_newsroom_and_chat_shorthand_is_read_as_the_word_claims_write(typed, read):
    assert [t.text for t in query_terms(typed)] == read


async def test_of_two_words_as_close_to_a_slip_the_one_differing_in_a_doubled_letter_is_meant(core):
    # "imigration" is one letter from both "immigration" and "migration" (the commoner word)
    answer = await _answer(core, "how many cases are stuck in us imigration courts")
    assert not isinstance(answer, NotFound) and ("imigration", "immigration") in answer.corrections


@pytest.mark.parametrize(("typed", "term"), [("budget cut by a fifth", "20pct"), ("spending cut by a tenth", "10pct"),
                                             ("arrests rose by a quarter", "25pct")])
def test_a_change_by_a_fraction_is_a_share(typed, term):
    assert [t.alternatives for t in query_terms(typed) if t.proportion] == [(term,)]


def test_a_third_country_after_by_is_not_a_share():
    assert not any(t.proportion for t in query_terms("migrants taken in by a third country"))


async def test_a_cut_by_a_fraction_finds_the_claim_with_that_percentage(core):
    assert (await _ids(core, "COMAR budget cut by a fifth"))[:1] == ["comar-budget-cut-20-percent-2019"]


async def test_a_policy_asked_by_its_other_name_finds_the_claims_that_use_the_usual_one(core):
    # claims say "Remain in Mexico"; its official name is the Migrant Protection Protocols
    assert (await _ids(core, "did Trump bring back the Migrant Protection Protocols"))[:1] == [
        "trump-reinstates-remain-in-mexico"]


@needs_seeds
async def test_the_united_states_written_out_is_the_us_claims_write(core):
    # "United States" is one name: the claim says "the US"; before, each of its two words was held by any claim
    # of the US government, which outranked the claim about Mexico's consulates (read with its source passage)
    assert (await _ids(core, "number of Mexican consular offices across the United States"))[:1] == [
        "mexico-53-consulates-in-us"]


async def test_a_question_in_chat_shorthand_finds_what_it_asks_about(core):
    answer = await _answer(core, "who was the vp ppl said dropped the ball on the border")
    assert not isinstance(answer, NotFound) and answer.hits[0].view.claim.id == "harris-criticised-as-border-czar"
    answer = await _answer(core, "by how much did arrests fall according to mexico's foreign min")
    assert not isinstance(answer, NotFound) and answer.hits[0].view.claim.id == "de-la-fuente-76-percent-drop-arrests"


@pytest.mark.parametrize(("question", "claim"), [
    ("what did POTUS order on his first day about troops at the SW border", "trump-orders-troops-seal-border"),
    ("did the CDMX govt complain about the closed rail xings", "mexico-raises-rail-crossing-closures-dec-2023"),
])
async def test_a_question_in_capitol_hill_shorthand_finds_the_claim(core, question, claim):
    # shorthand.txt: POTUS, SW, CDMX, xings are words no claim writes; each is read as the words it stands for
    assert claim in await _ids(core, question)


@pytest.mark.parametrize(("question", "claim"), [
    # "convo" is chat shorthand for the conversation no claim calls a convo
    ("convo between sheinbaum and trump after the vote, what adjective did she pick", "sheinbaum-call-extremely-sincere"),
    # being unhappy with someone is being upset with them: criticising (the treatment is in the claim's passage)
    pytest.param("were rights groups unhappy with Mexico's treatment of migrants",
                 "rights-advocates-criticise-mexico-controls", marks=needs_seeds),
])
async def test_chat_shorthand_and_everyday_displeasure_find_the_claim(core, question, claim):
    assert claim in await _ids(core, question)


@pytest.mark.parametrize(("typed", "person"), [("@Claudiashein", "claudia-sheinbaum"),
                                               ("@lopezobrador_", "andres-manuel-lopez-obrador")])
async def test_a_public_figures_social_media_handle_names_them(core, typed, person):
    answer = await core.who(typed)
    assert answer.person.id == person
    found = await _answer(core, f"{typed} wants to stop migrants down south and give them jobs")
    assert not isinstance(found, NotFound)


@pytest.mark.parametrize(("question", "claim"), [
    # being mad at someone is criticising them; "overall" says how much, not what
    pytest.param("why were people so angry at Kamala over the border", "harris-criticised-as-border-czar",
                 marks=needs_seeds),
    ("what share of Mexico's overall trade relies on sales to the US?", "mexico-exports-to-us-80-percent-of-trade"),
])
async def test_everyday_words_of_anger_and_of_totals(core, question, claim):
    assert (await _ids(core, question))[:1] == [claim]


async def test_being_angry_at_someone_stands_for_criticising_them(core):
    lexicon = await core.lookups.engine.lexicon()
    assert {"criticize", "fault"} <= set(lexicon["mad at"]) and "criticize" in lexicon["angry with"]


async def test_a_name_written_out_weighs_as_the_way_claims_write_it(core):
    # most claims write "the US": "the United States" in a question is no rarer a word than that
    def weights(groups):
        return {g.term.text: g.weight for g in groups}
    written_out = weights((await core.lookups.engine.rank("trade war between Mexico and the United States")).groups)
    short = weights((await core.lookups.engine.rank("trade war between Mexico and the US")).groups)
    assert written_out["united states"] == short["us"] < written_out["trade war"] / 2


async def test_a_possessive_typed_without_its_apostrophe_reads_as_the_name(core):
    assert "trump" in {g.term.text for g in (await core.lookups.engine.rank("trumps border czar")).groups}
    assert "sheinbaum" in {g.term.text for g in (await core.lookups.engine.rank("sheinbaums post on X")).groups}
    written = await _ids(core, "AMLO's approval after the 2019 crackdown")
    assert written and await _ids(core, "amlos approval after the 2019 crackdown") == written


def test_a_word_beside_another_no_claim_holds_is_a_name_not_a_slip():
    # "tom homan": the index would read "homan" as "human" (a word claims hold), and a question about someone
    # absent was answered by claims about humane treatment; a word of the beat beside it is no name's part
    from bot.core.analysis.terms import QueryTerm
    from bot.core.search.engine import Group, Ranking
    from bot.core.search.lexicon import Lexicon
    from bot.core.search.lookups import _slips_of_the_index

    def group(word: str, alts: dict[str, float], guessed: bool = False) -> Group:
        return Group(QueryTerm(word, (word,)), alts, 1 if alts else 0, guessed=guessed)

    lexicon = Lexicon.from_groups([("complain", "complaint", "protest")])
    absent_name = Ranking(corrections=[("homan", "human")], groups=[
        group("tom", {}), group("homan", {"human": 0.6}, guessed=True), group("deportations", {"deportations": 1.0})])
    assert _slips_of_the_index(absent_name, set(), lexicon) == []
    slipped = Ranking(corrections=[("brasl", "brazil")], groups=[
        group("brasl", {"brazil": 0.6}, guessed=True), group("complained", {}), group("flight", {"flights": 1.0})])
    assert _slips_of_the_index(slipped, set(), lexicon) == [("brasl", "brazil")]
