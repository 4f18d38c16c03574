"""A feed's bytes to its items, through feedparser (RSS 0.9x/1.0/2.0 and Atom: dates in their many
formats, declared encodings, entities). A feed that yields nothing usable is 'malformed'."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

import feedparser

from bot.feeds.errors import FetchError


@dataclass(frozen=True)
class FeedItem:
    key: str  # the GUID (RSS guid, Atom id), else the link: what "seen before" is checked by
    link: str | None
    title: str
    author: str | None
    published: dt.datetime | None  # UTC
    summary: str


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    items: tuple[FeedItem, ...]


def _when(entry: dict) -> dt.datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.UTC)


def parse_feed(body: bytes, content_type: str = "") -> ParsedFeed:
    """Items in the feed's order; FetchError('malformed' | 'not_a_feed') when there is no feed in it."""
    # feedparser reads bytes itself (so the XML's own encoding declaration counts); the header helps it.
    headers = {"content-type": content_type} if content_type else {}
    parsed = feedparser.parse(body, response_headers=headers)
    problem = type(parsed.get("bozo_exception")).__name__ if parsed.get("bozo") else None
    if problem == "CharacterEncodingOverride":
        problem = None  # the header and the XML disagree on the encoding; feedparser coped
    if not parsed.entries:
        if not parsed.get("version"):  # some other document: an HTML page, JSON, an error text
            raise FetchError("not_a_feed")
        if problem:  # a feed whose XML broke before its first item (cut off, a bare '&')
            raise FetchError("malformed", problem)
    items = []
    for entry in parsed.entries:
        link = entry.get("link") or None
        key = entry.get("id") or link
        if not key:
            continue  # an item with neither id nor link cannot be recognised again: skip it
        items.append(FeedItem(str(key).strip(), str(link).strip() if link else None,
                              str(entry.get("title") or "").strip(), entry.get("author") or None,
                              _when(entry), str(entry.get("summary") or "")))
    return ParsedFeed(parsed.feed.get("title") or None, tuple(items))
