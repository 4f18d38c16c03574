"""The last good text of each content file (issue 11): what the content loader serves for a file whose new
version does not load. The core reads them before a reload and keeps the new ones after a compile."""

from __future__ import annotations

import asyncio
import hashlib
import sqlite3
from collections.abc import Callable, Collection, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, NamedTuple

from bot.core.store.health import as_store_error

if TYPE_CHECKING:
    import aiosqlite


class KeptFile(NamedTuple):
    text: str
    hash: str  # sha256 of the UTF-8 text
    good_at: str  # when this text first loaded as a whole, "2026-12-06 14:29 UTC"


def _all(conn: sqlite3.Connection) -> dict[str, KeptFile]:
    return {row[0]: KeptFile(row[1], row[2], row[3])
            for row in conn.execute("SELECT path, text, hash, good_at FROM content_files")}


class ContentFileQueries:
    db: aiosqlite.Connection
    read: Callable
    write_lock: asyncio.Lock
    begin_write: Callable

    async def last_good_files(self) -> dict[str, KeptFile]:
        """Every content file's last good text, by its label (data/claims/x.yaml)."""
        return await self.read(_all)

    async def has_good_files(self) -> bool:
        """Whether any last good text is kept (none before the first compile that kept them)."""
        return bool(await self.read(lambda conn: conn.execute("SELECT 1 FROM content_files LIMIT 1").fetchall()))

    async def keep_good_files(self, good: Mapping[str, str], keep: Collection[str] = ()) -> None:
        """After a compile: `good` (label -> text) are the new last good texts (a text already kept keeps its
        good_at); those in `keep` (served from their kept text) stay as they are; every other row goes (its
        file is gone)."""
        now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        rows = [(label, text, hashlib.sha256(text.encode("utf-8")).hexdigest(), now) for label, text in good.items()]
        wanted = set(good) | set(keep)
        async with self.write_lock:
            await self.begin_write()
            try:
                await self.db.executemany(
                    "INSERT INTO content_files (path, text, hash, good_at) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT (path) DO UPDATE SET text = excluded.text, hash = excluded.hash,"
                    " good_at = excluded.good_at WHERE content_files.hash != excluded.hash", rows)
                async with self.db.execute("SELECT path FROM content_files") as cursor:
                    gone = [(row[0],) for row in await cursor.fetchall() if row[0] not in wanted]
                await self.db.executemany("DELETE FROM content_files WHERE path = ?", gone)
                await self.db.commit()
            except BaseException as exc:
                await self.db.rollback()
                problem = as_store_error(exc, getattr(self, "path", None)) if isinstance(exc, sqlite3.Error) else None
                if problem is not None and problem is not exc:
                    raise problem from exc
                raise
