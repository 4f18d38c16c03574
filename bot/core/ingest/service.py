"""`briefbot ingest` and `briefbot review`: files become proposed claims, reviewed claims go live.

Reading, metadata and extraction are synchronous and pure enough to run without a store (--dry-run); storing
the article text, the content-hash check and accepting claims go through the store's ingest methods.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from bot.core.content.proposed import PROPOSED_DIR, ProposedClaim, ProposedFile, proposed_files, read_proposed
from bot.core.dates import PartialDate
from bot.core.extract import ArticleContext, Extraction, Speaker, extract
from bot.core.ingest import proposed_yaml
from bot.core.ingest.duplicates import DuplicateIndex, Statement
from bot.core.ingest.edit import ClaimEdit, EditOutcome, edit_claim
from bot.core.ingest.metadata import MissingMetadata, Overrides, build_article, content_hash
from bot.core.ingest.proposals import Proposal, proposals
from bot.core.ingest.reading import UnreadableFile, read_file
from bot.core.ingest.registry import load_people, register, registry_people
from bot.core.models import Article, Claim, Person
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
    merged: int = 0


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
    def duplicates(self) -> int:
        """Claims that repeat a known statement (marked `duplicate_of`)."""
        return sum(1 for f in self.files if not f.already for p in f.prepared.proposals if p.duplicate_of)

    @property
    def to_review(self) -> int:
        return sum(len(f.prepared.proposals) - f.accepted - f.merged for f in self.files if f.written)

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


class Known:
    """Statements a newly ingested claim may repeat: live claims (read from the store per speaker, once),
    proposed claims still waiting for review, and the claims of this run's earlier files."""

    def __init__(self, store: Store | None) -> None:
        self.store = store
        self.index = DuplicateIndex()
        self._asked: set[str] = set()

    async def load_speakers(self, speakers: Iterable[str]) -> None:
        wanted = [s for s in dict.fromkeys(speakers) if s not in self._asked]
        self._asked.update(wanted)
        if self.store is None or not wanted:
            return
        for claim_id, speaker, kind, said, said_on, basis in await self.store.claims_said_by(wanted):
            try:
                date = PartialDate.parse(said_on)
            except ValueError:
                continue
            self.index.add(Statement(claim_id, speaker, kind, said, date, basis))

    def add_pending(self, data_dir: Path, known_people: set[str]) -> None:
        for path in proposed_files(data_dir):
            links = proposed_yaml.duplicate_links(path)
            for c in read_proposed(path, path.name, known_people).claims:
                if c.status == "proposed":
                    self.index.add(statement(c.claim, links.get(c.claim.id)))

    async def link(self, prepared: Prepared) -> None:
        """Mark each proposal that repeats a known statement (`duplicate_of`); then it is known too."""
        await self.load_speakers(p.claim.speaker for p in prepared.proposals)
        linked: dict[str, Proposal] = {}
        for p in sorted(prepared.proposals, key=lambda p: p.claim.appearances[0].start):
            found = self.index.find(statement(p.claim))
            if found:
                p = replace(p, duplicate_of=found[0])
            self.index.add(statement(p.claim, p.duplicate_of))
            linked[p.claim.id] = p
        prepared.proposals = [linked[p.claim.id] for p in prepared.proposals]


def statement(claim: Claim, root: str | None = None) -> Statement:
    first = claim.appearances[0] if claim.appearances else None
    return Statement(claim.id, claim.speaker, claim.kind, claim.quote or claim.text, claim.said_on, claim.basis,
                     first.article if first else None, (first.start, first.end) if first else None, root)


class Ingest:
    def __init__(self, data_dir: Path, store: Store | None = None) -> None:
        self.data_dir = data_dir
        self.store = store

    def people(self) -> list[Person]:
        return load_people(self.data_dir)

    async def known(self, people: list[Person]) -> Known:
        known = Known(self.store)
        await asyncio.to_thread(known.add_pending, self.data_dir, {p.id for p in people})
        return known

    async def run(self, paths: Iterable[Path], flags: Overrides, *, dry_run: bool, apply_at: float | None = None,
                  progress: Callable[[FileOutcome], None] | None = None) -> IngestSummary:
        """Every file in turn; `self.store` (read-only is enough) is only read on a dry run, to find repeats."""
        people = await asyncio.to_thread(self.people)
        known = await self.known(people)
        summary = IngestSummary()
        for path in paths:
            prepared = await asyncio.to_thread(prepare, path, flags, people)
            outcome = FileOutcome(prepared)
            if not prepared.error:
                await self._handle(outcome, known, dry_run, apply_at)
            summary.files.append(outcome)
            if progress:
                progress(outcome)
        return summary

    async def add_text(self, article: Article, text: str, source: str, *, apply_at: float | None = None) -> FileOutcome:
        """One article given as text (a feed item): extracted, stored, proposed (or accepted above apply_at)."""
        people = await asyncio.to_thread(self.people)
        outcome = FileOutcome(await asyncio.to_thread(prepare_text, article, text, people, source))
        if self.store is not None:
            await self._handle(outcome, await self.known(people), False, apply_at)
        return outcome

    async def _handle(self, outcome: FileOutcome, known: Known, dry_run: bool, apply_at: float | None) -> None:
        prepared, store = outcome.prepared, self.store
        if not dry_run and store is not None:
            outcome.already = await store.ingested_by_hash(prepared.content_hash)
            if outcome.already:
                return  # the same text again: nothing changes
        await known.link(prepared)
        if not dry_run and store is not None:
            await self._keep(outcome, apply_at)

    async def _keep(self, outcome: FileOutcome, apply_at: float | None) -> None:
        prepared, store = outcome.prepared, self.store
        assert prepared.article is not None and store is not None
        target = self.data_dir / PROPOSED_DIR / f"{prepared.article.id}.yaml"
        await store.store_ingested_article(prepared.article, prepared.text, prepared.content_hash, str(prepared.path))
        if not target.exists():
            proposed_yaml.write(target, prepared, stamp=dt.date.today().isoformat())
            outcome.written = target
        if apply_at is not None:
            sure = [p.claim.id for p in prepared.proposals if p.confidence >= apply_at]
            if sure:
                done = await self.accept(sure)
                outcome.accepted, outcome.merged = done.accepted, done.merged

    # --- review -----------------------------------------------------------------------------------------

    def proposed(self, include_reviewed: bool = False) -> list[ProposedClaim]:
        """Proposed claims, lowest confidence first (the ones that most need a person)."""
        known = {p.id for p in load_people(self.data_dir)}
        found = [c for path in proposed_files(self.data_dir) for c in read_proposed(path, path.name, known).claims]
        if not include_reviewed:
            found = [c for c in found if c.status == "proposed"]
        return sorted(found, key=lambda c: (c.confidence, c.claim.id))

    def duplicate_links(self) -> dict[str, str]:
        """Proposed claim id -> the claim it repeats, over every proposed file."""
        return {k: v for path in proposed_files(self.data_dir) for k, v in proposed_yaml.duplicate_links(path).items()}

    async def accept(self, ids: Iterable[str]) -> ReviewOutcome:
        """Accept proposed claims. One that repeats a live claim (`duplicate_of`) becomes another appearance of
        it; one that repeats a claim still proposed waits for that claim (accepted together, the first goes
        first); one whose repeated claim was rejected or is gone is accepted as a claim of its own. A new
        speaker is written to data/people/ingested.yaml and created in the store."""
        assert self.store is not None
        wanted = set(ids)
        outcome = ReviewOutcome()
        registry = await asyncio.to_thread(registry_people, self.data_dir)
        files = await asyncio.to_thread(self._read_all, registry)
        status = {c.claim.id: c.status for _, read, _ in files for c in read.claims}
        chosen = {c.claim.id for _, read, _ in files for c in read.claims
                  if c.claim.id in wanted and c.status != "accepted"}
        links = {cid: target for _, _, found in files for cid, target in found.items() if cid in chosen}
        live = await self.store.live_claims(list(links.values()))
        for cid, target in list(links.items()):
            if target in live or (target in chosen and target not in links):
                continue  # merged below, once the target is live
            if status.get(target) == "proposed":
                outcome.waiting[cid] = target
                chosen.discard(cid)
            del links[cid]  # its target was rejected or is gone: a claim of its own
        for merging in (False, True):
            for path, read, _ in files:
                picked = [c for c in read.claims if c.claim.id in chosen and (c.claim.id in links) == merging]
                if not picked:
                    continue
                articles = [read.article] if read.article else []
                if merging:
                    missing = set(await self.store.merge_ingested([(links[c.claim.id], c.claim) for c in picked],
                                                                  articles))
                    alone = [c for c in picked if links[c.claim.id] in missing]
                    outcome.merged += len(picked) - len(alone)
                else:
                    alone = picked
                if alone:
                    speakers = {c.claim.speaker for c in alone}
                    theirs = [p for p in read.speakers if p.id in speakers]  # the store adds those it lacks
                    added = await asyncio.to_thread(register, self.data_dir, [p for p in theirs if p.id not in registry])
                    outcome.new_speakers += [p.id for p in added]
                    registry.update({p.id: p for p in added})
                    outcome.accepted += await self.store.accept_ingested([c.claim for c in alone], theirs, articles)
                await asyncio.to_thread(proposed_yaml.set_status, path, {c.claim.id for c in picked}, "accepted")
                wanted -= {c.claim.id for c in picked}
        outcome.unknown = sorted(wanted - set(outcome.waiting))
        return outcome

    def _read_all(self, registry: dict[str, Person]) -> list[tuple[Path, ProposedFile, dict[str, str]]]:
        known = set(registry)
        return [(path, read_proposed(path, path.name, known), proposed_yaml.duplicate_links(path))
                for path in proposed_files(self.data_dir)]

    def reject(self, ids: Iterable[str]) -> ReviewOutcome:
        wanted = set(ids)
        outcome = ReviewOutcome()
        for path in proposed_files(self.data_dir):
            changed = proposed_yaml.set_status(path, wanted, "rejected")
            outcome.rejected += len(changed)
            wanted -= changed
        outcome.unknown = sorted(wanted)
        return outcome

    def edit(self, claim_id: str, change: ClaimEdit) -> EditOutcome:
        """Change a proposed claim in its file (EditRefused, file unchanged, when it would not validate)."""
        return edit_claim(self.data_dir, claim_id, change)


@dataclass
class ReviewOutcome:
    accepted: int = 0  # claims now live of their own
    merged: int = 0  # repeats added as another appearance of a live claim
    rejected: int = 0
    new_speakers: list[str] = field(default_factory=list)  # written to data/people/ingested.yaml
    waiting: dict[str, str] = field(default_factory=dict)  # repeat -> the claim it repeats, still proposed
    unknown: list[str] = field(default_factory=list)
