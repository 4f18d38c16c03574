"""Resolve what a user typed ("tarifs", "MPP", "remain in mexico") to a briefing slug."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.models import Briefing
from bot.textnorm import fold

ACCEPT = 80.0  # below this a match is a suggestion, not an answer


@dataclass(frozen=True)
class TopicMatch:
    slug: str
    title: str
    score: float


def _names(briefing: Briefing) -> list[str]:
    return [briefing.slug.replace("-", " "), briefing.title, *briefing.aliases, *briefing.keywords]


def rank_briefings(query: str, briefings: list[Briefing], limit: int = 25) -> list[TopicMatch]:
    """Best briefings for a query, best first; an empty query lists them all by title."""
    folded = fold(query)
    if not folded:
        return [TopicMatch(b.slug, b.title, 0.0) for b in sorted(briefings, key=lambda b: b.title)][:limit]
    choices: list[str] = []
    owners: list[Briefing] = []
    for briefing in briefings:
        for name in _names(briefing):
            choices.append(fold(name))
            owners.append(briefing)
    best: dict[str, TopicMatch] = {}
    for _, score, index in process.extract(folded[:200], choices, scorer=_score, limit=None):
        owner = owners[index]
        if owner.slug not in best or best[owner.slug].score < score:
            best[owner.slug] = TopicMatch(owner.slug, owner.title, float(score))
    return sorted(best.values(), key=lambda m: (-m.score, m.title))[:limit]


def _score(query: str, choice: str, **_: object) -> float:
    if query == choice:
        return 100.0
    # Exact words weigh most; partial and typo-tolerant ratios catch "tarifs" and "remain mexico".
    whole = fuzz.WRatio(query, choice)
    prefix = 95.0 if len(query) >= 3 and choice.startswith(query) else 0.0
    return max(whole, prefix)
