"""Feeds as plain data: a feed's row with its polling state, and why a /feeds command was refused.

Shared by the store (which writes them), the feed poller (bot/feeds) and render (which words them), so it
lives in the core with no I/O, as the digest's models do.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Feed:
    id: int
    url: str
    title: str | None  # the feed's own title, learned at the first good poll (the outlet of its articles)
    topics: tuple[str, ...]
    added_at: str
    etag: str | None = None
    last_modified: str | None = None
    last_poll: str | None = None
    last_new_item: str | None = None
    items_seen: int = 0
    claims_added: int = 0
    errors_in_a_row: int = 0
    paused_reason: str | None = None  # an error kind (bot/feeds/errors.py); None: polled on schedule
    next_poll_at: str | None = None
    last_error: str | None = None  # an error kind, with its detail after a colon: "http:503"

    @property
    def paused(self) -> bool:
        return self.paused_reason is not None


@dataclass(frozen=True)
class FeedProblem:
    """A /feeds command refused: which value, what was typed, why (render words it)."""

    field: str  # url | topics | feed
    value: str
    reason: str  # bad_scheme | bad_url | exists | unknown | not_found
    suggestions: tuple[str, ...] = ()


@dataclass(frozen=True)
class PollOutcome:
    """What one poll of one feed found (briefbot feeds poll prints these)."""

    feed_id: int
    url: str
    status: str  # new | nothing_new | not_modified | failed
    taken: int = 0  # new articles handed to ingest
    backlog: int = 0  # items a first poll took as known without ingesting (older than the window)
    duplicates: int = 0  # new to this feed but the same story as one taken before (another feed)
    claims: int = 0
    item_errors: int = 0  # pages that could not be fetched or ingested (tried again next poll if passing)
    error: str | None = None  # the feed's error, stored form "kind:detail"
    paused_reason: str | None = None  # set when this poll paused the feed


def feed_url_problem(url: str) -> FeedProblem | None:
    """Why a typed feed address cannot be followed (not http(s), no host), or None."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return FeedProblem("url", url, "bad_url")
    if parts.scheme.lower() not in ("http", "https"):
        return FeedProblem("url", url, "bad_scheme" if parts.scheme and "://" in url else "bad_url")
    if not parts.hostname or any(ch.isspace() for ch in url):
        return FeedProblem("url", url, "bad_url")
    return None
