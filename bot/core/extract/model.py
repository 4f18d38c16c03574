"""What extraction hands back: plain claims with their evidence span, confidence and worked-out date."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.core.dates import PartialDate


@dataclass(frozen=True)
class Speaker:
    """Who a claim is pinned on: a registry id, or a proposed new one (``known`` False) with its role."""

    id: str
    name: str
    kind: str = "person"
    role: str | None = None
    known: bool = True


@dataclass(frozen=True)
class Dating:
    """When a statement was made, as far as the text supports it, and the words it came from."""

    said_on: PartialDate
    basis: str  # explicit | relative | publication
    phrase: str | None = None
    not_before: PartialDate | None = None
    not_after: PartialDate | None = None


@dataclass(frozen=True)
class ExtractedClaim:
    kind: str  # direct_quote | paraphrase | statistic | action
    speaker: Speaker | None  # None: unattributed (passive voice with no agent), left for review
    text: str  # the sentence that carries the claim, as written
    span: tuple[int, int]  # [start, end) into the text as read: the quote itself for quotes, else the sentence
    dating: Dating
    confidence: float
    quote: str | None = None
    figures: tuple[str, ...] = ()
    cue: str | None = None  # the reporting verb or phrase that carried the attribution


@dataclass(frozen=True)
class ArticleContext:
    """What extraction knows about the article besides its text."""

    published: PartialDate
    not_before: PartialDate | None = None
    not_after: PartialDate | None = None
    author: str | None = None
    title: str | None = None
    outlet: str | None = None


@dataclass
class Extraction:
    claims: list[ExtractedClaim] = field(default_factory=list)
    new_speakers: list[Speaker] = field(default_factory=list)
