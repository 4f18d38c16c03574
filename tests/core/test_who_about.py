"""/who with a name and a subject ("Sheinbaum on deportations", "what did AMLO say about migrants in 2019"):
the person's own claims on it, or a clear "nothing by them on that", never someone else's claims."""

from __future__ import annotations

import pytest

from bot.adapters.commands import Commands
from bot.core.models import NotFound
from bot.core.search.results import SearchAnswer, WhoAnswer
from bot.core.search.who_about import split_person_subject
from bot.render.not_found import not_found_text
from tests.conftest import needs_seeds


def speakers(answer: SearchAnswer) -> set[str]:
    return {hit.view.claim.speaker for hit in answer.hits}


async def test_a_name_and_a_subject_gives_their_claims_on_it(core):
    answer = await core.who("Sheinbaum on deportations")
    assert isinstance(answer, SearchAnswer)
    assert speakers(answer) == {"claudia-sheinbaum"}
    assert any("deported" in hit.view.claim.text for hit in answer.hits)
    assert answer.filters["speaker"] == "Claudia Sheinbaum"


async def test_a_question_in_words_with_a_nickname_and_a_year(core):
    answer = await core.who("what did AMLO say about migrants in 2019?")
    assert isinstance(answer, SearchAnswer)
    assert speakers(answer) == {"andres-manuel-lopez-obrador"}
    assert all(hit.view.claim.said_on.iso().startswith("2019") for hit in answer.hits)


async def test_nothing_by_them_on_it_says_so_and_offers_everything_they_said(core):
    answer = await core.who("Sheinbaum tariffs")
    assert isinstance(answer, NotFound) and answer.speaker == "Claudia Sheinbaum"
    text = not_found_text(answer)
    assert "No claim by Claudia Sheinbaum" in text and "/who Claudia Sheinbaum" in text


async def test_a_country_or_title_before_the_surname_still_means_them(core):
    for asked in ("Mexico's Sheinbaum on deportations", "President Sheinbaum on deportations"):
        answer = await core.who(asked)
        assert isinstance(answer, SearchAnswer) and speakers(answer) == {"claudia-sheinbaum"}, asked


async def test_a_possessive_name_belongs_to_the_subject(core):
    people = await core.lookups.engine.people()
    split = split_person_subject("Mexico on Trump's tariffs", people)
    assert (split.person, split.subject) == ("Mexico", "Trump's tariffs")


async def test_another_person_with_the_same_surname_is_not_taken_for_them(core):
    answer = await core.who("Jill Biden")
    assert not isinstance(answer, (WhoAnswer, SearchAnswer)) or "joe-biden" not in speakers(answer)
    assert not isinstance(answer, NotFound) or answer.speaker is None


async def test_plain_names_and_unregistered_names_answer_as_before(core):
    assert isinstance(await core.who("Sheinbaum"), WhoAnswer)
    assert isinstance(await core.who("the foreign minister"), WhoAnswer)
    mentions = await core.who("Esteban Moctezuma")  # named in an article, not in the registry
    assert isinstance(mentions, SearchAnswer) and mentions.mode == "mentions"


async def test_the_reply_is_a_search_of_their_claims_not_a_list_of_mentions(core):
    reply, answer = await Commands(core).who("Sheinbaum on deportations")
    assert isinstance(answer, SearchAnswer)
    assert reply.pages[0].title == "Claudia Sheinbaum on “deportations”"
    assert "deported" in reply.pages[0].description


async def test_the_person_is_the_longest_run_of_words_that_names_someone(core):
    people = await core.lookups.engine.people()
    split = split_person_subject("the foreign minister on troops at the border", people)
    assert split is not None and (split.person, split.subject) == ("the foreign minister", "troops at border")
    assert split_person_subject("Marcelo Ebrard's stance on steel tariffs", people).subject == "steel tariffs"
    assert split_person_subject("tariffs on steel", people) is None  # no one named
    assert split_person_subject("Sheinbaum", people) is None  # a name alone: /who as ever
    assert split_person_subject("what did Ebrard say?", people).subject == ""  # everything they said


async def test_a_question_about_everything_someone_said_lists_their_claims(core):
    answer = await core.who("what did Ebrard say?")
    assert isinstance(answer, WhoAnswer) and answer.person.id == "marcelo-ebrard"
    answer = await core.who("what has the Mexican president said")
    assert isinstance(answer, WhoAnswer) and answer.person.id == "claudia-sheinbaum"


async def test_no_holder_of_a_role_in_a_leaders_time_is_said_in_words(core):
    answer = await core.who("Trump's secretary of state")
    text = not_found_text(answer)
    assert "Donald Trump" in text and "Trump's secretary of state" in text
    assert "Blinken" not in text  # Biden's, not Trump's


async def test_the_speaker_is_named_before_the_verb_of_saying(core):
    # "the US president" is what she spoke about: never Trump's claims about "Sheinbaum"
    answer = await core.who("what did Sheinbaum say about the US president")
    assert isinstance(answer, SearchAnswer) and speakers(answer) == {"claudia-sheinbaum"}


@needs_seeds  # Trump's claims name Sheinbaum in their source passages
async def test_the_speaker_before_the_verb_is_asked_about_the_name_after_it(core):
    answer = await core.who("did Trump say anything about Sheinbaum")
    assert isinstance(answer, SearchAnswer) and speakers(answer) == {"donald-trump"}


@pytest.mark.parametrize("typed", ["the US top diplomat", "the Colombian leader", "the Homeland Security chief"])
async def test_a_role_the_registry_lacks_is_not_another_persons_claims_on_a_word(core, typed):
    # before: Mexico's top diplomat on "US", the Colombian government on "leader", DHS on "Security chief"
    answer = await core.who(typed)
    assert not isinstance(answer, (WhoAnswer, SearchAnswer)), answer
