"""When a statement was made, from the sentence's own date words and the publication window.

Explicit dates are taken as written; weekdays and relative phrases ("on Friday", "last month",
"in February") are resolved against every day the article may have been published on, and keep only the
precision on which all those days agree: never a day the text does not support. A phrase counted from an
event ("days later") counts from the day the sentence before named when there is one; an undated statement
is the article's own (its publication month) or someone else's (said by then: what the window agrees on).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Callable

from bot.core.dates import PartialDate
from bot.core.extract.lexicon import IRREGULAR_PAST, MONTH_ABBR, MONTHS, REPORTING, WEEKDAYS, inflections
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
    (re.compile(rf"\b(?:in|during)\s+the\s+(?:spring|summer|fall|autumn|winter)\s+of\s+{_YEAR}\b", re.I),
     "y"),
    (re.compile(rf"\b(?:in|during|since|last|this|early|late)\s+(?:(?:late|early|mid)[\s-]+)?{_MONTH}\b(?!\s+\d)", re.I), "m"),
    (re.compile(rf"\bat\s+the\s+(?:end|beginning|start|middle)\s+of\s+{_MONTH}\b(?!\s+\d)", re.I), "m"),
    (re.compile(rf"(?:\b(?:on|last|this|by)\s+|\b(?=(?:{'|'.join(WEEKDAYS)})(?:\s*[,.]|\s+(?:morning|afternoon|evening|night))))"
                rf"{_WEEKDAY}\b", re.I), "weekday"),
    # AP style: "said Sunday that ...", "Trump on Monday announced ..." (capitalised; not "Black Friday")
    (re.compile(r"(?<!Black )(?<!Super )(?<!Good )(?<!Cyber )(?<!Holy )(?<!Easter )(?<!Palm )(?<!Ash )"
                rf"\b(?P<weekday>{'|'.join(d.capitalize() for d in WEEKDAYS)})\b(?!\s+[A-Z\d])"), "weekday"),
    (re.compile(r"\b(?:last|this|earlier this|past)\s+(?P<unit>week|month|year)\b", re.I), "unit"),
    (re.compile(r"\b(?P<unit2>yesterday|today|tonight|last night|this (?:morning|afternoon|evening))\b",
                re.I), "near"),
    (re.compile(r"\b(?:(?:just\s+)?(?:a few|several|two|three|\d+)?\s*days?\s+(?:later|earlier|ago|before|after))\b", re.I), "days"),
    (re.compile(r"\b(?:(?:just\s+)?(?:a|one|a couple of|a few|several|two|three|\d+)\s+weeks?\s+(?:ago|earlier))\b", re.I),
     "weeks"),
    (re.compile(r"\b(?:since|at) the (?:beginning|start) of the year\b", re.I), "thisyear"),
    # US federal elections are held in early November by law: "in the 2024 U.S. presidential election" names a
    # month as surely as "in November 2024" (not the campaign, and not a day: the text gives none)
    (re.compile(rf"\bin\s+the\s+{_YEAR}\s+(?:(?:U\.S\.|US|American)\s+(?:presidential|general|midterm|"
                r"congressional)\s+elections?|midterms?(?:\s+elections?)?)\b"
                r"(?!\s+(?:campaign|race|cycle|primar))", re.I), "election"),
    # AP style "said over the weekend": the Saturday and Sunday just before publication
    (re.compile(r"\b(?:(?:over|during|on|at)\s+the|(?P<last>last)|this(?:\s+past)?)\s+weekend\b", re.I),
     "weekend"),
    # "three months ago", "two years ago": counted back from publication, as precise as the unit
    (re.compile(r"\b(?P<count>a|one|two|three|four|five|six|\d+)\s+(?P<unit3>month|year)s?\s+ago\b", re.I),
     "ago"),
    # "last summer", "earlier this spring", "in the spring": a season spans months, so only its year is kept
    # ("in the fall" is left out: "a fall in prices" reads the same)
    (re.compile(r"\b(?:(?P<last>last|this past|past)|this|earlier this|in the(?!\s+fall))\s+"
                r"(?P<season>spring|summer|fall|autumn)\b(?!\s+of\b)", re.I), "season"),
    # the year-end review: "as we close out a year that saw ...", "as the year draws to a close"
    (re.compile(r"\b(?:(?:are|is|am|we|’re|'re)\s+(?:end(?:ing)?|clos(?:e|ing)(?:\s+out)?|"
                r"wrap(?:ping)?\s+up|wind(?:ing)?\s+(?:up|down)|finish(?:ing)?)\s+(?:a|the|this)\s+year|"
                r"as\s+the\s+year\s+(?:ends|closes|draws\s+to\s+a\s+close|comes\s+to\s+an\s+end))\b", re.I),
     "thisyear"),
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
        back = 1 if m.group("unit2").lower() in ("yesterday", "last night") else 0
        return (lambda r: r - dt.timedelta(days=back)), "day"
    if kind == "days":
        return _days(m.group().lower())
    if kind == "weeks":  # "two weeks ago", "a couple of weeks ago": the month, taken from the middle of the span
        words = m.group().lower().split("week")[0].replace("just", "").strip()
        count = int(words) if words.isdigit() else _WEEKS.get(words, 2)
        return (lambda r: r - dt.timedelta(days=7 * count)), "month"
    if kind == "thisyear":
        return (lambda r: r), "year"
    if kind == "election":
        year = int(m.group("year"))
        return (lambda r: dt.date(year, 11, 1)), "month"
    if kind == "weekend":
        same_day = 7 if m.group("last") else 0  # "last weekend" said on a Saturday is the week before's
        return (lambda r: r - dt.timedelta(days=(r.weekday() - 5) % 7 or same_day)), "month"
    if kind == "ago":
        return _units_ago(m.group("count").lower(), m.group("unit3").lower())
    if kind == "season":
        return _season(m.group("season").lower(), m.group("last") is not None)
    if kind == "m":
        month = _month_number(m.group("month"))
        return (lambda r: dt.date(r.year if month <= r.month else r.year - 1, month, 1)), "month"
    if kind == "md":
        month, day = _month_number(m.group("month")), int(m.group("day"))
        return (lambda r: _safe(r.year if (month, day) <= (r.month, r.day) else r.year - 1, month, day)), "day"
    return None


_EXACT_DAYS = {"one": 1, "two": 2, "three": 3}
_ABOUT_DAYS = {"a few": 3, "several": 5}


def _days(phrase: str) -> tuple[Callable[[dt.date], dt.date], str]:
    """"Two days ago" counts back from publication, to the day when the count is exact. "Days before the
    vote", "days earlier" count back from an event the article recounts, itself news of the last few days:
    about a week before publication, to the month. "Days later" falls between that event and publication."""
    words = phrase.replace("just", "").split()
    count, singular, direction = " ".join(words[:-2]), words[-2] == "day", words[-1]
    if direction == "ago":
        exact = 1 if singular else int(count) if count.isdigit() else _EXACT_DAYS.get(count)
        if exact:
            return (lambda r: r - dt.timedelta(days=exact)), "day"
        back = _ABOUT_DAYS.get(count, 4)
        return (lambda r: r - dt.timedelta(days=back)), "month"
    if direction in ("before", "earlier"):
        return (lambda r: r - dt.timedelta(days=7)), "month"
    return (lambda r: r), "month"


_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _units_ago(count: str, unit: str) -> tuple[Callable[[dt.date], dt.date], str]:
    """"Three months ago": the month three before publication's; "two years ago": the year, no finer."""
    n = int(count) if count.isdigit() else _COUNTS[count]
    if unit == "year":
        return (lambda r: dt.date(r.year - n, 1, 1)), "year"
    return (lambda r: dt.date(r.year + (r.month - 1 - n) // 12, (r.month - 1 - n) % 12 + 1, 1)), "month"


_SEASON_START = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9}  # the northern meteorological seasons


def _season(season: str, last: bool) -> tuple[Callable[[dt.date], dt.date], str]:
    """"Last summer": the latest summer over by publication; "this spring", "in the spring": the latest one
    begun by then. Only the year is kept: a season spans three months."""
    first = _SEASON_START[season]

    def meant(r: dt.date) -> dt.date:
        begun = r.month >= (first + 3 if last else first)
        return dt.date(r.year if begun else r.year - 1, first, 1)
    return meant, "year"


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
_ANY_DATE = re.compile(r"\d|day|week|month|year|ago|later|earlier|before|after|night|morning|afternoon|"
                       r"evening|spring|summer|fall|autumn|" + "|".join(m[:3] for m in MONTHS))


_DIGIT = re.compile(r"\d")
_MONTH_HEADS = re.compile("|".join(m[:3] for m in MONTHS))
_NEEDS_MONTH = frozenset({"mdy", "dmy", "my", "md", "m"})
_NEEDS_DIGIT = frozenset({"mdy", "dmy", "my", "md", "y", "election"})
_NEEDS = {kind: re.compile(words).search for kind, words in {
    "weekday": "day", "unit": "week|month|year", "near": "yesterday|today|night|morning|afternoon|evening",
    "days": "day", "ago": "ago", "weekend": "weekend", "election": "election|midterm",
    "season": "spring|summer|fall|autumn", "weeks": "week",
    "thisyear": "year"}.items()}


@functools.lru_cache(maxsize=64)  # a sentence is asked once for its own date and again for each claim in it
def date_expressions(text: str, start: int, end: int) -> list[tuple[int, int, str, re.Match[str]]]:
    found: list[tuple[int, int, str, re.Match[str]]] = []
    low = text[start:end].lower()
    if not _ANY_DATE.search(low):  # lowercased: a case-blind search is three times slower
        return found
    # each pattern is tried only where the words it needs occur (a plain search costs next to nothing)
    digit = _DIGIT.search(low) is not None
    month = _MONTH_HEADS.search(low) is not None
    for pattern, kind in _PATTERNS:
        need = _NEEDS.get(kind)
        if (kind in _NEEDS_MONTH and not month) or (kind in _NEEDS_DIGIT and not digit) or (
                need and not need(low)):
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
# ... and a "since" clause ("the lowest since the agency began publishing in 2000"): where a span begins
_RELATIVE = re.compile(r"\b(?:who|whom|whose|which|since)\b[^,;:()\u2014]*")


# the reporting verb, whom it was said to, and how ("said in a statement", "told reporters at a briefing")
_ATTACHED = re.compile(r"[\w’'-]+\s+(?:(?:reporters|journalists|lawmakers|[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2})\s+)?"
                       r"(?:(?:in|at|during|via|to|on)\s+(?:a|an|the|his|her|its|their)\s+(?:[\w’'-]+\s+){1,3})?")


# a past-tense verb of what was said, between the cue and a date ("said 12 migrants died ... on Wednesday");
# a participle after a noun of saying ("a statement issued on Monday") is the saying's own
_SAYING = frozenset(f for base in REPORTING for f in inflections(base))
# the irregular pasts of the deed lexicon too ("said he shut the shelter last Thursday"), not those of saying
_IRREGULAR_DEEDS = "|".join(sorted(set(IRREGULAR_PAST.values()) - _SAYING))
_CLAUSE_VERB = re.compile(r"(?<!statement )(?<!post )(?<!video )(?<!message )(?<!letter )(?<!report )"
                          r"\b(?:[a-z]{3,}ed|fell|rose|sank|came|went|left|began|took|made|won|lost|hit|grew|ran|broke|"
                          rf"fled|froze|shot|held|met|sent|spent|built|cut|led|{_IRREGULAR_DEEDS})\b")
# a figure between the verb and a month or year ("reported 8,700 apprehensions ... in May"): the period counted
_FIGURE = re.compile(r"\d")


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
        dating = _dated(kind, m, text[d_start:d_end].strip(), context)
        if dating is not None and _counted_period(text, cue_at, d_start, dating):
            continue
        if dating is not None and _FIELDWORK.search(text, max(start, d_start - 80), d_start):
            dating = _findings(dating, days)
        if dating is not None:
            return dating
    return None


def _counted_period(text: str, cue_at: int | None, d_start: int, dating: Dating) -> bool:
    """"CBP reported 8,700 apprehensions in May": a month or year after the figure a verb reports is the period
    the figure counts, not the day of the report (a day after it may still be the report's: "announced 25%
    tariffs on Monday")."""
    return (cue_at is not None and d_start > cue_at and dating.said_on.precision != "day"
            and _saying(text, cue_at) and _FIGURE.search(text, cue_at, d_start) is not None)


def _dated(kind: str, m: re.Match[str], phrase: str, context: ArticleContext) -> Dating | None:
    """What one date expression means, written out or resolved against the publication window."""
    days = window(context)
    explicit = _explicit(kind, m)
    if explicit is not None:
        if explicit.earliest > days[-1]:
            return None  # later than the article: a plan, not a statement
        return Dating(explicit, "explicit", phrase if kind in ("y", "my") else None)
    resolved = _resolver(kind, m)
    if resolved is None:
        return None
    shift, finest = resolved
    if shift(days[-1]) > days[-1]:
        return None  # an election still to come: a plan, not a statement
    said = _agree([shift(r) for r in days], finest)
    if said is None or (said.precision == "year" and finest != "year"):
        # The window is too wide to agree: the month the phrase means from the best-known date.
        meant = shift(_anchor(context))
        said = PartialDate(meant.year, meant.month) if finest != "year" else PartialDate(meant.year)
    return Dating(said, "relative", phrase)


# "A poll conducted in April found ...": the date is the fieldwork's; the findings came out after it
_FIELDWORK = re.compile(r"\b(?:survey|poll|study|census|interview)s?,?\s+(?:was\s+|were\s+)?"
                        r"(?:conducted|carried\s+out|taken|fielded|done)\b[^,;.]{0,40}$", re.I)


def _findings(fieldwork: Dating, days: list[dt.date]) -> Dating | None:
    """Findings are stated between the fieldwork and the article: the precision both ends share (None when
    they share no year: the fieldwork says nothing of when the findings were given)."""
    said = _agree([fieldwork.said_on.earliest, days[-1]], "month")
    return dataclasses.replace(fieldwork, said_on=said) if said is not None else None


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
def reported(context: ArticleContext) -> Dating:
    """Someone else's statement the text does not date: made on or before the day the article appeared, so
    only what every day it may have appeared on agrees on. A date known to the week across a month's turn (May
    31 to June 7) leaves the year; the article's own words are dated by ``publication``, its best-known month.
    A window too wide to agree even on a year gives the best-known month too: it has nothing finer to keep."""
    days = window(context)
    said = _agree(days, "month")
    if said is None:
        return publication(context)
    return Dating(said, "publication", None, None, PartialDate(days[-1].year, days[-1].month, days[-1].day))


@functools.lru_cache(maxsize=64)
def before_publication(context: ArticleContext) -> Dating:
    """A statement in the present perfect ("has said", "has vowed"): some time before publication, not
    necessarily in its month; the publication year, bounded above by the last day the article may have appeared."""
    latest = window(context)[-1]
    return Dating(PartialDate(context.published.year), "publication", None, None,
                  PartialDate(latest.year, latest.month, latest.day))


# counted from an event the text leaves undated ("days before the vote", "weeks later"): a best-guess month
_COUNTED_FROM_EVENT = re.compile(r"(?:.*\s)?(?:days?|weeks?)\s+(?:before|earlier|later|after)$", re.I)


def sets_scene(stated: Dating, context: ArticleContext) -> bool:
    """Whether a sentence's date carries on to the narration after it: a day named does; so does a past month
    or year ("In 2014, ..."), but not a month guessed from "days before" an event the text does not date."""
    if stated.said_on.precision == "day":
        return True
    if stated.basis == "relative" and _COUNTED_FROM_EVENT.match(stated.phrase or ""):
        return False
    return stated.said_on.latest < context.published.earliest


_DAYS_FROM_EVENT = re.compile(r"(?:.*\s)?days?\s+(?P<way>before|earlier|later|after)$", re.I)


def counted_from(stated: Dating, previous: Dating) -> Dating:
    """"On Nov. 7, Kent called Ruiz. Days later, she said ...": "days later" (or "before", "earlier") counts
    from the day the sentence before named, not from publication. Two to nine days on: the month when they
    all fall in it, else the year. Any other date, or a previous date coarser than a day, leaves it as is."""
    counted = _DAYS_FROM_EVENT.match(stated.phrase or "") if stated.basis == "relative" else None
    if counted is None or previous.said_on.precision != "day":
        return stated
    sign = -1 if counted.group("way").lower() in ("before", "earlier") else 1
    anchor = previous.said_on.earliest
    said = _agree([anchor + dt.timedelta(days=sign * n) for n in range(2, 10)], "month")
    return dataclasses.replace(stated, said_on=said) if said is not None else stated
