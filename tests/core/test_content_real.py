"""The project's own content: complete, consistent and exact against the source articles."""

from collections import Counter

import pytest

from bot.core.content import load_corpus
from bot.core.content.crosscheck import article_texts
from tests.conftest import SEEDS_DIR, needs_seeds


@pytest.fixture(scope="module")
def corpus():
    from bot.infra.settings import PROJECT_ROOT

    return load_corpus(PROJECT_ROOT / "data", PROJECT_ROOT / "briefings", SEEDS_DIR if SEEDS_DIR.is_dir() else None)


def test_content_has_no_problems(corpus):
    assert [str(p) for p in corpus.problems] == []


def test_the_index_covers_every_article_and_kind(corpus):
    used = {a.article for c in corpus.claims.values() for a in c.appearances}
    assert used == set(corpus.articles)
    kinds = Counter(c.kind for c in corpus.claims.values())
    assert set(kinds) == {"direct_quote", "paraphrase", "statistic", "action"}
    assert len(corpus.claims) >= 100


@needs_seeds
def test_every_quote_is_verbatim_at_its_span(corpus):
    texts = article_texts(corpus, SEEDS_DIR)
    for claim in corpus.claims.values():
        for appearance in claim.appearances:
            passage = texts[appearance.article][appearance.start : appearance.end]
            assert passage.strip(), claim.id
            if claim.quote:
                assert claim.quote in passage, claim.id


@needs_seeds
def test_paraphrases_are_in_our_own_words(corpus):
    texts = article_texts(corpus, SEEDS_DIR)
    for claim in corpus.claims.values():
        for appearance in claim.appearances:
            sentence = texts[appearance.article][appearance.start : appearance.end]
            assert claim.text.strip() != sentence.strip(), f"{claim.id} copies the article's sentence"


def test_every_speaker_exists_and_every_date_fits_its_article(corpus):
    for claim in corpus.claims.values():
        assert claim.speaker in corpus.people
        for appearance in claim.appearances:
            article = corpus.articles[appearance.article]
            assert claim.said_on.earliest <= article.not_after.latest, claim.id
        if claim.not_before:
            assert claim.not_before.earliest <= claim.said_on.latest, claim.id
        if claim.not_after:
            assert claim.said_on.earliest <= claim.not_after.latest, claim.id


def test_undated_claims_say_how_their_date_was_worked_out(corpus):
    for claim in corpus.claims.values():
        if claim.basis != "explicit":
            assert claim.date_note or claim.not_after, claim.id


def test_every_topic_has_a_briefing_and_every_citation_resolves(corpus):
    assert set(corpus.topics) <= set(corpus.briefings)
    for briefing in corpus.briefings.values():
        cited = {c for item in briefing.key_points + briefing.timeline for c in item.claims}
        assert cited <= set(corpus.claims), briefing.slug
        assert briefing.key_points and briefing.timeline, briefing.slug


def test_timelines_are_in_date_order_and_no_more_precise_than_their_claims(corpus):
    for briefing in corpus.briefings.values():
        dates = [item.date for item in briefing.timeline]
        assert [d.earliest for d in dates] == sorted(d.earliest for d in dates), briefing.slug
        for item in briefing.timeline:
            precise = {"year": 0, "month": 1, "day": 2}
            best = max(precise[corpus.claims[c].said_on.precision] for c in item.claims) if item.claims else 0
            assert precise[item.date.precision] <= best, f"{briefing.slug}: {item.text}"
