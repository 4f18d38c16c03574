"""The beat's agencies and bodies by their initials, as reporters write them ("CBP", "COMAR", "Segob"): each
stands for the name a claim spells out (data/synonyms.yaml)."""

from __future__ import annotations

import pytest

from bot.core.search.results import SearchAnswer


@pytest.mark.parametrize(("initials", "name"), [
    ("cbp", "customs and border protection"),
    ("ice", "immigration and customs enforcement"),
    ("comar", "refugee commission"),
    ("segob", "interior ministry"),
    ("unhcr", "un refugee agency"),
    ("acnur", "un refugee agency"),
    ("iom", "international organization for migration"),
])
async def test_initials_stand_for_the_name_a_claim_spells_out(core, initials, name):
    lexicon = await core.lookups.engine.lexicon()  # the groups as read, before any claim's words count
    assert name in lexicon[initials] and initials in lexicon[name]


async def test_a_question_about_comar_finds_the_claim_about_the_mexican_refugee_commission(core):
    # the claim writes "Mexican Refugee Commission"; a caseworker writes COMAR and adds how it felt at the time
    answer = await core.search("How deep was the cut to COMAR's budget in 2019? we were already drowning in cases"
                               " back then", limit=5)
    assert isinstance(answer, SearchAnswer), answer
    assert answer.hits[0].view.claim.id == "comar-budget-cut-20-percent-2019"


@pytest.mark.parametrize(("word", "means"), [
    ("tco", "cartel"),  # a transnational criminal organization, in a security analyst's jargon
    ("boots on the ground", "troops"),
])
async def test_jargon_for_cartels_and_troops(core, word, means):
    lexicon = await core.lookups.engine.lexicon()
    assert means in lexicon[word]


async def test_a_producers_aside_about_going_on_air_is_not_what_the_question_is_about(core):
    answer = await core.search("did Trump really sign an emergency declaration for the border with Mexico? need to"
                               " confirm before we go to air", limit=5)
    assert isinstance(answer, SearchAnswer), answer
    assert answer.hits[0].view.claim.id == "trump-declares-border-national-emergency"
