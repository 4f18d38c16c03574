"""Ingested articles: their text (for passages), their content hash (so re-ingesting changes nothing), and
accepted claims written through the same insert path as content and imports (search index, claim history)."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.core.analysis.fold import fold
from bot.core.models import Appearance, Article, Claim, Person
from bot.core.store.compile import insert_claims
from bot.core.store.queries import _claim
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

    async def claims_said_by(self, speakers: Sequence[str]) -> list[tuple[str, str, str, str, str, str]]:
        """(id, speaker, kind, what was said: the quote or the text, said_on, basis) of every live claim by
        these speakers: what a newly ingested statement may repeat."""
        found: list[tuple[str, str, str, str, str, str]] = []
        speakers = list(dict.fromkeys(speakers))
        for start in range(0, len(speakers), 500):
            chunk = speakers[start:start + 500]
            found += [(r[0], r[1], r[2], r[3] or r[4], r[5], r[6]) for r in await self.read(
                _rows, "SELECT id, speaker_id, kind, quote, text, said_on, basis FROM claims"
                f" WHERE speaker_id IN ({','.join('?' * len(chunk))})", chunk)]
        return found

    async def live_claims(self, ids: Sequence[str]) -> set[str]:
        """Which of these claim ids are in the store."""
        ids = list(dict.fromkeys(ids))
        found: set[str] = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            found |= {r[0] for r in await self.read(
                _rows, f"SELECT id FROM claims WHERE id IN ({','.join('?' * len(chunk))})", chunk)}
        return found

    async def _add_people(self, people: Sequence[Person]) -> None:
        """New speakers, with their roles and aliases (so /who finds them by surname), unless already known."""
        async with self.db.execute(
            f"SELECT id FROM people WHERE id IN ({','.join('?' * len(people))})", [p.id for p in people]
        ) as cursor:
            known = {row[0] for row in await cursor.fetchall()}
        fresh = [p for p in people if p.id not in known]
        await self.db.executemany("INSERT INTO people (id, name, kind, origin) VALUES (?, ?, ?, 'ingest')",
                                  [(p.id, p.name, p.kind) for p in fresh])
        await self.db.executemany("INSERT INTO roles VALUES (?,?,?,?)",
                                  [(p.id, r.title, _iso(r.start), _iso(r.end)) for p in fresh for r in p.roles])
        await self.db.executemany(
            "INSERT INTO aliases VALUES (?,?,?,NULL,NULL,0)",
            [(p.id, alias, fold(alias)) for p in fresh for alias in dict.fromkeys((p.name, *p.aliases))])

    async def _add_articles(self, articles: Sequence[Article]) -> None:
        await self.db.executemany(
            "INSERT OR IGNORE INTO articles (id, title, file, author, outlet, kind, published, precision,"
            " not_before, not_after, url, origin) VALUES (?,?,?,?,?,?,?,?,?,?,?,'ingest')",
            [(a.id, a.title, a.file, a.author, a.outlet, a.kind, a.published.iso(), a.precision,
              _iso(a.not_before), _iso(a.not_after), a.url) for a in articles],
        )

    async def merge_ingested(self, repeats: Sequence[tuple[str, Claim]], articles: Sequence[Article] = ()) -> list[str]:
        """Each (target id, claim) pair: the claim's appearances are added to the live target claim, one claim
        with several sources. The target keeps its date unless it is not curated and the repeat's date is more
        precise (or as precise and earlier); a curated claim's date is the curator's. Returns the target ids that
        are not in the store (those pairs change nothing)."""
        missing: list[str] = []
        async with self.write_lock:
            try:
                await self._add_articles(articles)
                changed = False
                for target_id, repeat in repeats:
                    async with self.db.execute("SELECT * FROM claims WHERE id = ?", (target_id,)) as cursor:
                        row = await cursor.fetchone()
                    if row is None:
                        missing.append(target_id)
                        continue
                    async with self.db.execute(
                        "SELECT article_id, start, end FROM claim_appearances WHERE claim_id = ?", (target_id,)
                    ) as cursor:
                        held = [Appearance(r[0], r[1], r[2]) for r in await cursor.fetchall()]
                    added = [a for a in repeat.appearances if a not in held]
                    target = _claim(row, ())
                    merged = replace(target, appearances=(*held, *added))
                    if row["origin"] != "content" and better_date(target.said_on, repeat.said_on):
                        merged = replace(merged, said_on=repeat.said_on, basis=repeat.basis,
                                         not_before=repeat.not_before, not_after=repeat.not_after,
                                         date_phrase=repeat.date_phrase, date_note=repeat.date_note,
                                         date_source=repeat.date_source)
                    if merged != replace(target, appearances=tuple(held)):
                        await insert_claims(self.db, [merged], origin=row["origin"])
                        changed = True
                if changed:
                    await bump_generation(self.db)
                await self.db.commit()
            except BaseException:
                await self.db.rollback()
                raise
        return missing

    async def accept_ingested(self, claims: Sequence[Claim], people: Sequence[Person] = (),
                              articles: Sequence[Article] = ()) -> int:
        """Accepted claims go live: unknown speakers (with their roles and aliases) and articles are created
        (origin 'ingest'), the claims inserted and indexed, and every reader told its caches are stale. Returns
        the claims written."""
        async with self.write_lock:
            try:
                if people:
                    await self._add_people(people)
                await self._add_articles(articles)
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


def better_date(current, offered) -> bool:
    """True when `offered` should replace `current`: more precise, or as precise and earlier."""
    rank = {"day": 0, "month": 1, "year": 2}
    if rank.get(offered.precision, 3) != rank.get(current.precision, 3):
        return rank.get(offered.precision, 3) < rank.get(current.precision, 3)
    return offered.earliest < current.earliest
