"""Loose filter text ("quotes", "tarifs", "2019-06", "Sheinbaum") turned into store values."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from bot.dates import PartialDate
from bot.models import Topic
from bot.textnorm import fold

KIND_WORDS = {
    "direct_quote": ["direct quote", "quote", "quotes", "quoted", "direct", "verbatim", "cita"],
    "paraphrase": ["paraphrase", "paraphrases", "statement", "statements", "said", "says", "reported"],
    "statistic": ["statistic", "statistics", "stat", "stats", "figure", "figures", "number", "numbers", "data"],
    "action": ["action", "actions", "act", "did", "event", "events", "measure", "measures"],
}
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


def rank_topics(text: str, topics: list[Topic], limit: int = 5) -> list[tuple[Topic, float]]:
    """Topics by how well their slug, title or aliases match the text."""
    key = fold(text)
    if not key:
        return []
    names, owners = [], []
    for topic in topics:
        for name in (topic.slug.replace("-", " "), topic.title, *topic.aliases):
            names.append(fold(name))
            owners.append(topic)
    best: dict[str, tuple[Topic, float]] = {}
    for _, score, index in process.extract(key, names, scorer=fuzz.WRatio, limit=None, score_cutoff=50):
        topic = owners[index]
        score = 100.0 if names[index] == key else float(score)
        if topic.slug not in best or best[topic.slug][1] < score:
            best[topic.slug] = (topic, score)
    return sorted(best.values(), key=lambda item: -item[1])[:limit]
