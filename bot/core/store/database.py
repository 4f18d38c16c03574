"""Opening, migrating and compiling the SQLite file."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TypeVar

import aiosqlite

from bot.core.models import Corpus, Problem
from bot.core.store import identity, queries, search_reads
from bot.core.store.compile import compile_corpus
from bot.core.store.content_files import ContentFileQueries
from bot.core.store.digests import DigestQueries
from bot.core.store.feeds import FeedQueries
from bot.core.store.health import (
    StoreError,
    as_store_error,
    check_finding,
    damaged,
    prepare_folder,
    quick_check_fits,
)
from bot.core.store.identity import Lost
from bot.core.store.imports import ExchangeQueries, ImportBatch, ImportCounts
from bot.core.store.ingested import IngestQueries
from bot.core.store.migrations import MIGRATIONS, SCHEMA_VERSION
from bot.core.store.queries import Queries
from bot.core.store.reader import ReadPool
from bot.core.store.search_index import reindex_other_claims
from bot.core.store.search_reads import SearchQueries

log = logging.getLogger(__name__)

# Bump when the compiler's output changes, so unchanged content is still recompiled once.
COMPILER_VERSION = "10"  # 10: a claim's context holds the names its paragraph sets it in (search_index.paragraph_names)
CACHE_SIZE = -32768  # KiB (32 MB): the search index's hot pages stay in memory at a million claims
MMAP_SIZE = 2**31  # read the file through the OS page cache, without copying pages (a 1M-claim file is ~1 GB)
READ_PRAGMAS = ("busy_timeout = 5000", f"cache_size = {CACHE_SIZE}", f"mmap_size = {MMAP_SIZE}")
WRITE_WAIT = 60.0  # seconds; long enough for a CLI import of a big file to commit
READERS = 2  # read connections (and threads): the machine has 2 cores; SQLite steps without the GIL
# Reads that run on the event loop's thread rather than hop to the pool (reader.ReadPool.run_here): a few
# primary-key seeks at any size of index ...
QUICK_READS = frozenset({queries.claim_views, queries.people_by_id, search_reads.hits, search_reads.passage,
                         search_reads.search_state})
# ... and, while the index is small, every read a lookup makes: then the whole lookup (ranking included)
# takes well under a millisecond, less than the hop costs. Larger indexes rank in the pool, so a slow
# question never holds up the event loop.
SMALL_INDEX = 20_000  # claims
LOOKUP_READS = QUICK_READS | {queries.rows, search_reads.claim_counts, search_reads.person_claim_ids,
                              search_reads.article_matches, search_reads.recent_articles,
                              search_reads.filtered_docs, search_reads._with_index_reader}
T = TypeVar("T")


@dataclass
class CompileReport:
    compiled: bool
    content_hash: str
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


class Store(Queries, SearchQueries, ExchangeQueries, DigestQueries, IngestQueries, FeedQueries, ContentFileQueries):
    """Async access to the database. Use `async with Store(path) as store:`."""

    def __init__(self, path: Path | str, *, write_wait: float = WRITE_WAIT, read_only: bool = False) -> None:
        self.path = Path(path)
        # How long a write waits for another process's write (a CLI import, a reload) before giving up.
        self.write_wait = write_wait
        self.read_only = read_only  # asked for; open() also falls back to it for a file it may not write
        self.lost: Lost | None = None  # runtime state the database before this one held (identity.py)
        self._id: str | None = None
        self._db: aiosqlite.Connection | None = None
        self._reader: ReadPool | None = None
        self._indexed: int | None = None  # claims in the search index, as the last search_state read saw
        self._closed = False
        self.write_lock = asyncio.Lock()

    @property
    def db(self) -> aiosqlite.Connection:
        if self._db is None:
            raise RuntimeError("store is not open")
        return self._db

    async def __aenter__(self) -> Store:
        await self.open()
        return self

    async def __aexit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        await self.close()

    async def open(self) -> None:
        """Open (or create) the file, refuse a damaged one, migrate it, start the readers.

        Raises StoreError, one line for the operator, when the folder cannot be made or written, the file is
        not a SQLite database or is damaged, or its schema is newer than the code. On any failure everything
        opened so far is closed again: no aiosqlite thread is left to keep the process alive.
        """
        self._closed = False
        memory = str(self.path) == ":memory:"
        if memory:
            # The readers must see the writer's database: one named in-memory database, shared.
            target, uri = f"file:briefbot-{uuid.uuid4().hex}?mode=memory&cache=shared", True
        else:
            if not self.read_only and self.path.is_file() and not os.access(self.path, os.W_OK):
                log.warning("%s is read-only: serving what it holds; nothing will be written", self.path)
                self.read_only = True
            if self.read_only:
                # mode=ro: SQLite itself refuses every write, whoever runs the process (root included).
                target, uri = f"{self.path.resolve().as_uri()}?mode=ro", True
            else:
                prepare_folder(self.path)
                target, uri = str(self.path), False
        try:
            self._db = await aiosqlite.connect(target, uri=uri)
            self._db.row_factory = aiosqlite.Row
            # The busy timeout first: switching to WAL may itself wait for another process's write.
            pragmas = (f"busy_timeout = {int(self.write_wait * 1000)}", "foreign_keys = ON", *READ_PRAGMAS[1:])
            if not self.read_only:
                pragmas += ("journal_mode = WAL", "synchronous = NORMAL")
            for pragma in pragmas:
                await self._db.execute(f"PRAGMA {pragma}")
            if not memory:
                await self._check_pages()
            await self.migrate()
            reader = ReadPool(target, uri=uri, size=READERS, pragmas=READ_PRAGMAS)
            reader.open()
            self._reader = reader
            if not memory:
                await self._follow_identity()
        except BaseException as exc:
            await self._abandon()
            problem = as_store_error(exc, None if memory else self.path)
            if problem is not None and problem is not exc:
                raise problem from exc
            raise

    async def _follow_identity(self) -> None:
        """Compare this file with the one the sidecar remembers (self.lost), then remember this one."""
        self._id = await self.meta("store_id")
        if self._id is None:
            if self.read_only:
                return
            self._id = uuid.uuid4().hex
            await self.remember("store_id", self._id)
        counts = await self.read(identity.count_runtime)
        self.lost = identity.compare(self.path, self._id, counts)
        identity.remember(self.path, self._id, counts)

    async def _check_pages(self) -> None:
        """SQLite reads the header and the schema now (a file that is not a database, or is shorter than its
        header says, fails here); a file small enough is read whole by PRAGMA quick_check."""
        if quick_check_fits(self.path):
            async with self.db.execute("PRAGMA quick_check(1)") as cursor:
                found = (await cursor.fetchone())[0]
            if found != "ok":
                raise damaged(self.path, f"is damaged ({check_finding([found])})")
        else:
            async with self.db.execute("SELECT count(*) FROM sqlite_schema") as cursor:
                await cursor.fetchone()

    async def _abandon(self) -> None:
        """After a failed open: close what was opened, whatever state it is in."""
        reader, self._reader = self._reader, None
        db, self._db = self._db, None
        if reader is not None:
            with contextlib.suppress(Exception):
                await reader.close()
        if db is not None:
            try:
                await db.close()
            except Exception:  # the worker thread is stopped all the same (aiosqlite's close ends it in finally)
                log.debug("closing %s after a failed open", self.path, exc_info=True)

    async def close(self) -> None:
        """Stop taking reads, let the reads and the write in flight finish, close the readers, then the writer.

        A read asked for once close() has begun raises StoreError("store is closed"). Calling close() twice,
        or on a store that never opened, does nothing.
        """
        self._closed = True
        try:
            if self._reader is not None:
                reader = self._reader
                await reader.close()  # waits (bounded) for the lookups still running
                if self._reader is reader:
                    self._reader = None
            if self._db is not None:
                await self._settle_writes()
                await self._remember_identity()
        finally:
            # Even if cancelled above: an open aiosqlite connection's thread would keep the process alive.
            db, self._db = self._db, None  # no await between the test and the take: one close() closes it
            if db is not None:
                await db.close()

    async def _remember_identity(self) -> None:
        """Update the sidecar's counts at a clean close: a hint for the next start, never a reason to fail closing."""
        if self._id is None:
            return
        counts = {}
        try:
            for kind, sql in identity.RUNTIME_COUNTS.items():
                async with self.db.execute(sql) as cursor:
                    counts[kind] = (await cursor.fetchone())[0]
        except Exception:
            log.debug("could not count the runtime rows at close", exc_info=True)
            return
        identity.remember(self.path, self._id, counts)

    async def _settle_writes(self, wait: float = 5.0) -> None:
        """Wait (bounded) for a write holding the write lock (compile, import) to commit or roll back."""
        if not self.write_lock.locked():
            return
        try:
            async with asyncio.timeout(wait):
                async with self.write_lock:
                    pass
        except TimeoutError:
            log.warning("a write still running after %.0f s at shutdown; closing the database under it", wait)

    async def read(self, fn: Callable[..., T], *args: object) -> T:
        """fn(sqlite3 connection, *args) in one read transaction: in a worker thread (one hop for a whole
        lookup), or on this thread when fn is a read cheaper than the hop (QUICK_READS, LOOKUP_READS)."""
        if self._reader is None:
            raise StoreError("store is closed" if self._closed else "store is not open")
        small = self._indexed is not None and self._indexed <= SMALL_INDEX
        if fn in QUICK_READS or (small and fn in LOOKUP_READS):
            result = await self._reader.run_here(fn, *args)
        else:
            result = await self._reader.run(fn, *args)
        if fn is search_reads.search_state:  # (generation, claims): every lookup checks it at least once a second
            self._indexed = result[1]  # type: ignore[index]
        return result

    async def schema_version(self) -> int:
        async with self.db.execute("PRAGMA user_version") as cursor:
            return (await cursor.fetchone())[0]

    async def migrate(self) -> None:
        """Apply every migration past the file's version, each in its own transaction."""
        current = await self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(f"{self.path} has schema {current}, newer than this briefbot ({SCHEMA_VERSION});"
                             " upgrade briefbot, or set BRIEFBOT_DATABASE_PATH to another file", path=self.path)
        if self.read_only and current < SCHEMA_VERSION:
            raise StoreError(f"{self.path} is read-only and has schema {current}; this briefbot needs"
                             f" {SCHEMA_VERSION}: open it writable once to migrate it", path=self.path)
        for version in range(current + 1, SCHEMA_VERSION + 1):
            log.info("migrating %s to schema %d", self.path, version)
            # IMMEDIATE: take the write lock (waiting busy_timeout for another writer) before reading anything.
            await self.db.executescript(
                f"BEGIN IMMEDIATE; {MIGRATIONS[version - 1]}; PRAGMA user_version = {version}; COMMIT;")

    async def meta(self, key: str) -> str | None:
        async with self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)) as cursor:
            row = await cursor.fetchone()
        return row[0] if row else None

    async def set_meta(self, key: str, value: str) -> None:
        """Inside a write the caller holds (and commits); on its own, use remember()."""
        await self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    async def remember(self, key: str, value: str) -> bool:
        """Keep a small fact (e.g. the last synced command tree) in its own committed write; False if not kept.

        Incidental: a fact already stored is not written again, and a database that cannot take the write
        (read-only, locked past the wait, full) costs a logged warning, never the caller's work.
        """
        if await self.meta(key) == value:
            return True
        if self.read_only:
            log.warning("not remembering %s: %s is open read-only", key, self.path)
            return False
        async with self.write_lock:
            try:
                await self.db.execute("BEGIN IMMEDIATE")
                await self.set_meta(key, value)
                await self.db.commit()
            except sqlite3.Error as exc:
                with contextlib.suppress(sqlite3.Error):
                    await self.db.rollback()
                problem = as_store_error(exc, self.path)
                if problem is None:
                    raise
                log.warning("not remembering %s: %s", key, problem.summary)
                return False
        return True

    async def compiled_hash(self) -> str | None:
        """The content hash the compiled content was built from (None before the first compile)."""
        stamp = await self.meta("content_hash")
        return stamp if stamp and stamp.startswith(COMPILER_VERSION + "-") else None

    async def begin_write(self) -> None:
        """Start a write transaction holding SQLite's write lock at once (BEGIN IMMEDIATE): a second writer,
        in this process or another, waits up to write_wait seconds for its turn instead of failing half-way
        when a read inside its transaction would need upgrading. Past the wait: StoreError, nothing written."""
        if self.read_only:
            raise StoreError(f"cannot write to {self.path}: it is open read-only", path=self.path, read_only=True)
        try:
            await self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            problem = as_store_error(exc, self.path)
            if problem is None:
                raise
            raise problem from exc

    def stamp(self, digest: str) -> str:
        """The compiler's version goes into the stored hash: a new compiler recompiles unchanged content once."""
        return f"{COMPILER_VERSION}-{digest}"

    async def compile_content(self, corpus: Corpus, texts: dict[str, str], digest: str) -> CompileReport:
        """Replace the compiled content with this corpus, in one transaction (readers see old or new). The first
        compile of a new compiler version also indexes the imported and ingested claims again."""
        async with self.write_lock:
            await self.begin_write()
            try:
                before = await self.meta("content_hash")
                await compile_corpus(self.db, corpus, texts)
                if before is not None and not before.startswith(COMPILER_VERSION + "-"):
                    started = time.monotonic()
                    if reindexed := await reindex_other_claims(self.db):
                        log.info("indexed %d imported and ingested claims again for this version's search (%.1f s)",
                                 reindexed, time.monotonic() - started)
                await self.set_meta("content_hash", self.stamp(digest))
                await self.db.commit()
            except BaseException:
                await self.db.rollback()
                raise
        counts = {
            "articles": len(corpus.articles), "people": len(corpus.people), "claims": len(corpus.claims),
            "topics": len(corpus.topics), "briefings": len(corpus.briefings),
        }
        log.info("compiled content %s", counts)
        return CompileReport(True, self.stamp(digest), corpus.problems, counts)

    async def import_claims(self, batches: Iterable[ImportBatch]) -> ImportCounts:
        """Load imported claims batch by batch in one transaction (all or nothing if something breaks)."""
        async with self.write_lock:
            total = ImportCounts()
            await self.db.execute("PRAGMA cache_size = -262144")  # 256 MB while a big import sorts into the indexes
            try:
                await self.begin_write()
            except BaseException:
                await self.db.execute(f"PRAGMA cache_size = {CACHE_SIZE}")
                raise
            batches = iter(batches)
            ahead = asyncio.ensure_future(asyncio.to_thread(next, batches, None))
            try:
                while (batch := await ahead) is not None:
                    # Read and check the next batch in a thread while SQLite writes this one.
                    ahead = asyncio.ensure_future(asyncio.to_thread(next, batches, None))
                    counts = await self.import_batch(batch)
                    total.claims += counts.claims
                    total.skipped += counts.skipped
                    total.people += counts.people
                    total.articles += counts.articles
                await self.db.commit()
            except BaseException:
                ahead.cancel()
                await self.db.rollback()
                raise
            finally:
                await self.db.execute(f"PRAGMA cache_size = {CACHE_SIZE}")
            return total
