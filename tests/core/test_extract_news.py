"""Extraction on invented news sentences: the general rules for speakers, sources, deeds, figures and dates.

Every sentence here is written for the test in the style of wire copy; the registry is a made-up country.
"""

from __future__ import annotations

from bot.core.dates import PartialDate
from bot.core.extract import ArticleContext, extract
from bot.core.models import Person, Role, RoleAlias

PEOPLE = [
    Person("ana-ruiz", "Ana Ruiz", "person", (Role("Foreign Minister of Testland", PartialDate.parse("2024-01-01"), None),),
           ("Ruiz", "Ana Ruiz")),
    Person("bo-kent", "Bo Kent", "person", (), ("Kent", "Bo Kent", "President Kent")),
    Person("testland-government", "Government of Testland", "government", (),
           ("Testland", "Testland government", "Testlandian government")),
    Person("testland-senate", "Senate of Testland", "agency", (), ("Testland Senate", "Testlandian Senate")),
]
TUESDAY = ArticleContext(PartialDate.parse("2025-01-28"))  # a Tuesday


def claims(text: str, context: ArticleContext = TUESDAY):
    return extract(text, context, PEOPLE).claims


def of_kind(text: str, kind: str, context: ArticleContext = TUESDAY):
    return [c for c in claims(text, context) if c.kind == kind]


def only(text: str, kind: str, context: ArticleContext = TUESDAY):
    found = of_kind(text, kind, context)
    assert len(found) == 1, found
    return found[0]


# --- sentences and speakers -------------------------------------------------------------------------------

def test_a_dotted_acronym_before_a_sentence_opener_ends_the_sentence():
    paraphrase = only("Ruiz met officials in the U.S. She said the talks had gone well.", "paraphrase")
    assert paraphrase.text == "She said the talks had gone well." and paraphrase.speaker.id == "ana-ruiz"


def test_the_articles_own_voice_is_no_antecedent_for_a_pronoun():
    context = ArticleContext(PartialDate.parse("2025-01-28"), author="Jo Writer")
    text = ("Kent arrived in the capital on Monday. Testland's economy may face significant risks that could "
            "last for years. He has warned that tariffs would follow.")
    warned = [c for c in claims(text, context) if c.cue == "warned"]
    assert [c.speaker.id for c in warned] == ["bo-kent"]


def test_a_passive_with_an_adverb_and_no_agent_is_nobodys():
    [action] = claims("The migration office was just dismantled.")
    assert action.speaker is None


def test_a_name_after_a_preposition_is_not_the_subject():
    assert not any(c.speaker for c in claims("Sending migrants back to Testland has created friction."))


def test_a_new_name_loses_the_title_and_place_before_it():
    paraphrase = only("Texas Governor Greg Abbott criticized the federal response.", "paraphrase")
    assert paraphrase.speaker.id == "greg-abbott" and "Governor" in paraphrase.speaker.role


def test_an_aside_between_subject_and_verb_keeps_the_subject():
    text = "Kent, in a post on Truth Social, said Testland had been “ripping us off” for years."
    assert only(text, "paraphrase").speaker.id == "bo-kent"


def test_two_subjects_joined_by_and_both_said_it_even_with_a_title_between():
    text = "Kent and Foreign Minister Ana Ruiz said they would meet again in March."
    assert {c.speaker.id for c in of_kind(text, "paraphrase")} == {"bo-kent", "ana-ruiz"}


def test_an_institution_named_without_its_country_is_the_one_of_the_country_in_the_sentence():
    text = "The Testlandian government and the Senate have continued to express support for the treaty."
    assert {c.speaker.id for c in of_kind(text, "paraphrase")} == {"testland-government", "testland-senate"}


def test_a_group_pronoun_prefers_the_group_named_earlier_in_the_sentence():
    text = "Kent negotiated with the Testland government as it had blocked his budget."
    [blocked] = [c for c in claims(text) if c.cue == "blocked"]
    assert blocked.speaker.id == "testland-government"


def test_his_after_a_person_named_in_the_sentence_is_that_person():
    text = "Ruiz spoke just days after Kent's election and his renewed threats of tariffs."
    assert only(text, "paraphrase").speaker.id == "bo-kent"


def test_a_surname_met_before_is_the_same_new_person():
    text = "Economy Minister Lino Vega arrived first. Vega told reporters that the talks would continue."
    assert only(text, "paraphrase").speaker.id == "lino-vega"


def test_an_office_or_spokesman_speaks_for_its_owner():
    assert only("Kent's office said the call lasted an hour.", "paraphrase").speaker.id == "bo-kent"


def test_unnamed_sources_speak_for_their_government_or_as_a_group():
    assert only("A senior Testland official said the deal was close.", "paraphrase").speaker.id == "testland-government"
    assert only("Officials in Testland said the plan was ready.", "paraphrase").speaker.id == "testland-government"
    economists = only("Economists warned that growth would slow next year.", "paraphrase").speaker
    assert economists.name == "Economists" and economists.kind == "group" and not economists.known


def test_a_body_named_with_its_country_is_an_organisation():
    statistic = only("According to the Testland Census Bureau, exports rose 5% last year.", "statistic")
    assert statistic.speaker.kind == "organisation" and "Census Bureau" in statistic.speaker.name


# --- what counts as a statement or a deed -----------------------------------------------------------------

def test_a_sentence_with_a_woven_in_quote_is_also_a_paraphrase():
    text = "Ruiz said the talks had been “very good and respectful.”"
    assert only(text, "direct_quote").speaker.id == only(text, "paraphrase").speaker.id == "ana-ruiz"


def test_a_quote_after_a_comma_is_only_a_quote():
    assert of_kind("Ruiz said, “We will keep talking to our neighbours.”", "paraphrase") == []


def test_a_short_quote_standing_as_its_own_sentence_continues_the_speaker():
    quotes = of_kind("“Nobody wins a trade war,” Ruiz said. “We want dialogue.”", "direct_quote")
    assert [q.speaker.id for q in quotes] == ["ana-ruiz", "ana-ruiz"]


def test_agreeing_to_something_is_a_deed_and_pressing_for_it_a_position():
    assert only("Kent agreed to the policy under pressure.", "action").speaker.id == "bo-kent"
    assert only("Ruiz pressed for closer cooperation.", "paraphrase").speaker.id == "ana-ruiz"


def test_committing_to_something_is_a_statement():
    assert only("Testland has committed to training more border police.", "paraphrase").speaker.id == "testland-government"


def test_saying_in_the_future_or_not_at_all_is_no_statement():
    assert [c.cue for c in claims("Testland has said it will respond in kind.")] == ["said"]
    assert claims("The ministry did not immediately respond to a request for comment.") == []


def test_a_participle_after_a_comma_shares_the_subject():
    text = "Kent welcomed the decision, calling it a sign of respect."
    assert only(text, "paraphrase").speaker.id == "bo-kent"


def test_a_verb_in_a_relative_clause_is_not_the_actor_s():
    text = "Testland issued visas, which lasted one year and granted the right to work."
    assert [c.cue for c in of_kind(text, "action")] == ["issued"]


def test_a_named_actor_s_deed_with_a_figure_is_an_action_with_its_figure():
    action = only("Testland deployed 10,000 troops to its northern border.", "action")
    assert action.speaker.id == "testland-government" and action.figures == ("10,000",)
    assert of_kind("Testland deployed 10,000 troops to its northern border.", "statistic") == []


def test_points_listed_right_after_a_statement_are_the_speakers():
    text = ("Ruiz outlined the priorities of the plan in detail. First, there is the need to fund shelters "
            "in the south. Second, the border crossings must be kept open.")
    assert [c.speaker.id for c in of_kind(text, "paraphrase")] == ["ana-ruiz", "ana-ruiz", "ana-ruiz"]


# --- figures --------------------------------------------------------------------------------------------

def test_a_figure_inside_what_was_proposed_makes_a_paraphrase():
    text = "Kent said 5 percent tariffs would be imposed on Testland goods."
    assert of_kind(text, "statistic") == [] and only(text, "paraphrase").speaker.id == "bo-kent"


def test_a_heading_does_not_turn_the_next_paragraphs_figure_into_a_proposal():
    text = "Tariff threats\n\nWith trade reaching $800 billion last year, the two economies are bound together."
    assert only(text, "statistic").figures == ("$800 billion",)


def test_a_duration_is_not_a_statistic():
    assert of_kind("Kent on Monday announced a 30-day pause.", "statistic") == []


# --- dates ----------------------------------------------------------------------------------------------

def test_weeks_ago_is_the_month_it_points_to():
    action = only("A couple of weeks ago, Kent signed the agreement.", "action")
    assert str(action.dating.said_on) == "2025-01" and action.dating.basis == "relative"


def test_a_weekday_right_after_the_verb_or_the_subject_is_that_day():
    assert str(only("Kent said Sunday that the border would stay open.", "paraphrase").dating.said_on) == "2025-01-26"
    assert str(only("Kent on Monday announced a pause.", "paraphrase").dating.said_on) == "2025-01-27"
    assert only("Black Friday sales fell, Kent said.", "paraphrase").dating.basis == "publication"


def test_a_date_in_an_aside_is_not_the_statements():
    paraphrase = only("Ruiz, who took office in October, said the plan would work.", "paraphrase")
    assert paraphrase.dating.basis == "publication"


def test_a_statement_keeps_the_date_of_the_speakers_previous_one_and_she_is_not_a_known_he():
    text = ("Kent arrived late. He said he would act. On Friday, Ruiz said the plan was working. Her remarks came "
            "days after Kent's threats. “We will keep going,” she said.")
    quote = only(text, "direct_quote")
    assert quote.speaker.id == "ana-ruiz" and str(quote.dating.said_on) == "2025-01-24"


def test_the_present_perfect_does_not_inherit_an_earlier_date():
    text = "In 2018, Testland welcomed the migrants. Testland has since adopted new measures."
    adopted = [c for c in claims(text) if c.cue == "adopted"]
    assert adopted and adopted[0].dating.basis == "publication" and str(adopted[0].dating.said_on) == "2025"


def test_a_new_scene_does_not_take_the_day_of_the_sentence_before():
    text = "Tensions rose in the capital on Sunday. Meanwhile, Kent demanded new talks."
    assert only(text, "paraphrase").dating.basis == "publication"


def test_a_day_that_opens_the_next_sentence_dates_the_lead_it_details():
    text = ("The Testland government has reaffirmed its migration policy. On Friday, Foreign Minister Ana Ruiz "
            "said the measures would continue.")
    government = [c for c in claims(text) if c.speaker and c.speaker.id == "testland-government"]
    assert [str(c.dating.said_on) for c in government] == ["2025-01-24"]


def test_a_day_in_the_next_sentence_about_someone_else_dates_nothing_back():
    text = "Kent has threatened new tariffs. On Friday, Ruiz said the measures would continue."
    kent = [c for c in claims(text) if c.speaker and c.speaker.id == "bo-kent"]
    assert kent and kent[0].dating.basis == "publication"


# --- deeds in other shapes ------------------------------------------------------------------------------

def test_forced_to_act_is_still_the_subjects_deed():
    assert only("The Testland government was forced to negotiate with the rebels.", "action").speaker.id == \
        "testland-government"


def test_a_persons_administration_is_the_government_the_registry_dates():
    people = [*PEOPLE, Person("testland-government", "Government of Testland", "government", (), ("Testland",),
                              (RoleAlias("the Kent administration", PartialDate.parse("2024-01-01"), None),))]
    [action] = [c for c in extract("The Bo Kent administration suspended the flights.", TUESDAY, people).claims]
    assert action.speaker.id == "testland-government"


def test_pressure_or_threats_from_someone_are_theirs_but_not_from_their_possessions():
    text = "Testland tightened its checks under pressure from Kent."
    assert {(c.kind, c.speaker.id) for c in claims(text)} == {("action", "testland-government"), ("action", "bo-kent")}
    assert [c.speaker.id for c in claims("The plan faced pressure from Kent's tariffs.")] == []


def test_news_deeds_beyond_the_first_list_are_actions():
    for verb in ("paused", "seized", "vetoed", "appointed", "lifted", "postponed", "levied", "slapped"):
        assert only(f"Kent {verb} the measure on Monday.", "action").speaker.id == "bo-kent", verb


def test_a_persons_aides_speak_for_that_person():
    assert only("Kent's aides said the visit would go ahead.", "paraphrase").speaker.id == "bo-kent"


def test_a_title_before_a_name_is_not_a_verb_with_its_object():
    assert only("Secretary of State Lino Vega said on Thursday that the plan was ready.", "paraphrase").speaker.id == \
        "lino-vega"


def test_a_date_inside_what_was_said_is_not_when_it_was_said():
    text = "Ruiz spoke on Monday. She added that Testland had extradited the suspects in December."
    added = [c for c in claims(text) if c.cue == "added"]
    assert added and str(added[0].dating.said_on) != "2024-12"


def test_a_deed_inside_what_was_said_is_not_claimed_as_a_deed():
    text = "Ruiz added that Testland had extradited the suspects."
    assert [(c.kind, c.speaker.id) for c in claims(text)] == [("paraphrase", "ana-ruiz")]


def test_rights_groups_are_a_group_of_speakers():
    text = "The plan was criticized by human rights groups, who warned it could lead to abuses."
    assert {c.speaker.name for c in claims(text) if c.speaker} == {"Human rights groups"}


def test_an_inverted_speaker_may_carry_a_title_or_an_article():
    assert only("“The tariffs will hurt families,” said Senator Lino Vega, a Democrat.", "direct_quote").speaker.id == \
        "lino-vega"
    farmer = only("“It is a bad deal for all of us,” said one farmer, who asked not to be named.", "direct_quote")
    assert farmer.speaker.name == "Farmer" and not farmer.speaker.known


def test_a_quote_reported_with_a_spanish_verb_keeps_its_speaker():
    assert only("«No vamos a permitirlo», dijo Ruiz.", "direct_quote").speaker.id == "ana-ruiz"


def test_unnamed_people_are_sources_of_statements_not_actors():
    assert claims("Some farmers started moving north for higher wages.") == []


def test_attacks_on_someone_by_a_speaker_are_the_speakers():
    text = "It was a year of attacks on President Kent by the Testland Senate."
    assert only(text, "paraphrase").speaker.id == "testland-senate"


def test_a_threat_named_in_a_statistics_sentence_is_its_owners_paraphrase_too():
    text = "A survey in April found that 51.8 percent of voters back the plan, given Kent's threat to close the border."
    assert only(text, "statistic").speaker.id != "bo-kent"
    assert only(text, "paraphrase").speaker.id == "bo-kent"


# --- the article's own voice ----------------------------------------------------------------------------

AUTHORED = ArticleContext(PartialDate.parse("2025-01-28"), author="Jo Writer")


def test_a_hedged_verdict_in_the_articles_voice_is_the_authors():
    [claim] = claims("The new checkpoints are probably insufficient to stop the smuggling networks.", AUTHORED)
    assert claim.kind == "paraphrase" and claim.speaker.name == "Jo Writer"


def test_advice_and_headings_are_not_the_authors_claims():
    assert claims("Testland must act quickly to protect its workers and its exports.", AUTHORED) == []
    assert claims("What the Border Dispute Between the Two Is Really About", AUTHORED) == []


def test_a_judged_passive_is_unattributed_and_the_judgement_the_authors():
    found = claims("The move is mainly directed at voters who want a tougher line on the border.", AUTHORED)
    assert [c.speaker.name if c.speaker else None for c in found] == [None, "Jo Writer"]


def test_a_participle_after_a_that_clause_still_labels_a_short_quote():
    found = claims("Ruiz said Tuesday that Testland would not retaliate, calling the tariffs “a mistake.”")
    assert {(c.kind, c.speaker.id) for c in found} == {("direct_quote", "ana-ruiz"), ("paraphrase", "ana-ruiz")}


def test_it_is_the_body_the_sentence_before_was_about_and_otherwise_a_thing():
    text = "Testland said on Monday that talks would resume. It also announced new checks at the border."
    assert [c.speaker.id for c in of_kind(text, "paraphrase")] == ["testland-government", "testland-government"]
    text = ("Kent's decision to close the crossing was meant to curb smuggling into Testland. "
            "It gives border agents new powers.")
    assert [c for c in claims(text) if c.cue == "gives"] == []


def test_every_member_of_a_listed_subject_said_it_but_an_aside_is_no_member():
    people = [*PEOPLE, Person("lakeland-government", "Government of Lakeland", "government", (), ("Lakeland",)),
              Person("hillland-government", "Government of Hillland", "government", (), ("Hillland",))]
    found = extract("Testland, Lakeland and Hillland both said they would respond.", TUESDAY, people).claims
    assert {c.speaker.id for c in found} == {"testland-government", "lakeland-government", "hillland-government"}
    found = extract("Kent, Testland's president, said the plan would work.", TUESDAY, people).claims
    assert [c.speaker.id for c in found] == ["bo-kent"]


def test_a_day_before_its_month_is_a_date():
    assert str(only("Kent said on 24 January that the plan was ready.", "paraphrase").dating.said_on) == "2025-01-24"


def test_a_day_later_counts_from_the_day_just_named():
    text = "On Sunday, Kent said the plan was ready. A day later, Ruiz rejected it."
    rejected = [c for c in claims(text) if c.cue == "rejected"]
    assert str(rejected[0].dating.said_on) == "2025-01-27" and rejected[0].dating.basis == "relative"
    text = "On Sunday, Kent said the plan was ready. Hours later, Ruiz rejected it."
    assert str([c for c in claims(text) if c.cue == "rejected"][0].dating.said_on) == "2025-01-26"


def test_an_unnamed_source_is_named_by_its_qualifiers():
    speaker = only("Several senior campaign advisers said the race was tightening.", "paraphrase").speaker
    assert speaker.name == "Senior campaign advisers" and speaker.kind == "group"


def test_welcoming_a_decision_is_a_statement_and_welcoming_people_a_deed():
    assert only("Ruiz welcomed the decision to pause the tariffs.", "paraphrase").speaker.id == "ana-ruiz"
    assert only("Testland welcomed the migrants with open arms.", "action").speaker.id == "testland-government"


# --- headlines, datelines, the day itself -----------------------------------------------------------------

def test_the_title_line_is_no_claim_but_the_story_under_it_is():
    text = ("Testland vows to hit back over new duties\n\n"
            "Kent said on Tuesday that Testland would answer the duties with its own.")
    found = claims(text)
    assert [c.text for c in found] == ["Kent said on Tuesday that Testland would answer the duties with its own."]


def test_a_title_case_heading_inside_the_story_is_no_claim():
    text = ("Kent said the talks would go on.\n\nWhat Testland Warned About Tariffs\n\n"
            "Ruiz said the ministry was ready.")
    assert [c.speaker.id for c in claims(text)] == ["bo-kent", "ana-ruiz"]


def test_an_unpunctuated_line_in_sentence_case_after_the_title_is_still_read():
    text = "Border report\n\nKent warned that the crossings would close on Friday"
    assert [c.speaker.id for c in claims(text)] == ["bo-kent"]


def test_a_wire_dateline_is_not_part_of_what_was_said():
    for dateline in ("CAPITAL CITY, Jan. 28 (Wire) - ", "CAPITAL CITY — ", "PORT TESTA, Testland -- ",
                     "CAPITAL CITY (AP) — "):
        paraphrase = only(f"{dateline}Kent said on Tuesday that the border would stay open.", "paraphrase")
        assert paraphrase.text == "Kent said on Tuesday that the border would stay open.", dateline
        assert str(paraphrase.dating.said_on) == "2025-01-28"  # from "on Tuesday", not the filing date


def test_a_capitalised_opening_that_is_no_dateline_is_kept():
    paraphrase = only("TESTCOM — the old trade pact — must go, Kent said on Monday.", "paraphrase")
    assert paraphrase.text.startswith("TESTCOM — the old trade pact")


def test_the_weekday_of_publication_is_that_day_and_last_weekday_the_week_before():
    assert str(only("Kent said on Tuesday that talks would resume.", "paraphrase").dating.said_on) == "2025-01-28"
    assert str(only("Kent said Tuesday that talks would resume.", "paraphrase").dating.said_on) == "2025-01-28"
    assert str(only("Kent said last Tuesday that talks would resume.", "paraphrase").dating.said_on) == "2025-01-21"
    assert str(only("Kent said on Wednesday that talks would resume.", "paraphrase").dating.said_on) == "2025-01-22"


def test_a_source_named_in_one_word_after_according_to_is_the_source():
    for sentence, source in (("Remittances rose 4% in March, according to Testbank.", "testbank"),
                             ("Prices rose 5%, according to the statistics agency TESTAT, which publishes monthly.",
                              "testat"),
                             ("About 60% approve of the president, according to a Pollster poll.", "pollster")):
        found = only(sentence, "statistic")
        assert found.speaker.id == source and not found.speaker.known, sentence


def test_according_to_no_name_is_not_a_made_up_source():
    found = only("Crossings fell 40% in March, according to estimates.", "statistic")
    assert found.speaker is None or found.speaker.id != "estimates"


def test_a_quote_that_ends_its_sentence_ends_it_before_the_next_speaker():
    text = "Kent told reporters the talks had gone “better than expected.” A senior Testland official said they stalled."
    found = of_kind(text, "paraphrase")
    assert [c.text for c in found] == ["Kent told reporters the talks had gone “better than expected.”",
                                       "A senior Testland official said they stalled."]
    assert [c.speaker.id for c in found] == ["bo-kent", "testland-government"]


def test_a_body_in_an_appositive_after_of_is_not_the_subject():
    text = "Senator Dana Whitlow, the chairman of the Testland Senate Budget and Finance Committee, said the bill would pass."
    assert [c.speaker.id for c in of_kind(text, "paraphrase")] == ["dana-whitlow"]


def test_and_inside_a_body_name_does_not_split_it_into_two_speakers():
    found = only("The Testland Roads and Bridges Commission said the crossing would reopen.", "paraphrase")
    assert found.speaker.id == "testland-roads-and-bridges-commission" and found.speaker.kind == "organisation"


def test_a_bodys_data_showed_is_its_statistic_dated_by_publication_not_by_the_period_counted():
    found = only("Crossings fell 40% in December, Frontier Control Agency data showed.", "statistic")
    assert found.speaker.id == "frontier-control-agency"
    assert found.dating.basis == "publication" and str(found.dating.said_on) == "2025-01"


def test_a_countrys_body_named_in_lowercase_is_that_body_not_the_country():
    found = only("Testland's defense ministry said in a statement that the patrols had ended.", "paraphrase")
    assert found.speaker.kind == "organisation" and found.speaker.id != "testland-government"
    assert "defense ministry" in found.speaker.name


def test_a_dateline_with_only_date_and_agency_is_stripped_and_its_day_anchors_weekdays():
    text = "Jan. 24 (Wire) - Kent said on Wednesday that the border would stay open."
    found = only(text, "paraphrase")  # published Tuesday Jan. 28, filed Friday Jan. 24: the Wednesday before
    assert found.text.startswith("Kent said") and str(found.dating.said_on) == "2025-01-22"


def test_a_dateline_far_from_publication_is_no_anchor():
    found = only("CAPITAL CITY, Mar. 3 (Wire) - Kent said on Monday that the border would stay open.", "paraphrase")
    assert str(found.dating.said_on) == "2025-01-27"


def test_people_familiar_with_the_talks_are_a_source_and_one_of_them_speaks_for_them():
    found = only("Two people familiar with the talks told Wire that Kent had offered a new deal.", "paraphrase")
    assert found.speaker is not None and found.speaker.kind == "group"
    assert not of_kind("Two people familiar with the talks told Wire that Kent had offered a new deal.", "action")
    quote = only("“We have made a generous offer,” one of the people said.", "direct_quote")
    assert quote.speaker is not None and quote.speaker.kind == "group"


def test_people_alone_is_no_source():
    assert not any(c.speaker and c.speaker.id == "people" for c in claims("People said the border was calm."))


def test_the_day_the_reporting_verb_carries_beats_a_period_named_earlier():
    found = only("Crossings fell 40% in December, the Testland Senate said on Monday.", "statistic")
    assert found.speaker.id == "testland-senate" and str(found.dating.said_on) == "2025-01-27"
    found = only("On Monday, Ruiz said the crossings fell in December.", "paraphrase")
    assert str(found.dating.said_on) == "2025-01-27"


def test_a_deed_before_a_trailing_attribution_is_what_was_said():
    text = "In December, Kent visited the border, Ruiz told reporters on Monday."
    assert [(c.kind, c.speaker.id) for c in claims(text)] == [("paraphrase", "ana-ruiz")]


def test_a_party_tag_and_an_aside_between_a_lawmaker_and_the_verb_keep_the_subject():
    text = "Rep. Lee Marsh, R-Testa, whose district includes the border, said in an interview that the plan was late."
    assert [c.speaker.id for c in of_kind(text, "paraphrase")] == ["lee-marsh"]


def test_a_passive_agent_with_an_indefinite_article_is_the_source():
    found = only("The plan was criticized by a senior Testlandian official.", "paraphrase")
    assert found.speaker.id == "testland-government"


def test_a_singular_official_qualified_by_a_demonym_speaks_for_that_government():
    found = only("A senior Testlandian official, who asked not to be named, said talks had stalled.", "paraphrase")
    assert found.speaker.id == "testland-government"


def test_a_time_of_day_after_the_weekday_between_subject_and_verb_keeps_the_subject():
    found = only("Kent on Monday night signed an order closing two crossings.", "action")
    assert found.speaker.id == "bo-kent" and str(found.dating.said_on) == "2025-01-27"
    assert only("Kent late Sunday said the crossings would reopen.", "paraphrase").speaker.id == "bo-kent"


def test_his_office_speaks_for_the_person_his_refers_to():
    text = "Ruiz spent the week abroad. Her office said she met the trade envoy twice."
    found = [c for c in claims(text) if c.kind == "paraphrase"]
    assert [c.speaker.id for c in found] == ["ana-ruiz"]


def test_officials_close_to_the_talks_with_an_aside_are_the_source():
    text = "Officials close to the negotiations, who spoke on condition of anonymity, said Testland had offered more."
    assert only(text, "paraphrase").speaker.kind == "group"


def test_the_period_a_sourced_figure_covers_is_not_when_it_was_stated():
    found = only("Approval of Kent stood at 61% in December, according to a survey by pollster Testpoll.", "statistic")
    assert found.speaker.id == "testpoll" and found.dating.basis == "publication"


def test_economists_at_a_firm_are_named_by_the_firm():
    found = only("Economists at Testbank said the currency would weaken.", "paraphrase")
    assert found.speaker.id == "economists-at-testbank" and found.speaker.kind == "group"


def test_the_ministry_is_the_body_last_named_with_that_word():
    text = "Testland's interior ministry on Monday summoned the envoy. The ministry said the remarks were unacceptable."
    found = claims(text)
    assert [c.kind for c in found] == ["action", "paraphrase"]
    assert found[0].speaker.id == found[1].speaker.id and "interior ministry" in found[1].speaker.name


def test_a_countrys_embassy_in_a_city_is_the_speaker():
    found = only("The Testland Embassy in Port Testa said in a statement that the visas were valid.", "paraphrase")
    assert found.speaker.kind == "organisation" and "Embassy" in found.speaker.name  # not the city


def test_lawmakers_in_a_place_are_named_by_it():
    assert only("Lawmakers in Congress said the bill was dead.", "paraphrase").speaker.id == "lawmakers-in-congress"


def test_a_sentence_adverb_between_pronoun_and_verb_keeps_the_subject():
    text = "Ruiz criticised the plan. She nonetheless called on Kent to keep talking."
    assert [c.speaker.id for c in of_kind(text, "paraphrase")] == ["ana-ruiz", "ana-ruiz"]


def test_a_date_in_an_aside_does_not_date_the_articles_own_assessment():
    text = "Kent, who was reelected in November, is unlikely to change course."
    assert all(c.dating.basis == "publication" for c in claims(text))


def test_the_day_of_an_event_reported_after_the_verb_is_not_the_day_it_was_said():
    found = only("Testland's interior ministry said 12 migrants died when their boat sank on Monday.", "statistic")
    assert found.dating.basis == "publication"


def test_a_day_after_a_deed_is_the_deeds_even_past_an_adjective_in_ed():
    found = only("Testland sent 29 alleged smugglers across the border on Monday.", "action")
    assert str(found.dating.said_on) == "2025-01-27"


def test_a_countrys_department_of_something_is_one_body():
    found = only("Imports were worth $3 billion, according to the Testland Department of Farms and Fisheries.",
                 "statistic")
    assert found.speaker.name == "Testland Department of Farms and Fisheries"


def test_a_noun_after_a_possessive_is_no_verb():
    text = "Ruiz spoke on Monday. Her comments came a day after Kent closed the crossing."
    assert not [c for c in claims(text) if c.kind == "paraphrase" and c.speaker.id == "ana-ruiz" and "comments" in c.text]


def test_directors_are_a_source():
    assert only("Shelter directors told Wire they were overwhelmed.", "paraphrase").speaker.kind == "group"


def test_a_description_after_a_name_is_not_another_speaker():
    text = "Senator Rob Vance, a Testa Valley Republican, said tariffs were taxes on families."
    assert [c.speaker.id for c in of_kind(text, "paraphrase")] == ["rob-vance"]


def test_a_statement_inside_a_that_clause_is_not_a_second_speakers():
    found = of_kind("Ruiz added that Kent had committed to stopping arms smuggling.", "paraphrase")
    assert [c.speaker.id for c in found] == ["ana-ruiz"]
    found = of_kind("Ruiz said that talks went well, and Kent warned that tariffs were coming.", "paraphrase")
    assert [c.speaker.id for c in found] == ["ana-ruiz", "bo-kent"]


def test_a_government_source_qualified_by_a_demonym_is_that_government():
    assert only("A Testlandian government source said a deal was close.", "paraphrase").speaker.id == \
        "testland-government"


def test_a_deed_still_to_be_done_is_no_action():
    assert not of_kind("The treaty still needs to be approved by the Testland Senate.", "action")
    assert not of_kind("The migrants would be deported by Testland within days.", "action")


def test_the_year_a_sourced_figure_covers_after_the_source_is_not_when_it_was_stated():
    found = only("According to the Testland Senate, remittances reached a record $6 billion in 2024.", "statistic")
    assert found.dating.basis == "publication"


def test_a_bank_of_a_country_is_that_body_not_the_government():
    found = only("According to the Bank of Testland, remittances rose 4% last year.", "statistic")
    assert found.speaker.name == "Bank of Testland" and found.speaker.kind == "organisation"


def test_a_place_dateline_with_a_day_anchors_last_weekday():
    text = "CAPITAL CITY, Jan 23 (Wire) - Kent said last Thursday that the border would stay open."
    assert str(only(text, "paraphrase").dating.said_on) == "2025-01-16"  # filed on a Thursday, published later


def test_quoted_as_saying_is_the_persons_statement():
    found = only("Ruiz was quoted by the Testland Herald as saying that a deal was within reach.", "paraphrase")
    assert found.speaker.id == "ana-ruiz"


def test_the_n_year_old_is_the_person_just_named():
    text = "Ruiz spoke on Monday. “We have a plan and we will keep negotiating,” the 58-year-old minister said."
    assert only(text, "direct_quote").speaker.id == "ana-ruiz"


def test_a_spanish_first_surname_alone_is_the_person_named_in_full():
    text = "Defense Secretary Ramiro Olvera Pinto spoke on Monday. “There was no request,” Olvera said."
    assert only(text, "direct_quote").speaker.id == "ramiro-olvera-pinto"


def test_a_deeds_date_is_not_the_date_of_the_next_statement():
    text = "Kent, who took office in November, has sought closer ties. “We are stronger together,” he said."
    assert only(text, "direct_quote").dating.basis == "publication"


def test_someones_comments_as_the_topic_of_anothers_statement_are_not_theirs():
    found = of_kind("Ruiz, asked about Kent's comments, said Testland would respond calmly.", "paraphrase")
    assert [c.speaker.id for c in found] == ["ana-ruiz"]


def test_a_countrys_chamber_with_its_name_in_an_aside_is_the_speaker():
    found = only("Testland's steel chamber, Testacero, said the tariffs put 8,000 jobs at risk.", "statistic")
    assert found.speaker.kind == "organisation" and "steel chamber" in found.speaker.name


def test_a_two_city_dateline_is_stripped():
    found = only("CAPITAL CITY/PORT TESTA, Jan 28 (Wire) - Kent said on Tuesday that talks would go on.", "paraphrase")
    assert found.text.startswith("Kent said")


def test_both_surnames_without_the_given_name_are_the_person_named_in_full():
    text = ("Security Minister Omar Tellez Garcia said on Monday that the raids continued. "
            "Tellez Garcia added that more arrests would follow.")
    assert {c.speaker.id for c in of_kind(text, "paraphrase")} == {"omar-tellez-garcia"}


def test_a_body_name_stops_at_the_end_of_its_sentence():
    text = "Imports fell 5%, according to the Testland Department of Farms. Economists warned of more falls."
    found = only(text, "statistic")
    assert found.speaker.name == "Testland Department of Farms"


def test_a_quote_after_the_speaker_repeating_a_warning_is_theirs():
    quote = only('Kent repeated his warning: "Testland will defend every job it has."', "direct_quote")
    assert quote.speaker.id == "bo-kent" and quote.quote.startswith("Testland will defend")
