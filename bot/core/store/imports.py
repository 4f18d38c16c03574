"""SQL for `briefbot export` (claims read in id order, in batches) and `briefbot import` (batched writes)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.core.analysis.index_docs import IndexDoc
from bot.core.dates import PartialDate
from bot.core.models import Article, Claim
from bot.core.store.compile import insert_claims
from bot.core.store.search_index import index_articles

if TYPE_CHECKING:
    import aiosqlite


@dataclass
class ImportBatch:
    """Validated claims plus the people and articles they need (created as origin='import' if unknown)."""

    claims: list[Claim] = field(default_factory=list)
    docs: list[IndexDoc] = field(default_factory=list)  # the claims' search rows, in the same order
    people: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (name, kind)
    articles: dict[str, Article] = field(default_factory=dict)


@dataclass
class ImportCounts:
    claims: int = 0
    skipped: int = 0  # ids that belong to the content (content wins; the line is not an error)
    people: int = 0
    articles: int = 0


class ExchangeQueries:
    db: aiosqlite.Connection

    async def export_rows(self, batch: int = 2000) -> AsyncIterator[list[dict]]:
        """Every claim with speaker name and appearances (article metadata joined), in id order."""
        last = ""
        while True:
            async with self.db.execute(
                "SELECT c.*, p.name AS speaker_name, p.kind AS speaker_kind FROM claims c"
                " JOIN people p ON p.id = c.speaker_id WHERE c.id > ? ORDER BY c.id LIMIT ?", (last, batch),
            ) as cursor:
                rows = [dict(row) for row in await cursor.fetchall()]
            if not rows:
                return
            ids = [row["id"] for row in rows]
            marks = ",".join("?" * len(ids))
            async with self.db.execute(
                f"SELECT ca.claim_id, ca.article_id, ca.start, ca.end, a.title, a.outlet, a.author, a.published,"
                f" a.precision, a.url FROM claim_appearances ca JOIN articles a ON a.id = ca.article_id"
                f" WHERE ca.claim_id IN ({marks}) ORDER BY a.published, ca.start", ids,
            ) as cursor:
                appearances: dict[str, list[dict]] = {}
                for row in await cursor.fetchall():
                    appearances.setdefault(row["claim_id"], []).append(dict(row))
            for row in rows:
                row["appearances"] = appearances.get(row["id"], [])
                row["figures"] = json.loads(row["figures"])
                row["topics"] = json.loads(row["topics"])
            yield rows
            last = ids[-1]

    async def content_claim_ids(self, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            async with self.db.execute(
                f"SELECT id FROM claims WHERE origin = 'content' AND id IN ({marks})", chunk
            ) as cursor:
                found.update(row[0] for row in await cursor.fetchall())
        return found

    async def _existing(self, table: str, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            async with self.db.execute(f"SELECT id FROM {table} WHERE id IN ({marks})", chunk) as cursor:
                found.update(row[0] for row in await cursor.fetchall())
        return found

    async def import_batch(self, batch: ImportBatch) -> ImportCounts:
        """Write one batch inside the caller's transaction; content claims with the same id are left alone."""
        counts = ImportCounts()
        content = await self.content_claim_ids([c.id for c in batch.claims])
        docs = batch.docs if len(batch.docs) == len(batch.claims) else None
        keep = [i for i, c in enumerate(batch.claims) if c.id not in content]
        claims = [batch.claims[i] for i in keep]
        docs = [docs[i] for i in keep] if docs is not None else None
        counts.skipped = len(batch.claims) - len(claims)
        known_people = await self._existing("people", list(batch.people))
        new_people = [pid for pid in batch.people if pid not in known_people]
        await self.db.executemany(
            "INSERT OR IGNORE INTO people (id, name, kind, origin) VALUES (?, ?, ?, 'import')",
            [(pid, *batch.people[pid]) for pid in new_people],
        )
        counts.people = len(new_people)
        known = await self._existing("articles", list(batch.articles))
        new_articles = [a for a in batch.articles.values() if a.id not in known]
        await self.db.executemany(
            "INSERT OR IGNORE INTO articles (id, title, file, author, outlet, kind, published, precision, not_before,"
            " not_after, url, origin) VALUES (?,?,?,?,?,?,?,?,?,?,?,'import')",
            [(a.id, a.title, a.file, a.author, a.outlet, a.kind, a.published.iso(), a.precision,
              _iso(a.not_before), _iso(a.not_after), a.url) for a in new_articles],
        )
        counts.articles = len(new_articles)
        if new_articles:
            await index_articles(self.db, [a.id for a in new_articles])
        await insert_claims(self.db, claims, origin="import", docs=docs)
        counts.claims = len(claims)
        return counts


def _iso(value: PartialDate | None) -> str | None:
    return value.iso() if value else None
