"""What lookups return: plain dataclasses the bot, the console, the CLI (--json) and tests all read."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.core.dates import PartialDate
from bot.core.models import Article, ClaimView, Person


@dataclass(frozen=True)
class PersonMatch:
    """A person the text may mean, with the alias that matched and (for role nouns) when they held it."""

    id: str
    name: str
    matched: str  # the alias (or role noun) that matched, as written in the registry
    score: float  # 0-100
    role: str | None = None  # the role noun's meaning at the time, e.g. "Secretary of Foreign Affairs of Mexico"
    held_from: PartialDate | None = None  # when they held the matched role noun
    held_to: PartialDate | None = None
    claim_count: int = 0
    under: str | None = None  # the leader whose time in office dated the role ("Biden's secretary of state")


@dataclass(frozen=True)
class Hit:
    """One claim that answers a lookup."""

    view: ClaimView  # the claim with speaker name and sources; view.score is the same score
    score: float  # 0-100: how well the claim matches what was typed
    passage: str | None = None  # the source article's text at the claim's span (None when texts are absent)
    matched: tuple[str, ...] = ()  # the terms of the query this claim contains
    # the query names a person or a body (not a government), and this claim is by or about them
    person_held: bool = False


@dataclass(frozen=True)
class BriefingHit:
    slug: str
    title: str
    score: float


@dataclass(frozen=True)
class TimelineHit:
    """A dated entry of a briefing's timeline that matches the event words."""

    briefing: str  # slug
    title: str  # briefing title
    date: PartialDate | None
    text: str
    claims: tuple[str, ...]
    score: float


@dataclass(frozen=True)
class SearchAnswer:
    """Answer to /search, /quote and /when: claims best first (quote, search) or in date order (when)."""

    query: str
    mode: str  # search | quote | when | mentions (a name the registry lacks) | said_about (/who name + subject)
    hits: tuple[Hit, ...]
    total: int = 0  # matches above the threshold, of which `hits` is the first `limit`
    people: tuple[PersonMatch, ...] = ()  # people the query names (search)
    briefings: tuple[BriefingHit, ...] = ()  # briefings whose title, slug, alias or keywords match (search)
    timeline: tuple[TimelineHit, ...] = ()  # briefing timeline entries (when)
    filters: dict[str, str] = field(default_factory=dict)  # filters as resolved, for display
    corrections: tuple[tuple[str, str], ...] = ()  # (typed, used) when a typo was read as an indexed word
    # (search) an answer of few claims also lists the claims that came closest below the bar, best first: less
    # sure than `hits`, they are shown apart and never stand alone (no hits, no close: "nothing found" instead)
    close: tuple[Hit, ...] = ()


@dataclass(frozen=True)
class WhoAnswer:
    """A person, the alias that found them, and their claims in date order."""

    person: Person
    matched: str  # the alias or role noun that matched
    claims: list[ClaimView]  # date order, oldest first
    score: float
    total_claims: int  # all their claims (`claims` may be cut to the limit)
    role_at: str | None = None  # what the role noun meant for this person ("Secretary of Foreign Affairs of Mexico")
    held_from: PartialDate | None = None  # when they held the matched role noun
    held_to: PartialDate | None = None
    as_of: PartialDate | None = None  # a date typed with the name ("the foreign minister in 2019")
    known_until: PartialDate | None = None  # a role noun asked without a date: the index's latest article date
    alternatives: tuple[PersonMatch, ...] = ()  # other holders of the role noun, or others of that name


@dataclass(frozen=True)
class SourceAnswer:
    """An article's details and the claims drawn from it, in the order they appear in its text."""

    article: Article
    claims: list[ClaimView]
    matched: str  # what matched: the id, or the title
    score: float
    has_text: bool  # the article's text is stored (source passages can be shown)
    alternatives: tuple[tuple[str, str], ...] = ()  # (id, title) of other close matches
