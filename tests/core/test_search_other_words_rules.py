"""Rules for questions in other words: everyday words the corpus lacks, the best answer among the claims of
the person asked about, the names of places a claim must hold, words asking for a percentage, and the
lexicon's general vocabulary."""

from __future__ import annotations

import pytest

from bot.core.models import NotFound
from bot.core.search.everyday import is_everyday
from bot.core.search.results import SearchAnswer
from tests.conftest import needs_seeds


async def _ids(core, question: str) -> list[str]:
    answer = await core.search(question, limit=5)
    return [] if isinstance(answer, NotFound) else [hit.view.claim.id for hit in answer.hits]


def test_everyday_words_are_listed_as_written():
    assert is_everyday("everything") and is_everyday("goes") and is_everyday("making") and is_everyday("like")
    assert not is_everyday("goods") and not is_everyday("news")  # a subject, not a form of "good" / "new"
    assert not is_everyday("steel") and not is_everyday("dairy")


@pytest.mark.parametrize(
    ("question", "claim"),
    [
        # "going", "looking", "get" are in no claim: they say how the question is put, not what it is about
        ("Mexico is going to hit back with its own tariffs", "mexico-vows-to-respond-in-kind-2019"),
        ("Brazil was looking to get the handcuffs off", "brazil-demands-handcuffs-removed"),
        # chat filler ("lol") says nothing of what is asked, with a slip beside it
        ("did trump ever actulay get his wall built lol", "fedirka-trump-wall-largely-unbuilt"),
        # "whats" is "what's" typed on a phone: a small word, not one a claim must hold
        ("the border wall whats up with it", "fedirka-trump-wall-largely-unbuilt"),
        # chat's "like" is filler, not a word a claim must hold
        ("blinkin went to mexico twice in like 3 months what for", "blinken-mexico-city-visit-dec-2023"),
    ],
)
async def test_everyday_words_the_corpus_lacks_do_not_block_the_answer(core, question, claim):
    assert claim in await _ids(core, question)


@pytest.mark.parametrize(
    "question",
    [
        "has Maduro finally accepted the deportation flights",
        "Milei says something about dollarization",
        "Trudeau keeps going on about dairy",
        "is Canada going to retaliate against US steel tariffs",
    ],
)
async def test_everyday_words_do_not_hide_what_the_corpus_lacks(core, question):
    assert isinstance(await core.search(question), NotFound)


@pytest.mark.parametrize(
    "question",
    [
        "did Trump revive the scheme that keeps asylum seekers waiting in Mexico",
        "Trump restored the policy of asylum seekers waiting in Mexico",
    ],
)
async def test_the_person_asked_about_is_answered_though_another_claim_shares_more_words(core, question):
    """A columnist's claim about asylum seekers waiting in Mexico holds more of the words; Trump's is the answer."""
    assert "trump-reinstates-remain-in-mexico" in await _ids(core, question)


@pytest.mark.parametrize(
    "question",
    [
        "Honduras deportation flights landed",  # Colombia's flights are not Honduras's
        "Cuba deportation flights",  # a name no claim holds
        "Ottawa retaliatory tariffs on American whiskey",  # Mexico's answer to US tariffs is not Canada's
    ],
)
async def test_a_claim_lacking_the_place_named_is_no_answer(core, question):
    assert await _ids(core, question) == []


@pytest.mark.parametrize(
    ("question", "claim"),
    [
        ("GOP held up money for Kyiv and Israel", "republicans-block-ukraine-israel-aid-dec-2023"),  # a body's alias
        ("Washington threatened duties on Mexican goods", "us-tariff-threat-over-migration-2019"),  # a synonym
        ("Mexican Senate will approve the new NAFTA", "mexican-senate-intends-to-ratify-usmca-2019"),  # acronym
        # the speaker's own affiliation in the registry: Fedirka is Geopolitical Futures' analyst (without the
        # source passages her claim holds too few of the question's other words to answer)
        pytest.param("According to Geopolitical Futures, what domestic political motive (re-election, his base) lay"
                     " behind Trump's 2019 tariff move against Mexico?", "fedirka-tariffs-aimed-at-domestic-audience",
                     marks=needs_seeds),
    ],
)
async def test_a_place_or_body_is_held_under_another_of_its_names(core, question, claim):
    assert claim in await _ids(core, question)


async def test_a_body_named_in_the_speakers_registry_titles_is_not_missing_from_their_claims(core):
    ranking = await core.lookups.engine.rank("According to Geopolitical Futures, were Trump's 2019 tariffs aimed at"
                                             " a domestic audience?")
    fedirka = [r for r in ranking.results if r.speaker_id == "allison-fedirka"]
    assert fedirka and all(r.names_missed == 0 for r in fedirka)
    others = [r for r in ranking.results if r.speaker_id != "allison-fedirka"]
    assert all(r.names_missed > 0 for r in others)  # the outlet is no place of theirs


@pytest.mark.parametrize(
    ("question", "claim"),
    [
        ("did Mexico say it would retaliate", "mexico-vows-to-respond-in-kind-2019"),  # measures of its own
        ("Trump attacked Biden's lax border policies", "trump-call-biden-open-border-concerns"),  # open-border
        ("the tariffs were aimed at voters at home", "fedirka-tariffs-aimed-at-domestic-audience"),
        ("Trump demonises Mexico to please his supporters", "fedirka-trump-vilifies-mexico-for-base"),  # his base
        ("critics found the December agreements too vague", "dec-2023-agreements-generic-criticism"),
        ("who got called the border czar and why were people critical of her?",  # critical of: criticised
         "harris-criticised-as-border-czar"),
        ("DHS calls Guatemala the main choke point", "dhs-guatemala-main-chokepoint-2019"),  # bottleneck
        ("DHS called Guate the main funnel for migrants", "dhs-guatemala-main-chokepoint-2019"),  # Guate, funnel
        pytest.param("Who in Washington cast Guatemala as the key funnel for Northern Triangle migration, and what was"
                     " the logic about sealing Guate's borders with Honduras and El Salvador?",
                     "dhs-guatemala-main-chokepoint-2019", marks=needs_seeds),  # McAleenan's claim is first without
        ("how many Mexicans backed expelling migrants right away", "april-2019-survey-refugees-expulsion"),
        ("is Mexico's man at the Washington embassy about to be recalled", "moctezuma-expected-to-be-replaced"),
        ("how many smugglers did Mexico lock up in 2019", "sre-400-smuggling-detentions-2019"),
        ("how much buying and selling goes on between the US and Mexico", "us-mexico-trade-800-billion-2024"),
        ("what did Biden pledge about the rule making asylum seekers wait in Mexico",  # the rule: the policy
         "biden-campaign-pledge-end-remain-in-mexico"),
        ("did Sheinbaum say the terror label tramples on Mexico's right to run its own affairs",  # sovereignty
         "sheinbaum-cartel-designation-affront-sovereignty"),
        ("is Mexico prepping for mass expulsions", "sre-ready-for-mass-deportations"),  # ready, deportations
        ("when were Trump's 2019 levies on Mexican goods meant to kick in",  # a rule taking effect
         "trump-5-percent-tariffs-2019"),
        ("how did the US shut down Remain in Mexico", "us-ends-remain-in-mexico-2022"),  # a programme ended
        ("which minister said Mexico's model is paying off", "de-la-fuente-model-working-well"),  # working well
        ("does Mexico help migrants who settle there find a livelihood", "mexico-jobs-for-migrants-who-stay"),
        ("what's the length of the line between Mexico and Guatemala", "guatemala-border-540-miles"),  # long
        ("where does Mexico draw the line in the sand on American forces",  # limits
         "mexico-refuses-us-forces-on-its-soil"),
        ("do NGOs say Mexico's interdiction is inconsistent with its professed humanitarian aims",  # contradicting
         "rights-advocates-criticise-mexico-controls"),
        ("Quick question: what was the Mexican foreign minister saying just after the American vote about whether"
         " the country's approach to migrants was paying off?", "de-la-fuente-model-working-well"),  # a model
        ("what did Mexican public opinion make of the migrants in 2019?",  # a survey
         "april-2019-survey-block-migrants"),
        ("was there pushback from members of Congress over the 2019 Mexico tariffs",  # lawmakers warned
         "us-businesses-lawmakers-tariffs-hurt-economy-2019"),
        ("do specialists think a security-only approach to migration is risky",  # experts
         "migration-experts-warn-security-first-risks"),
        ("Sheinbaum's diplomatic posture after the call: connection or closure?",  # her stance: bridges
         "sheinbaum-build-bridges"),
        ("a harder line on migrants from AMLO in 2019: what drove it",  # tougher
         "amlo-tougher-migration-approach-2019"),
        # "put ... into effect": started (not the claim about migrants who stay, whose article says they "remain
        # in Mexico" and whose text says "creating")
        ("when did Remain in Mexico start?", "trump-first-implemented-mpp-2019"),
        ("did Trump's team talk to Mexico behind the scenes about taking back deportees",  # informal channels
         "trump-transition-team-deportation-backchannels"),
    ],
)
async def test_general_news_vocabulary_finds_the_claim(core, question, claim):
    assert (await _ids(core, question))[:1] == [claim]


async def test_a_question_asking_for_a_percentage_finds_the_claim_with_one(core):
    """"what share", "by what percentage": any percentage figure of a claim answers that word."""
    answer = await core.search("by what percentage did arrests fall", limit=5)
    assert isinstance(answer, SearchAnswer), answer
    assert answer.hits[0].view.claim.id == "de-la-fuente-76-percent-drop-arrests"


@pytest.mark.parametrize("question", ["what share of Canadians support dairy quotas",
                                      "percentage of Venezuelans deported from Chile"])
async def test_a_percentage_asked_about_something_absent_is_still_nothing(core, question):
    assert isinstance(await core.search(question), NotFound)


def test_an_adverb_finds_its_adjective_and_back():
    from bot.core.search.forms import derivations

    assert "economic" in derivations("economically") and "economically" in derivations("economic")
    assert "heavy" in derivations("heavily") and "sharp" in derivations("sharply")


def test_a_preposition_is_no_form_of_a_verb():
    from bot.core.search.forms import forms, inflections

    assert "according" not in forms("accord") and "accorded" in forms("accord")  # a treaty is no "according to"
    assert "including" not in inflections("include") and "included" in inflections("include")


def test_a_short_nouns_plural_after_a_hiss_is_a_form_of_it():
    from bot.core.search.forms import inflections

    assert "bus" in inflections("buses") and "tax" in inflections("taxes") and "box" in inflections("boxes")
    assert "los" not in inflections("loses")  # as in Los Angeles: "loses" is lose's


@pytest.mark.parametrize("question", [
    "Who told Mexicans not to panic and to judge Trump by the documents he put his name to, and when?",
    "Sheinbaum said don't panic, look at what Trump signs",
])
async def test_urging_calm_and_signing_said_in_other_words_find_the_claim(core, question):
    # "don't panic" and "not to panic" are calm, "put his name to" is signed; the two phrases of the first
    # question share "to", which the question's terms hold once
    answer = await core.search(question, limit=5)
    assert isinstance(answer, SearchAnswer) and answer.hits[0].view.claim.id == "sheinbaum-keep-cool-head"


def test_an_irregular_form_is_read_as_its_lemma_only():
    from bot.core.search.forms import inflections

    assert "fly" in inflections("flown") and "flew" in inflections("flown")
    assert "flow" not in inflections("flown") and "flows" not in inflections("flown")  # deportees flown home


@pytest.mark.parametrize("question", ["which Latin American president refused US deportation flights",
                                      "Latin American leader who turned back the deportation planes"])
async def test_a_region_of_the_americas_is_an_adjective_not_a_place_a_claim_must_hold(core, question):
    # Petro's refusal does not say "Latin American", and "Latin" is no place of its own (nor is "American
    # president" one of the registry's US presidents after it)
    answer = await core.search(question, limit=5)
    assert isinstance(answer, SearchAnswer) and answer.hits[0].view.claim.id == "petro-refuses-us-deportation-flights"


async def test_a_plural_finds_the_claim_that_writes_the_singular(core):
    # the claim moves migrants "by bus or plane"
    question = "Is true that Mexico is transporting the foreign migrants in buses and airplanes toward the southern states?"
    assert (await _ids(core, question))[:1] == ["mexico-moves-migrants-south-tightens-southern-border"]


async def test_a_question_saying_how_finds_a_claim_saying_what(core):
    # the claim speaks of the threats' "economic" weight; the question asks how they hurt "economically"
    assert (await _ids(core, "Gilavci on why Trump's threats matter economically for Mexico"))[0] == \
        "gilavci-trump-threats-economic-stakes"


def test_a_phrase_led_by_a_short_irregular_verb_takes_its_forms():
    from bot.core.search.lexicon import head_forms

    assert {"going", "went", "gone"} <= head_forms("go") and head_forms("in") == frozenset({"in"})


async def test_idioms_find_the_words_a_claim_uses(core):
    # "teaming up" is cooperation and "going it alone" isolation; "rather" says how the question is put
    assert (await _ids(core, "Sheinbaum would rather be teaming up with the US than going it alone"))[0] == \
        "sheinbaum-cooperation-not-isolation"


@pytest.mark.parametrize(
    ("question", "claim"),
    [
        # a month is written with a capital by grammar: it names a time, not a place the claim lacks
        ("who won the presidential election in November", "trump-wins-2024-election"),
        ("which leaders congratulated Trump on his election win in November", "sheinbaum-congratulates-trump"),
    ],
)
async def test_a_month_is_no_place_the_claim_lacks(core, question, claim):
    assert (await _ids(core, question))[0] == claim


@pytest.mark.parametrize("question", ["Trudeau resigned in January", "Honduras deportation flights in March"])
async def test_a_month_does_not_hide_what_the_corpus_lacks(core, question):
    assert isinstance(await core.search(question), NotFound)


async def test_a_verb_no_claim_holds_finds_the_synonyms_of_its_noun(core):
    # no claim says "emigrate" in any form; its noun "emigration" is a synonym of the claim's "migration"
    assert (await _ids(core, "agreement to tackle why people emigrate"))[0] == \
        "us-mexico-agree-migration-root-causes-dec-2023"


def test_everyday_phrases_are_found_only_as_the_whole_run():
    from bot.core.search.everyday import everyday_runs

    assert everyday_runs("why people leave in the first place".split()) == {3, 4, 5, 6}
    assert everyday_runs("the first place migrants reach".split()) == set()  # "place" may be the subject


async def test_an_everyday_phrase_says_how_the_question_is_put(core):
    # "at the end of the day": "end" and "day" are not what is asked about (a claim says "a day before ...")
    assert (await _ids(core, "Sheinbaum congratulated Trump at the end of the day"))[0] == \
        "sheinbaum-congratulates-trump"


@pytest.mark.parametrize(
    ("question", "claim"),
    [
        ("Trump urged Mexico to stop the migrants", "trump-presses-mexico-migration-or-economic-penalty"),  # rein in
        ("when did Sheinbaum and Trump first speak", "sheinbaum-trump-first-call-after-election"),  # conversation
        ("the two governments will jointly tackle why people emigrate",  # jointly -> together
         "us-mexico-agree-migration-root-causes-dec-2023"),
    ],
)
async def test_everyday_verbs_and_adverbs_find_the_claims_words(core, question, claim):
    assert (await _ids(core, question))[0] == claim


async def test_a_country_named_is_held_by_its_adjective_a_persons_name_is_taken_as_written(core):
    # "Mexico" names the Mexican government in the registry, and is a country: "Mexican authorities" hold it.
    # "Trump" is a person: no synonyms.
    ranking = await core.lookups.engine.rank("what did Trump want from Mexico")
    alts = {g.term.text: g.alts for g in ranking.groups}
    assert "mexican" in alts["mexico"] and set(alts["trump"]) == {"trump"}


@pytest.mark.parametrize(("question", "claim"), [
    ("Mexico accept to be a país tercero seguro for the migrants who are not mexicans?", "mexico-not-safe-third-country"),
    ("how many mexicanos sin papeles live in Estados Unidos", "four-million-undocumented-mexicans-in-us"),
    ("did Sheinbaum say naming the cárteles terroristas attacks Mexico's soberanía",
     "sheinbaum-cartel-designation-affront-sovereignty"),
    ("the presidenta wants to give empleo to migrants", "sheinbaum-halt-migration-provide-employment"),
    ("how many consulados Mexico have in Estados Unidos", "mexico-53-consulates-in-us"),
    # a whole question in Spanish: its small words ("cuánto", "se", "por", "con") are small words, not slips
    ("cuánto se perdía por día con los cruces cerrados", "coparmex-100-million-daily-closure-loss"),
    ("qué porcentaje del comercio de México son exportaciones a Estados Unidos",
     "mexico-exports-to-us-80-percent-of-trade"),
    ("los riesgos de la designación de los carteles para las empresas", "analysis-cartel-designation-risks-firms"),
    ("el Senado iba a ratificar el T-MEC durante el pleito de aranceles", "mexican-senate-intends-to-ratify-usmca-2019"),
    # "the gringos": the Americans, and the US
    ("que porcentaje of Mexico's trade goes to the US? everybody says México depends on the gringos",
     "mexico-exports-to-us-80-percent-of-trade"),
])
async def test_spanish_words_of_the_beat_find_the_claim(core, question, claim):
    # a Latin American correspondent writing in English types the beat's words in Spanish
    answer = await core.search(question, limit=5)
    assert isinstance(answer, SearchAnswer) and answer.hits[0].view.claim.id == claim


async def test_a_year_the_question_names_is_held_by_a_claim_said_that_year(core):
    # "2023" is a word of the question (a bare number is no figure): a claim said in 2023 holds it in its date
    ranking = await core.lookups.engine.rank("Blinken visit to Mexico City 2023")
    assert next(g for g in ranking.groups if g.term.text == "2023").when == "2023"
    assert "2023" in next(r for r in ranking.results if r.claim_id == "blinken-mexico-city-visit-dec-2023").matched


def test_a_word_placing_a_time_in_a_period_is_a_small_word():
    from bot.core.analysis.terms import prepare, words
    from bot.core.search.everyday import everyday_runs

    run = words(prepare("what Blinken flew to Mexico City for at the end of 2023"))
    assert {run[i] for i in everyday_runs(run)} == {"end", "of"}
    run = words(prepare("what led to the end of the program"))  # there the end is what is asked about
    assert everyday_runs(run) == set()


def test_someones_view_and_the_askers_framing_are_small_words():
    from bot.core.analysis.terms import prepare, words
    from bot.core.search.everyday import everyday_runs

    # "Fedirka's read on the spat": the spat is asked about; that it is her view, her name says
    run = words(prepare("Quick one: what's Fedirka's read on the spat, in terms of motives?"))
    assert {run[i] for i in everyday_runs(run)} == {"quick", "one", "read", "on", "in", "terms", "of"}
    run = words(prepare("did anyone read the decree"))  # a verb on its own is no view
    assert everyday_runs(run) == set()


async def test_a_comment_or_remark_is_a_saying_word_not_a_subject(core):
    # In a bot about who said what, "comment" is how the question is put, as "said" and "statement" are
    assert (await _ids(core, "sheinbaum 'cool head' comment - what was that about"))[:1] == [
        "sheinbaum-keep-cool-head"]
    assert await _ids(core, "Ebrard's remarks on the 2026 World Cup") == []


def test_latin_abbreviations_are_small_words():
    from bot.core.analysis.terms import query_terms

    assert all(t.stop for t in query_terms("e.g. i.e. etc. aka"))


@needs_seeds  # the plan's Spanish name is in the article's passage
async def test_a_latin_abbreviation_does_not_make_a_question_one_about_something_absent(core):
    answer = await core.search("Quantitative indicators of enforcement under the 2014 Programa Frontera Sur, e.g. "
                               "monthly raids and apprehensions in Chiapas, Oaxaca and Tabasco", limit=5)
    assert isinstance(answer, SearchAnswer) and answer.hits[0].view.claim.id == "southern-border-plan-raids-doubled"


@needs_seeds  # the employers' group and "every day" are in Coparmex's source passage
async def test_a_long_question_is_answered_by_the_claim_holding_what_it_asks(core):
    # 20 words that are not small words, most of them how it is put ("okay", "newsletter", "reckon", "every
    # single"): the claim holds less than a third of its weight, enough for a question this long
    question = ("okay, quick one for the newsletter: when the Americans closed those two rail crossings in Texas at"
                " the end of 2023, what did the Mexican employers group reckon it was costing every single day?")
    assert "coparmex-100-million-daily-closure-loss" in await _ids(core, question)


async def test_a_long_question_about_something_absent_is_still_nothing(core):
    question = ("so the whole remittances thing, like, did Sheinbaum ever come out and say what she'd do if"
                " Washington slapped a tax on the money Mexicans wire back home to their families?")
    assert isinstance(await core.search(question), NotFound)


@pytest.mark.parametrize(
    "question",
    ["remittances sent home by Mexicans living in the US in 2024, how much money",
     "what did Mexico agree to in june 2019 to get the tariffs called off, was the national guard part of it"],
)
async def test_a_word_of_the_beat_no_claim_holds_outweighs_the_setting_the_claims_share(core, question):
    # the question's other words (Mexicans in the US, 2024, money; June 2019, the tariffs) are the setting of
    # claims about trade totals and the tariff threat; what it asks about (remittances, the National Guard) is
    # a subject of the beat no claim mentions
    assert isinstance(await core.search(question), NotFound)


def test_the_share_a_claim_must_hold_falls_with_the_questions_length():
    from bot.core.analysis.terms import QueryTerm
    from bot.core.search.engine import Group, _other_words_cover
    from bot.core.search.thresholds import OTHER_WORDS_COVER, OTHER_WORDS_COVER_FLOOR, OTHER_WORDS_LONG

    def question(content: int, small: int = 5) -> list[Group]:
        return [Group(QueryTerm(f"w{i}", ()), {}, 1) for i in range(content)] + \
            [Group(QueryTerm(f"s{i}", (), stop=True), {}, 1) for i in range(small)]

    assert _other_words_cover(question(OTHER_WORDS_LONG)) == OTHER_WORDS_COVER
    assert _other_words_cover(question(OTHER_WORDS_LONG + 5)) == \
        pytest.approx(OTHER_WORDS_COVER * OTHER_WORDS_LONG / (OTHER_WORDS_LONG + 5))
    assert _other_words_cover(question(10 * OTHER_WORDS_LONG)) == OTHER_WORDS_COVER_FLOOR


async def test_a_region_of_the_americas_is_one_phrase_not_the_us(core):
    # "Central Americans" are not Americans of the US: the words are one phrase, held only as that run
    ranking = await core.lookups.engine.rank("protection claims of Central Americans bound for the US")
    alts = {g.term.text: g.alts for g in ranking.groups}
    assert "central americans" in alts and not {"us", "united states"} & set(alts["central americans"])
    assert "americans" not in alts  # no group of its own standing for the US


def test_a_claim_far_ahead_of_every_other_needs_less_of_the_question():
    from bot.core.analysis.terms import QueryTerm
    from bot.core.search.engine import ACCEPT, Group, Ranked, _in_other_words
    from bot.core.search.thresholds import CLEAR_LEAD, OTHER_WORDS_COVER, OTHER_WORDS_COVER_LEADING

    groups = [Group(QueryTerm(word, (word,)), {word: 1.0}, 3, weight=1.0) for word in ("a1", "b1", "c1", "d1")]
    cover = (OTHER_WORDS_COVER + OTHER_WORDS_COVER_LEADING) / 2  # between the two bars

    def ranked(lead: float) -> list[Ranked]:
        top = Ranked(1, "top", "x", "2024-01-01", 40.0, ("a1", "b1", "c1"), cover)
        return [top, Ranked(2, "next", "y", "2024-01-01", 40.0 - lead, ("a1",), 0.1)]

    assert _in_other_words(groups, ranked(CLEAR_LEAD))[0].score == ACCEPT  # far ahead: an answer
    assert _in_other_words(groups, ranked(CLEAR_LEAD / 2))[0].score < ACCEPT  # close to the next: not


async def test_spanish_names_of_an_embassy_and_its_head_find_the_claim(core):
    ids = await _ids(core, "what did the embajador of Mexico in Washington say")
    assert "analysis-mexico-needs-strong-ambassador" in ids[:2]


def test_the_states_with_its_capital_is_the_united_states():
    from bot.core.analysis.terms import query_terms

    assert "us" in {q.text for q in query_terms("Mexicans living in the States without papers")}
    assert "us" not in {q.text for q in query_terms("raids in the States of Chiapas and Oaxaca")}  # Mexico's
    assert "us" not in {q.text for q in query_terms("the states along the border")}  # no capital: any states


def test_a_short_verbs_ending_takes_its_e():
    from bot.core.search.forms import bases, inflections

    assert "live" in bases("living") and "rule" in bases("ruled") and "vote" in bases("voting")
    assert "live" in inflections("lived")
    assert bases("using") == {"using"}  # "us" + e is no verb of three letters


def test_a_short_verb_that_keeps_its_last_consonant_is_found_under_its_ending():
    from bot.core.search.forms import bases, inflections

    # "pledged to end it": a question asking about "ending" the policy, or who "asked" or "aimed", holds the verb
    assert "end" in bases("ending") and "ask" in bases("asked") and "aim" in bases("aimed") and "fix" in bases("fixes")
    assert "end" in inflections("ended") and "vow" in bases("vowed")
    # ... but a verb that would double it is the one with an e: "cared" is care, "timed" is time
    assert "car" not in bases("cared") and "tim" not in bases("timed") and "care" in bases("cared")


def test_hearsay_and_the_askers_now_are_how_a_question_is_put():
    from bot.core.search.everyday import everyday_runs

    words = "i keep hearing that mexico deported 80500 people".split()
    assert everyday_runs(words) == {0, 1, 2}
    assert everyday_runs("heard on the radio that tariffs rose".split()) == {1, 2, 3}
    assert everyday_runs("how many right now".split()) == {2, 3}
    assert everyday_runs("mexico takes deportees is that accurate".split()) == {3, 4, 5}
    assert everyday_runs("the radio station".split()) == set()  # the radio itself may be the subject


async def test_everyday_words_for_people_and_calm_find_the_claim(core):
    calm = await _ids(core, "Sheinbaum said no panic about Trump's orders")
    assert calm[:1] == ["sheinbaum-keep-cool-head"]
    ranking = await core.lookups.engine.rank("folks sent back to Mexico")
    assert "people" in next(g for g in ranking.groups if g.term.text == "folks").alts


async def test_a_plan_is_a_program(core):
    # "Mexico Embraces You" is a plan in the claim; a reader asks about a program
    ids = await _ids(core, "What is Mexico's welcome-back program for deported people")
    assert ids[:1] == ["mexico-embraces-you-reception-centers"]


async def test_a_region_named_for_its_countries_is_held_by_each(core):
    # the Northern Triangle is Guatemala, Honduras and El Salvador: the DHS claim names Guatemala
    ids = await _ids(core, "Did DHS single out one Northern Triangle country as the main bottleneck")
    assert ids[:1] == ["dhs-guatemala-main-chokepoint-2019"]


async def test_newsroom_and_colloquial_words_for_criticism_and_designations(core):
    from bot.core.analysis.terms import query_terms

    ranking = await core.lookups.engine.rank("the VP who got roasted as the border czar")
    assert "criticised" in next(g for g in ranking.groups if g.term.text == "roasted").alts
    assert {"foreign", "terrorist", "organizations"} <= {q.text for q in query_terms("cartels labelled FTOs")}


def test_what_the_asker_needs_it_for_is_how_the_question_is_put():
    from bot.core.search.everyday import everyday_runs

    assert everyday_runs("brazil handcuffs need details for a post".split()) == {2, 3, 4, 5, 6}
    assert everyday_runs("a post at the embassy".split()) == set()


async def test_a_body_named_with_its_head_in_a_question_names_the_people_heading_it(core):
    ranking = await core.lookups.engine.rank("what did the SRE chief say about arrests")
    sre = next(g for g in ranking.groups if g.term.text == "sre")
    assert {"juan-ramon-de-la-fuente", "mexican-foreign-ministry"} <= sre.persons
    assert next(g for g in ranking.groups if g.term.text == "chief").persons == sre.persons  # not a word to hold
    plain = await core.lookups.engine.rank("what did the SRE say about arrests")
    assert next(g for g in plain.groups if g.term.text == "sre").persons == {"mexican-foreign-ministry"}
    question = "Which SRE chief said in Nov. 2024 that CBP apprehensions were down roughly three-quarters?"
    assert (await _ids(core, question))[:1] == ["de-la-fuente-76-percent-drop-arrests"]
    running = await core.lookups.engine.rank("what was the guy running Homeland Security saying about Guatemala")
    assert "kevin-mcaleenan" in next(g for g in running.groups if g.term.text == "homeland").persons
    led = await core.lookups.engine.rank("the raids led by the SRE")
    assert next(g for g in led.groups if g.term.text == "sre").persons == {"mexican-foreign-ministry"}


def test_chat_shorthand_is_read_out_and_politeness_is_how_a_question_is_put():
    from bot.core.analysis.terms import query_terms

    terms = {t.text: t.stop for t in query_terms("Sheinbaum response to cartels listed as terrorist orgs pls")}
    assert "organizations" in terms and terms["please"]  # "orgs" as a claim writes it; "please" asks nothing
    assert [t.text for t in query_terms("Latin American govts")] == ["latin", "american", "governments"]
    assert {t.text: t.stop for t in query_terms("Kindly provide the figure, thanks")}["kindly"]


def test_spanish_small_words_are_small_words_and_a_memo_shorthand_is_read_out():
    from bot.core.analysis.terms import query_terms

    terms = {t.text: t.stop for t in query_terms("como se cerraron los cruces de tren durante la crisis")}
    assert all(terms[w] for w in ("como", "se", "los", "de", "durante", "la"))
    assert not terms["cruces"] and not terms["tren"]
    assert [t.text for t in query_terms("WH pressure on GOM, UKR/ISR aid")] == [
        "white", "house", "pressure", "on", "government", "of", "mexico", "ukraine", "israel", "aid"]


async def test_a_spanish_word_is_not_corrected_into_an_english_one(core):
    # "tren" is a train, not a slip for "then" (in a question asked in Spanish, read as "train"); "como" is not
    # "come"
    ranking = await core.lookups.engine.rank("como se cerraron los cruces de tren en Texas")
    alts = {g.term.text: set(g.alts) for g in ranking.groups}
    tren = alts.get("tren") or alts["train"]
    assert "then" not in tren and {"rail", "trains"} <= tren
    assert not alts["como"] - {"como"}


async def test_a_staffers_shorthand_finds_the_claim(core):
    # the Republicans' hold on the aid, beside the border talks it was tied to (first with the articles' text)
    found = await _ids(core, "did UKR and ISR aid get held up over the border")
    assert "republicans-block-ukraine-israel-aid-dec-2023" in found[:2]


async def test_a_relayed_half_memory_is_asked_for_what_it_remembers(core):
    # a librarian passing on a patron's question: the patron and their memory are how it is put
    answer = await core.search("a patron vaguely remembers Mexico's refugee agency losing money, how much was cut",
                               limit=5)
    assert isinstance(answer, SearchAnswer) and answer.hits[0].view.claim.id == "comar-budget-cut-20-percent-2019"


def test_where_the_asker_will_say_it_is_how_the_question_is_put():
    from bot.core.analysis.terms import prepare, words
    from bot.core.search.everyday import everyday_runs, is_everyday

    run = words(prepare("we keep joking on the pod about the border czar"))
    assert {run[i] for i in everyday_runs(run)} == {"on", "the", "pod"}
    assert is_everyday("joking") and is_everyday("remembers") and not is_everyday("czar")
    run = words(prepare("the pod of whales off Baja"))  # a pod that is not a show is a word of the question
    assert not everyday_runs(run)


@pytest.mark.parametrize(("question", "claim"), [
    ("was there an uptick in AMLO's approval during the 2019 tariff fight", "amlo-approval-rises-june-2019"),  # rise
    ("how many sites will Mexico open to receive deportees", "mexico-embraces-you-reception-centers"),  # centres
])
async def test_everyday_nouns_of_change_and_place_find_the_claims_words(core, question, claim):
    assert (await _ids(core, question))[0] == claim


def test_a_producers_framing_is_how_the_question_is_put():
    from bot.core.analysis.terms import prepare, words
    from bot.core.search.everyday import everyday_runs, is_everyday

    run = words(prepare("throwback for our package: find me the 2019 border threat, numbers if you have them"))
    assert {run[i] for i in everyday_runs(run)} == {"for", "our", "package", "find", "me", "if", "you", "have", "them"}
    assert is_everyday("throwback")


async def test_a_percentage_no_claim_holds_is_a_figure_remembered_wrong(core):
    # a fact-checker's 67% for de la Fuente's 76%: the claim with the right figure answers, and says it
    question = "Mexican FM de la Fuente said arrests were down 67% since the December before. Is 67 right?"
    answer = await core.search(question, limit=5)
    assert isinstance(answer, SearchAnswer), answer
    assert answer.hits[0].view.claim.id == "de-la-fuente-76-percent-drop-arrests"
    ranking = await core.lookups.engine.rank(question)
    wrong = next(g for g in ranking.groups if g.term.figure and "67pct" in g.term.alternatives)
    assert wrong.percent and not wrong.alts
    # a hedged share keeps its own range: "nearly six in ten" is about 60%, not any percentage
    hedged = await core.lookups.engine.rank("nearly six in ten Mexicans felt migrants made things worse")
    assert all(not g.percent or g.near for g in hedged.groups if g.term.figure)


@pytest.mark.parametrize(
    ("question", "claim"),
    [
        # OTM: a migrant "other than Mexican"; an acronym's plural ("OTMs") is still an acronym, not a place
        ("how many OTMs did Mexico remove between Dec 18 and May 19", "sre-80500-deportations-dec-2018-may-2019"),
        # BP: the Border Patrol
        ("how many people did BP pick up in november 2023", "border-patrol-250000-detentions-nov-2023"),
    ],
)
async def test_border_patrol_shorthand_finds_the_claim(core, question, claim):
    answer = await core.search(question, limit=5)
    assert isinstance(answer, SearchAnswer), answer
    assert answer.hits[0].view.claim.id == claim


@pytest.mark.parametrize(
    ("question", "claim"),
    [
        ("AMLO approval numbers", "amlo-approval-rises-june-2019"),  # its figures are the numbers
        ("AMLO approval numbers during the 2019 tariff fight", "amlo-approval-rises-june-2019"),
    ],
)
async def test_a_keyword_naming_figures_is_held_by_a_claims_figure(core, question, claim):
    assert (await _ids(core, question))[:1] == [claim]


async def test_a_keyword_naming_figures_is_not_held_by_a_claim_without_one(core):
    # AMLO's own claims on migration hold no figure: they are not the "numbers" asked for
    answer = await core.search("AMLO migration numbers", limit=5)
    hits = [] if isinstance(answer, NotFound) else answer.hits
    assert all(hit.view.claim.figures for hit in hits), [hit.view.claim.id for hit in hits]


def test_how_much_room_asks_how_far_not_for_a_figure():
    from bot.core.search.engine import AMOUNT_ASKED

    asked = [match.group(1) for text in ("how much room does she have", "how much leverage", "how much say")
             for match in AMOUNT_ASKED.finditer(text)]
    assert asked == []
    assert [m.group(1) for m in AMOUNT_ASKED.finditer("how much of the trade, how much money, how many")] == \
        ["much", "much", "many"]


async def test_a_question_of_how_far_is_answered_by_a_claim_without_a_figure(core):
    answer = await core.search("How much room does Sheinbaum have to resist the return of MPP, and what would going"
                               " along with it cost Mexico?", limit=5)
    assert isinstance(answer, SearchAnswer), answer
    assert answer.hits[0].view.claim.id == "analysis-sheinbaum-little-choice-on-mpp"


async def test_the_place_the_asker_is_in_is_not_a_place_the_claim_must_name(core):
    # "here in Tucson" says where the asker is; Mexico's answer to the tariffs does not name Tucson
    ids = await _ids(core, "here in Tucson folks are asking: did Mexico say it would hit back with its own tariffs?")
    assert ids[:1] == ["mexico-vows-to-respond-in-kind-2019"]
    # named otherwise, a place is still one the claim must hold
    assert isinstance(await core.search("did Mexico hit back at Tucson with its own tariffs?"), NotFound)


def test_contractions_of_would_and_will_are_small_words():
    from bot.core.analysis.terms import query_terms

    assert all(q.stop for q in query_terms("there'd they'll who'd you've"))


@pytest.mark.parametrize(("question", "claim"), [
    # AMLO dates the question: the counts are the foreign ministry's and Fedirka's, made in his time in office
    ("how many Central Americans did Mexico send back in AMLO's first half year?", "sre-80500-deportations-dec-2018-may-2019"),
    ("what happened to refugee agency funding under AMLO in 2019?", "comar-budget-cut-20-percent-2019"),
])
async def test_a_person_named_to_date_the_question_need_not_be_in_the_claim(core, question, claim):
    assert claim in (await _ids(core, question))[:2]


async def test_a_person_dates_a_question_only_for_their_time_in_office(core):
    from bot.core.search.engine import _dating_names, _named

    engine = core.lookups.engine
    people = await engine.people()

    async def dating(question: str) -> dict:
        groups = (await engine.rank(question)).groups
        return _dating_names(question, _named(groups, people), groups, people)

    assert await dating("what did Sheinbaum say in Trump's first week back") == {
        "trump": [("2017-01-20", "2021-01-20"), ("2025-01-20", "9999")]}  # his presidencies, not his campaigns
    assert list(await dating("what did the foreign ministry say under AMLO")) == ["amlo"]
    assert await dating("what did AMLO say about Trump") == {}  # named as who spoke, and about whom


def test_a_label_before_a_colon_is_not_part_of_a_name():
    from bot.core.search.engine import names_written

    assert names_written("Verify: Sheinbaum spoke to Trump") == {"sheinbaum", "trump"}
    assert names_written("Elon Musk tariffs") == {"elon", "musk"}  # a name first is still a name


def test_post_before_a_word_is_after_it():
    from bot.core.analysis.terms import query_terms

    typed = [q.text for q in query_terms("post-election call")]
    assert "after" in typed and "post" not in typed
    assert "post" in [q.text for q in query_terms("her post on X")]


@pytest.mark.parametrize(("question", "claim"), [
    # what the asker needs it for, and asking for the specifics, are how the question is put; a rate is a share
    ("What share of Mexico's overall trade is with the US? Need it for a client deck",
     "mexico-exports-to-us-80-percent-of-trade"),
    ("the specifics of the 2019 tariff on Mexico: what rate, and when was it supposed to kick in?",
     "trump-5-percent-tariffs-2019"),
])
async def test_a_consultants_request_finds_the_claim(core, question, claim):
    assert (await _ids(core, question))[:1] == [claim]


def test_a_sentences_common_first_word_is_no_place():
    from bot.core.search.engine import _common_first_word

    assert "need" in _common_first_word("trade with the US? Need it for a deck")
    assert _common_first_word("Is it true? Ottawa said so") == set()  # a name the dictionary knows only as one
    assert _common_first_word("the U.S. Border Patrol said") == set()  # an initial's full stop ends no sentence


async def test_a_rate_asks_for_a_percentage(core):
    groups = (await core.lookups.engine.rank("what rate was the 2019 tariff")).groups
    assert next(g for g in groups if g.term.text == "rate").percent


def test_a_places_name_is_a_name_in_lower_case_and_a_common_word_is_not():
    from bot.core.search.thesaurus import is_place_name

    assert is_place_name("canada") and is_place_name("tijuana") and is_place_name("honduras")
    assert not is_place_name("turkey") and not is_place_name("china") and not is_place_name("reading")


async def test_a_place_typed_in_lower_case_that_the_claim_lacks_is_not_answered_by_it(core):
    # typed as in a chat: "honduras" is the country the question asks about, as "Honduras" would be; a claim about
    # Mexico receiving its own deportees does not answer it
    assert isinstance(await core.search("what did honduras say about taking back its deportees"), NotFound)


@pytest.mark.parametrize("question", [
    "didn't Trump hold off on the Mexico tariffs for a month in early Feb 2025 once Sheinbaum agreed to send around"
    " 10,000 troops to the border?",
    "so Trump paused the tariffs on Mexico in Feb 2025 after Sheinbaum promised to put about 10,000 soldiers on the"
    " border, right?",
])
async def test_a_hedged_figure_no_claim_holds_is_what_the_question_is_about(core, question):
    # "around 10,000 troops": hedged, it is still the count asked about; a claim with no count at all (the
    # February 1 tariffs, an analysis of targeted tariffs) does not answer it in other words
    assert isinstance(await core.search(question), NotFound)


def test_a_name_written_with_a_digit_is_a_name_whole():
    from bot.core.search.engine import names_written

    # "SB4" (a Texas law), "H1B" (a visa): the capital makes them names, digits and all, as the index spells them
    assert {"sb4", "texas"} <= names_written("what did the SRE say about the SB4 law in Texas")
    assert "h1b" in names_written("changes to H1B visas") and "sb" not in names_written("the SB4 law")


def test_versus_spanish_pa_and_time_say_how_a_question_is_put():
    from bot.core.analysis.terms import query_terms

    terms = {t.text: t.stop for t in query_terms("Biden v. Texas decision, before vs after, pa' los deportados")}
    assert terms["v"] and terms["vs"] and terms["pa"]  # a case's "v.", a comparison's "vs", Mexican "pa'" (para)
    assert is_everyday("time") and not is_everyday("timeline")


async def test_the_national_guard_is_a_force_of_its_own_not_any_troops(core):
    # no claim mentions the National Guard: a question about it is not answered by claims about soldiers
    for question in ("National Guard deployment to the southern border after the June 2019 deal",
                     "how many National Guard soldiers did Sheinbaum send north in 2025"):
        assert isinstance(await core.search(question), NotFound), question
    answer = await core.search("did Trump send soldiers to seal the border")
    assert not isinstance(answer, NotFound) and answer.hits[0].view.claim.id == "trump-orders-troops-seal-border"


@pytest.mark.parametrize("question", ["need a Sheinbaum soundbite on her first call with Trump after he won",
                                      "Sheinbaum's exact words on her first call with Trump after he won"])
async def test_asking_for_someones_own_words_finds_what_they_said_verbatim(core, question):
    # "soundbite", "exact words": no claim holds the word, a direct quote answers it (it is no absent subject)
    answer = await core.search(question)
    assert isinstance(answer, SearchAnswer) and answer.hits[0].view.claim.id == "sheinbaum-call-extremely-sincere"


async def test_how_a_request_is_put_is_not_what_it_asks_about(core):
    # "wondering", "summarize", "verify" say how the question is put; no claim holds them, and that is no
    # sign the question is about something absent
    assert is_everyday("wondering") and is_everyday("summarize") and is_everyday("verify")
    answer = await core.search("wondering about the Trump transition's informal outreach to Mexico City and San"
                               " Salvador about accepting removed migrants")
    assert isinstance(answer, SearchAnswer)
    assert answer.hits[0].view.claim.id == "trump-transition-team-deportation-backchannels"


@pytest.mark.parametrize(("question", "claim"), [
    # who asks (the host's listeners) and how often is not what is asked; "the knock on her" is the criticism
    ("my listeners constantly ask what the knock on Kamala Harris as border czar was", "harris-criticised-as-border-czar"),
    ("what was the knock on Harris when she handled the border", "harris-criticised-as-border-czar"),
])
async def test_the_askers_audience_and_an_idiom_of_criticism_find_the_claim(core, question, claim):
    assert claim in await _ids(core, question)


async def test_the_broadcaster_a_fact_checker_heard_it_on_is_not_what_is_asked(core):
    # "Univision" is written with a capital and no claim holds it: where the asker saw it, not a place the
    # claim must name
    question = "saw on Univision that Trump brought back Remain in Mexico, true?"
    assert "trump-reinstates-remain-in-mexico" in await _ids(core, question)


async def test_the_figure_asked_for_is_an_amount_and_a_key_figure_a_person(core):
    # "the dollar figure" asks for an amount: the claim giving 2024's trade in dollars, before the one that
    # gives a share of it and holds "total"
    found = await _ids(core, "dollar figure on total US-Mexico trade for 2024")
    assert found[:1] == ["us-mexico-trade-800-billion-2024"]
    # a key figure is someone: a claim holding any figure is not the answer for being one
    question = "who was the key figure announcing the December 2023 migration agreements on the Mexican side"
    assert "remain-in-mexico-75000-stranded" not in await _ids(core, question)


@pytest.mark.parametrize("question", ["tom homan soundbites", "any soundbites from tom homan about mexico"])
async def test_asking_for_soundbites_of_someone_absent_is_still_nothing(core, question):
    # "homan" reads as a slip for "human", and any direct quote holds "soundbites": a quote of Sheinbaum on
    # humane treatment is not Tom Homan's, whom the corpus does not quote
    assert isinstance(await core.search(question), NotFound)
