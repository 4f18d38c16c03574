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
        self.named: list[tuple[Briefing | Topic, list[str]]] = []  # each owner with its folded names
        for briefing in briefings:
            folded = list(dict.fromkeys(fold(name) for name in _names(briefing)))
            self.named.append((briefing, folded))
            for name in folded:
                self.choices.append(name)
                self.owners.append(briefing)
                self.exact.setdefault(name, briefing)


def rank_briefings(query: str, briefings: list[Briefing] | list[Topic] | BriefingNames,
                   limit: int = 25) -> list[TopicMatch]:
    """Best briefings (or topics) for a query, best first; an empty query lists them all by title."""
    names = briefings if isinstance(briefings, BriefingNames) else BriefingNames(briefings)
    folded = fold(query)
    if not folded:
        return [TopicMatch(b.slug, b.title, 0.0) for b in sorted(names.briefings, key=lambda b: b.title)][:limit]
    folded = folded[:200]
    ranked = [TopicMatch(owner.slug, owner.title, _score(folded, choices)) for owner, choices in names.named]
    return sorted(ranked, key=lambda m: (-m.score, m.title))[:limit]


def _score(query: str, choices: list[str]) -> float:
    """An owner's best name: exact words weigh most; WRatio (partial and typo-tolerant, at C speed) catches
    "tarifs" and "remain mexico"; a name the query begins ("tar" for tariffs) is near the top."""
    if query in choices:
        return 100.0
    whole = process.extractOne(query, choices, scorer=fuzz.WRatio)
    score = float(whole[1]) if whole else 0.0
    if len(query) >= 3 and any(choice.startswith(query) for choice in choices):
        score = max(score, 95.0)
    return score
