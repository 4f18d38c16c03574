"""Figures that make a sentence a statistic: percentages, money, large counts, measures. Not years."""

from __future__ import annotations

import re

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_FIGURE = re.compile(
    rf"(?:[$€£]\s?(?:{_NUMBER})(?:\s*(?:million|billion|trillion))?"
    rf"|(?:{_NUMBER})\s*(?:%|percent\b|per cent\b|percentage points?\b)"
    rf"|(?:{_NUMBER})\s*(?:million|billion|trillion)\b"
    rf"|\b\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?\b"
    rf"|\b(?:{_NUMBER})-(?:mile|kilometer|kilometre|km|foot|meter|metre)s?\b"
    rf"|\b(?:{_NUMBER})(?=\s+(?:[a-z]+\s+){{0,2}}(?:people|migrants|persons|troops|soldiers|agents|officers|"
    rf"applications|claimants|arrests|deportations|crossings|points|centers|centres|shelters|cases|members|"
    rf"families|children|workers|jobs|visas|raids|detentions|tons|tonnes|miles|kilometers|flights)\b))"
)
# A figure inside a proposal or threat ("would impose 25% tariffs") is what was said, not a measured fact.
_PROPOSED = re.compile(r"\b(?:would|will|to impose|imposing|threat\w*|propos\w*|plan\w*|idea of)\b[^.;]{0,40}$", re.I)
# ... or the subject of one ("said 5 percent tariffs would be imposed").
_PROPOSED_AFTER = re.compile(r"(?:\s+[a-z]+){0,2}\s+(?:would|will)\s+(?:\w+ly\s+)?be\s+\w+ed\b")
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"^(?:1[89]|20)\d{2}$")


def figures(text: str, start: int = 0, end: int | None = None, floor: int | None = None) -> list[tuple[int, int, str]]:
    """Figures in text[start:end]; ``floor`` (the sentence's start) bounds the look back for a proposal."""
    out = []
    end = len(text) if end is None else end
    floor = start if floor is None else floor
    if not _DIGIT.search(text, start, end):
        return out  # most sentences have no figure: one cheap search spares the long pattern
    for m in _FIGURE.finditer(text, start, end):
        value = m.group().strip()
        if _PROPOSED.search(text[max(floor, m.start() - 60):m.start()]) or _PROPOSED_AFTER.match(text, m.end(), end):
            continue
        if _YEAR.match(value) or (value.isdigit() and int(value) < 2 and "%" not in value):
            continue
        out.append((m.start(), m.end(), value))
    return out
