"""Polling: which feeds are due, one task per feed (its own time budget, a shared concurrency limit), what a
poll of one feed takes, and how errors back off or pause a feed. State lives in the store, so a restart or
another process (`briefbot feeds poll`) carries on where the last poll stopped."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import AsyncIterator, Callable

from bot.core.feeds import Feed, PollOutcome
from bot.core.store import Store
from bot.feeds.config import FeedConfig
from bot.feeds.errors import PAUSE_AT_ONCE, FetchError
from bot.feeds.extract import PageText, main_text
from bot.feeds.fetch import Fetcher, decode_page
from bot.feeds.parse import FeedItem, parse_feed
from bot.feeds.sink import ArticleSink, FetchedArticle, content_hash

log = logging.getLogger(__name__)

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
MAX_NEW_PER_POLL = 30  # pages fetched per feed per poll; the rest wait for the next poll (still unseen)
TRANSIENT = frozenset({"timeout", "network", "http"})  # a page failing so is tried again next poll
TICK = 30.0  # seconds between looks for due feeds in the background loop


def stamp(when: dt.datetime) -> str:
    """UTC, to the second, fixed width: the store compares these as text."""
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def jitter(feed_id: int, every: dt.timedelta) -> dt.timedelta:
    """A fixed offset per feed, within a tenth of the interval: feeds added together drift apart."""
    spread = max(every.total_seconds() / 10, 1.0)
    return dt.timedelta(seconds=(feed_id * 2654435761 % 10007) / 10007 * spread)


def backoff(errors: int, config: FeedConfig) -> dt.timedelta:
    """Twice the interval per failure in a row, at most max_backoff."""
    return min(config.poll_every * 2 ** min(errors, 16), config.max_backoff)


class FeedPoller:
    def __init__(self, store: Store, sink: ArticleSink, fetcher: Fetcher, config: FeedConfig,
                 clock: Callable[[], dt.datetime] | None = None) -> None:
        self.store = store
        self.sink = sink
        self.fetcher = fetcher
        self.config = config
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._limit = asyncio.Semaphore(config.concurrency)
        self._taking = asyncio.Lock()
        self._loop: asyncio.Task[None] | None = None
        self._polling: dict[int, asyncio.Task[None]] = {}  # feed id -> its poll in the background

    # --- one feed -------------------------------------------------------------------------------------------

    def budget(self) -> float:
        """A backstop for a feed's whole poll (the feed, then its new pages one by one, each with its timeout)."""
        return self.config.timeout * (2 + MAX_NEW_PER_POLL)

    async def poll_feed(self, feed: Feed) -> PollOutcome:
        now = self.clock()
        try:
            return await asyncio.wait_for(self._poll(feed, now), self.budget())
        except TimeoutError:
            return await self._failed(feed, now, FetchError("timeout", f"{self.budget():g}s for the whole poll"))
        except FetchError as exc:
            return await self._failed(feed, now, exc)

    async def _poll(self, feed: Feed, now: dt.datetime) -> PollOutcome:
        fetched = await self.fetcher.get(feed.url, etag=feed.etag, last_modified=feed.last_modified,
                                         accept=FEED_ACCEPT)
        if fetched.not_modified:
            await self._succeeded(feed, now, new=False)
            return PollOutcome(feed.id, feed.url, "not_modified")
        parsed = parse_feed(fetched.body, fetched.content_type)
        title = parsed.title or feed.title
        fresh_keys = set(await self.store.unseen_items(feed.id, [(i.key, i.link) for i in parsed.items]))
        fresh = [i for i in parsed.items if i.key in fresh_keys]
        backlog: list[FeedItem] = []
        if feed.items_seen == 0:  # first good poll: the feed's backlog is known, not news
            oldest = now - self.config.first_poll_window
            backlog = [i for i in fresh if i.published is None or i.published < oldest]
            fresh = [i for i in fresh if i not in backlog]
        await self.store.note_feed_items(feed.id, [(i.key, i.link, None) for i in backlog], stamp(now))
        counts = {"taken": 0, "duplicates": 0, "claims": 0, "item_errors": 0}
        for item in fresh[:MAX_NEW_PER_POLL]:
            kind, claims = await self._take(feed, title, item, now)
            counts[kind] += 1
            counts["claims"] += claims
        await self.store.count_feed_claims(feed.id, counts["claims"])
        await self._succeeded(feed, now, new=counts["taken"] > 0, title=title, etag=fetched.etag,
                              last_modified=fetched.last_modified)
        status = "new" if counts["taken"] else "nothing_new"
        return PollOutcome(feed.id, feed.url, status, counts["taken"], len(backlog), counts["duplicates"],
                           counts["claims"], counts["item_errors"])

    async def _take(self, feed: Feed, outlet: str | None, item: FeedItem, now: dt.datetime) -> tuple[str, int]:
        """Fetch an item's page and hand it to the sink: which count it adds to, and the claims it brought."""
        if not item.link:
            await self.store.note_feed_items(feed.id, [(item.key, None, None)], stamp(now))
            return "item_errors", 0
        try:
            page = await self.fetcher.get(item.link, accept=PAGE_ACCEPT)
        except FetchError as exc:
            log.info("feed %s: page %s: %s", feed.id, item.link, exc)
            if exc.kind not in TRANSIENT:  # never there, or never acceptable: do not ask again
                await self.store.note_feed_items(feed.id, [(item.key, item.link, None)], stamp(now))
            return "item_errors", 0
        extracted = main_text(decode_page(page.body, page.content_type))
        text = extracted.text or main_text(item.summary).text  # a page of scripts only: the feed's summary
        if not text:  # nothing to read, nothing to ingest (and no empty hash to match every other empty page)
            await self.store.note_feed_items(feed.id, [(item.key, item.link, None)], stamp(now))
            return "item_errors", 0
        digest = content_hash(text)
        async with self._taking:  # two feeds carrying one story at once: the second sees the first's hash
            return await self._hand_over(feed, outlet, item, page.url, extracted, text, digest, now)

    async def _hand_over(self, feed: Feed, outlet: str | None, item: FeedItem, url: str, extracted: PageText,
                         text: str, digest: str, now: dt.datetime) -> tuple[str, int]:
        if await self.store.content_taken(digest):  # the same story, from another feed or another link
            await self.store.note_feed_items(feed.id, [(item.key, item.link, digest)], stamp(now))
            return "duplicates", 0
        article = FetchedArticle(
            url=url, title=item.title or extracted.title or url, text=text, content_hash=digest,
            outlet=outlet, author=item.author or extracted.author, published=item.published or extracted.published,
            feed_id=feed.id, topics=feed.topics,
        )
        try:
            result = await self.sink.add_article(article)
        except Exception:  # a bug in ingest must not stop the feed; the item is not retried in a loop
            log.exception("feed %s: ingesting %s failed", feed.id, item.link)
            await self.store.note_feed_items(feed.id, [(item.key, item.link, digest)], stamp(now))
            return "item_errors", 0
        await self.store.note_feed_items(feed.id, [(item.key, item.link, digest)], stamp(now))
        if result.error:
            log.info("feed %s: ingest refused %s: %s", feed.id, item.link, result.error)
            return "item_errors", 0
        return "taken", result.proposed + result.accepted

    async def _succeeded(self, feed: Feed, now: dt.datetime, *, new: bool, **state: object) -> None:
        if new:
            state["last_new_item"] = stamp(now)
        await self.store.save_feed_state(
            feed.id, last_poll=stamp(now), errors_in_a_row=0,
            next_poll_at=stamp(now + self.config.poll_every + jitter(feed.id, self.config.poll_every)), **state)

    async def _failed(self, feed: Feed, now: dt.datetime, error: FetchError) -> PollOutcome:
        errors = feed.errors_in_a_row + 1
        paused = error.kind if error.kind in PAUSE_AT_ONCE or errors >= self.config.pause_after else None
        log.warning("feed %s (%s): %s (%d in a row)%s", feed.id, feed.url, error, errors,
                    f"; paused: {paused}" if paused else "")
        await self.store.save_feed_state(
            feed.id, last_poll=stamp(now), errors_in_a_row=errors, last_error=error.stored, paused_reason=paused,
            next_poll_at=stamp(now + backoff(errors, self.config) + jitter(feed.id, self.config.poll_every)))
        return PollOutcome(feed.id, feed.url, "failed", error=error.stored, paused_reason=paused)

    # --- every due feed -------------------------------------------------------------------------------------

    async def poll_due(self) -> list[PollOutcome]:
        """Poll every due feed now, each in its own task: a slow one holds one slot, never the others."""
        feeds = await self.store.due_feeds(stamp(self.clock()))

        async def one(feed: Feed) -> PollOutcome:
            async with self._limit:
                return await self.poll_feed(feed)

        done = await asyncio.gather(*(one(f) for f in feeds), return_exceptions=True)
        outcomes = []
        for feed, result in zip(feeds, done, strict=True):
            if isinstance(result, BaseException):
                if isinstance(result, asyncio.CancelledError):
                    raise result
                log.error("feed %s: poll failed", feed.id, exc_info=result)
                continue
            outcomes.append(result)
        return outcomes

    # --- in the background, for the bot ---------------------------------------------------------------------

    def start(self, tick: float = TICK) -> None:
        if self._loop is None:
            self._loop = asyncio.create_task(self._run(tick), name="feed-poller")

    async def _run(self, tick: float) -> None:
        """Every tick, start a task for each due feed not already being polled: a slow feed holds its own task
        (and one concurrency slot), never the next round for the others."""
        try:
            while True:
                try:
                    due = await self.store.due_feeds(stamp(self.clock()))
                except Exception:  # the store busy or damaged for a moment: look again at the next tick
                    log.exception("could not read the due feeds")
                    due = []
                for feed in due:
                    if feed.id not in self._polling:
                        self._polling[feed.id] = asyncio.create_task(self._poll_one(feed), name=f"feed-{feed.id}")
                await asyncio.sleep(tick)
        finally:
            for task in self._polling.values():
                task.cancel()
            await asyncio.gather(*self._polling.values(), return_exceptions=True)

    async def _poll_one(self, feed: Feed) -> None:
        try:
            async with self._limit:
                await self.poll_feed(feed)
        except Exception:
            log.exception("feed %s: poll failed", feed.id)
        finally:
            self._polling.pop(feed.id, None)

    async def stop(self) -> None:
        if self._loop is not None:
            self._loop.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._loop
            self._loop = None


@contextlib.asynccontextmanager
async def open_poller(store: Store, sink: ArticleSink, config: FeedConfig) -> AsyncIterator[FeedPoller]:
    """A poller with its HTTP session, closed on the way out (after the background loop, if started)."""
    async with Fetcher(config) as fetcher:
        poller = FeedPoller(store, sink, fetcher, config)
        try:
            yield poller
        finally:
            await poller.stop()
