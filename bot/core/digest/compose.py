"""Compose a server's digest: claims and briefings new or changed since its last digest, grouped by topic;
on a day with nothing new, a claim said on this date in an earlier year (or nothing, as the server chose).

"Never the same item twice" rests on two things. The window: since the `until` of the server's last posted
digest, so each change falls in exactly one window. And a record of what each server was sent (digest_sent,
written when a digest is posted): the window alone cannot keep "on this date" from repeating a claim next
year, nor stop a preview, a retry or a moved window from resending; a claim sent before is sent again only
when it changed since (a new fingerprint is a new item).
"""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

from bot.core.digest.models import (
    BriefingChange,
    ClaimChange,
    Digest,
    DigestSettings,
    DigestStatus,
    TopicGroup,
    stamp,
    unstamp,
)
from bot.core.digest.schedule import find_zone, next_run, parse_time
from bot.core.models import ClaimView
from bot.core.store import Store

MAX_CLAIMS = 40  # claims one digest shows (an import can add thousands in a day); the rest are counted
ON_THIS_DATE = 3  # claims from earlier years on a day with nothing new
DEFAULT_WINDOW = dt.timedelta(hours=24)  # a server's first digest, or a preview without a server
MAX_WINDOW = dt.timedelta(days=7)  # a digest turned back on after a month covers the last week only
UTC = ZoneInfo("UTC")


def zone_of(settings: DigestSettings | None) -> ZoneInfo:
    return (find_zone(settings.timezone) if settings else None) or UTC


def next_run_for(settings: DigestSettings | None, now: dt.datetime) -> tuple[dt.date, dt.datetime] | None:
    """(local date, UTC instant) of the server's next digest; None when it is off, paused or incomplete."""
    if settings is None or not settings.active:
        return None
    at = parse_time(settings.time)
    return next_run(at, zone_of(settings), now) if at else None


async def digest_since(store: Store, guild_id: int | None, now: dt.datetime) -> dt.datetime:
    """Where the next digest's window starts: the end of the last posted one, at most MAX_WINDOW ago."""
    last = await store.last_posted_digest(guild_id) if guild_id is not None else None
    if last is None:
        return now - DEFAULT_WINDOW
    since = unstamp(last.until or last.posted_at or stamp(now - DEFAULT_WINDOW))
    return max(since, now - MAX_WINDOW)


async def compose_digest(store: Store, settings: DigestSettings | None, now: dt.datetime, *,
                         since: dt.datetime | None = None, topics: tuple[str, ...] | None = None,
                         guild_id: int | None = None) -> Digest:
    """The digest a server would get at `now` (UTC). `since` and `topics` override the server's own (preview)."""
    guild_id = settings.guild_id if settings else guild_id
    zone = zone_of(settings)
    topics = tuple(settings.topics if settings and topics is None else topics or ())
    quiet_days = settings.quiet_days if settings else "post"
    since = since or await digest_since(store, guild_id, now)
    titles = {t.slug: t.title for t in await store.topics()}
    groups, more = await _claim_groups(store, guild_id, since, topics, titles)
    briefings = await _briefing_changes(store, guild_id, since, topics)
    on_this_date: tuple[ClaimView, ...] = ()
    local = now.astimezone(zone).date()
    if not groups and not briefings and quiet_days == "post":
        on_this_date = await _on_this_date(store, guild_id, local, topics)
    return Digest(guild_id, local.isoformat(), since, now, topics, groups, briefings, on_this_date, quiet_days, more)


async def _claim_groups(store: Store, guild_id: int | None, since: dt.datetime, topics: tuple[str, ...],
                        titles: dict[str, str]) -> tuple[tuple[TopicGroup, ...], int]:
    found, total = await store.digest_claim_changes(stamp(since), topics, limit=MAX_CLAIMS)
    sent = await store.digest_sent(guild_id, "claim", [r["claim_id"] for r in found]) if guild_id else {}
    fresh = [r for r in found if r["claim_id"] not in sent or sent[r["claim_id"]] != r["fingerprint"]]
    views = {v.claim.id: v for v in await store.claims_by_id(r["claim_id"] for r in fresh)}
    by_topic: dict[str, list[ClaimChange]] = {}
    for row in fresh:
        view = views.get(row["claim_id"])
        if view is None:
            continue
        change = "new" if row["first_seen"] > stamp(since) else "changed"
        by_topic.setdefault(_topic_of(view, topics, titles), []).append(ClaimChange(view, change, row["fingerprint"]))
    groups = [
        TopicGroup(slug, titles.get(slug, slug), tuple(sorted(items, key=lambda c: (c.view.claim.said_on, c.view.claim.id))))
        for slug, items in by_topic.items()
    ]
    groups.sort(key=lambda g: (g.slug == "", g.title.lower()))  # claims without a topic come last
    return tuple(groups), max(0, total - len(found))


def _topic_of(view: ClaimView, topics: tuple[str, ...], titles: dict[str, str]) -> str:
    """The one group a claim goes in: its first topic the server follows (or that is known), else none."""
    own = view.claim.topics
    for slug in own:
        if (slug in topics) if topics else (slug in titles):
            return slug
    return own[0] if own and not topics else ""


async def _briefing_changes(store: Store, guild_id: int | None, since: dt.datetime,
                            topics: tuple[str, ...]) -> tuple[BriefingChange, ...]:
    rows = [r for r in await store.digest_briefing_changes(stamp(since)) if not topics or r["slug"] in topics]
    sent = await store.digest_sent(guild_id, "briefing", [r["slug"] for r in rows]) if guild_id else {}
    return tuple(
        BriefingChange(r["slug"], r["title"], "new" if r["first_seen"] > stamp(since) else "changed",
                       tuple(json.loads(r["added"] or "[]")), r["fingerprint"])
        for r in rows if r["slug"] not in sent or sent[r["slug"]] != r["fingerprint"]
    )


async def _on_this_date(store: Store, guild_id: int | None, local: dt.date,
                        topics: tuple[str, ...]) -> tuple[ClaimView, ...]:
    ids = await store.claims_said_on_day(local.strftime("%m-%d"), local.year, limit=50)
    sent = await store.digest_sent(guild_id, "on_this_date", ids) if guild_id else {}
    views = [v for v in await store.claims_by_id(i for i in ids if i not in sent)
             if not topics or set(v.claim.topics) & set(topics)]
    return tuple(views[:ON_THIS_DATE])


async def digest_status(store: Store, guild_id: int, now: dt.datetime) -> DigestStatus:
    settings = await store.digest_settings(guild_id)
    upcoming = next_run_for(settings, now)
    return DigestStatus(settings, upcoming[1] if upcoming else None, tuple(await store.digest_runs(guild_id, 3)))
