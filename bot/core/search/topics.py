"""Resolve what a user typed ("tarifs", "MPP", "remain in mexico") to a briefing or a topic: one ranker."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.core.analysis.fold import fold
from bot.core.models import Briefing, Topic


@dataclass(frozen=True)
class TopicMatch:
    slug: str
    title: str
    score: float


def _names(owner: Briefing | Topic) -> list[str]:
    return [owner.slug.replace("-", " "), owner.title, *owner.aliases, *getattr(owner, "keywords", ())]


class BriefingNames:
    """Every briefing's (or topic's) names, folded once per content version (autocomplete ranks them on
    each keystroke). `briefings` holds the owners: briefings, or the topics of the topic filter."""

    def __init__(self, briefings: list[Briefing] | list[Topic]) -> None:
        self.briefings = briefings
        self.choices: list[str] = []
        self.owners: list[Briefing | Topic] = []
        self.exact: dict[str, Briefing | Topic] = {}  # a folded name -> its owner: most /brief come from a pick
        for briefing in briefings:
            for name in _names(briefing):
                self.choices.append(fold(name))
                self.owners.append(briefing)
                self.exact.setdefault(self.choices[-1], briefing)


def rank_briefings(query: str, briefings: list[Briefing] | list[Topic] | BriefingNames,
                   limit: int = 25) -> list[TopicMatch]:
    """Best briefings (or topics) for a query, best first; an empty query lists them all by title."""
    names = briefings if isinstance(briefings, BriefingNames) else BriefingNames(briefings)
    folded = fold(query)
    if not folded:
        return [TopicMatch(b.slug, b.title, 0.0) for b in sorted(names.briefings, key=lambda b: b.title)][:limit]
    folded = folded[:200]
    best: dict[str, TopicMatch] = {}
    # WRatio over every name at C speed; the exact and prefix rules below only ever raise a score.
    for choice, score, index in process.extract(folded, names.choices, scorer=fuzz.WRatio, limit=None):
        score = _score(folded, choice, score)
        owner = names.owners[index]
        if owner.slug not in best or best[owner.slug].score < score:
            best[owner.slug] = TopicMatch(owner.slug, owner.title, float(score))
    return sorted(best.values(), key=lambda m: (-m.score, m.title))[:limit]


def _score(query: str, choice: str, whole: float) -> float:
    """Exact words weigh most; WRatio (partial and typo-tolerant) catches "tarifs" and "remain mexico"."""
    if query == choice:
        return 100.0
    prefix = 95.0 if len(query) >= 3 and choice.startswith(query) else 0.0
    return max(whole, prefix)
