"""Sentences with their character offsets, for news prose.

A regex splitter rather than a library: pysbd is on PyPI and works offline, but it is two orders of
magnitude slower than the target (100 articles a second on one core), and news prose needs only a few
rules: abbreviations and initials, closing quote marks after the stop, and never a break inside a quote.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from bot.core.extract.lexicon import ABBREVIATIONS

_BREAK = re.compile(r"[.!?]+[\"”’»)\]]*(?:\[\d+\])?(?=\s+[\"“‘«(\[]?[A-Z0-9¿¡])|\n+")
_LAST_WORD = re.compile(r"(\S+)$")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


def _is_abbreviation(text: str, stop: int) -> bool:
    word = _LAST_WORD.search(text[max(0, stop - 40): stop + 1])
    if not word:
        return False
    token = word.group(1).lstrip("\"“‘«(")
    # An initial ("J." in "Donald J. Trump") or a dotted acronym inside a sentence ("U.S. officials"); a dotted
    # acronym before a word that only starts sentences ("... in the U.S. It grants ...") ends one.
    if _DOTTED.fullmatch(token):
        return len(token) == 2 or not _acronym_ends_sentence(text, stop)
    return token.lower() in ABBREVIATIONS


_DOTTED = re.compile(r"(?:[A-Z]\.)+")
# Capitalised words that open a sentence but never continue a name after "U.S." or "D.C.".
_OPENERS = frozenset(
    "The A An He She It They We I You This That These Those There Here His Her Its Their Our But And Or So Yet "
    "In On At As With For From By After Before When While If Although Though However Meanwhile Still Then "
    "Since During Despite Following Under Over What Why How Where Who Instead Also Even Now Today Yesterday "
    "Last Earlier Later Both Many Some Most Several Such Other".split())


def _acronym_ends_sentence(text: str, stop: int) -> bool:
    following = text[stop + 1: stop + 40].lstrip()
    word = following.split(" ", 1)[0].rstrip(",") if following else ""
    return word in _OPENERS


def split(text: str, protected: list[tuple[int, int]] = ()) -> list[Sentence]:
    """Sentences in order; a break inside a protected range (a quotation) is ignored."""
    out: list[Sentence] = []
    start, paragraph = 0, 0
    starts = [a for a, _ in protected]  # ranges come sorted and disjoint: the one before a stop is the only candidate
    for match in _BREAK.finditer(text):
        stop = match.start()
        if match.group().startswith("\n"):
            end, next_start = match.start(), match.end()
        else:
            if _is_abbreviation(text, stop) or (_inside(protected, starts, stop)
                                                and not _closes(protected, starts, stop, match.end())):
                continue
            end = next_start = match.end()
        _add(out, text, start, end, paragraph)
        if match.group().startswith("\n"):
            paragraph += 1
        start = next_start
    _add(out, text, start, len(text), paragraph)
    return out


# A heading, a title or a caption is a line of its own that does not end as a sentence does.
_SENTENCE_END = re.compile(r"[.!?…:;][\"”’»)\]]*(?:\[\d+\])?$")
_HEADING_WORDS = 25


def is_heading(text: str, sentence: Sentence, first: bool) -> bool:
    """The article's title (its first line, unpunctuated: "Mexico vows response as U.S. doubles tariffs") or a
    heading in Title Case: no claim. A headline restates the story in other words, and the story itself holds
    the statement with its speaker and date."""
    if _SENTENCE_END.search(sentence.text):
        return False
    alone = (sentence.start == 0 or text[sentence.start - 1] == "\n") and \
        (sentence.end == len(text) or text[sentence.end] == "\n")
    words = sentence.text.split()
    if not alone or len(words) > _HEADING_WORDS:
        return False
    if first:
        return True
    lettered = [w for w in words if w[0].isalpha()]
    return bool(lettered) and sum(w[0].isupper() for w in lettered) >= 0.6 * len(lettered)


# A wire dateline before a paragraph's first sentence: "MEXICO CITY —", "WASHINGTON (AP) —",
# "TIJUANA, Mexico, June 4 (Reuters) -". The place in capitals, then a region, a date, an agency; the
# sentence after it opens with a capital ("NAFTA — the old pact — ..." keeps its subject).
_DATELINE = re.compile(
    r"(?:[A-Z][A-Z.'’ /-]{1,40}[A-Z.](?:,\s+[A-Z][\w.'’ -]{1,30}?)*"  # "WASHINGTON/MEXICO CITY, ..."
    r"(?:,?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})?"
    r"\s*(?:\([^()\n]{1,30}\))?"
    # or no place, only the filing date and the agency: "June 2 (Reuters) -"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\s*\([^()\n]{1,30}\))"
    r"\s*(?:—|–|--?)\s+(?=[A-Z\"“‘(])")  # the sentence proper opens with a capital


def dateline_day(text: str) -> tuple[int, int] | None:
    """The month and day a wire dateline gives ("MEXICO CITY, June 3 (Reuters) -"): the day the story was filed,
    in the first paragraphs only."""
    for line in text[:600].split("\n")[:4]:
        found = _DATELINE.match(line.strip())
        day = _FILED.search(found.group()) if found else None  # "MEXICO CITY, Jan 9 (Reuters) -"
        if day:
            return _MONTHS.index(day.group(1).lower()) + 1, int(day.group(2))
    return None


_FILED = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2})\b")


_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def without_dateline(text: str, sentence: Sentence) -> Sentence:
    """The sentence without a dateline it opens with: the place and filing date are not what anyone said."""
    if sentence.start and text[sentence.start - 1] != "\n":
        return sentence  # not the first sentence of its paragraph
    found = _DATELINE.match(sentence.text)
    if not found or found.end() >= len(sentence.text):
        return sentence
    start = sentence.start + found.end()
    return Sentence(start, sentence.end, text[start:sentence.end], sentence.paragraph)


def _closes(protected: list[tuple[int, int]], starts: list[int], stop: int, end: int) -> bool:
    """The stop ends the quote and its sentence together ("... had “never been better.” A spokesperson said ..."):
    the closing mark is part of the break."""
    index = bisect.bisect_left(starts, stop) - 1
    return index >= 0 and end >= protected[index][1]


def _inside(protected: list[tuple[int, int]], starts: list[int], at: int) -> bool:
    index = bisect.bisect_left(starts, at) - 1
    return index >= 0 and protected[index][0] < at < protected[index][1] - 1


def _add(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end], paragraph))
