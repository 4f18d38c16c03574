"""Composing a digest (plain data) and when it fires: HH:MM in a real zoneinfo zone, across both DST changes."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.core.digest.compose import compose_digest, next_run_for
from bot.core.digest.models import DigestRun, DigestSettings, stamp
from bot.core.digest.schedule import find_zone, fire_instant, next_run, parse_time, previous_run

UTC = dt.UTC


def local(when: dt.datetime, zone: str) -> str:
    return when.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M %Z")


def firings(hh_mm: str, zone: str, start: dt.date, days: int) -> list[tuple[str, str]]:
    at, tz = parse_time(hh_mm), ZoneInfo(zone)
    after = dt.datetime.combine(start, dt.time(), tz).astimezone(UTC) - dt.timedelta(seconds=1)
    out = []
    for _ in range(days):
        day, instant = next_run(at, tz, after)
        out.append((day.isoformat(), local(instant, zone)))
        after = instant
    return out


@pytest.mark.parametrize(("hh_mm", "zone", "start", "expected"), [
    # spring forward: 02:30 does not exist; the first instant after the gap is 03:00, once
    ("02:30", "America/New_York", dt.date(2025, 3, 8),
     [("2025-03-08", "2025-03-08 02:30 EST"), ("2025-03-09", "2025-03-09 03:00 EDT"), ("2025-03-10", "2025-03-10 02:30 EDT")]),
    # fall back: 01:30 happens twice; it fires on the first, and not again that day
    ("01:30", "America/New_York", dt.date(2025, 11, 1),
     [("2025-11-01", "2025-11-01 01:30 EDT"), ("2025-11-02", "2025-11-02 01:30 EDT"), ("2025-11-03", "2025-11-03 01:30 EST")]),
    ("01:30", "Europe/London", dt.date(2025, 3, 29),
     [("2025-03-29", "2025-03-29 01:30 GMT"), ("2025-03-30", "2025-03-30 02:00 BST"), ("2025-03-31", "2025-03-31 01:30 BST")]),
    ("01:30", "Europe/London", dt.date(2025, 10, 25),
     [("2025-10-25", "2025-10-25 01:30 BST"), ("2025-10-26", "2025-10-26 01:30 BST"), ("2025-10-27", "2025-10-27 01:30 GMT")]),
    # the southern hemisphere: clocks go forward in October, back in April
    ("02:30", "Australia/Sydney", dt.date(2025, 10, 4),
     [("2025-10-04", "2025-10-04 02:30 AEST"), ("2025-10-05", "2025-10-05 03:00 AEDT"), ("2025-10-06", "2025-10-06 02:30 AEDT")]),
    ("02:30", "Australia/Sydney", dt.date(2025, 4, 5),
     [("2025-04-05", "2025-04-05 02:30 AEDT"), ("2025-04-06", "2025-04-06 02:30 AEDT"), ("2025-04-07", "2025-04-07 02:30 AEST")]),
    # a half-hour DST change
    ("02:15", "Australia/Lord_Howe", dt.date(2025, 10, 4),
     [("2025-10-04", "2025-10-04 02:15 +1030"), ("2025-10-05", "2025-10-05 02:30 +11"), ("2025-10-06", "2025-10-06 02:15 +11")]),
])
def test_next_run_across_dst(hh_mm, zone, start, expected):
    assert firings(hh_mm, zone, start, 3) == expected


def test_each_local_date_fires_exactly_once_all_year():
    for zone in ("America/New_York", "Europe/London", "Australia/Sydney", "America/Mexico_City", "Asia/Kolkata"):
        for hh_mm in ("00:00", "01:30", "02:30", "12:00", "23:59"):
            runs = firings(hh_mm, zone, dt.date(2025, 1, 1), 365)
            assert [d for d, _ in runs] == [(dt.date(2025, 1, 1) + dt.timedelta(days=i)).isoformat() for i in range(365)]


def test_previous_run_names_the_slot_a_late_job_serves():
    tz, at = ZoneInfo("America/New_York"), parse_time("01:30")
    second_0130 = dt.datetime(2025, 11, 2, 6, 30, tzinfo=UTC)  # the repeated 01:30 EST
    day, instant = previous_run(at, tz, second_0130)
    assert day == dt.date(2025, 11, 2) and instant == dt.datetime(2025, 11, 2, 5, 30, tzinfo=UTC)
    assert fire_instant(dt.date(2025, 3, 9), parse_time("02:30"), tz) == dt.datetime(2025, 3, 9, 7, 0, tzinfo=UTC)


@pytest.mark.parametrize(("text", "ok"), [("08:00", True), ("8:05", True), ("00:00", True), ("23:59", True),
                                           ("24:00", False), ("8am", False), ("12:60", False), ("", False)])
def test_parse_time(text, ok):
    assert (parse_time(text) is not None) == ok


def test_find_zone_takes_any_case_and_refuses_the_unknown():
    assert find_zone("europe/london").key == "Europe/London"
    assert find_zone("Mars/Olympus") is None and find_zone("") is None


def test_next_run_for_off_or_paused_is_none():
    now = dt.datetime(2025, 6, 1, tzinfo=UTC)
    on = DigestSettings(1, 2, "08:00", "Europe/London")
    assert next_run_for(on, now)[1] == dt.datetime(2025, 6, 1, 7, 0, tzinfo=UTC)
    assert next_run_for(DigestSettings(1, 2, "08:00", "UTC", enabled=False), now) is None
    assert next_run_for(DigestSettings(1, 2, "08:00", "UTC", paused_reason="forbidden"), now) is None


async def touch(store, claim_ids: list[str], when: dt.datetime) -> None:
    """As if these claims had just changed (what a recompile or an import writes)."""
    await store.db.executemany("UPDATE claim_history SET changed_at = ? WHERE claim_id = ?",
                               [(stamp(when), c) for c in claim_ids])
    await store.db.commit()


async def test_changes_are_grouped_by_topic_with_speaker_date_and_source(core):
    store = core.store
    now = dt.datetime(2026, 2, 1, 9, 0, tzinfo=UTC)
    await touch(store, ["trump-25-percent-tariff-threat", "trump-declares-border-national-emergency"], now - dt.timedelta(hours=2))
    digest = await compose_digest(store, DigestSettings(7, 1, "09:00", "UTC"), now)
    items = {c.view.claim.id: (g.slug, c.change) for g in digest.groups for c in g.items}
    assert set(items) == {"trump-25-percent-tariff-threat", "trump-declares-border-national-emergency"}
    assert all(change == "changed" for _, change in items.values())  # first seen at the baseline
    view = digest.groups[0].items[0].view
    assert view.speaker_name and view.sources and view.sources[0].title and view.claim.said_on.precision
    assert not digest.on_this_date  # there is news: no "on this date"

    only = await compose_digest(store, DigestSettings(7, 1, "09:00", "UTC", topics=("tariffs",)), now)
    assert [c.view.claim.id for g in only.groups for c in g.items] == ["trump-25-percent-tariff-threat"]
    assert [g.slug for g in only.groups] == ["tariffs"]


async def test_quiet_days_post_on_this_date_or_nothing(core):
    store = core.store
    now = dt.datetime(2026, 1, 20, 12, 0, tzinfo=UTC)
    posting = await compose_digest(store, DigestSettings(7, 1, "09:00", "UTC"), now)
    assert not posting.has_news and posting.on_this_date and not posting.empty
    assert all(v.claim.said_on.iso().endswith("-01-20") and v.claim.said_on.year < 2026 for v in posting.on_this_date)
    skipping = await compose_digest(store, DigestSettings(7, 1, "09:00", "UTC", quiet_days="skip"), now)
    assert skipping.empty and not skipping.on_this_date


async def test_the_window_starts_where_the_last_posted_digest_ended(core):
    store = core.store
    settings = await store.save_digest_settings(DigestSettings(8, 1, "09:00", "UTC"))
    posted_until = dt.datetime(2026, 2, 1, 9, 0, tzinfo=UTC)
    await store.claim_digest_run(DigestRun(8, "2026-02-01", "pending", until=stamp(posted_until)))
    await store.finish_digest_run(8, "2026-02-01", "posted")
    await touch(store, ["trump-25-percent-tariff-threat"], posted_until - dt.timedelta(minutes=1))  # in the last one
    await touch(store, ["trump-declares-border-national-emergency"], posted_until + dt.timedelta(hours=3))
    digest = await compose_digest(store, settings, posted_until + dt.timedelta(days=1))
    assert digest.since == posted_until
    assert [c.view.claim.id for g in digest.groups for c in g.items] == ["trump-declares-border-national-emergency"]
