"""Search core on the real content: people, quotes, events, figures, briefings, filters, hostile input.

Assertions pick their targets from the content itself (the claim whose quote holds "build bridges", the
claim that carries the figure 76%), so they hold as the content grows.
"""

from __future__ import annotations

import json
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.analysis.terms import query_terms, terms
from bot.core.content import load_corpus
from bot.core.models import Claim, NotFound
from bot.core.search.results import SearchAnswer, SourceAnswer, WhoAnswer
from bot.core.service import Core
from bot.core.store import Store
from bot.infra.settings import PROJECT_ROOT
from tests.conftest import needs_seeds


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(PROJECT_ROOT / "data", PROJECT_ROOT / "briefings")


def claim_where(corpus, test) -> Claim:
    found = [c for c in corpus.claims.values() if test(c)]
    if not found:
        pytest.skip("the content has no such claim (yet)")
    return found[0]


def hit_ids(answer) -> list[str]:
    assert isinstance(answer, SearchAnswer), answer
    return [hit.view.claim.id for hit in answer.hits]


# --- normalisation ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other"),
    [("76%", "76 percent"), ("76%", "76 per cent"), ("$800 billion", "800 billion dollars"),
     ("$100 million", "100 million dollars"), ("US$100 million", "$100m"), ("24,541", "24541"),
     ("3.5 million", "3,500,000"), ("López Obrador", "LOPEZ obrador"), ("Mexico’s", "Mexico"),
     ("seventy-six percent", "76%"), ("Twenty five per cent", "25 percent"), ("two million", "2,000,000"),
     ("three hundred and fifty thousand", "350,000"), ("eight hundred billion dollars", "$800 billion"),
     ("a hundred million dollars", "$100 million"), ("a billion dollars", "$1 billion")],
)
def test_figures_and_spellings_normalise_to_the_same_terms(one, other):
    assert set(query_terms(one)[0].alternatives) & set(terms(other))


@pytest.mark.parametrize("text", ["no one percent sure", "one of the two", "twenty-first century", "a million"])
def test_number_words_become_figures_only_before_a_unit_or_scale(text):
    figures_of = [q.alternatives for q in query_terms(text) if q.figure]
    assert figures_of == ([("1pct",)] if "percent" in text else [])


@pytest.mark.parametrize("hedged", ["something like $100 million", "like 100 million dollars",
                                    "in the region of a hundred million dollars", "north of $100m"])
def test_a_figure_after_a_hedge_is_read_as_approximate(hedged):
    (figure,) = [q for q in query_terms(hedged) if q.figure]
    assert figure.approximate and "usd100000000" in figure.alternatives


async def test_a_spelled_out_hedged_sum_finds_the_claim_that_states_it(core):
    # "something like a hundred million dollars" is Coparmex's $100 million a day
    answer = await core.search("who reckoned the closed crossings cost something like a hundred million dollars each day")
    assert isinstance(answer, SearchAnswer) and answer.hits[0].view.claim.id == "coparmex-100-million-daily-closure-loss"


def test_a_figure_replaces_the_words_it_was_written_with():
    (figure,) = query_terms("76 percent")
    assert figure.figure and figure.alternatives == ("76pct",)


# --- people ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "person"),
    [("AMLO", "andres-manuel-lopez-obrador"), ("Lopez Obrador", "andres-manuel-lopez-obrador"),
     ("López Obrador", "andres-manuel-lopez-obrador"), ("Sheinbuam", "claudia-sheinbaum"),
     ("sheinbaum", "claudia-sheinbaum"), ("Claudia Sheinbaum Pardo", "claudia-sheinbaum"),
     ("Trump", "donald-trump"), ("Ebrard", "marcelo-ebrard")],
)
async def test_who_finds_people_by_surname_nickname_and_typo(core, typed, person):
    answer = await core.who(typed)
    assert isinstance(answer, WhoAnswer), answer
    assert answer.person.id == person
    dates = [view.claim.said_on.earliest for view in answer.claims]
    assert dates == sorted(dates)
    assert all(view.claim.speaker == person for view in answer.claims)
    assert answer.total_claims >= len(answer.claims)


async def test_a_role_noun_means_its_latest_holder_and_offers_the_others(core):
    answer = await core.who("the foreign minister")
    assert isinstance(answer, WhoAnswer)
    assert answer.person.id == "juan-ramon-de-la-fuente"
    assert answer.role_at and "Foreign" in answer.role_at
    assert {"marcelo-ebrard", "alicia-barcena"} <= {m.id for m in answer.alternatives}


async def test_a_role_noun_with_a_date_means_that_dates_holder(core):
    answer = await core.who("the foreign minister in 2019")
    assert isinstance(answer, WhoAnswer)
    assert answer.person.id == "marcelo-ebrard"
    assert answer.as_of is not None and answer.as_of.year == 2019


@pytest.mark.parametrize("typed", ["the former foreign minister", "Mexico's former foreign minister",
                                   "the ex-foreign minister", "the previous foreign minister"])
async def test_a_former_role_holder_is_the_one_before_the_latest(core, typed):
    # never the current minister: a wrong speaker is worse than none; the other holders stay as alternatives
    answer = await core.who(typed)
    assert isinstance(answer, WhoAnswer)
    assert answer.person.id == "alicia-barcena"
    assert {"marcelo-ebrard", "juan-ramon-de-la-fuente"} <= {m.id for m in answer.alternatives}
    assert answer.matched == typed  # the reply says what the typed words mean, not the role alone


@pytest.mark.parametrize(("typed", "person"), [("the current foreign minister", "juan-ramon-de-la-fuente"),
                                               ("the former foreign minister in 2019", "marcelo-ebrard"),
                                               ("the former president", "joe-biden"),  # the registry's own alias
                                               ("former president Obama", "barack-obama")])
async def test_a_word_dating_a_role_is_read_with_the_role(core, typed, person):
    answer = await core.who(typed)
    assert isinstance(answer, WhoAnswer) and answer.person.id == person


@pytest.mark.parametrize(("typed", "person"), [
    ("Biden's secretary of state", "antony-blinken"),
    ("who was the secretary of state under Biden?", "antony-blinken"),
    ("Sheinbaum's foreign minister", "juan-ramon-de-la-fuente"),
    ("the interior minister in López Obrador's government", "olga-sanchez-cordero"),
    ("Sheinbaum's economy minister", "marcelo-ebrard"),
    ("Obama's vice president", "joe-biden"),
])
async def test_a_role_dated_by_a_leaders_time_in_office_means_its_holder_then(core, typed, person):
    answer = await core.who(typed)
    assert isinstance(answer, WhoAnswer), answer
    assert answer.person.id == person and answer.matched == typed.removeprefix("who was ").removesuffix("?")
    assert answer.known_until is None  # the leader's time dates it: not "as far as the index knows"


async def test_a_leader_with_two_holders_of_the_role_names_the_longest_serving_and_the_other(core):
    answer = await core.who("AMLO's foreign minister")
    assert isinstance(answer, WhoAnswer)
    assert answer.person.id == "marcelo-ebrard"  # December 2018 to June 2023; Bárcena served the rest
    assert [m.id for m in answer.alternatives] == ["alicia-barcena"]


async def test_a_role_under_a_leader_whose_holder_is_unknown_is_not_the_latest_holder(core):
    # Blinken served Biden, not Trump; Mexico's foreign ministers are not Colombia's: a wrong person would be
    # worse than saying the registry knows none
    for typed in ("Trump's secretary of state", "Petro's foreign minister"):
        answer = await core.who(typed)
        assert isinstance(answer, NotFound) and answer.reason == "no_holder", answer
    assert (await core.who("Petro's foreign minister")).speaker == "Gustavo Petro"


@pytest.mark.parametrize(("typed", "person"), [
    ("the DHS chief in 2019", "kevin-mcaleenan"),
    ("the guy running Homeland Security in 2019", "kevin-mcaleenan"),
    ("head of the SRE", "juan-ramon-de-la-fuente"),
    ("SRE chief", "juan-ramon-de-la-fuente"),
    ("the SRE chief in 2020", "marcelo-ebrard"),
])
async def test_a_body_named_with_its_head_means_the_holder_of_the_title_heading_it(core, typed, person):
    answer = await core.who(typed)
    assert isinstance(answer, WhoAnswer), answer
    assert answer.person.id == person


async def test_the_head_of_a_body_is_matched_as_typed_and_its_date_apart(core):
    answer = await core.who("who was the SRE chief in 2020?")
    assert isinstance(answer, WhoAnswer) and answer.person.id == "marcelo-ebrard"
    assert answer.matched == "the SRE chief" and answer.as_of is not None and answer.as_of.year == 2020


async def test_a_body_whose_last_known_head_left_has_no_head_now(core):
    # McAleenan left DHS in 2019; the registry knows none of his successors: undated, "the DHS chief" is not him
    assert isinstance(await core.who("the DHS chief"), NotFound)


async def test_the_head_of_a_body_lists_its_other_heads_as_alternatives(core):
    answer = await core.who("head of the SRE")
    assert isinstance(answer, WhoAnswer)
    assert [m.id for m in answer.alternatives] == ["alicia-barcena", "marcelo-ebrard"]  # latest first


def test_a_title_heads_a_body_only_as_its_head_and_of_its_country():
    from bot.core.search.people import split_body_head

    assert split_body_head("the DHS chief") == "DHS" and split_body_head("head of the SRE") == "SRE"
    assert split_body_head("the guy running Homeland Security") == "Homeland Security"
    assert split_body_head("Sheinbaum") is None and split_body_head("Trump's chief of staff") is None


@pytest.mark.parametrize("typed", ["Sheinbaum", "sheinbuam", "Lopez Obrador", "AMLO", "the foreign minister",
                                   "Marcelo Ebrard Casaubon", "ebrad", "Kamala Harris border czar", "Joe Biden",
                                   "Obrador Lopez", "tariffs on Mexico", "de la Fuente"])
async def test_a_floor_on_name_scores_only_skips_the_names_below_it(core, typed):
    """/search asks only whether a question is a name (score 90 or more); the shortcut must not change which."""
    people = await core.lookups.engine.people()
    everyone = [(m.id, m.score) for m in people.match(typed, limit=50) if m.score >= 90]
    assert [(m.id, m.score) for m in people.match(typed, limit=50, floor=90) if m.score >= 90] == everyone


async def test_a_justice_of_a_court_is_not_its_head(core):
    people = await core.lookups.engine.people()
    assert people.heads_of("us-supreme-court") == []  # Sánchez Cordero was a justice of Mexico's court
    assert [h[0] for h in people.heads_of("us-department-of-homeland-security")] == ["kevin-mcaleenan"]


@pytest.mark.parametrize("typed", ["the State Department", "Department of State"])
async def test_the_state_department_is_the_us_government(core, typed):
    answer = await core.who(typed)
    assert isinstance(answer, WhoAnswer) and answer.person.id == "us-government"


async def test_who_limit_cuts_the_claims_but_keeps_the_count(core):
    answer = await core.who("Sheinbaum", limit=1)
    assert isinstance(answer, WhoAnswer)
    assert len(answer.claims) <= 1 <= answer.total_claims


@pytest.mark.parametrize("name", ["Emmanuel Macron", "Macron", "Vladimir Putin", "Zxqw Blorf"])
async def test_someone_the_registry_does_not_know_is_not_found(core, name):
    assert isinstance(await core.who(name), NotFound)


async def test_a_word_many_people_share_asks_for_more_rather_than_guessing(core):
    answer = await core.who("president")
    assert isinstance(answer, NotFound)
    assert answer.suggestions


async def test_suggest_people_completes_a_name(core):
    suggestions = await core.suggest_people("Shein")
    assert suggestions and suggestions[0][0] == "claudia-sheinbaum"
    assert await core.suggest_people("")  # an empty box still lists people


# --- claims: quotes, paraphrase, events, figures ----------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["build bridges", "build bridges not close borders", "not to close borders but to build bridges",
     "bild brdiges between peoples", "Mexicos position is to build bridges"],
)
async def test_quote_finds_sheinbaums_build_bridges(core, corpus, typed):
    target = claim_where(corpus, lambda c: c.quote and "build bridges" in c.quote)
    answer = await core.quote(typed)
    assert hit_ids(answer)[0] == target.id
    assert answer.hits[0].view.speaker_name == "Claudia Sheinbaum"
    assert answer.hits[0].score >= 60


@needs_seeds
async def test_quote_shows_the_source_passage(core, corpus):
    target = claim_where(corpus, lambda c: c.quote and "build bridges" in c.quote)
    answer = await core.quote("build bridges")
    assert target.quote in (answer.hits[0].passage or "")


@pytest.mark.parametrize("typed", ["76%", "76 percent", "76 per cent", "arrests fell 76%", "seventy-six percent"])
async def test_a_figure_finds_the_claim_that_carries_it(core, corpus, typed):
    target = claim_where(corpus, lambda c: "76%" in c.figures)
    assert hit_ids(await core.search(typed))[0] == target.id


@pytest.mark.parametrize("typed", ["$800 billion", "800 billion dollars", "trade came to $800 billion"])
async def test_money_written_either_way_finds_the_claim(core, corpus, typed):
    target = claim_where(corpus, lambda c: "$800 billion" in c.figures)
    assert target.id in hit_ids(await core.search(typed))[:3]


async def test_a_typo_and_missing_accents_still_find_claims(core):
    answer = await core.search("tarifs")
    assert any("tariff" in hit.view.claim.text.lower() for hit in answer.hits)
    assert ("tarifs", "tariffs") in answer.corrections
    answer = await core.search("Lopez Obrador containment")
    assert answer.hits[0].view.claim.speaker == "andres-manuel-lopez-obrador"


async def test_reordered_words_find_the_same_claim(core, corpus):
    target = claim_where(corpus, lambda c: c.quote and "build bridges" in c.quote)
    assert hit_ids(await core.quote("bridges build peoples governments"))[0] == target.id


async def test_when_lists_dated_claims_in_date_order(core):
    answer = await core.when("25% tariffs")
    assert isinstance(answer, SearchAnswer) and answer.hits
    dates = [hit.view.claim.said_on.earliest for hit in answer.hits]
    assert dates == sorted(dates)
    assert all("25" in hit.view.claim.text for hit in answer.hits[:3])


async def test_when_includes_briefing_timeline_entries(core):
    answer = await core.when("25% tariffs on Mexican goods")
    assert isinstance(answer, SearchAnswer)
    assert any(t.briefing == "tariffs" for t in answer.timeline)


async def test_search_names_the_briefing_and_the_person_the_query_means(core):
    answer = await core.search("trade war")
    assert "tariffs" in [b.slug for b in answer.briefings]
    answer = await core.search("AMLO")
    assert [p.id for p in answer.people] == ["andres-manuel-lopez-obrador"]
    assert answer.hits and answer.hits[0].view.claim.speaker == "andres-manuel-lopez-obrador"


async def test_every_hit_has_speaker_date_precision_and_source(core):
    answer = await core.search("migrants border")
    for hit in answer.hits:
        view = hit.view
        assert view.speaker_name and view.claim.said_on.precision and view.claim.basis
        assert view.sources and view.sources[0].title
        assert 0 <= hit.score <= 100


@pytest.mark.parametrize(
    "typed", ["Macron tariffs", "Emmanuel Macron", "quantum chromodynamics", "Zorblatt said the border"]
)
async def test_nothing_found_rather_than_a_random_claim(core, typed):
    answer = await core.search(typed)
    assert isinstance(answer, NotFound) or not answer.hits
    assert isinstance(await core.quote(typed), NotFound)


# --- filters ---------------------------------------------------------------------------------------------


async def test_filters_take_loose_text(core):
    answer = await core.search("tariffs", speaker="Trump", topic="tarifs", kind="statements")
    assert isinstance(answer, SearchAnswer) and answer.hits
    assert answer.filters == {"speaker": "Donald Trump", "topic": "tariffs", "kind": "paraphrase"}
    for hit in answer.hits:
        assert hit.view.claim.speaker == "donald-trump"
        assert "tariffs" in hit.view.claim.topics and hit.view.claim.kind == "paraphrase"


async def test_date_filters_are_partial_iso(core):
    answer = await core.search("migrants", date_from="2024", date_to="2025-01")
    assert isinstance(answer, SearchAnswer) and answer.hits
    for hit in answer.hits:
        said = hit.view.claim.said_on
        assert said.latest.isoformat() >= "2024-01-01" and said.earliest.isoformat() <= "2025-01-31"


async def test_filters_alone_list_claims(core):
    answer = await core.search("", speaker="Sheinbaum", limit=3)
    assert isinstance(answer, SearchAnswer) and 0 < len(answer.hits) <= 3
    assert {hit.view.claim.speaker for hit in answer.hits} == {"claudia-sheinbaum"}


@pytest.mark.parametrize(
    "options", [{"speaker": "Emmanuel Macron"}, {"topic": "quantum physics"}, {"kind": "zzz"}, {"date_from": "June"}],
)
async def test_a_filter_that_means_nothing_says_so(core, options):
    answer = await core.search("tariffs", **options)
    assert isinstance(answer, NotFound) and answer.reason


# --- articles --------------------------------------------------------------------------------------------


async def test_source_by_id_or_title_lists_claims_in_text_order(core):
    for typed in ("sheinbaum-migration-shift", "Sheinbaum signals shifts", "sheinbaum migration"):
        answer = await core.source(typed)
        assert isinstance(answer, SourceAnswer), (typed, answer)
        assert answer.article.id == "sheinbaum-migration-shift"
        starts = [next(r.start for r in v.sources if r.article_id == answer.article.id) for v in answer.claims]
        assert starts == sorted(starts) and starts


async def test_suggest_articles_and_unknown_source(core):
    suggestions = await core.suggest_articles("trump first")
    assert suggestions[0][0] == "trump-first-week-mexico"
    assert await core.suggest_articles("")
    assert isinstance(await core.source("no such article anywhere zzz"), NotFound)


# --- hostile input ----------------------------------------------------------------------------------------

HOSTILE = [
    "", " ", '"a" NEAR/2 OR *', "'; DROP TABLE claims; --", "x" * 5000, "tariffs " * 700, "🌮🌮🌮", "\x00",
    "\x00tariffs\x1b[31m", 'tariffs" OR "', "NOT AND OR", "^*:()", "sheinbaum*", "{col}: tariffs", "-tariffs",
    "\u202e\u200btariffs", "%", "$", "1e309", "99999999999999999999999 billion", "the the the", "@everyone",
]


@pytest.mark.parametrize("text", HOSTILE)
async def test_any_text_gets_an_answer_or_nothing_found(core, text):
    for call in (core.search, core.quote, core.when, core.who, core.source):
        answer = await call(text)
        assert isinstance(answer, (SearchAnswer, WhoAnswer, SourceAnswer, NotFound))
    assert isinstance(await core.suggest_people(text), list)
    assert isinstance(await core.suggest_articles(text), list)
    answer = await core.search("tariffs", speaker=text, topic=text, kind=text, date_from=text, date_to=text)
    assert isinstance(answer, (SearchAnswer, NotFound))
    assert (await core.store.counts())["claims"] > 0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300))
async def test_arbitrary_text_never_raises(core, text):
    assert isinstance(await core.search(text), (SearchAnswer, NotFound))
    assert isinstance(await core.quote(text), (SearchAnswer, NotFound))
    assert isinstance(await core.who(text), (WhoAnswer, SearchAnswer, NotFound))  # SearchAnswer: mentions
    assert isinstance(await core.when(text), (SearchAnswer, NotFound))
    assert isinstance(await core.source(text), (SourceAnswer, NotFound))


# --- content changes are seen without a restart ------------------------------------------------------------


async def test_a_recompile_is_searchable_without_a_restart(tmp_path, content_copy):
    async with Store(tmp_path / "live.sqlite3") as store:
        core = Core(store, content_copy)
        await core.reload()
        assert isinstance(await core.quote("zanzibar quokka treaty"), NotFound)
        (await core.who("Sheinbaum"))  # warm the caches
        article = sorted((content_copy.data_dir / "claims").glob("*.yaml"))[0].stem  # one file per article
        (content_copy.data_dir / "claims" / "zz-test.yaml").write_text(textwrap.dedent(f"""\
            claims:
              - id: zz-quokka-treaty
                speaker: claudia-sheinbaum
                kind: paraphrase
                text: Sheinbaum proposed a Zanzibar quokka treaty.
                said_on: "2024-11"
                precision: month
                basis: publication
                topics: [diplomacy]
                appearances:
                  - article: {article}
                    span: [0, 10]
            """))
        report = await core.reload()
        assert report.compiled
        assert hit_ids(await core.quote("zanzibar quokka treaty"))[0] == "zz-quokka-treaty"
        assert "zz-quokka-treaty" in [v.claim.id for v in (await core.who("Sheinbaum")).claims]
        (content_copy.data_dir / "claims" / "zz-test.yaml").unlink()
        await core.reload()
        assert isinstance(await core.quote("zanzibar quokka treaty"), NotFound)


async def test_an_unchanged_start_reindexes_nothing(tmp_path, real_content):
    path = tmp_path / "twice.sqlite3"
    async with Store(path) as store:
        assert (await Core(store, real_content).reload()).compiled
        generation = await store.meta("search_generation")
    async with Store(path) as store:
        core = Core(store, real_content)
        assert not (await core.reload()).compiled
        assert await store.meta("search_generation") == generation
        assert hit_ids(await core.search("tariffs"))


async def test_another_process_writing_is_noticed(tmp_path, content_copy):
    path = tmp_path / "shared.sqlite3"
    async with Store(path) as reader_store, Store(path) as writer_store:
        reader = Core(reader_store, content_copy)
        writer = Core(writer_store, content_copy)
        await writer.reload()
        assert isinstance(await reader.who("Zed Quokkason"), NotFound)
        line = {"id": "zq-claim", "speaker": "zed-quokkason", "speaker_name": "Zed Quokkason", "kind": "paraphrase",
                "text": "Quokkason said the quokka border is closed.", "said_on": "2024", "said_on_basis": "publication",
                "article": "zq-article", "span": [0, 5]}
        source = tmp_path / "one.jsonl"
        source.write_text(json.dumps(line) + "\n")
        await writer.import_claims(source)
        reader.lookups.engine._checked = 0.0  # as if a second had passed
        answer = await reader.who("Zed Quokkason")
        assert isinstance(answer, WhoAnswer) and answer.claims[0].claim.id == "zq-claim"



# --- synonyms (data/synonyms.yaml) ------------------------------------------------------------------------


def _uses(claim: Claim, word: str) -> bool:
    return word in terms(claim.text + " " + (claim.quote or ""))


async def test_a_synonym_finds_the_claim_that_uses_the_other_word(core, corpus):
    target = claim_where(corpus, lambda c: _uses(c, "tariffs") and _uses(c, "threatened") and not _uses(c, "levies"))
    answer = await core.when("when did Trump threaten levies on Mexico")
    assert isinstance(answer, SearchAnswer)
    assert target.id in hit_ids(answer) or any(target.id in t.claims for t in answer.timeline)


async def test_the_readers_own_word_outranks_its_synonym(core, corpus):
    own = claim_where(corpus, lambda c: _uses(c, "deported"))
    answer = await core.search("deported migrants")
    best = answer.hits[0]
    assert "deported" in terms(best.view.claim.text + " " + (best.view.claim.quote or ""))
    assert own.id in hit_ids(answer)


async def test_a_word_and_its_synonyms_do_not_make_an_unknown_question_match(core):
    assert isinstance(await core.quote("levies on Norwegian salmon fjords"), NotFound)


async def test_an_edited_lexicon_is_used_after_reload(tmp_path, content_copy):
    async with Store(tmp_path / "lexicon.sqlite3") as store:
        core = Core(store, content_copy)
        await core.reload()
        assert isinstance(await core.search("zorblat"), NotFound)
        path = content_copy.data_dir / "synonyms.yaml"
        path.write_text(path.read_text() + "  - words: [zorblat, tariffs]\n")
        assert (await core.reload()).compiled
        answer = await core.search("zorblat")
        assert all("tariffs" in terms(h.view.claim.text) or "tariff" in terms(h.view.claim.text) for h in answer.hits)


async def test_who_with_a_limit_lists_the_latest_claims_in_date_order(core):
    everything = await core.who("Trump")
    latest = await core.who("Trump", limit=3)
    assert isinstance(everything, WhoAnswer) and isinstance(latest, WhoAnswer)
    assert len(everything.claims) > 3
    assert [v.claim.id for v in latest.claims] == [v.claim.id for v in everything.claims][-3:]
    assert latest.total_claims == everything.total_claims == len(everything.claims)


async def test_a_role_noun_in_a_question_means_its_holders_claims(core, corpus):
    holders = {p.id for p in corpus.people.values()
               if any("foreign minister" in r.alias.casefold() for r in p.role_aliases)}
    if not holders:
        pytest.skip("no foreign minister in the registry")
    answer = await core.search("what did the foreign minister say about migrants")
    assert isinstance(answer, SearchAnswer) and answer.hits
    assert answer.hits[0].view.claim.speaker in holders


# --- a period typed in the question ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "rest", "period"),
    [("what did Sheinbaum say in November 2024", "what did Sheinbaum say", "2024-11"),
     ("tariff threat in June 2019", "tariff threat", "2019-06"), ("AMLO 2019", "AMLO", "2019"),
     ("on 27 Nov. 2024 Sheinbaum", "Sheinbaum", "2024-11-27"), ("call of 2024-11-27?", "call ?", "2024-11-27"),
     ("2000 migrants crossed", "2000 migrants crossed", None), ("76%", "76%", None),
     ("May tariffs", "May tariffs", None),
     # a season or part of a year narrows it in words only: the year is the period
     ("caravans in the summer of 2024 were big", "caravans were big", "2024"),
     ("deportations late 2023", "deportations", "2023"),
     ("tariff threat back in spring 2019?", "tariff threat back ?", "2019"),
     ("spring break", "spring break", None)],
)
def test_a_period_is_read_out_of_the_question(typed, rest, period):
    from bot.core.search.filters import split_period

    got_rest, got_period = split_period(typed)
    assert got_rest == rest
    assert (got_period.iso() if got_period else None) == period


async def test_search_keeps_to_the_period_the_question_names(core):
    answer = await core.search("what did Sheinbaum say in November 2024")
    assert isinstance(answer, SearchAnswer) and answer.hits
    assert answer.filters.get("in") == "November 2024"
    for hit in answer.hits:
        claim = hit.view.claim
        assert claim.said_on.earliest.isoformat() <= "2024-11-30" and claim.said_on.latest.isoformat() >= "2024-11-01"
    assert answer.hits[0].view.claim.speaker == "claudia-sheinbaum"


async def test_when_with_a_period_lists_only_that_period(core):
    answer = await core.when("tariff threat in June 2019")
    assert isinstance(answer, SearchAnswer)
    dates = [h.view.claim.said_on for h in answer.hits] + [t.date for t in answer.timeline]
    assert dates and all(d.earliest.isoformat() <= "2019-06-30" and d.latest.isoformat() >= "2019-06-01" for d in dates)


async def test_a_year_that_belongs_to_the_figure_still_finds_it(core, corpus):
    target = claim_where(corpus, lambda c: "800 billion" in c.text and "2024" in c.text
                         and not (c.said_on.earliest.year <= 2024 <= c.said_on.latest.year))
    answer = await core.search("$800 billion in 2024")
    assert target.id in hit_ids(answer)


async def test_a_claim_of_another_month_does_not_answer_a_question_about_a_month_it_does_not_name(core):
    # Nothing said in February 2025 is about troops sent to the border; asked again with the month as words, the
    # January reception centres hold "how many", "Mexico" and "border" but neither say nor date February.
    question = "how many national guard troops did Mexico send to the US border in Feb 2025"
    for answer in (await core.search(question), await core.when(question)):
        assert isinstance(answer, NotFound), answer
    assert (await core.search(question)).period == "February 2025"


async def test_a_month_misremembered_is_answered_by_the_claim_holding_the_figure_asked_about(core):
    # Nothing said in October 2023 matches; the Border Patrol's quarter of a million detentions were November's,
    # reported in December. The claim holds the question's figure, so it answers, with its own date.
    answer = await core.search("Did the Border Patrol really detain a quarter of a million people in October 2023?")
    assert isinstance(answer, SearchAnswer)
    assert answer.hits[0].view.claim.id == "border-patrol-250000-detentions-nov-2023"
    assert answer.hits[0].view.claim.said_on.month != 10 and "in" not in answer.filters


async def test_a_month_misremembered_is_answered_by_the_claim_of_the_person_named(core):
    # Petro refused the flights on 26 January 2025; the question says February, and names him
    question = "Did Petro really refuse to take planes of deported Colombians in February 2025 and then cave?"
    answer = await core.search(question)
    assert isinstance(answer, SearchAnswer) and answer.hits[0].view.claim.id == "petro-refuses-us-deportation-flights"
    # "cave" is a word of the lexicon (backing down), not a slip for "have"
    assert ("cave", "have") not in answer.corrections


async def test_another_month_of_the_same_year_is_another_event_not_a_month_misremembered(core):
    # Blinken was in Mexico City in December 2023; his visit in October of that year is another event, which no
    # claim records. The month next to a claim's is still a slip (Petro, above; November for December here).
    assert isinstance(await core.search("what did Blinken agree in Mexico City on his visit in October 2023?"),
                      NotFound)
    answer = await core.search("did Blinken pledge to reopen the rail crossings in November 2023?")
    assert hit_ids(answer)[:1] == ["blinken-pledges-reopen-border-crossings-dec-2023"]


async def test_a_year_misremembered_is_answered_by_the_claim_about_the_body_named(core):
    # The Supreme Court's ruling was in 2022; the question says 2021 and names the court (a body, not a
    # government), so the claim about it answers, with its own date
    for question in ("Did the Supreme Court pave the way for scrapping Remain in Mexico in 2021?",
                     "did the high court clear the way to scrap MPP back in 2020"):
        answer = await core.search(question)
        assert isinstance(answer, SearchAnswer), answer
        assert answer.hits[0].view.claim.id in {"supreme-court-remain-in-mexico-ruling-2022",
                                                "us-ends-remain-in-mexico-2022"}
        assert answer.hits[0].view.claim.said_on.year == 2022


async def test_a_claim_years_from_the_period_asked_about_is_no_answer_for_naming_its_speaker(core):
    # Trump threatened a levy over migration in 2019 (5%) and again in 2024 (25%): asked about 2019 with a
    # rate neither holds, his 2024 threat is another event, not a year misremembered
    question = ("Was it a 10 percent levy on Mexican goods that Trump threatened over migration in 2019? "
                "I want to check")
    assert "trump-25-percent-tariff-threat" not in hit_ids(await core.search(question))


def test_a_season_of_a_year_is_how_a_time_is_placed():
    from bot.core.search.everyday import everyday_runs

    assert everyday_runs("levy threatened in spring 2019".split()) == {3}
    assert everyday_runs("the summer of 2024 caravans".split()) == {1}
    assert everyday_runs("the fall of the peso".split()) == set()  # a fall, not a season


def test_a_month_named_without_its_year_is_the_one_near_when_the_claim_was_said():
    from bot.core.dates import PartialDate
    from bot.core.search.filters import names_period

    said = PartialDate.parse("2025-01-20")
    assert names_period("tariffs from 1 February", PartialDate.parse("2025-02"), said)
    assert not names_period("tariffs from 1 February", PartialDate.parse("2024-02"), said)  # a year before
    assert not names_period("tariffs from 1 February", PartialDate.parse("2025-02"), None)  # no date to go by
    assert not names_period("tariffs from 1 March", PartialDate.parse("2025-02"), said)


async def test_a_claim_said_before_the_day_it_names_answers_a_question_about_that_day(core):
    # Trump spoke on 20 January 2025 of tariffs "from 1 February": nothing was said on 1 February, and the
    # claim's text names the month
    answer = await core.search("which levy did Washington announce on Mexican goods starting February 1, 2025, and why")
    assert isinstance(answer, SearchAnswer), answer
    assert answer.hits[0].view.claim.id == "trump-25-percent-tariffs-february-1"


async def test_a_claim_about_the_year_asked_comes_before_claims_merely_said_in_it(core):
    # the $800 billion of 2024's trade was reported in 2025; claims said in 2024 hold only "trade" and the year
    answer = await core.search("how much trade went back and forth between the US and Mexico in 2024")
    assert isinstance(answer, SearchAnswer)
    assert answer.hits[0].view.claim.id == "us-mexico-trade-800-billion-2024"
    assert len(answer.hits) > 1  # the claims said in 2024 follow


async def test_a_hedged_number_is_held_by_a_figure_near_it(core):
    # "around 400" is Sánchez Cordero's 370 (within 15%); the question's month is off too, and the figure is what
    # says it is her count
    question = "did the interior secretary count around 400 unofficial crossings on the Guatemalan border in March 2019"
    answer = await core.search(question)
    assert isinstance(answer, SearchAnswer)
    assert answer.hits[0].view.claim.id == "sanchez-cordero-370-illegal-crossings-2019"
    ranking = await core.lookups.engine.rank("around 400 crossings on the Guatemala border")
    assert "400" in next(r for r in ranking.results if r.claim_id == answer.hits[0].view.claim.id).matched
    # a year is no hedged number, and a number far off is not held
    ranking = await core.lookups.engine.rank("crossings around 2019")
    assert next(g for g in ranking.groups if g.term.text == "2019").near is None
    ranking = await core.lookups.engine.rank("around 900 crossings on the Guatemala border")
    assert all("900" not in r.matched for r in ranking.results)


# --- the source passage: a question worded like the article, not like our summary ---------------------------


def _passage_windows(corpus, size: int = 7):
    """For each claim, the first run of `size` words of its source passage that is mostly not in the claim's
    own words: what a reader who quotes the article (rather than our summary) would type."""
    from tests.conftest import SEEDS_DIR

    for claim in corpus.claims.values():
        own = set(terms(" ".join([claim.text, claim.quote or "", *claim.figures])))
        for appearance in claim.appearances:
            text = (SEEDS_DIR / corpus.articles[appearance.article].file).read_text(encoding="utf-8")
            passage = text[appearance.start : appearance.end].split()
            for start in range(0, max(len(passage) - size, 0) + 1):
                window = " ".join(passage[start : start + size])
                content = [t for t in terms(window) if len(t) > 3]
                if len(content) >= 3 and sum(t in own for t in content) <= len(content) // 2:
                    yield claim, window
                    break


@needs_seeds
async def test_a_question_worded_like_the_source_article_finds_the_claim(core, corpus):
    found, misses = 0, []
    windows = list(_passage_windows(corpus))
    assert len(windows) >= 40  # most claims are summaries, not the article's own words
    for claim, window in windows:
        answer = await core.search(window, limit=5)
        if not isinstance(answer, NotFound) and claim.id in hit_ids(answer):
            found += 1
        else:
            misses.append((claim.id, window))
    assert found / len(windows) >= 0.9, misses[:10]


@needs_seeds
async def test_a_claims_own_words_outrank_the_same_words_in_its_source_passage(core, corpus):
    """"build bridges" is Sheinbaum's quote; other claims drawn from the same passage rank below it."""
    claim = claim_where(corpus, lambda c: c.quote and "build bridges" in c.quote.lower())
    answer = await core.search("build bridges")
    ids = hit_ids(answer)
    assert ids[0] == claim.id
    assert all(hit.score < answer.hits[0].score for hit in answer.hits[1:] if hit.view.claim.id != claim.id)


def test_context_words_count_less_and_typos_or_synonyms_in_them_not_at_all():
    from bot.core.analysis.terms import QueryTerm
    from bot.core.search.engine import CONTEXT_WEIGHT, Coverage, Group

    groups = [Group(QueryTerm("tariffs", ("tariffs",)), {"tariffs": 1.0, "tarifs": 0.85, "levies": 0.8}, df=3,
                    weight=1.0)]
    coverage = Coverage(groups)
    assert coverage("trump tariffs")[0] == 1.0  # no context: the whole body is the claim's
    assert coverage("trump tariffs mexico", own=2)[0] == 1.0
    assert coverage("trump said mexico tariffs", own=2)[0] == pytest.approx(CONTEXT_WEIGHT)
    assert coverage("trump said mexico tarifs levies", own=2)[0] == 0.0


async def test_source_texts_that_change_recompile_the_content(tmp_path, content_copy):
    from bot.core.service import ContentPaths
    from tests.conftest import SEEDS_DIR

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    if SEEDS_DIR.is_dir():
        for path in SEEDS_DIR.iterdir():
            (seeds / path.name).write_bytes(path.read_bytes())
    paths = ContentPaths(content_copy.data_dir, content_copy.briefings_dir, seeds)
    async with Store(tmp_path / "seeds.sqlite3") as store:
        core = Core(store, paths)
        assert (await core.reload()).compiled
        assert not (await core.reload()).compiled
        (seeds / "added-later.txt").write_text("A new source text.\n", encoding="utf-8")
        assert (await core.reload()).compiled


async def test_nothing_found_offers_the_question_spelled_as_the_index_spells_it(core):
    answer = await core.search("Sheinbuam tarifs")
    if isinstance(answer, NotFound):  # typos make every match less sure; the respelled question is offered
        assert answer.suggestions[0] == "sheinbaum tariffs"
        assert hit_ids(await core.search(answer.suggestions[0]))
    else:
        assert any("tariff" in " ".join(terms(h.view.claim.text)) for h in answer.hits)
    unknown = await core.search("Qwzxv Plorb")
    assert isinstance(unknown, NotFound)
    assert not any(s.startswith("qwzxv") for s in unknown.suggestions)


async def test_briefing_names_edited_in_a_reload_are_used_by_brief_and_autocomplete(tmp_path, content_copy):
    from bot.core.models import BriefAnswer

    async with Store(tmp_path / "names.sqlite3") as store:
        core = Core(store, content_copy)
        await core.reload()
        assert isinstance(await core.brief("quokka levies"), NotFound)  # names now folded and kept in memory
        path = content_copy.briefings_dir / "tariffs.md"
        path.write_text(path.read_text(encoding="utf-8").replace("aliases: [", "aliases: [quokka levies, ", 1),
                        encoding="utf-8")
        assert (await core.reload()).compiled
        answer = await core.brief("quokka levies")
        assert isinstance(answer, BriefAnswer) and answer.briefing.slug == "tariffs"
        assert (await core.suggest_topics("quokka"))[0].slug == "tariffs"


def test_the_names_a_paragraph_sets_a_claim_in_are_read_before_its_passage():
    from bot.core.store.search_index import paragraph_names

    before = ("Earlier news.\nOne success was raising the closures of rail crossings like the ones in Eagle Pass and"
              " El Paso, Texas. Blinken then wrote to Andrés Manuel López Obrador about it. ")
    # names of two words or more, not a person's, not a sentence's first word, from this paragraph only
    assert paragraph_names(before, {"andres", "manuel", "lopez", "obrador"}) == "Eagle Pass El Paso"


@needs_seeds
async def test_a_claim_is_found_by_the_place_its_paragraph_names(core):
    # the Coparmex claim gives the daily cost of "the closures"; its paragraph says they were at Eagle Pass and El Paso
    answer = await core.search("how much money was lost each day the Eagle Pass and El Paso rail bridges were shut")
    assert hit_ids(answer)[:1] == ["coparmex-100-million-daily-closure-loss"]


def test_the_setting_names_follow_the_passage_and_are_counted_apart():
    from bot.core.analysis.index_docs import IndexDoc, with_context

    doc = IndexDoc("c", "p", "statement", "2023-12-01", "2023-12-31", "coparmex warned closures cost 100 million")
    placed = with_context(doc, ["the closures had an economic impact in texas"], ["Eagle Pass", "El Paso", "Texas"])
    assert placed.body.endswith("impact in texas eagle pass el paso") and placed.setting == 4  # "texas" held once
    assert placed.own == len(doc.body.split())
