"""The core facade: every question an adapter can ask, answered with plain data from the store."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from bot import __version__
from bot.models import BriefAnswer, NotFound, Topic
from bot.store import CompileReport, Store
from bot.topic_match import ACCEPT, TopicMatch, rank_briefings


@dataclass(frozen=True)
class ContentPaths:
    data_dir: Path
    briefings_dir: Path
    seeds_dir: Path | None = None


@dataclass(frozen=True)
class Status:
    version: str
    schema_version: int
    counts: dict[str, int]
    content_hash: str | None
    uptime_seconds: float
    last_digest: str | None = None


class Briefbot:
    """What the bot, the console and the CLI all call. Knows nothing of Discord."""

    def __init__(self, store: Store, paths: ContentPaths) -> None:
        self.store = store
        self.paths = paths
        self.started = time.monotonic()

    async def reload(self, *, force: bool = False) -> CompileReport:
        return await self.store.sync_content(
            self.paths.data_dir, self.paths.briefings_dir, self.paths.seeds_dir, force=force
        )

    async def topics(self) -> list[Topic]:
        """Topics that have a briefing, by title (a topic without one is not offered)."""
        briefed = {b.slug for b in await self.store.briefings()}
        return [t for t in await self.store.topics() if t.slug in briefed] or [
            Topic(b.slug, b.title, b.aliases) for b in await self.store.briefings()
        ]

    async def suggest_topics(self, query: str, limit: int = 25) -> list[TopicMatch]:
        return rank_briefings(query, await self.store.briefings(), limit)

    async def brief(self, query: str) -> BriefAnswer | NotFound:
        briefings = await self.store.briefings()
        ranked = rank_briefings(query, briefings, limit=5)
        if not briefings:
            return NotFound(query, "No briefings are loaded yet.")
        if not ranked or ranked[0].score < ACCEPT or not query.strip():
            close = tuple(m.title for m in ranked[:3] if m.score >= 50) if query.strip() else ()
            hint = "Try /topics to see every briefing."
            message = f"No briefing matches “{query.strip()[:100]}”." if query.strip() else "Name a topic."
            return NotFound(query, f"{message} {hint}", close)
        briefing = next(b for b in briefings if b.slug == ranked[0].slug)
        cited_ids = list(briefing.claims) + [c for item in briefing.key_points + briefing.timeline for c in item.claims]
        cited = {view.claim.id: view for view in await self.store.claims_by_id(cited_ids)}
        wanted = [*briefing.articles, *briefing.sources, *(r.article_id for v in cited.values() for r in v.sources)]
        articles = {a.id: a for a in await self.store.articles() if a.id in set(wanted)}
        return BriefAnswer(briefing, cited, articles)

    async def status(self) -> Status:
        return Status(
            version=__version__,
            schema_version=await self.store.schema_version(),
            counts=await self.store.counts(),
            content_hash=await self.store.meta("content_hash"),
            uptime_seconds=time.monotonic() - self.started,
            last_digest=await self.store.last_digest(),
        )
