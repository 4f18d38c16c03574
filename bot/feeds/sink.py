"""Where a new feed article goes: an `ArticleSink`. `IngestSink` runs it through ingest (extraction, proposed
claims for review, or accepted above the confidence threshold when auto-accept is on); `TextOnlySink` keeps
only the article and its text (tests, and a store without a content folder)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from bot.core.dates import PartialDate
from bot.core.models import Article
from bot.core.store import Store


@dataclass(frozen=True)
class FetchedArticle:
    """A feed item's page, fetched and reduced to its main text, with what the feed and page say of it."""

    url: str
    title: str
    text: str
    content_hash: str  # of the normalised text: the same wire story in two feeds has one hash
    outlet: str | None  # the feed's title
    author: str | None
    published: dt.datetime | None  # from the item, else the page; None when neither says
    feed_id: int
    topics: tuple[str, ...]  # the feed's topics, for ingest to tag claims with


@dataclass(frozen=True)
class SinkResult:
    article_id: str | None
    proposed: int = 0  # claims waiting for review
    accepted: int = 0  # claims live in the index
    error: str | None = None  # why the sink could not take it (short, for /feeds status)


class ArticleSink(Protocol):
    async def add_article(self, article: FetchedArticle) -> SinkResult: ...


def content_hash(text: str) -> str:
    """Whitespace and case do not make a story different."""
    return hashlib.sha256(re.sub(r"\s+", " ", text).strip().lower().encode()).hexdigest()


def article_id(article: FetchedArticle) -> str:
    """A readable, stable id: 'feed-<title words>-<hash prefix>' (the same text always gets the same id)."""
    words = re.sub(r"[^a-z0-9]+", "-", article.title.lower()).strip("-")[:60].rstrip("-") or "article"
    return f"feed-{words}-{article.content_hash[:8]}"


def as_article(article: FetchedArticle, seen_at: dt.datetime) -> Article:
    published = article.published
    precision = "day" if published else "week"  # no date given: the day it was seen, give or take
    when = PartialDate.parse((published or seen_at).date().isoformat())
    return Article(article_id(article), article.title or article.url, None, article.author, article.outlet,
                   "news", when, precision, None, None, article.url)


class TextOnlySink:
    """Placeholder until ingest lands: stores the article with its text, extracts nothing (0 claims)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    async def add_article(self, article: FetchedArticle) -> SinkResult:
        record = as_article(article, dt.datetime.now(dt.UTC))
        await self.store.store_feed_article(record, article.text)
        return SinkResult(record.id)


class IngestSink:
    """A feed article through ingest: stored with its text, its claims proposed in data/claims/proposed/ for
    review, or accepted at once when they are at least `accept_at` sure (None: a person reviews them all)."""

    def __init__(self, store: Store, data_dir: Path, accept_at: float | None) -> None:
        self.store, self.data_dir, self.accept_at = store, data_dir, accept_at

    async def add_article(self, article: FetchedArticle) -> SinkResult:
        from bot.core.ingest.service import Ingest  # extraction's word lists load on first use

        record = as_article(article, dt.datetime.now(dt.UTC))
        outcome = await Ingest(self.data_dir, self.store).add_text(record, article.text, article.url,
                                                                   apply_at=self.accept_at)
        if outcome.prepared.error:
            return SinkResult(None, error=outcome.prepared.error)
        if outcome.already:
            return SinkResult(outcome.already)
        found = len(outcome.prepared.proposals)
        return SinkResult(record.id, proposed=found - outcome.accepted, accepted=outcome.accepted)


def default_sink(store: Store, data_dir: Path, accept_at: float | None) -> ArticleSink:
    """The sink the bot and `briefbot feeds poll` use: ingest, as for a file dropped in."""
    return IngestSink(store, data_dir, accept_at)
