"""Ingested articles: their text (for passages), their content hash (so re-ingesting changes nothing), and
accepted claims written through the same insert path as content and imports (search index, claim history)."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from bot.core.models import Article, Claim
from bot.core.store.compile import insert_claims
from bot.core.store.search_index import bump_generation, index_articles

if TYPE_CHECKING:
    import aiosqlite


def _rows(conn: sqlite3.Connection, sql: str, params: Sequence) -> list[sqlite3.Row]:
    return list(conn.execute(sql, params).fetchall())


class IngestQueries:
    db: aiosqlite.Connection
    read: Callable
    write_lock: asyncio.Lock

    async def ingested_by_hash(self, content_hash: str) -> str | None:
        """The article id an identical text was ingested as, if it was."""
        found = await self.read(_rows, "SELECT article_id FROM ingested_articles WHERE content_hash = ?", (content_hash,))
        return found[0][0] if found else None

    async def article_exists(self, article_id: str) -> bool:
        return bool(await self.read(_rows, "SELECT 1 FROM articles WHERE id = ?", (article_id,)))

    async def store_ingested_article(self, article: Article, body: str, content_hash: str, source: str) -> None:
        """The article and its text, once: a second call with the same hash changes nothing."""
        async with self.write_lock:
            try:
                await self.db.execute(
                    "INSERT OR IGNORE INTO articles (id, title, file, author, outlet, kind, published, precision,"
                    " not_before, not_after, url, origin, body) VALUES (?,?,?,?,?,?,?,?,?,?,?,'ingest',?)",
                    (article.id, article.title, article.file, article.author, article.outlet, article.kind,
                     article.published.iso(), article.precision, _iso(article.not_before), _iso(article.not_after),
                     article.url, body),
                )
                await self.db.execute(
                    "INSERT OR IGNORE INTO ingested_articles (content_hash, article_id, source) VALUES (?,?,?)",
                    (content_hash, article.id, source),
                )
                await index_articles(self.db, [article.id])
                await self.db.commit()
            except BaseException:
                await self.db.rollback()
                raise

    async def accept_ingested(self, claims: Sequence[Claim], people: dict[str, tuple[str, str]],
                              articles: Sequence[Article] = ()) -> int:
        """Accepted claims go live: unknown speakers and articles are created (origin 'ingest'), the claims
        inserted and indexed, and every reader told its caches are stale. Returns the claims written."""
        async with self.write_lock:
            try:
                await self.db.executemany(
                    "INSERT OR IGNORE INTO people (id, name, kind, origin) VALUES (?, ?, ?, 'ingest')",
                    [(pid, name, kind) for pid, (name, kind) in people.items()],
                )
                await self.db.executemany(
                    "INSERT OR IGNORE INTO articles (id, title, file, author, outlet, kind, published, precision,"
                    " not_before, not_after, url, origin) VALUES (?,?,?,?,?,?,?,?,?,?,?,'ingest')",
                    [(a.id, a.title, a.file, a.author, a.outlet, a.kind, a.published.iso(), a.precision,
                      _iso(a.not_before), _iso(a.not_after), a.url) for a in articles],
                )
                async with self.db.execute(
                    f"SELECT id FROM claims WHERE origin = 'content' AND id IN ({','.join('?' * len(claims))})",
                    [c.id for c in claims],
                ) as cursor:
                    content = {row[0] for row in await cursor.fetchall()}
                fresh = [c for c in claims if c.id not in content]
                await insert_claims(self.db, fresh, origin="ingest")
                await bump_generation(self.db)
                await self.db.commit()
            except BaseException:
                await self.db.rollback()
                raise
        return len(fresh)


def _iso(value) -> str | None:
    return value.iso() if value else None
