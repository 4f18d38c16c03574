"""When a daily digest fires: HH:MM in an IANA zone, as UTC instants, defined on both DST change days.

A local time that does not exist (spring forward, e.g. 02:30 when clocks jump from 02:00 to 03:00) fires at
the first instant after the gap (03:00 local): the nearest moment the wall clock is past the time asked for,
the same day. A local time that happens twice (fall back, e.g. 01:30) fires once, at its first occurrence
(fold=0). Each local date has exactly one instant, so (server, local date) names a digest without doubt.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from functools import cache

_HH_MM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def parse_time(text: str) -> dt.time | None:
    """'08:00' or '8:00' -> 08:00; None for anything else (24:00, 8am, 25:61)."""
    match = _HH_MM.match(text.strip())
    return dt.time(int(match[1]), int(match[2])) if match else None


@cache
def zone_names() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones()))


def find_zone(name: str) -> zoneinfo.ZoneInfo | None:
    """The IANA zone for a name typed in any case ('europe/london'); None when there is none."""
    name = name.strip()
    if not name:
        return None
    canonical = {z.lower(): z for z in zone_names()}.get(name.lower())
    if canonical is None:
        return None
    try:
        return zoneinfo.ZoneInfo(canonical)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def _wall(instant: dt.datetime, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    return instant.astimezone(zone).replace(tzinfo=None, fold=0)


def fire_instant(day: dt.date, at: dt.time, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    """The UTC instant the digest for local date `day` fires."""
    wall = dt.datetime.combine(day, at)
    first = wall.replace(tzinfo=zone, fold=0).astimezone(dt.UTC)  # an ambiguous time: its first occurrence
    if _wall(first, zone) == wall:
        return first
    # In a gap: fold=0 reads the wall time with the offset before the change and fold=1 with the one after,
    # so the change lies between the two readings. The first instant whose wall time is at or past `wall`
    # is the end of the gap (to the second, by bisection: gaps are at most a few hours).
    lo = wall.replace(tzinfo=zone, fold=1).astimezone(dt.UTC)
    lo, hi = min(lo, first), max(lo, first)
    while (hi - lo) > dt.timedelta(seconds=1):
        mid = lo + (hi - lo) / 2
        if _wall(mid, zone) >= wall:
            hi = mid
        else:
            lo = mid
    return hi.replace(microsecond=0)


def next_run(at: dt.time, zone: zoneinfo.ZoneInfo, after: dt.datetime) -> tuple[dt.date, dt.datetime]:
    """(local date, UTC instant) of the first firing strictly after `after`."""
    day = after.astimezone(zone).date() - dt.timedelta(days=1)
    while True:
        instant = fire_instant(day, at, zone)
        if instant > after:
            return day, instant
        day += dt.timedelta(days=1)


def previous_run(at: dt.time, zone: zoneinfo.ZoneInfo, now: dt.datetime) -> tuple[dt.date, dt.datetime]:
    """(local date, UTC instant) of the latest firing at or before `now`."""
    day = now.astimezone(zone).date() + dt.timedelta(days=1)
    while True:
        instant = fire_instant(day, at, zone)
        if instant <= now:
            return day, instant
        day -= dt.timedelta(days=1)


def local_date(zone: zoneinfo.ZoneInfo, now: dt.datetime) -> dt.date:
    return now.astimezone(zone).date()
