"""Plain data the core hands to every adapter (bot, console, CLI, tests). No I/O here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from bot.core.dates import PartialDate

ClaimKind = Literal["direct_quote", "paraphrase", "statistic", "action"]
CLAIM_KINDS: tuple[str, ...] = ("direct_quote", "paraphrase", "statistic", "action")
DateBasis = Literal["explicit", "relative", "publication", "public_record"]
DATE_BASES: tuple[str, ...] = ("explicit", "relative", "publication", "public_record")
PERSON_KINDS: tuple[str, ...] = ("person", "government", "agency", "organisation", "group")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a content file, precise enough to fix without searching."""

    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    file: str | None
    author: str | None
    outlet: str | None
    kind: str | None
    published: PartialDate
    precision: str  # day | week | month: how far the publication date can be trusted
    not_before: PartialDate | None
    not_after: PartialDate | None
    url: str | None = None


@dataclass(frozen=True)
class Role:
    title: str
    start: PartialDate | None
    end: PartialDate | None


@dataclass(frozen=True)
class RoleAlias:
    alias: str
    start: PartialDate | None
    end: PartialDate | None


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    kind: str
    roles: tuple[Role, ...] = ()
    aliases: tuple[str, ...] = ()
    role_aliases: tuple[RoleAlias, ...] = ()


@dataclass(frozen=True)
class Appearance:
    article: str
    start: int
    end: int


@dataclass(frozen=True)
class Claim:
    id: str
    speaker: str
    kind: str
    text: str
    said_on: PartialDate
    basis: str
    appearances: tuple[Appearance, ...]
    topics: tuple[str, ...] = ()
    quote: str | None = None
    speaker_role: str | None = None
    date_note: str | None = None
    not_before: PartialDate | None = None
    not_after: PartialDate | None = None
    figures: tuple[str, ...] = ()
    date_source: str | None = None  # public_record: where the date comes from (a URL or a short citation)
    date_phrase: str | None = None  # the article's own words about the date ("on Sunday", "this week", "later")

    @property
    def precision(self) -> str:
        return self.said_on.precision


@dataclass(frozen=True)
class Topic:
    slug: str
    title: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class BriefingItem:
    """A key point or timeline entry: our words plus the claim ids behind them."""

    text: str
    claims: tuple[str, ...] = ()
    date: PartialDate | None = None


@dataclass(frozen=True)
class Briefing:
    slug: str
    title: str
    summary: str
    updated: PartialDate | None
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    key_points: tuple[BriefingItem, ...] = ()
    timeline: tuple[BriefingItem, ...] = ()
    watch: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    body: str = ""


@dataclass
class Corpus:
    """Everything loaded from the content files, plus what was wrong with them."""

    articles: dict[str, Article] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    briefings: dict[str, Briefing] = field(default_factory=dict)
    synonyms: list[tuple[str, ...]] = field(default_factory=list)  # groups of indexed terms that mean the same
    problems: list[Problem] = field(default_factory=list)


# --- answers: what the core returns to adapters -------------------------------------------------


@dataclass(frozen=True)
class SourceRef:
    """Where a claim appears: the article and the character span of the passage."""

    article_id: str
    title: str
    outlet: str | None
    published: PartialDate
    published_precision: str
    start: int
    end: int


@dataclass(frozen=True)
class ClaimView:
    """A claim ready to show: speaker name and sources resolved."""

    claim: Claim
    speaker_name: str
    sources: tuple[SourceRef, ...]
    score: float | None = None


@dataclass(frozen=True)
class PersonView:
    person: Person
    claim_count: int


@dataclass(frozen=True)
class NotFound:
    """No good answer: why, with close suggestions, rather than a confident wrong one.

    The core says what happened (`reason`, about `what`); bot/render words it for each adapter.
    reason: "empty" (nothing to look for was typed), "no_match", "ambiguous" (several equally good),
    "bad_date" (a filter date that is not a date), "excluded" (the filters leave nothing),
    "no_content" (nothing of that kind is loaded), "no_holder" (a role dated by a leader's time in office,
    "Trump's secretary of state", whose holder then the registry does not know; `speaker`: the leader).
    what: "topic", "briefing", "person", "quote", "event", "claim", "kind", "date", "article", "search".
    """

    query: str
    reason: str
    what: str
    suggestions: tuple[str, ...] = ()
    period: str | None = None  # the period the question named ("June 2019"), when it was a filter
    speaker: str | None = None  # the person whose claims were searched ("Sheinbaum tariffs"), by name


@dataclass(frozen=True)
class BriefAnswer:
    briefing: Briefing
    cited: dict[str, ClaimView]
    articles: dict[str, Article] = field(default_factory=dict)


@dataclass(frozen=True)
class ClaimFilter:
    """Filters resolved to store values: person ids, a topic slug, a claim kind, ISO days (inclusive)."""

    speakers: tuple[str, ...] = ()
    topic: str | None = None
    kind: str | None = None
    date_from: str | None = None  # a claim counts if any day its date allows is on or after this
    date_to: str | None = None  # ... and on or before this

    @property
    def active(self) -> bool:
        return bool(self.speakers or self.topic or self.kind or self.date_from or self.date_to)
