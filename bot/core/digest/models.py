"""Digest data: a server's settings, a ledger row, the composed digest, and why a setting was refused."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from bot.core.models import ClaimView

QuietDays = Literal["post", "skip"]
QUIET_DAYS: tuple[str, ...] = ("post", "skip")
RunStatus = Literal["pending", "posted", "failed", "missed", "skipped"]
RUN_STATUSES: tuple[str, ...] = ("pending", "posted", "failed", "missed", "skipped")
FINAL_STATUSES: tuple[str, ...] = ("posted", "skipped")  # nothing more is ever sent for that local date
STAMP_FORMAT = "%Y-%m-%d %H:%M:%S.%f"  # UTC, sorts as text; history and ledger times
BASELINE = "0001-01-01 00:00:00.000000"  # "was there before anything was tracked": never new


def stamp(when: dt.datetime) -> str:
    """A UTC instant as the store keeps it."""
    return when.astimezone(dt.UTC).strftime(STAMP_FORMAT)


def unstamp(text: str) -> dt.datetime:
    try:
        return dt.datetime.strptime(text, STAMP_FORMAT).replace(tzinfo=dt.UTC)
    except ValueError:  # datetime('now') rows from before the digest ledger: no fraction
        return dt.datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class DigestSettings:
    guild_id: int
    channel_id: int | None
    time: str  # HH:MM, 24-hour, the server's local time
    timezone: str  # IANA zone
    enabled: bool = True
    topics: tuple[str, ...] = ()  # topic slugs; empty: every topic
    quiet_days: str = "post"  # with nothing new: "post" (on this date, or a short note) or "skip"
    paused_reason: str | None = None  # why posting stopped ("forbidden", "channel_gone"); None: not paused
    paused_at: str | None = None
    updated_at: str | None = None

    @property
    def active(self) -> bool:
        return self.enabled and self.paused_reason is None and self.channel_id is not None


@dataclass(frozen=True)
class DigestRun:
    """One ledger row: the digest for one server and one local date, and how its delivery went."""

    guild_id: int
    run_date: str  # the local date it is for, ISO
    status: str
    nonce: str | None = None
    channel_id: int | None = None
    scheduled_for: str | None = None  # UTC stamp
    since: str | None = None  # the window it covers (UTC stamps)
    until: str | None = None
    payload: str | None = None  # the rendered parts (JSON), so a resend sends exactly what was first sent
    items: tuple[tuple[str, str, str | None], ...] = ()  # (kind, id, fingerprint) it carries
    message_ids: tuple[int, ...] = ()
    error: str | None = None
    attempts: int = 0
    started_at: str | None = None
    posted_at: str | None = None
    updated_at: str | None = None


@dataclass(frozen=True)
class ClaimChange:
    """A claim that is new or changed since the window began (its history survives recompiles)."""

    view: ClaimView
    change: Literal["new", "changed"]
    fingerprint: str | None


@dataclass(frozen=True)
class TopicGroup:
    slug: str  # "" for claims without a topic
    title: str
    items: tuple[ClaimChange, ...]


@dataclass(frozen=True)
class BriefingChange:
    slug: str
    title: str
    change: Literal["new", "changed"]
    added: tuple[str, ...] = ()  # key points and timeline entries it did not have before
    fingerprint: str | None = None


@dataclass(frozen=True)
class Digest:
    """What a server's digest holds: plain data for render. Empty when nothing is new and quiet days skip."""

    guild_id: int | None
    local_date: str  # ISO date the digest is for, in the server's zone
    since: dt.datetime
    until: dt.datetime
    topics: tuple[str, ...] = ()  # the filter used (empty: all)
    groups: tuple[TopicGroup, ...] = ()
    briefings: tuple[BriefingChange, ...] = ()
    on_this_date: tuple[ClaimView, ...] = ()
    quiet_days: str = "post"
    more: int = 0  # further new or changed claims not shown (over the digest's size cap)

    @property
    def has_news(self) -> bool:
        return bool(self.groups or self.briefings)

    @property
    def empty(self) -> bool:
        """Nothing to post at all (no news, nothing on this date, and quiet days say skip)."""
        return not self.has_news and not self.on_this_date and self.quiet_days == "skip"

    def item_keys(self) -> list[tuple[str, str, str | None]]:
        """(kind, id, fingerprint) for every item shown: recorded as sent once the digest is posted."""
        keys = [("claim", c.view.claim.id, c.fingerprint) for g in self.groups for c in g.items]
        keys += [("briefing", b.slug, b.fingerprint) for b in self.briefings]
        keys += [("on_this_date", v.claim.id, None) for v in self.on_this_date]
        return keys


@dataclass(frozen=True)
class DigestProblem:
    """A digest setting that was refused, and why; render words it. field: "time", "timezone", "topics",
    "quiet_days", "guild", "since", "channel". reason: "bad_value", "unknown", "not_set", "empty"."""

    field: str
    value: str
    reason: str
    suggestions: tuple[str, ...] = ()


@dataclass(frozen=True)
class DigestStatus:
    """Everything /digest status shows: settings, the next run, the latest ledger rows."""

    settings: DigestSettings | None
    next_run: dt.datetime | None  # UTC
    recent: tuple[DigestRun, ...] = field(default_factory=tuple)
