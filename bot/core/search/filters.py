"""Loose filter text ("quotes", "tarifs", "2019-06", "Sheinbaum") turned into store values."""

from __future__ import annotations

import calendar
import re

from rapidfuzz import fuzz, process

from bot.core.analysis.fold import fold
from bot.core.analysis.terms import query_terms
from bot.core.dates import PartialDate

KIND_WORDS = {
    "direct_quote": ["direct quote", "quote", "quotes", "quoted", "direct", "verbatim", "cita"],
    "paraphrase": ["paraphrase", "paraphrases", "statement", "statements", "said", "says", "reported"],
    "statistic": ["statistic", "statistics", "stat", "stats", "figure", "figures", "number", "numbers", "data"],
    "action": ["action", "actions", "act", "did", "event", "events", "measure", "measures"],
}
# One vocabulary shown everywhere (help, errors): the stored kind, then the everyday word; both are accepted.
KIND_CHOICES = ("direct_quote (quote)", "paraphrase (statement)", "statistic (figure)", "action")
_CHOICES = [(word, kind) for kind, names in KIND_WORDS.items() for word in [kind.replace("_", " "), *names]]
_LOOSE_DATE = re.compile(r"^\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?\s*$")


def resolve_kind(text: str) -> str | None:
    """'quotes' -> direct_quote; None when nothing is close."""
    key = fold(text).replace("_", " ")
    if not key:
        return None
    found = process.extractOne(key, [word for word, _ in _CHOICES], scorer=fuzz.WRatio, score_cutoff=80)
    return _CHOICES[found[2]][1] if found else None


def parse_bound(text: str) -> PartialDate | None:
    """An ISO partial date, loosely written ('2019', '2019-6', '2019/06/05'); None when it is not one."""
    match = _LOOSE_DATE.match(text or "")
    if not match:
        return None
    year, month, day = match.groups()
    iso = year + (f"-{int(month):02d}" if month else "") + (f"-{int(day):02d}" if day else "")
    try:
        return PartialDate.parse(iso)
    except ValueError:
        return None


MONTHS = {name: i for i, names in enumerate(  # a month's names -> its number ("feb": 2)
    ("january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul", "august aug",
     "september sep sept", "october oct", "november nov", "december dec"), start=1) for name in names.split()}
MONTHS.update({name: i for i, names in enumerate(  # in Spanish ("diciembre de 2023")
    ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre setiembre", "octubre",
     "noviembre", "diciembre dic"), start=1) for name in names.split()})
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_LEAD = r"(?:(?:in|on|during|of|around|from|en)\s+)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
# A season, or the early or late part of a year, narrows it in words only: "in spring 2019", "the summer of
# 2024", "late 2023" are read as the year.
_SEASON = r"(?:(?:the\s+)?(?:early|late|mid|spring|summer|fall|autumn|winter)(?:\s+of)?[\s-]+)"
# "27 November 2024", "November 27, 2024", "Nov 2024", "2024-11(-27)"; a bare year only after "in" (and the
# like) or at the end of the question, so "2000 migrants" stays a figure.
_PERIOD = re.compile(
    rf"(?<![\w$])(?:{_LEAD}(?:(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:de\s+)?)?(?P<month>{_MONTH})\.?\s+"
    rf"(?:(?:de|del|of)\s+)?(?:(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?{_YEAR}"
    # a year written short after its month: "December '23", "december of 23", "diciembre del 23"; without the
    # apostrophe not before a word ("a march of 25 migrants" counts them)
    rf"|{_LEAD}(?P<short_month>{_MONTH})\.?\s*(?:(?:of|de|del)\s+)?['\u2019](?P<short_year>\d{{2}})"
    rf"|{_LEAD}(?P<short_month2>{_MONTH})\.?\s+(?:of|de|del)\s+(?P<short_year2>\d{{2}})(?!\s+[^\W\d_])"
    rf"|{_LEAD}(?P<iso>(?:19|20)\d{{2}}-\d{{1,2}}(?:-\d{{1,2}})?)"
    rf"|(?:(?:in|on|during|of|around|from|en)\s+{_SEASON}?|{_SEASON})(?P<year2>(?:19|20)\d{{2}})"
    rf"|(?P<year3>(?:19|20)\d{{2}})(?=\s*[?.!]*\s*$))(?![\w%])",
    re.IGNORECASE,
)


# "7 November", "November 8th", "the 25th of November": a day named without a year (the beat's news says
# "on 7 November" and readers ask the same way); a year after it makes it a period (_PERIOD) instead.
_DAY = re.compile(
    rf"(?<![\w$])(?:{_LEAD}(?:the\s+)?(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month1>{_MONTH})\.?"
    rf"|{_LEAD}(?P<month2>{_MONTH})\.?\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?)(?![\w%])(?!,?\s+(?:19|20)\d{{2}})",
    re.IGNORECASE,
)


def split_day(text: str) -> tuple[str, tuple[int, int] | None]:
    """The question without a yearless day it names, and that day as (month, day):
    'Trump 25 November tariff threat' -> ('Trump tariff threat', (11, 25)). None when there is no such day."""
    found = None
    for match in _DAY.finditer(text or ""):
        found = match
    if found is None:
        return text, None
    month = MONTHS[(found["month1"] or found["month2"]).casefold()]
    day = int(found["day1"] or found["day2"])
    if day > calendar.monthrange(2024, month)[1]:  # a leap year: 29 February is a day, 31 November is not
        return text, None
    rest = " ".join((text[: found.start()] + " " + text[found.end() :]).split())
    return rest, (month, day)


def may_fall_on(date: PartialDate, month: int, day: int) -> bool:
    """Whether a partial date can be that day of the year: a day-precision date only on that day, a month only
    in that month; a bare year says too little to count."""
    if date.month is None:
        return False
    return date.month == month and (date.day is None or date.day == day)


def names_period(text: str, period: PartialDate, said: PartialDate | None = None) -> bool:
    """Whether the text names the period: its year, and its month when the period is a month ("exports in 2024",
    "in Feb. 2025" for February 2025). A month named without a year, in a claim said on `said`, is that month
    within half a year of it ("from 1 February", said in January 2025, is February 2025)."""
    folded = text.casefold()
    months = {MONTHS[word] for word in re.findall(r"[a-z]+", folded) if word in MONTHS}
    if not re.search(rf"(?<!\d){period.year}(?!\d)", folded):
        if period.month is None or said is None or said.month is None or period.month not in months:
            return False
        apart = (period.year - said.year) * 12 + period.month - said.month
        return abs(apart) <= 6
    if period.month is None:
        return True
    return period.month in months


def split_period(text: str) -> tuple[str, PartialDate | None]:
    """The question without the period it names, and that period: 'Sheinbaum in November 2024' ->
    ('Sheinbaum', 2024-11). The last period named wins; none -> (text, None)."""
    found = None
    for match in _PERIOD.finditer(text or ""):
        found = match
    if found is None:
        return text, None
    if found["iso"]:
        period = parse_bound(found["iso"])
    elif found["short_month"] or found["short_month2"]:
        short, month = int(found["short_year"] or found["short_year2"]), found["short_month"] or found["short_month2"]
        period = parse_bound(f"{2000 + short if short < 70 else 1900 + short}-{MONTHS[month.casefold()]:02d}")
    elif found["month"]:
        day = found["day1"] or found["day2"]
        iso = f"{found['year']}-{MONTHS[found['month'].casefold()]:02d}" + (f"-{int(day):02d}" if day else "")
        period = parse_bound(iso)
    else:
        period = parse_bound(found["year2"] or found["year3"])
    if period is None:
        return text, None
    rest = " ".join((text[: found.start()] + " " + text[found.end() :]).split())
    return rest, period


# Where one question ends and another begins: a new sentence, or ", and how much ..." / "and when did ...".
_QUESTION_BREAK = re.compile(
    r"(?<=[?.!])\s+(?=\S)|,?\s+and\s+(?=(?:how|what|when|where|who|whom|whose|why|which|whether|did|does|do|is|are|was"
    r"|were|has|have|had|will|would|could|can)\b)", re.IGNORECASE)
_PART_WORDS = 3  # a part with fewer words that are not small words refers back ("and when was that?") ...
# ... unless it names something and refers back to nothing: a name of capitals after its first word ("What was
# the Mérida Initiative, and when did ... agree to it?" asks about the initiative; the rest refers back to it).
_NAME_INSIDE = re.compile(r"(?<=\s)(?:[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+(?:\s+[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+)+|[A-Z]{3,}s?\b)")
_REFERS_BACK = re.compile(r"\b(?:it|its|that|this|those|these|they|them|their|there|then|he|him|his|she|her)\b",
                          re.IGNORECASE)


# A full stop that ends an abbreviation ("Dec. 2018", "U.S. officials", "Mr. Ebrard") ends no sentence.
_ABBREVIATION = re.compile(r"\b(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|mr|mrs|ms|dr|st|gen|sen|rep|gov"
                           r"|pres|sec|no|vs|approx|u\.s|u\.n|e\.g|i\.e)\.(?=\s)", re.IGNORECASE)


def split_questions(text: str) -> list[str]:
    """The questions a message asks, when it asks more than one about different things: "how many intake sites
    are planned along the frontier, and how much cash does each returnee get on a card?" -> both parts. A part
    that only refers back ("Who was it, and what day did that happen?") is no question of its own, nor is what
    the asker says of themselves ("I need someone for a segment."): one question left is returned alone; none
    split off -> []."""
    unabbreviated = _ABBREVIATION.sub(lambda found: found.group(0)[:-1], text or "")
    parts = [p.strip(" ,;") for p in _QUESTION_BREAK.split(unabbreviated) if p and p.strip(" ,;")]
    asked = [p for p in parts if sum(not q.stop for q in query_terms(p)) >= _PART_WORDS
             or (_NAME_INSIDE.search(p) and not _REFERS_BACK.search(p))]
    if len(asked) > 1:
        # what the asker says of themselves ("I need someone for a segment on the costs at home.") asks nothing
        asked = [p for p in asked if not _ASKER.match(p) or p.endswith("?")] or asked
    return asked if len(parts) > 1 and asked != [text.strip(" ,;")] else []


_ASKER = re.compile(r"(?:i|i'm|im|i’m|i'd|i’d|i've|i’ve|we|we're|we’re|my|our)\b", re.IGNORECASE)
