"""The same statement by the same speaker in several articles: one claim with several appearances.

A proposed claim is a duplicate of a known one (curated, imported, accepted, or proposed earlier) when the
speaker and the kind are the same and what was said is nearly the same words. "Nearly" is measured on the
folded words (case, accents and punctuation dropped) with rapidfuzz, best of the plain and the word-sorted
ratio, at SAME_WORDING or above; or one is wholly inside the other (an article quoting part of the
statement) when the shorter has at least CONTAINED_WORDS words; under SHORT_WORDS words, only word for word. Measured on pairs in
tests/core/test_ingest_duplicates.py: the same quote verbatim scores 100, small wording or translation
differences ("impositions from any foreign government" / "any imposition from a foreign government") 90-98,
two different quotes by one person on one subject 50-80 ("Tariffs on Mexican steel will hurt American
workers" / "... avocados will hurt American families" 79).

Whatever the score, never the same statement: different figures (25% and 35%), one negated and the other
not ("is closed" / "is not closed"), a name only one of them says ("Tijuana needs beds" / "Juarez needs
beds"), two dates each read from the text more than a week apart (a slogan repeated on another occasion), or
two claims over the same passage of one article (two deeds of one sentence share its text).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from bot.core.analysis.fold import fold
from bot.core.dates import PartialDate

SAME_WORDING = 85.0  # best of fuzz.ratio and fuzz.token_sort_ratio on the folded words, 0-100
CONTAINED = 96.0  # fuzz.partial_ratio when the shorter statement is inside the longer one
CONTAINED_WORDS = 6  # ... and the shorter has at least this many words
SHORT_WORDS = 4  # statements shorter than this must match word for word ("Hugs, not bullets")
DATE_SLACK = dt.timedelta(days=7)
_NEGATIONS = {"not", "no", "never", "nor", "t", "cannot", "nothing", "none", "neither", "nobody", "nunca",
              *(f"{verb}nt" for verb in ("wo", "do", "does", "did", "ca", "is", "are", "was", "were", "has", "have",
                                         "had", "would", "should", "could", "must", "ai", "need"))}
_TEXT_DATED = ("explicit", "relative", "public_record")


def words_of(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", fold(text).lower()))


@dataclass(frozen=True)
class Statement:
    """What is compared: one claim, known or proposed."""

    id: str
    speaker: str
    kind: str
    said: str  # the quote for a direct quote, else the claim's text
    said_on: PartialDate
    basis: str
    article: str | None = None
    span: tuple[int, int] | None = None
    root: str | None = None  # the claim it is an appearance of (itself when None)

    @property
    def target(self) -> str:
        return self.root or self.id


@dataclass(frozen=True)
class _Words:
    words: str
    count: int
    numbers: frozenset[str]
    negated: bool
    names: frozenset[str]  # capitalised words after the first, folded, without a final s ("Mexico's": mexico)
    stems: frozenset[str]  # every word so folded


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def _words(text: str) -> _Words:
    folded = words_of(text)
    tokens = folded.split()
    numbers = frozenset(t for t in tokens if any(ch.isdigit() for ch in t))
    written = re.findall(r"[^\W\d_][\w'’.-]*", text)[1:]
    names = frozenset(_stem(words_of(w).replace(" ", "")) for w in written if w[0].isupper())
    return _Words(folded, len(tokens), numbers, any(t in _NEGATIONS for t in tokens), names - {""},
                  frozenset(_stem(t) for t in tokens))


def similarity(a: str, b: str) -> float:
    """0-100: how nearly two statements are the same words (see the module's note for the thresholds)."""
    return _score(_words(a), _words(b))


def _score(x: _Words, y: _Words) -> float:
    if not x.words or not y.words or x.numbers != y.numbers or x.negated != y.negated:
        return 0.0
    if not (x.names <= y.stems and y.names <= x.stems):  # a name one of them never says: another statement
        return 0.0
    if min(x.count, y.count) < SHORT_WORDS:
        return 100.0 if x.words == y.words else 0.0
    score = max(fuzz.ratio(x.words, y.words), fuzz.token_sort_ratio(x.words, y.words))
    if score < SAME_WORDING and min(x.count, y.count) >= CONTAINED_WORDS:
        shorter, longer = sorted((x.words, y.words), key=len)
        if fuzz.partial_ratio(shorter, longer) >= CONTAINED:
            score = max(score, SAME_WORDING)
    return float(score)


def _dates_agree(a: Statement, b: Statement) -> bool:
    """False when both dates come from what was written and lie more than a week apart."""
    if a.basis not in _TEXT_DATED or b.basis not in _TEXT_DATED:
        return True
    return (a.said_on.earliest - DATE_SLACK <= b.said_on.latest
            and b.said_on.earliest - DATE_SLACK <= a.said_on.latest)


def _same_passage(a: Statement, b: Statement) -> bool:
    if a.article is None or a.article != b.article or a.span is None or b.span is None:
        return False
    return a.span[0] < b.span[1] and b.span[0] < a.span[1]


class DuplicateIndex:
    """Known statements by (speaker, kind); `find` gives the claim a new statement repeats, if any."""

    def __init__(self) -> None:
        self._buckets: dict[tuple[str, str], list[tuple[Statement, _Words]]] = defaultdict(list)
        self._ids: set[str] = set()

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, statement: Statement) -> None:
        if statement.id in self._ids:
            return
        self._ids.add(statement.id)
        self._buckets[(statement.speaker, statement.kind)].append((statement, _words(statement.said)))

    def find(self, statement: Statement) -> tuple[str, float] | None:
        """(the claim id to link to, score) for the best known statement at the threshold, or None."""
        new = _words(statement.said)
        best: tuple[float, str] | None = None
        for other, known in self._buckets.get((statement.speaker, statement.kind), ()):
            if other.id == statement.id or other.target == statement.id or _same_passage(other, statement):
                continue
            if not _dates_agree(other, statement):
                continue
            score = _score(new, known)
            if score >= SAME_WORDING and (best is None or score > best[0]):
                best = (score, other.target)
        return (best[1], best[0]) if best else None

