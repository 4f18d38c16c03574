"""`briefbot ingest` and `briefbot review`: files become proposed claims, reviewed claims go live.

Reading, metadata and extraction are synchronous and pure enough to run without a store (--dry-run); storing
the article text, the content-hash check and accepting claims go through the store's ingest methods.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.content.proposed import PROPOSED_DIR, ProposedClaim, proposed_files, read_proposed
from bot.core.extract import ArticleContext, Extraction, Speaker, extract
from bot.core.ingest import proposed_yaml
from bot.core.ingest.metadata import MissingMetadata, Overrides, build_article, content_hash
from bot.core.ingest.proposals import Proposal, proposals
from bot.core.ingest.reading import UnreadableFile, read_file
from bot.core.ingest.registry import load_people
from bot.core.models import Article, Person
from bot.core.store import Store


@dataclass
class Prepared:
    """One file read and extracted (nothing stored yet)."""

    path: Path
    article: Article | None = None
    text: str = ""
    content_hash: str = ""
    extraction: Extraction = field(default_factory=Extraction)
    proposals: list[Proposal] = field(default_factory=list)
    error: str | None = None


@dataclass
class FileOutcome:
    prepared: Prepared
    already: str | None = None  # the article id an identical text was ingested as
    written: Path | None = None
    accepted: int = 0


@dataclass
class IngestSummary:
    files: list[FileOutcome] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return sum(1 for f in self.files if f.prepared.article and not f.prepared.error and not f.already)

    @property
    def by_kind(self) -> Counter:
        return Counter(p.claim.kind for f in self.files if not f.already for p in f.prepared.proposals)

    @property
    def new_speakers(self) -> list[Speaker]:
        seen: dict[str, Speaker] = {}
        for f in self.files:
            if not f.already:
                for s in f.prepared.extraction.new_speakers:
                    seen.setdefault(s.id, s)
        return list(seen.values())

    @property
    def to_review(self) -> int:
        return sum(len(f.prepared.proposals) - f.accepted for f in self.files if f.written)

    @property
    def errors(self) -> list[str]:
        return [f"{f.prepared.path}: {f.prepared.error}" for f in self.files if f.prepared.error]


def prepare(path: Path, flags: Overrides, people: list[Person]) -> Prepared:
    """Read, date and extract one file; every failure is one line in `error`, never an exception."""
    out = Prepared(path)
    try:
        read = read_file(path)
        out.text = read.text
        if not read.text.strip():
            raise UnreadableFile("the file has no text")
        out.article = build_article(path, read.meta, flags, read.text)
    except (UnreadableFile, MissingMetadata) as exc:
        out.error = str(exc)
        return out
    return extracted(out, people)


def prepare_text(article: Article, text: str, people: list[Person], source: str) -> Prepared:
    """An article that arrived as text with its metadata (a feed item's page), extracted like a file."""
    return extracted(Prepared(Path(source), article=article, text=text), people)


def extracted(out: Prepared, people: list[Person]) -> Prepared:
    article = out.article
    assert article is not None
    out.content_hash = content_hash(out.text)
    context = ArticleContext(article.published, article.not_before, article.not_after, article.author,
                             article.title, article.outlet)
    out.extraction = extract(out.text, context, people)
    out.proposals = proposals(article, out.extraction.claims)
    return out


class Ingest:
    def __init__(self, data_dir: Path, store: Store | None = None) -> None:
        self.data_dir = data_dir
        self.store = store

    def people(self) -> list[Person]:
        return load_people(self.data_dir)

    async def run(self, paths: Iterable[Path], flags: Overrides, *, dry_run: bool, apply_at: float | None = None,
                  progress: Callable[[FileOutcome], None] | None = None) -> IngestSummary:
        people = await asyncio.to_thread(self.people)
        summary = IngestSummary()
        for path in paths:
            prepared = await asyncio.to_thread(prepare, path, flags, people)
            outcome = FileOutcome(prepared)
            if not prepared.error and not dry_run and self.store is not None:
                await self._keep(outcome, apply_at)
            summary.files.append(outcome)
            if progress:
                progress(outcome)
        return summary

    async def add_text(self, article: Article, text: str, source: str, *, apply_at: float | None = None) -> FileOutcome:
        """One article given as text (a feed item): extracted, stored, proposed (or accepted above apply_at)."""
        people = await asyncio.to_thread(self.people)
        outcome = FileOutcome(await asyncio.to_thread(prepare_text, article, text, people, source))
        if self.store is not None:
            await self._keep(outcome, apply_at)
        return outcome

    async def _keep(self, outcome: FileOutcome, apply_at: float | None) -> None:
        prepared, store = outcome.prepared, self.store
        assert prepared.article is not None and store is not None
        outcome.already = await store.ingested_by_hash(prepared.content_hash)
        if outcome.already:
            return  # the same text again: nothing changes
        target = self.data_dir / PROPOSED_DIR / f"{prepared.article.id}.yaml"
        await store.store_ingested_article(prepared.article, prepared.text, prepared.content_hash, str(prepared.path))
        if not target.exists():
            proposed_yaml.write(target, prepared, stamp=dt.date.today().isoformat())
            outcome.written = target
        if apply_at is not None:
            sure = [p.claim.id for p in prepared.proposals if p.confidence >= apply_at]
            outcome.accepted = (await self.accept(sure)).accepted if sure else 0

    # --- review -----------------------------------------------------------------------------------------

    def proposed(self, include_reviewed: bool = False) -> list[ProposedClaim]:
        """Proposed claims, lowest confidence first (the ones that most need a person)."""
        known = {p.id for p in load_people(self.data_dir)}
        found = [c for path in proposed_files(self.data_dir) for c in read_proposed(path, path.name, known).claims]
        if not include_reviewed:
            found = [c for c in found if c.status == "proposed"]
        return sorted(found, key=lambda c: (c.confidence, c.claim.id))

    async def accept(self, ids: Iterable[str]) -> ReviewOutcome:
        wanted = set(ids)
        known = {p.id for p in load_people(self.data_dir)}
        outcome = ReviewOutcome()
        for path in proposed_files(self.data_dir):
            read = read_proposed(path, path.name, known)
            chosen = [c for c in read.claims if c.claim.id in wanted and c.status != "accepted"]
            if not chosen:
                continue
            speakers = {p.id: (p.name, p.kind) for p in read.speakers}
            assert self.store is not None
            outcome.accepted += await self.store.accept_ingested(
                [c.claim for c in chosen], speakers, [read.article] if read.article else [])
            proposed_yaml.set_status(path, {c.claim.id for c in chosen}, "accepted")
            wanted -= {c.claim.id for c in chosen}
        outcome.unknown = sorted(wanted)
        return outcome

    def reject(self, ids: Iterable[str]) -> ReviewOutcome:
        wanted = set(ids)
        outcome = ReviewOutcome()
        for path in proposed_files(self.data_dir):
            changed = proposed_yaml.set_status(path, wanted, "rejected")
            outcome.rejected += len(changed)
            wanted -= changed
        outcome.unknown = sorted(wanted)
        return outcome


@dataclass
class ReviewOutcome:
    accepted: int = 0
    rejected: int = 0
    unknown: list[str] = field(default_factory=list)
