"""The core facade: every question an adapter can ask, answered with plain data from the store."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from bot import __version__
from bot.core import interchange as exchange
from bot.core.analysis.fold import fold
from bot.core.content import article_texts, content_hash
from bot.core.content.loader import LastGood, load_content
from bot.core.models import BriefAnswer, Briefing, NotFound, Topic
from bot.core.search.lookups import Lookups
from bot.core.search.results import SearchAnswer, SourceAnswer, WhoAnswer
from bot.core.search.thresholds import NAME_ACCEPT, NAME_SUGGEST
from bot.core.search.topics import TopicMatch, rank_briefings
from bot.core.store import CompileReport, Store, StoreError

log = logging.getLogger(__name__)


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


class Core:
    """What the bot, the console and the CLI all call. Knows nothing of Discord."""

    def __init__(self, store: Store, paths: ContentPaths) -> None:
        self.store = store
        self.paths = paths
        self.started = time.monotonic()
        self.lookups = Lookups(store)
        self._reloading = asyncio.Lock()

    async def reload(self, *, force: bool = False) -> CompileReport:
        """Recompile the content into the store when its files changed since the last compile (or when forced)."""
        async with self._reloading:  # two reloads at once would compile the same files twice
            report = await self._sync_content(force)
        if report.compiled:
            self.lookups.invalidate()
        await self.lookups.warm()  # the people index is built now, not on the first user's question
        return report

    async def _sync_content(self, force: bool) -> CompileReport:
        paths = self.paths
        digest = await asyncio.to_thread(content_hash, paths.data_dir, paths.briefings_dir, paths.seeds_dir)
        if not force and await self.store.compiled_hash() == self.store.stamp(digest) and (
                self.store.read_only or await self.store.has_good_files()):
            # (a store compiled before it kept last good texts compiles once more, to keep them)
            return CompileReport(False, self.store.stamp(digest))
        kept = {label: LastGood(file.text, file.good_at) for label, file in (await self.store.last_good_files()).items()}
        loaded = await asyncio.to_thread(load_content, paths.data_dir, paths.briefings_dir, paths.seeds_dir, kept)
        corpus = loaded.corpus
        texts = await asyncio.to_thread(article_texts, corpus, paths.seeds_dir)
        for problem in corpus.problems:
            log.warning("content: %s", problem)
        report = await self.store.compile_content(corpus, texts, digest)
        try:  # what loaded now is what a broken next version will be served from
            await self.store.keep_good_files(loaded.good, keep=loaded.served_old)
        except StoreError as exc:  # the compile is done; a read-only or locked file costs the copies, not it
            log.warning("could not keep the content files' last good texts: %s", exc.summary)
        return report

    async def content_generation(self) -> str:
        """Changes whenever the store's content changes, whoever changed it (a reload here, an import in
        another process): every cache of answers keys on it."""
        return await self.lookups.engine.generation()

    # --- lookups (bot/search): each answers with plain data or NotFound, whatever was typed -------------

    async def who(self, name: str, limit: int | None = None) -> WhoAnswer | SearchAnswer | NotFound:
        """A person (surname, nickname, role noun; typos fine) and their claims in date order."""
        return await self.lookups.who(name, limit)

    async def quote(self, text: str, limit: int = 5) -> SearchAnswer | NotFound:
        """Who said this: best match first, with the source passage."""
        return await self.lookups.quote(text, limit)

    async def when(self, event: str, limit: int = 10) -> SearchAnswer | NotFound:
        """Dated claims (and briefing timeline entries) matching the event words, in date order."""
        return await self.lookups.when(event, limit)

    async def search(self, query: str, *, speaker: str | None = None, topic: str | None = None,
                     kind: str | None = None, date_from: str | None = None, date_to: str | None = None,
                     limit: int = 25) -> SearchAnswer | NotFound:
        """Every claim, ranked, with loose filters (speaker via the registry, topic fuzzy, ISO partial dates)."""
        return await self.lookups.search(query, speaker=speaker, topic=topic, kind=kind, date_from=date_from,
                                         date_to=date_to, limit=limit)

    async def suggest_people(self, text: str, limit: int = 25) -> list[tuple[str, str]]:
        return await self.lookups.suggest_people(text, limit)

    async def suggest_articles(self, text: str, limit: int = 25) -> list[tuple[str, str]]:
        return await self.lookups.suggest_articles(text, limit)

    async def source(self, article: str) -> SourceAnswer | NotFound:
        """An article's metadata and its claims in text order."""
        return await self.lookups.source(article)

    async def topics(self) -> list[Topic]:
        """Topics that have a briefing, by title (a topic without one is not offered)."""
        briefed = {b.slug for b in await self.lookups.briefings()}
        return [t for t in await self.store.topics() if t.slug in briefed] or [
            Topic(b.slug, b.title, b.aliases) for b in await self.lookups.briefings()
        ]

    async def suggest_topics(self, query: str, limit: int = 25) -> list[TopicMatch]:
        return rank_briefings(query, await self.lookups.briefing_names(), limit)

    async def brief(self, query: str) -> BriefAnswer | NotFound:
        names = await self.lookups.briefing_names()
        briefings = names.briefings
        if not briefings:
            return NotFound(query, "no_content", "briefing")
        if not query.strip():
            return NotFound(query, "empty", "topic")
        exact = names.exact.get(fold(query[:200]))
        if exact is not None:  # a slug picked from autocomplete, or a title typed in full: no ranking needed
            return await self._brief_answer(exact)
        ranked = rank_briefings(query, names, limit=5)
        if not ranked or ranked[0].score < NAME_ACCEPT:
            return NotFound(query, "no_match", "briefing", tuple(m.title for m in ranked[:3] if m.score >= NAME_SUGGEST))
        briefing = next(b for b in briefings if b.slug == ranked[0].slug)
        return await self._brief_answer(briefing)

    async def _brief_answer(self, briefing: Briefing) -> BriefAnswer:
        # The same answer for everyone until the content changes: a burst of "/brief tarifs", "tariff
        # threats", ... reads and hydrates the briefing's claims once (and the renderer can reuse its reply).
        return await self.lookups.per_content(f"brief:{briefing.slug}", lambda: self._read_brief_answer(briefing))

    async def _read_brief_answer(self, briefing: Briefing) -> BriefAnswer:
        cited_ids = list(briefing.claims) + [c for item in briefing.key_points + briefing.timeline for c in item.claims]
        cited = {view.claim.id: view for view in await self.store.claims_by_id(cited_ids)}
        wanted = [*briefing.articles, *briefing.sources, *(r.article_id for v in cited.values() for r in v.sources)]
        articles = await self.store.articles_by_id(wanted)
        return BriefAnswer(briefing, cited, articles)

    # --- exchange -----------------------------------------------------------------------------------------

    async def import_claims(self, path: Path) -> exchange.ImportReport:
        """Load a JSONL export as origin='import' claims; bad lines are reported by number, the rest load."""
        report = exchange.ImportReport()
        report.counts = await self.store.import_claims(exchange.read_jsonl(path, report))
        self.lookups.invalidate()
        return report

    async def export_claims(self, fmt: str, out: TextIO) -> int:
        return await exchange.write_claims(self.store.export_rows(), fmt, out)

    async def export_briefings(self, out: TextIO) -> int:
        return exchange.write_briefings(await self.store.briefings(), out)

    async def status(self) -> Status:
        return Status(
            version=__version__,
            schema_version=await self.store.schema_version(),
            counts=await self.store.counts(),
            content_hash=await self.store.meta("content_hash"),
            uptime_seconds=time.monotonic() - self.started,
            last_digest=await self.store.last_digest(),
        )
