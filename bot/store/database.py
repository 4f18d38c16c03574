"""Opening, migrating and compiling the SQLite file."""

from __future__ import annotations

import asyncio
import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

import aiosqlite

from bot.content import content_files, load_corpus
from bot.content.crosscheck import article_texts
from bot.models import Problem
from bot.store.compile import compile_corpus
from bot.store.migrations import MIGRATIONS, SCHEMA_VERSION
from bot.store.queries import Queries

log = logging.getLogger(__name__)

# Bump when the compiler's output changes, so unchanged content is still recompiled once.
COMPILER_VERSION = "3"


@dataclass
class CompileReport:
    compiled: bool
    content_hash: str
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def content_hash(data_dir: Path, briefings_dir: Path) -> str:
    digest = hashlib.sha256(COMPILER_VERSION.encode())
    for path in content_files(data_dir, briefings_dir):
        digest.update(str(path.relative_to(path.parent.parent)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


class Store(Queries):
    """Async access to the database. Use `async with Store(path) as store:`."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._db: aiosqlite.Connection | None = None
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
        if str(self.path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = await aiosqlite.connect(self.path)
        self._db.row_factory = aiosqlite.Row
        for pragma in ("journal_mode = WAL", "foreign_keys = ON", "busy_timeout = 5000", "synchronous = NORMAL"):
            await self._db.execute(f"PRAGMA {pragma}")
        await self.migrate()

    async def close(self) -> None:
        if self._db is not None:
            await self._db.close()
            self._db = None

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
        await self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    async def sync_content(
        self, data_dir: Path, briefings_dir: Path, seeds_dir: Path | None = None, *, force: bool = False
    ) -> CompileReport:
        """Recompile content only when its files changed since the last compile."""
        async with self.write_lock:
            digest = await asyncio.to_thread(content_hash, data_dir, briefings_dir)
            if not force and await self.meta("content_hash") == digest:
                return CompileReport(False, digest)
            corpus = await asyncio.to_thread(load_corpus, data_dir, briefings_dir, seeds_dir)
            texts = await asyncio.to_thread(article_texts, corpus, seeds_dir)
            await self.db.execute("BEGIN")
            try:
                await compile_corpus(self.db, corpus, texts)
                await self.set_meta("content_hash", digest)
                await self.db.commit()
            except BaseException:
                await self.db.rollback()
                raise
            counts = {
                "articles": len(corpus.articles), "people": len(corpus.people), "claims": len(corpus.claims),
                "topics": len(corpus.topics), "briefings": len(corpus.briefings),
            }
            for problem in corpus.problems:
                log.warning("content: %s", problem)
            log.info("compiled content %s", counts)
            return CompileReport(True, digest, corpus.problems, counts)
