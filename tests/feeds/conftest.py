"""Feed test fixtures: the local site, an empty store, a quick config, and a sink that records what it got."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot.core.store import Store
from bot.feeds.config import FeedConfig
from bot.feeds.poller import FeedPoller, open_poller
from bot.feeds.sink import FetchedArticle, SinkResult
from tests.feeds.site import Site


class RecordingSink:
    """The test double: takes every article, says each brought `claims` proposed claims."""

    def __init__(self, claims: int = 2) -> None:
        self.articles: list[FetchedArticle] = []
        self.claims = claims

    async def add_article(self, article: FetchedArticle) -> SinkResult:
        self.articles.append(article)
        return SinkResult(f"a{len(self.articles)}", proposed=self.claims)


@pytest.fixture
def site() -> Iterator[Site]:
    with Site() as running:
        yield running


@pytest_asyncio.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    async with Store(tmp_path / "feeds.sqlite3") as opened:
        yield opened


@pytest.fixture
def config() -> FeedConfig:
    return FeedConfig(timeout=1.0, max_bytes=2**20, concurrency=4, pause_after=3,
                      first_poll_window=dt.timedelta(hours=24))


@pytest.fixture
def sink() -> RecordingSink:
    return RecordingSink()


@pytest_asyncio.fixture
async def poller(store: Store, sink: RecordingSink, config: FeedConfig) -> AsyncIterator[FeedPoller]:
    async with open_poller(store, sink, config) as opened:
        yield opened


def rfc822(when: dt.datetime) -> str:
    return when.strftime("%a, %d %b %Y %H:%M:%S +0000")


def hours_ago(hours: float) -> dt.datetime:
    return dt.datetime.now(dt.UTC) - dt.timedelta(hours=hours)


async def add_feed(store: Store, url: str, topics: tuple[str, ...] = ()) -> int:
    feed = await store.add_feed(url, topics, "2026-01-01T00:00:00Z")
    assert feed is not None
    return feed.id
