"""When a statement was made, from the sentence's own date words and the publication window.

Explicit dates are taken as written; weekdays and relative phrases ("on Friday", "last month",
"in February") are resolved against every day the article may have been published on, and keep only the
precision on which all those days agree: never a day the text does not support.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable

from bot.core.dates import PartialDate
from bot.core.extract.lexicon import MONTH_ABBR, MONTHS, REPORTING, WEEKDAYS, inflections
from bot.core.extract.model import ArticleContext, Dating

_MONTH = r"(?P<month>" + "|".join(MONTHS) + r"|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?)"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_RANGE_BEFORE = re.compile(r"\b(?:from|between|to|and|through|until|since)\s+(?:late\s+|early\s+|mid-?)?$", re.I)
_FUTURE = re.compile(r"\b(?:would|will|to be|due|set to|scheduled|next|plans?|planning|planned|starting|effective)\b", re.I)

# (pattern, kind) in order of specificity: the first that matches a stretch of text wins it.
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I), "mdy"),
    (re.compile(rf"\b(?:{_WEEKDAY},?\s+)?{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.I), "dmy"),
    (re.compile(rf"\b(?:in\s+|since\s+|by\s+|during\s+|(?:late|early|mid)[\s-]+)?{_MONTH}\s+(?:of\s+)?{_YEAR}\b", re.I), "my"),
    (re.compile(rf"\b(?:on\s+)?{_MONTH}\s+{_DAY}\b(?!,?\s*\d)", re.I), "md"),
    (re.compile(rf"\b(?:on\s+)?{_DAY}\s+{_MONTH}\b(?!,?\s*\d)", re.I), "md"),  # "on 3 February"
    (re.compile(rf"\b(?:in|during|since|by)\s+(?:(?:late|early|mid)[\s-]+)?{_YEAR}\b", re.I), "y"),
    (re.compile(rf"\b(?:in|during|since|last|this|early|late)\s+(?:(?:late|early|mid)[\s-]+)?{_MONTH}\b(?!\s+\d)", re.I), "m"),
    (re.compile(rf"(?:\b(?:on|last|this|by)\s+|\b(?=(?:{'|'.join(WEEKDAYS)})(?:\s*[,.]|\s+(?:morning|afternoon|evening|night))))"
                rf"{_WEEKDAY}\b", re.I), "weekday"),
    # AP style: "said Sunday that ...", "Trump on Monday announced ..." (capitalised; not "Black Friday")
    (re.compile(r"(?<!Black )(?<!Super )(?<!Good )(?<!Cyber )(?<!Holy )(?<!Easter )(?<!Palm )(?<!Ash )"
                rf"\b(?P<weekday>{'|'.join(d.capitalize() for d in WEEKDAYS)})\b(?!\s+[A-Z\d])"), "weekday"),
    (re.compile(r"\b(?:last|this|earlier this|past)\s+(?P<unit>week|month|year)\b", re.I), "unit"),
    (re.compile(r"\b(?P<unit2>yesterday|today)\b", re.I), "near"),
    (re.compile(r"\b(?:(?:just\s+)?(?:a few|several|two|three|\d+)?\s*days?\s+(?:later|earlier|ago|before|after))\b", re.I), "days"),
    (re.compile(r"\b(?:(?:just\s+)?(?:a|one|a couple of|a few|several|two|three|\d+)\s+weeks?\s+(?:ago|earlier))\b", re.I),
     "weeks"),
    (re.compile(r"\bsince the (?:beginning|start) of the year\b", re.I), "thisyear"),
]


def _month_number(word: str) -> int:
    word = word.lower().rstrip(".")
    return MONTHS.index(word) + 1 if word in MONTHS else MONTH_ABBR[word[:4] if word.startswith("sept") else word[:3]]


_last_window: tuple[ArticleContext | None, list[dt.date]] = (None, [])  # one article at a time, read in one step


def window(context: ArticleContext) -> list[dt.date]:
    """Every day the article may have been published on (capped: a wide window agrees on nothing small)."""
    global _last_window
    last = _last_window
    if last[0] is context:  # identity, not equality: hashing the context on every call costs more
        return last[1]
    days = _window(context)
    _last_window = (context, days)
    return days


@functools.lru_cache(maxsize=64)
def _window(context: ArticleContext) -> list[dt.date]:
    first = (context.not_before or context.published).earliest
    last = (context.not_after or context.published).latest
    if context.not_before is None and context.published.precision == "day":
        first = context.published.earliest
    if last < first:
        first, last = last, first
    days = (last - first).days
    return [first + dt.timedelta(days=n) for n in range(0, min(days, 400) + 1)]


def _agree(days: list[dt.date], strongest: str = "day") -> PartialDate | None:
    """The most precise date all candidates share, no finer than ``strongest``."""
    if not days:
        return None
    first = days[0]
    if strongest == "day" and all(d == first for d in days):
        return PartialDate(first.year, first.month, first.day)
    if strongest in ("day", "month") and all((d.year, d.month) == (first.year, first.month) for d in days):
        return PartialDate(first.year, first.month)
    if all(d.year == first.year for d in days):
        return PartialDate(first.year)
    return None


_WEEKS = {"a": 1, "one": 1, "a couple of": 2, "two": 2, "a few": 3, "three": 3, "several": 3}


def _resolver(kind: str, m: re.Match[str]) -> tuple[Callable[[dt.date], dt.date], str] | None:
    """For a relative phrase: how one publication day maps to the day it means, and the finest precision."""
    if kind == "weekday":
        target = WEEKDAYS.index(m.group("weekday").lower())
        # The latest such day on or before publication: news names the day of the week for the past six
        # days and for the day itself (AP style: a Wednesday story says "said Wednesday", not "today").
        # "last Wednesday" on a Wednesday is the week before.
        same_day = 7 if m.group().lower().startswith("last") else 0
        return (lambda r: r - dt.timedelta(days=(r.weekday() - target) % 7 or same_day)), "day"
    if kind == "unit":
        unit, last = m.group("unit").lower(), m.group().lower().startswith(("last", "past"))
        if unit == "week":
            return (lambda r: r - dt.timedelta(days=7 if last else 0)), "month"
        if unit == "month":
            return (lambda r: (r.replace(day=1) - dt.timedelta(days=1)) if last else r), "month"
        return (lambda r: r.replace(year=r.year - 1, day=1) if last else r), "year"
    if kind == "near":
        back = 1 if m.group("unit2").lower() == "yesterday" else 0
        return (lambda r: r - dt.timedelta(days=back)), "day"
    if kind == "days":
        return (lambda r: r), "month"
    if kind == "weeks":  # "two weeks ago", "a couple of weeks ago": the month, taken from the middle of the span
        words = m.group().lower().split("week")[0].replace("just", "").strip()
        count = int(words) if words.isdigit() else _WEEKS.get(words, 2)
        return (lambda r: r - dt.timedelta(days=7 * count)), "month"
    if kind == "thisyear":
        return (lambda r: r), "year"
    if kind == "m":
        month = _month_number(m.group("month"))
        return (lambda r: dt.date(r.year if month <= r.month else r.year - 1, month, 1)), "month"
    if kind == "md":
        month, day = _month_number(m.group("month")), int(m.group("day"))
        return (lambda r: _safe(r.year if (month, day) <= (r.month, r.day) else r.year - 1, month, day)), "day"
    return None


def _safe(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return dt.date(year, month, 1)


def _explicit(kind: str, m: re.Match[str]) -> PartialDate | None:
    try:
        if kind in ("mdy", "dmy"):
            return PartialDate.parse(dt.date(int(m.group("year")), _month_number(m.group("month")), int(m.group("day"))))
        if kind == "my":
            return PartialDate(int(m.group("year")), _month_number(m.group("month")))
        if kind == "y":
            return PartialDate(int(m.group("year")))
    except (ValueError, KeyError):
        return None
    return None


# Every pattern needs one of these: most sentences have none, and one search is cheaper than eleven.
_ANY_DATE = re.compile(r"\d|day|week|month|year|ago|later|earlier|before|after|" + "|".join(m[:3] for m in MONTHS))


_DIGIT = re.compile(r"\d")
_MONTH_HEADS = tuple(m[:3] for m in MONTHS)
_NEEDS_MONTH = frozenset({"mdy", "dmy", "my", "md", "m"})
_NEEDS_DIGIT = frozenset({"mdy", "dmy", "my", "md", "y"})
_NEEDS = {"weekday": ("day",), "unit": ("week", "month", "year"), "near": ("yesterday", "today"), "days": ("day",),
          "weeks": ("week",), "thisyear": ("year",)}


@functools.lru_cache(maxsize=64)  # a sentence is asked once for its own date and again for each claim in it
def date_expressions(text: str, start: int, end: int) -> list[tuple[int, int, str, re.Match[str]]]:
    found: list[tuple[int, int, str, re.Match[str]]] = []
    low = text[start:end].lower()
    if not _ANY_DATE.search(low):  # lowercased: a case-blind search is three times slower
        return found
    # each pattern is tried only where the words it needs occur (substring tests cost next to nothing)
    digit = _DIGIT.search(low) is not None
    month = any(m in low for m in _MONTH_HEADS)
    for pattern, kind in _PATTERNS:
        need = _NEEDS.get(kind)
        if (kind in _NEEDS_MONTH and not month) or (kind in _NEEDS_DIGIT and not digit) or (need and not any(
                w in low for w in need)):
            continue
        for m in pattern.finditer(text, start, end):
            if any(a < m.end() and m.start() < b for a, b, _, _ in found):
                continue
            if kind in ("my", "y", "m", "md") and _RANGE_BEFORE.search(text, max(start, m.start() - 12), m.start()):
                continue  # a period a figure covers ("from December 2018 to May 2019"), not when it was said
            if kind in ("my", "m") and re.match(r"(?:since|by)\b", m.group(), re.I):
                continue
            found.append((m.start(), m.end(), kind, m))
    return sorted(found, key=lambda f: f[0])


# Words that open the content of what was said: a date after them is the content's, not the saying's.
_CONTENT = re.compile(r"\b(?:that|had|has been|have been)\b")
# A relative clause ("who took office in October", "deportees who were flown there on Friday") up to its comma.
_RELATIVE = re.compile(r"\b(?:who|whom|whose|which)\b[^,;:()\u2014]*")


# the reporting verb, whom it was said to, and how ("said in a statement", "told reporters at a briefing")
_ATTACHED = re.compile(r"[\w’'-]+\s+(?:(?:reporters|journalists|lawmakers|[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2})\s+)?"
                       r"(?:(?:in|at|during|via|to|on)\s+(?:a|an|the|his|her|its|their)\s+(?:[\w’'-]+\s+){1,3})?")


# a past-tense verb of what was said, between the cue and a date ("said 12 migrants died ... on Wednesday");
# a participle after a noun of saying ("a statement issued on Monday") is the saying's own
_CLAUSE_VERB = re.compile(r"(?<!statement )(?<!post )(?<!video )(?<!message )(?<!letter )(?<!report )"
                          r"\b(?:[a-z]{3,}ed|fell|rose|sank|came|went|left|began|took|made|won|lost|hit|grew|ran|broke|"
                          r"fled|froze|shot|held|met|sent|spent|built|cut|led)\b")


_SAYING = frozenset(f for base in REPORTING for f in inflections(base))


def _saying(text: str, at: int) -> bool:
    word = re.match(r"[a-z]+", text[at:at + 30].lower())
    return bool(word) and word.group() in _SAYING


def _after_word(text: str, at: int) -> int:
    word = re.match(r"[\w’'-]+", text[at:at + 30])
    return at + (word.end() if word else 0)


def resolve(text: str, start: int, end: int, cue_at: int | None, context: ArticleContext,
            after_cue: bool = False) -> Dating | None:
    """The date the sentence gives its statement, or None when it gives none; ``after_cue``: only a date after
    the cue counts (the dates before it are the period a figure covers)."""
    found = date_expressions(text, start, end)
    if not found:
        return None
    days = window(context)
    clauses = [(c.start(), c.end()) for c in _RELATIVE.finditer(text, start, end)]
    if cue_at is not None and len(found) > 1 and found[0][0] < cue_at:
        # "Crossings fell in April, the ministry said on Monday": the day the verb carries is the saying's; an
        # earlier one is what was counted or recounted
        attached = [f for f in found if f[0] > cue_at and _ATTACHED.fullmatch(text, cue_at, f[0])]
        if attached:
            found = [attached[0], *(f for f in found if f is not attached[0])]
    for d_start, d_end, kind, m in found:
        if after_cue and cue_at is not None and (d_start < cue_at or "," in text[cue_at:d_start]):
            continue  # "according to the bank, remittances reached ... in 2024": the period, not the source's day
        if cue_at is not None and d_start > cue_at and (_FUTURE.search(text, cue_at, d_start) or _CONTENT.search(
                text, cue_at, d_start)):
            continue  # "said tariffs would start on Monday", "added that Mexico had ... in February": what was said
        if cue_at is not None and d_start > cue_at and _saying(text, cue_at) and not _ATTACHED.fullmatch(text, cue_at, d_start) \
                and _CLAUSE_VERB.search(text, _after_word(text, cue_at), d_start):
            continue  # "said 12 migrants died when their boat sank on Wednesday": the event's day, not the saying's
        if any(a <= d_start < b and (cue_at is None or not a <= cue_at < b) for a, b in clauses):
            continue  # "Sheinbaum, who took office in October, said ...": the date of the aside
        phrase = text[d_start:d_end].strip()
        explicit = _explicit(kind, m)
        if explicit is not None:
            if explicit.earliest > days[-1]:
                continue  # later than the article: a plan, not a statement
            return Dating(explicit, "explicit", phrase if kind in ("y", "my") else None)
        resolved = _resolver(kind, m)
        if resolved is None:
            continue
        shift, finest = resolved
        said = _agree([shift(r) for r in days], finest)
        if said is None or (said.precision == "year" and finest != "year"):
            # The window is too wide to agree: the month the phrase means from the best-known date.
            meant = shift(_anchor(context))
            said = PartialDate(meant.year, meant.month) if finest != "year" else PartialDate(meant.year)
        return Dating(said, "relative", phrase)
    return None


def _anchor(context: ArticleContext) -> dt.date:
    """The best-known publication day: the day given, else the middle of the window."""
    if context.published.precision == "day":
        return context.published.earliest
    days = window(context)
    return days[len(days) // 2]


@functools.lru_cache(maxsize=64)
def publication(context: ArticleContext) -> Dating:
    """No date in the text: news reports what is recent, so the publication month (the year when only the
    year is known), bounded above by the last day the article may have appeared."""
    published = context.published
    said = PartialDate(published.year, published.month) if published.month else PartialDate(published.year)
    latest = window(context)[-1]
    return Dating(said, "publication", None, None, PartialDate(latest.year, latest.month, latest.day))


@functools.lru_cache(maxsize=64)
def before_publication(context: ArticleContext) -> Dating:
    """A statement in the present perfect ("has said", "has vowed"): some time before publication, not
    necessarily in its month; the publication year, bounded above by the last day the article may have appeared."""
    latest = window(context)[-1]
    return Dating(PartialDate(context.published.year), "publication", None, None,
                  PartialDate(latest.year, latest.month, latest.day))
