"""Opening, migrating and compiling the SQLite file."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TypeVar

import aiosqlite

from bot.core.models import Corpus, Problem
from bot.core.store.compile import compile_corpus
from bot.core.store.imports import ExchangeQueries, ImportBatch, ImportCounts
from bot.core.store.migrations import MIGRATIONS, SCHEMA_VERSION
from bot.core.store.queries import Queries
from bot.core.store.reader import ReadPool
from bot.core.store.search_reads import SearchQueries

log = logging.getLogger(__name__)

# Bump when the compiler's output changes, so unchanged content is still recompiled once.
COMPILER_VERSION = "8"
CACHE_SIZE = -32768  # KiB (32 MB): the search index's hot pages stay in memory at a million claims
MMAP_SIZE = 2**31  # read the file through the OS page cache, without copying pages (a 1M-claim file is ~1 GB)
READ_PRAGMAS = ("busy_timeout = 5000", f"cache_size = {CACHE_SIZE}", f"mmap_size = {MMAP_SIZE}")
READERS = 2  # read connections (and threads): the machine has 2 cores; SQLite steps without the GIL
T = TypeVar("T")


@dataclass
class CompileReport:
    compiled: bool
    content_hash: str
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


class Store(Queries, SearchQueries, ExchangeQueries):
    """Async access to the database. Use `async with Store(path) as store:`."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._db: aiosqlite.Connection | None = None
        self._reader: ReadPool | None = None
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
        if str(self.path) == ":memory:":
            # The readers must see the writer's database: one named in-memory database, shared.
            target, uri = f"file:briefbot-{uuid.uuid4().hex}?mode=memory&cache=shared", True
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            target, uri = str(self.path), False
        self._db = await aiosqlite.connect(target, uri=uri)
        self._db.row_factory = aiosqlite.Row
        for pragma in ("journal_mode = WAL", "foreign_keys = ON", "synchronous = NORMAL", *READ_PRAGMAS):
            await self._db.execute(f"PRAGMA {pragma}")
        await self.migrate()
        self._reader = ReadPool(target, uri=uri, size=READERS, pragmas=READ_PRAGMAS)
        self._reader.open()

    async def close(self) -> None:
        if self._reader is not None:
            await asyncio.to_thread(self._reader.close)  # waits for a lookup still running
            self._reader = None
        if self._db is not None:
            await self._db.close()
            self._db = None

    async def read(self, fn: Callable[..., T], *args: object) -> T:
        """fn(sqlite3 connection, *args) on a read-only connection in a worker thread: one hop for a lookup."""
        if self._reader is None:
            raise RuntimeError("store is not open")
        return await self._reader.run(fn, *args)

    async def schema_version(self) -> int:
        async with self.db.execute("PRAGMA user_version") as cursor:
            return (await cursor.fetchone())[0]

    async def migrate(self) -> None:
        """Apply every migration past the file's version, each in its own transaction."""
        current = await self.schema_version()
        if current > SCHEMA_VERSION:
            raise RuntimeError(f"{self.path} has schema {current}, newer than this briefbot ({SCHEMA_VERSION})")
        for version in range(current + 1, SCHEMA_VERSION + 1):
            log.info("migrating %s to schema %d", self.path, version)
            await self.db.executescript(f"BEGIN; {MIGRATIONS[version - 1]}; PRAGMA user_version = {version}; COMMIT;")

    async def meta(self, key: str) -> str | None:
        async with self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)) as cursor:
            row = await cursor.fetchone()
        return row[0] if row else None

    async def set_meta(self, key: str, value: str) -> None:
        """Inside a write the caller holds (and commits); on its own, use remember()."""
        await self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    async def remember(self, key: str, value: str) -> None:
        """Keep a small fact (e.g. the last synced command tree) in its own committed write."""
        async with self.write_lock:
            await self.set_meta(key, value)
            await self.db.commit()

    async def compiled_hash(self) -> str | None:
        """The content hash the compiled content was built from (None before the first compile)."""
        stamp = await self.meta("content_hash")
        return stamp if stamp and stamp.startswith(COMPILER_VERSION + "-") else None

    def stamp(self, digest: str) -> str:
        """The compiler's version goes into the stored hash: a new compiler recompiles unchanged content once."""
        return f"{COMPILER_VERSION}-{digest}"

    async def compile_content(self, corpus: Corpus, texts: dict[str, str], digest: str) -> CompileReport:
        """Replace the compiled content with this corpus, in one transaction (readers see old or new)."""
        async with self.write_lock:
            await self.db.execute("BEGIN")
            try:
                await compile_corpus(self.db, corpus, texts)
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
            await self.db.execute("BEGIN")
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
