"""When a question in other words is answered: a claim far ahead of every other that holds what the question is
about (its heaviest word that is not a name), even with few of the question's words, but never when the question
holds words no claim does or names someone the claim is not by or about; a long question whose every score is
diluted; an English word read as a slip only for a common word; of three people named, a claim by one of them."""

from __future__ import annotations

import pytest

from bot.core.models import NotFound
from bot.core.search import thesaurus
from bot.core.search.results import SearchAnswer
from tests.conftest import needs_seeds


async def _ids(core, question: str) -> list[str]:
    answer = await core.search(question, limit=5)
    return [] if isinstance(answer, NotFound) else [hit.view.claim.id for hit in answer.hits]


@pytest.mark.parametrize(
    ("question", "claim"),
    [
        # one claim holds "nationalities"; "going", "take" and "people" are in many (its lead over the rest is
        # read with the source passages, which are the user's articles)
        pytest.param("is Mexico going to take people of other nationalities", "mexico-not-safe-third-country",
                     marks=needs_seeds),
        ("Sheinbaum: bridges, not walls", "sheinbaum-build-bridges"),
    ],
)
async def test_the_one_claim_holding_what_the_question_is_about_answers_it(core, question, claim):
    assert (await _ids(core, question))[:1] == [claim]


@pytest.mark.parametrize(
    "question",
    [
        "peso exchange rate visas",  # a claim holds "in exchange" and "visas", but nothing holds "peso"
        "Ebrard wants bridges not walls",  # the bridges are Sheinbaum's
        "Kamala Harris tariff plan",  # the one claim about Harris holds only her name
    ],
)
async def test_a_lead_is_no_answer_when_the_question_is_about_something_else(core, question):
    assert isinstance(await core.search(question, limit=5), NotFound)


async def test_an_english_word_in_lower_case_is_not_read_as_a_slip(core):
    # "water" is no claim's word, and one letter from "later": asked again as "later treaty border", one claim
    # about agreements would lead. An English word is what the question is about, not a slip.
    assert thesaurus.is_word("water") and thesaurus.is_word("selling") and not thesaurus.is_word("tarrifs")
    answer = await core.search("water treaty border", limit=5)
    assert isinstance(answer, NotFound)


async def test_a_long_question_in_other_words_is_answered_though_its_many_words_dilute_every_score(core):
    # Every claim scores under the suggestion floor (the question has 20 words, the claim's sequence is not
    # its own), but the columnist's claim holds its words in other words: the rule weighs it before the floor.
    question = ("How many people seeking asylum ended up stranded in Mexican territory while Remain in Mexico "
                "was in force, per the late-2023 op-ed?")
    assert (await _ids(core, question))[:1] == ["remain-in-mexico-75000-stranded"]


async def test_an_english_word_is_read_as_a_slip_only_for_a_word_many_claims_hold(core):
    answer = await core.search("In her November 2024 piece for the Ankara think tank, what did Gilavci argue about why"
                               " Mexico has to take Trump's threats seriously given how much its economy depends on"
                               " the American market?", limit=5)
    assert not isinstance(answer, NotFound) and answer.hits[0].view.claim.id == "gilavci-trump-threats-economic-stakes"
    assert answer.corrections == ()  # not "Read “tank” as “task”, “depends” as “defends”": few claims hold those
    answer = await core.search("the boarder wall", limit=5)
    assert not isinstance(answer, NotFound) and ("boarder", "border") in answer.corrections


async def test_of_three_people_named_a_claim_by_one_about_another_answers(core):
    # Trump's claim about Biden's border, made on the call with Sheinbaum (the claim does not name her)
    answer = await core.search("What did Trump tell Sheinbaum about Biden's border policy?", limit=5)
    assert not isinstance(answer, NotFound) and answer.hits[0].view.claim.id == "trump-call-biden-open-border-concerns"


async def test_of_three_people_named_a_claim_by_someone_else_is_no_answer(core):
    # López Obrador's claim mentions Sheinbaum and Trump, but he is not who was asked about
    answer = await core.search("What did Blinken tell Sheinbaum about Trump's tariffs?", limit=5)
    assert isinstance(answer, NotFound)


@needs_seeds  # without the source passages the transition team's claim holds fewer words of others: it answers
async def test_a_long_question_nothing_answers_still_offers_its_closest_claims(core):
    # 18 words: every score is diluted under the usual floor for a "did you mean"; the closest is offered
    question = ("Was there proof that the incoming team used back-door routes with San Salvador and Mexico City"
                " about those countries taking the people the US throws out?")
    answer = await core.search(question, limit=5)
    assert isinstance(answer, NotFound) and answer.suggestions
    assert answer.suggestions[0].startswith("Trump transition team: ")


@pytest.mark.parametrize(("question", "claim"), [
    ("which analyst said Mexico has to take Trump's threats seriously since it depends on the US market",
     "gilavci-trump-threats-economic-stakes"),
    ("Turkish think tank on Mexico's humane talk and harsh practice", "gilavci-practice-contradicts-humane-goals"),
])
async def test_a_source_described_by_what_it_is_finds_its_claims(core, question, claim):
    # the registry knows Gılavcı as an analyst of ANKASAM, the Ankara think tank
    assert (await _ids(core, question))[:1] == [claim]


async def test_the_analyst_names_both_analysts_not_one_of_them_silently(core):
    answer = await core.who("the analyst")
    names = {answer.person.id, *(other.id for other in answer.alternatives)}
    assert names == {"allison-fedirka", "ayse-azra-gilavci"}


async def test_a_governments_claim_speaks_for_the_president_who_led_it_then(core):
    # the registry dates "the López Obrador administration" as a name of the Mexican government (2018-2024)
    question = "did Lopez Obrador say Mexico would still ratify the USMCA"
    assert (await _ids(core, question))[:1] == ["mexico-intends-to-ratify-usmca-2019"]
    # the same claim of 2019 is not Sheinbaum's: she led no government then
    assert "mexico-intends-to-ratify-usmca-2019" not in await _ids(core, question.replace("Lopez Obrador", "Sheinbaum"))


async def test_a_question_asking_for_an_amount_is_answered_by_a_claim_holding_a_figure(core):
    # The returnees' promise of help holds the question's "receive" and "deported"; the nine reception centres
    # hold the number asked for.
    question = "how many places is Mexico setting up on the border to receive people deported from the US?"
    assert (await _ids(core, question))[:1] == ["mexico-embraces-you-reception-centers"]


async def test_a_question_asking_for_an_amount_is_not_answered_in_other_words_by_a_claim_without_one(core):
    # Two claims hold "Mexicans", "Trump" and "second term", the question's setting; none holds a number of
    # deportations in his first hundred days. Without the figure they are no answer.
    question = ("How many Mexicans were actually deported from the US during the first hundred days of Trump's "
                "second term?")
    assert isinstance(await core.search(question, limit=5), NotFound)


async def test_a_role_dated_by_then_or_former_names_its_holders(core):
    # "Mexico's then president" is Mexico's president: Blinken's pledge to reopen crossings, which holds the most
    # of the question's words, is not what a Mexican president promised.
    ids = await _ids(core, "When did Mexico's then president promise the frontier crossings would not be shut again?")
    assert "amlo-no-more-border-closures-dec-2023" in ids
    assert "blinken-pledges-reopen-border-crossings-dec-2023" not in ids


@pytest.mark.parametrize("question", [
    "What words did Mexico's president use for her initial talk with Trump after he won the election?",
    "How the president Sheinbaum described the first talk she had with Trump after his victory in the elections?",
    "Which word did Sheinbaum pick for her first call with Trump once he had won?",  # one word asked for
])
async def test_a_question_asking_for_someones_words_is_answered_first_by_their_quote(core, question):
    # Several claims are about that first call (when it was, that it happened); the one that quotes her words
    # ("extremely sincere") is what was asked.
    assert (await _ids(core, question))[:1] == ["sheinbaum-call-extremely-sincere"]


@pytest.mark.parametrize("question", [
    "how much money does Mexico give each returnee",
    "what cash do deportees get from the Mexican government",
])
async def test_a_question_naming_money_is_held_by_a_sum_of_money(core, question):
    # The claim says "$100", not "money" or "cash": a sum of money holds the word, as a percentage holds "share".
    assert (await _ids(core, question))[:1] == ["mexico-embraces-you-100-dollar-cards"]


async def test_a_currency_written_short_names_money(core):
    # "in USD", "$bn": the sum of money is asked for, so the $800 billion comes before the 80 percent share
    assert (await _ids(core, "Mexico US trade 2024 total in USD"))[:1] == ["us-mexico-trade-800-billion-2024"]
    ranking = await core.lookups.engine.rank("US-Mexico bilateral trade 2024 total, $bn")
    assert {g.term.text: g.money for g in ranking.groups}["bn"]


@pytest.mark.parametrize("question", ["under the Embraces You plan, how much money does each deportee get",
                                      "the Mexico te abraza program: how much money each deported person receive",
                                      "how much money is each returnee given under the reception plan"])
async def test_an_amount_of_money_asked_is_a_sum_of_money_not_any_figure(core, question):
    # The reception centres' claim names the plan and holds a figure (nine centres), but no sum of money: it
    # does not answer how much money.
    assert "mexico-embraces-you-reception-centers" not in (await _ids(core, question))


@needs_seeds  # the cards' source passage holds more of its words
async def test_an_amount_of_money_asked_finds_the_sum_of_money(core):
    question = "the Mexico te abraza program: how much money each deported person receive"
    assert (await _ids(core, question))[:1] == ["mexico-embraces-you-100-dollar-cards"]


@pytest.mark.parametrize("question", [
    pytest.param("total value of US-Mexico trade in 2024", marks=needs_seeds),  # "total" is the share's word
    "how much is US-Mexico trade worth",
])
async def test_the_value_or_worth_of_something_is_a_sum_of_money(core, question):
    # Two claims are about the trade between them; the one with the sum ($800 billion) is its value, the one with a
    # share (80 percent of Mexico's exports) is not.
    assert (await _ids(core, question))[:1] == ["us-mexico-trade-800-billion-2024"]


async def test_a_latin_american_president_is_not_a_president_of_the_united_states(core):
    # "American president" is a role of the registry (Obama, Trump, Biden); after "South" or "Latin" it is not.
    ids = await _ids(core, "which South American president refused the US deportation flights")
    assert ids[:1] == ["petro-refuses-us-deportation-flights"]


async def test_an_english_word_the_index_holds_as_a_noun_of_its_verb_is_not_a_slip(core):
    # "treat" is no claim's word, one letter from "threat", which many claims hold; claims hold "treatment".
    lookups = core.lookups
    ranking = await lookups.engine.rank("how does Mexico treat migrants")
    assert ("treat", "threat") not in ranking.corrections


async def test_an_adverb_saying_how_the_question_is_put_is_not_what_it_asks_about(core):
    # "initially" is no claim's word; "greet" is a word of the welcome group.
    assert (await _ids(core, "did Mexico initially greet the caravans"))[:1] == ["mexico-welcomes-first-caravans-2018"]


async def test_what_the_asker_heard_or_read_is_not_what_the_question_is_about(core):
    # "I heard" says where the asker got it; no claim holds "heard", and it must not count as a subject the corpus
    # lacks
    ranking = await core.lookups.engine.rank("I heard Petro blocked the planes")
    assert next(g for g in ranking.groups if g.term.text == "heard").term.stop


@needs_seeds  # "blocked" is the article's word, in the claim's source passage
async def test_what_the_asker_heard_does_not_keep_a_question_from_its_answer(core):
    assert (await _ids(core, "I heard Petro blocked the planes"))[:1] == ["petro-refuses-us-deportation-flights"]


async def test_of_two_people_named_a_claim_by_or_about_the_first_the_questions_subject_answers(core):
    # Trump dates the question ("days after Trump won"); the minister's claim need not name him
    ids = await _ids(core, "did Mexico's foreign minister say, days after Trump won, that border arrests had fallen")
    assert ids[:1] == ["de-la-fuente-76-percent-drop-arrests"]
    # ... and so does a claim about the first (Fedirka on AMLO's approval); but a claim by the one named after is
    # no answer about the first: Trump's tariffs are not AMLO's polls
    ids = await _ids(core, "Did AMLO's popularity really tick up to about 64% in June 2019, in the tariff fight with Trump?")
    assert ids[:1] == ["amlo-approval-rises-june-2019"] and "trump-5-percent-tariffs-2019" not in ids


async def test_a_body_named_before_the_one_person_named_is_the_questions_subject(core):
    # the SRE's claim need not name Trump: "once Donald Trump takes over" dates the question
    question = "did the SRE say anything about getting ready for mass removals once Donald Trump takes over"
    assert (await _ids(core, question))[:1] == ["sre-ready-for-mass-deportations"]
    assert "coparmex-100-million-daily-closure-loss" in \
        await _ids(core, "what did Coparmex say the rail closures cost before Biden left office")


async def test_a_figure_few_claims_hold_identifies_what_it_counts(core):
    # "cabinet member", "slip" and "spots" are no claim's words; 370 is Sánchez Cordero's count
    question = "which cabinet member counted 370 spots where people slip across the Guatemala line unchecked"
    assert (await _ids(core, question))[:1] == ["sanchez-cordero-370-illegal-crossings-2019"]
    # a small count identifies nothing: "2" is in too many things
    assert isinstance(await core.search("which cabinet member met 2 spots where people slip unchecked"), NotFound)


async def test_a_figure_no_claim_holds_says_the_question_is_about_something_else(core):
    # "25%" is the February tariffs' figure, but no claim records a 30-day pause or 10,000 troops: those
    # figures are what the question is about
    question = "did Trump pause the 25% aranceles for 30 days after Sheinbaum agreed to send 10,000 Guardia Nacional troops"
    assert isinstance(await core.search(question), NotFound)


async def test_a_figure_identifies_nothing_when_most_of_the_question_is_words_no_claim_holds(core):
    # "25%" is the February tariffs' figure, but steel, aluminum, metals and exempt are what the question asks
    # about, and no claim holds them
    assert isinstance(await core.search("are Mexican steel and aluminum exempt from the 25% metals tariffs"), NotFound)


async def test_a_date_and_everyday_words_held_are_not_the_question_held_in_other_words(core):
    # The troops ordered to the border were said on 20 January 2025: they hold "Jan" and "2025" (every claim of
    # that day does), "already" (many claims do) and "shut down" of the rest. The app and the appointments are
    # what the question asks about.
    question = "CBP One shut down on Jan 20 2025, what happened to folks who already had appointments"
    assert isinstance(await core.search(question), NotFound)


async def test_a_claim_said_years_from_the_year_a_question_names_does_not_answer_it_in_other_words(core):
    # The criticism of Harris as "border czar" was written in 2024; her 2021 trip is another event. A year
    # misremembered by a year or two still finds it.
    assert isinstance(await core.search("What did Kamala Harris say to migrants on her 2021 trip to Guatemala?"),
                      NotFound)
    assert (await _ids(core, "was Harris slammed as the border czar in 2023"))[:1] == ["harris-criticised-as-border-czar"]


async def test_a_word_of_the_beat_no_claim_holds_says_the_question_is_about_something_absent(core):
    # "remesas" (remittances) is a word of the beat's lexicon and no claim holds it: the $800 billion of trade in
    # 2024 holds "money" and 2024, but the question is about what migrants send home
    question = "How much money in remesas the Mexicans in United States they sent to their families in 2024?"
    assert isinstance(await core.search(question), NotFound)


@pytest.mark.parametrize("question", ["Regarding deportation flights, did Petro refuse them",
                                      "Following the tariff threat, did Petro refuse the deportation flights"])
async def test_a_common_word_first_is_no_place_the_claim_must_hold(core, question):
    # its capital is grammar's; "Ottawa" or "Honduras" first is still a place (the dictionary knows them only as
    # names)
    assert (await _ids(core, question))[:1] == ["petro-refuses-us-deportation-flights"]
    assert thesaurus.is_common_word("regarding") and not thesaurus.is_common_word("honduras")


async def test_asking_who_the_one_person_named_is_what_was_said_about_not_the_speaker(core):
    # the columnist's claim says "the December agreements", not Blinken: asking who said it, Blinken is its topic
    question = "Who said the accords from Blinken's December 2023 trip to Mexico City were vague rehashed promises?"
    assert (await _ids(core, question))[:1] == ["dec-2023-agreements-generic-criticism"]
    # not asking who, the person named is still who the claim must be by or about
    assert "petro-refuses-us-deportation-flights" not in await _ids(core, "Blinken on deportation flights")


async def test_asking_which_president_a_governments_claim_is_no_answer(core):
    # the Mexican government's claim of December 2023 speaks for López Obrador's administration, but asking
    # which president said it wants the person: his own claim answers
    question = "Which Mexican president assured in December 2023 that the crossings into the US would not be shut again?"
    answer = await core.search(question, limit=5)
    assert isinstance(answer, SearchAnswer), answer
    assert answer.hits[0].view.claim.id == "amlo-no-more-border-closures-dec-2023"
    assert answer.hits[0].view.speaker_name == "Andrés Manuel López Obrador"


async def test_two_questions_in_one_are_each_answered_when_both_can_be(core):
    # no claim holds enough of both: the reception centres answer the first, the $100 cards the second
    question = ("Under Mexico's welcome program for people sent back from the US, how many intake sites are planned "
                "along the frontier and how much cash does each returnee get loaded onto a card?")
    assert set((await _ids(core, question))[:2]) == {"mexico-embraces-you-reception-centers",
                                                     "mexico-embraces-you-100-dollar-cards"}
    # a part about something absent makes the whole a question about it
    question = ("how many reception sites is Mexico opening along the border, and what did Governor Greg Abbott say "
                "about his buoy barrier?")
    assert isinstance(await core.search(question), NotFound)


def test_a_part_that_only_refers_back_or_speaks_of_the_asker_is_no_question_of_its_own():
    from bot.core.search.filters import split_questions

    assert split_questions("In early 2025 a president refused US deportation planes. Who was it, and what day?") == [
        "In early 2025 a president refused US deportation planes."]
    assert split_questions("Who warned the tariffs would hurt the US economy? I need a guest for my segment.") == [
        "Who warned the tariffs would hurt the US economy?"]
    assert len(split_questions("What happened to COMAR's funding in 2019, and how fast were asylum filings growing?")) == 2
    assert split_questions("Sheinbaum tariffs") == []
    # a short part naming something is a question of its own; a short part referring back to it is not
    assert split_questions("What is the Bicentennial Framework, and when did they sign it?") == [
        "What is the Bicentennial Framework"]
    assert split_questions("What is MPP, and when did it end?") == ["What is MPP"]


async def test_a_short_part_naming_something_absent_makes_the_whole_a_question_about_it(core):
    question = "What is the Bicentennial Framework, and when did the US and Mexico sign it?"
    assert isinstance(await core.search(question), NotFound)


def test_a_full_stop_after_an_abbreviation_ends_no_question():
    from bot.core.search.filters import split_questions

    assert split_questions("SRE tally of removals carried out by Mexico, Dec. 2018 through May 2019?") == []
    assert split_questions("What did U.S. officials say about the tariffs on Mexican steel?") == []


async def test_a_whole_answered_only_in_other_words_gives_way_to_its_parts(core):
    # the whole holds words of both parts and only the tariff plan matches it in other words; the first part
    # alone is the cartel designation, the second Sheinbaum's reply to it
    question = ("Did the White House label the drug cartels FTOs on inauguration day, and what was Palacio "
                "Nacional's response?")
    assert "trump-designates-cartels-terrorist-organizations" in (await _ids(core, question))[:3]


@pytest.mark.parametrize("question", [
    "did Mexico pledge 6,000 Guard troops for its southern border under the 2019 deal?",
    "Biden's asylum rule that closes the border once crossings top 2,500 a day: did Mexico respond?",
])
async def test_a_count_no_claim_records_is_what_the_question_is_about(core, question):
    # the corpus has the 2019 deal and the border closures, but no claim counts those troops or crossings
    assert isinstance(await core.search(question), NotFound)


@pytest.mark.parametrize(("question", "claim"), [
    # a day of a month and a year written short are dates, not counts no claim holds
    pytest.param("how much were the Texas rail closures costing Mexico per day in Dec '23?",
                 "coparmex-100-million-daily-closure-loss", marks=needs_seeds),
    # a count the asker has wrong is corrected by the claim that holds the right one
    ("is it true the immigration courts have 5.3 million cases waiting?", "us-immigration-court-backlog-3-5-million"),
])
async def test_a_date_or_a_figure_the_claim_corrects_still_finds_it(core, question, claim):
    assert (await _ids(core, question))[:1] == [claim]


async def test_the_figures_no_claim_holds_leave_out_days_and_years_written_short(core):
    from bot.core.search.engine import _figure_kinds_absent

    async def absent(question: str) -> frozenset[str]:
        return _figure_kinds_absent((await core.lookups.engine.rank(question)).groups, question)

    assert await absent("did Mexico send 6,000 troops south in 2019?") == {""}
    assert await absent("rail closures in Dec '23, the cost per day") == set()
    assert await absent("what did Sheinbaum post after the 27 Nov call") == set()
    assert await absent("the call on November 27, what did she post") == set()


async def test_the_amount_asked_for_is_a_figure_a_claim_holds(core):
    # "amount" names a quantity, as "figures" does: the claim with the sum on the card holds it
    ranking = await core.lookups.engine.rank("amount of the cards handed to returnees")
    assert {g.term.text: g.amount for g in ranking.groups}["amount"]
    assert (await _ids(core, "amount of the cards handed to returnees"))[:1] == ["mexico-embraces-you-100-dollar-cards"]
