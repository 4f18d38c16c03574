"""The search index's SQL: kept up to date by every path that writes claims, read by bot.search.

Writes happen inside the caller's transaction (compile, import, ingest); the FTS5 table follows search_docs
through triggers, so the index can never disagree with the rows it was built from.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from bot.search.index import IndexDoc, document_frequencies, fuzzy_rows, index_doc
from bot.search.normalise import terms as text_terms
from bot.search.results import ClaimFilter

if TYPE_CHECKING:
    import aiosqlite

    from bot.models import Claim

CHUNK = 500  # bound variables per statement (SQLite's default limit is far higher; keeps plans simple)


def _chunks(items: Sequence, size: int = CHUNK) -> Iterable[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


async def _bump(db: aiosqlite.Connection, key: str, delta: int) -> None:
    await db.execute(
        "INSERT INTO meta VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + ?",
        (key, str(max(delta, 0)), delta),
    )


async def bump_generation(db: aiosqlite.Connection) -> None:
    """Tell every reader (this process or another) that cached search data is stale."""
    await _bump(db, "search_generation", 1)


async def unindex_claims(db: aiosqlite.Connection, claim_ids: Sequence[str] | None = None, *,
                         origin: str | None = None) -> int:
    """Drop claims from the index (by id, or every claim of an origin), keeping term counts right."""
    bodies: list[tuple[str]] = []
    if origin is not None:
        sql = "SELECT d.body FROM search_docs d JOIN claims c ON c.id = d.claim_id WHERE c.origin = ?"
        async with db.execute(sql, (origin,)) as cursor:
            bodies = list(await cursor.fetchall())
        await db.execute(
            "DELETE FROM search_docs WHERE claim_id IN (SELECT id FROM claims WHERE origin = ?)", (origin,)
        )
    else:
        for chunk in _chunks(list(claim_ids or ())):
            marks = ",".join("?" * len(chunk))
            async with db.execute(f"SELECT body FROM search_docs WHERE claim_id IN ({marks})", chunk) as cursor:
                found = list(await cursor.fetchall())
            if found:
                bodies += found
                await db.execute(f"DELETE FROM search_docs WHERE claim_id IN ({marks})", chunk)
    if not bodies:
        return 0
    counts = document_frequencies(row[0] for row in bodies)
    await db.executemany("UPDATE search_terms SET df = max(df - ?, 0) WHERE term = ?",
                         [(n, term) for term, n in counts.items()])
    await _bump(db, "search_docs", -len(bodies))
    return len(bodies)


async def index_claims(db: aiosqlite.Connection, claims: Sequence[Claim],
                       docs: Sequence[IndexDoc] | None = None) -> None:
    """Add claims to the index (call unindex_claims first for ids that may already be there)."""
    await index_docs(db, docs if docs is not None else [index_doc(claim) for claim in claims])


async def index_docs(db: aiosqlite.Connection, docs: Sequence[IndexDoc]) -> None:
    """The only writer of search_docs rows: adds them and their terms to FTS5, the counts and the typo table."""
    if not docs:
        return
    async with db.execute("SELECT coalesce(max(rowid), 0) FROM search_docs") as cursor:
        (last,) = await cursor.fetchone()
    await db.executemany(
        "INSERT INTO search_docs (claim_id, speaker_id, kind, said_sort, said_last, body) VALUES (?,?,?,?,?,?)",
        [(d.claim_id, d.speaker_id, d.kind, d.said_sort, d.said_last, d.body) for d in docs],
    )
    await db.execute("INSERT INTO search_fts (rowid, body) SELECT rowid, body FROM search_docs WHERE rowid > ?", (last,))
    counts = document_frequencies(d.body for d in docs)
    terms = list(counts)
    known: set[str] = set()
    for chunk in _chunks(terms):
        marks = ",".join("?" * len(chunk))
        async with db.execute(f"SELECT term FROM search_terms WHERE term IN ({marks})", chunk) as cursor:
            known.update(row[0] for row in await cursor.fetchall())
    await db.executemany(
        "INSERT INTO search_terms VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
        list(counts.items()),
    )
    await db.executemany("INSERT OR IGNORE INTO search_fuzzy VALUES (?, ?)",
                         fuzzy_rows(t for t in terms if t not in known))
    await _bump(db, "search_docs", len(docs))
    await bump_generation(db)


async def index_articles(db: aiosqlite.Connection, article_ids: Sequence[str] | None = None) -> None:
    """(Re)index article titles for /source lookups: the given ids, or every article not yet indexed."""
    if article_ids is None:
        sql = ("SELECT id, title, outlet FROM articles WHERE id NOT IN (SELECT article_id FROM search_articles)")
        async with db.execute(sql) as cursor:
            rows = list(await cursor.fetchall())
    else:
        rows = []
        for chunk in _chunks(list(article_ids)):
            marks = ",".join("?" * len(chunk))
            await db.execute(f"DELETE FROM search_articles WHERE article_id IN ({marks})", chunk)
            async with db.execute(f"SELECT id, title, outlet FROM articles WHERE id IN ({marks})", chunk) as cursor:
                rows += list(await cursor.fetchall())
    async with db.execute("SELECT coalesce(max(rowid), 0) FROM search_articles") as cursor:
        (last,) = await cursor.fetchone()
    await db.executemany(
        "INSERT INTO search_articles (article_id, body) VALUES (?, ?)",
        [(r[0], " ".join([*text_terms(r[0].replace("-", " ")), *text_terms(r[1]), *text_terms(r[2] or "")]))
         for r in rows],
    )
    await db.execute(
        "INSERT INTO search_articles_fts (rowid, body) SELECT rowid, body FROM search_articles WHERE rowid > ?", (last,)
    )


class SearchQueries:
    """Read side of the index (mixed into Store)."""

    db: aiosqlite.Connection

    async def _rows(self, sql: str, params: Sequence = ()) -> list:
        return list(await self.db.execute_fetchall(sql, params))  # one trip to the database thread

    async def search_state(self) -> tuple[str, int]:
        """(generation, number of indexed claims): cheap, read on every query to notice new content."""
        rows = await self._rows(
            "SELECT key, value FROM meta WHERE key IN ('search_generation', 'search_docs', 'content_hash')"
        )
        values = {r[0]: r[1] for r in rows}
        generation = f"{values.get('search_generation', '0')}:{values.get('content_hash', '')}"
        return generation, int(values.get("search_docs") or 0)

    async def _pairs_for(self, sql: str, keys: Iterable[str]) -> dict[str, int]:
        """Run `sql` (with one `{marks}` IN-list) over the keys in chunks; collect its (key, value) rows."""
        found: dict[str, int] = {}
        for chunk in _chunks(list(dict.fromkeys(keys))):
            for key, value in await self._rows(sql.format(marks=",".join("?" * len(chunk))), chunk):
                found[key] = value
        return found

    async def term_frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        return await self._pairs_for("SELECT term, df FROM search_terms WHERE term IN ({marks}) AND df > 0", terms)

    async def fuzzy_terms(self, keys: Iterable[str]) -> list[tuple[str, int]]:
        """Indexed terms one deletion away from any key, with their document frequency."""
        found = await self._pairs_for(
            "SELECT DISTINCT f.term, t.df FROM search_fuzzy f JOIN search_terms t ON t.term = f.term"
            " WHERE f.key IN ({marks}) AND t.df > 0", keys,
        )
        return list(found.items())

    async def prefix_terms(self, prefix: str, limit: int = 8) -> list[tuple[str, int]]:
        """The most frequent indexed terms that start with `prefix` (a word typed half-way)."""
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        rows = await self._rows(
            "SELECT term, df FROM (SELECT term, df FROM search_terms WHERE term > ? AND term < ? AND df > 0"
            " LIMIT 2000) ORDER BY df DESC LIMIT ?", (prefix, upper, limit),
        )
        return [(r[0], r[1]) for r in rows]

    async def postings(self, parts: Sequence[tuple[str, int]]) -> list[tuple[int, int]]:
        """(rowid, i) for up to limit_i claims matching each FTS5 expression i, in one query."""
        sql = " UNION ALL ".join(
            f"SELECT * FROM (SELECT rowid, {i} FROM search_fts WHERE search_fts MATCH ? LIMIT {int(limit)})"
            for i, (_, limit) in enumerate(parts)
        )
        if not parts:
            return []
        return [(r[0], r[1]) for r in await self._rows(sql, [expression for expression, _ in parts])]

    async def search_docs(self, rowids: Iterable[int], filters: ClaimFilter | None = None) -> list:
        """rowid, claim_id, speaker_id, kind, said_sort, body of the given docs that pass the filters."""
        rowids = list(rowids)
        where, params = _filter_sql(filters)
        out = []
        for chunk in _chunks(rowids):
            marks = ",".join("?" * len(chunk))
            out += await self._rows(
                f"SELECT d.rowid, d.claim_id, d.speaker_id, d.kind, d.said_sort, d.body FROM search_docs d"
                f" WHERE d.rowid IN ({marks}){where}", [*chunk, *params],
            )
        return out

    async def filtered_docs(self, filters: ClaimFilter, limit: int, newest_first: bool = True) -> list:
        """Docs that pass the filters, newest first (used when the filters alone pick few enough claims)."""
        where, params = _filter_sql(filters)
        order = "DESC" if newest_first else "ASC"
        return await self._rows(
            f"SELECT d.rowid, d.claim_id, d.speaker_id, d.kind, d.said_sort, d.body FROM search_docs d"
            f" WHERE 1{where} ORDER BY d.said_sort {order}, d.rowid LIMIT ?", [*params, limit],
        )

    async def speaker_docs(self, person_ids: Sequence[str], limit: int) -> list:
        marks = ",".join("?" * len(person_ids))
        return await self._rows(
            f"SELECT d.rowid, d.claim_id, d.speaker_id, d.kind, d.said_sort, d.body FROM search_docs d"
            f" WHERE d.speaker_id IN ({marks}) ORDER BY d.said_sort DESC LIMIT ?", [*person_ids, limit],
        )

    async def claim_counts(self, person_ids: Iterable[str]) -> dict[str, int]:
        return await self._pairs_for(
            "SELECT speaker_id, count(*) FROM claims WHERE speaker_id IN ({marks}) GROUP BY speaker_id", person_ids
        )

    async def people_rows(self) -> tuple[list, list, list]:
        """Every person, alias and role: what the people resolver keeps in memory."""
        people = await self._rows("SELECT id, name, kind, origin FROM people")
        aliases = await self._rows("SELECT person_id, alias, folded, start, end, is_role FROM aliases")
        roles = await self._rows("SELECT person_id, title, start, end FROM roles ORDER BY start")
        return people, aliases, roles

    async def person_claim_ids(self, person_id: str, limit: int | None = None) -> list[str]:
        sql = "SELECT id FROM claims WHERE speaker_id = ? ORDER BY said_sort, id"
        params: list = [person_id]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [r[0] for r in await self._rows(sql, params)]

    async def article_matches(self, expression: str, limit: int) -> list[tuple[str, str, str | None]]:
        """(id, title, outlet) of articles whose indexed title/id/outlet match the FTS expression."""
        rows = await self._rows(
            "SELECT a.id, a.title, a.outlet FROM search_articles_fts f JOIN search_articles s ON s.rowid = f.rowid"
            " JOIN articles a ON a.id = s.article_id WHERE search_articles_fts MATCH ? LIMIT ?",
            (expression, limit),
        )
        return [(r[0], r[1], r[2]) for r in rows]

    async def recent_articles(self, limit: int) -> list[tuple[str, str, str | None]]:
        rows = await self._rows("SELECT id, title, outlet FROM articles ORDER BY published DESC LIMIT ?", (limit,))
        return [(r[0], r[1], r[2]) for r in rows]

    async def passages(self, spans: Sequence[tuple[str, int, int]]) -> dict[tuple[str, int, int], str]:
        """Source passages for (article, start, end) spans, in one query; spans without stored text are left out."""
        spans = list(dict.fromkeys(spans))[:CHUNK // 3]
        if not spans:
            return {}
        sql = " UNION ALL ".join(
            "SELECT ?, ?, ?, substr(body, ?, ?) FROM articles WHERE id = ? AND body IS NOT NULL" for _ in spans
        )
        params = [value for a, s, e in spans for value in (a, s, e, s + 1, max(e - s, 0), a)]
        return {(r[0], r[1], r[2]): r[3] for r in await self._rows(sql, params) if r[3]}

    async def passage(self, article_id: str, start: int, end: int) -> str | None:
        """The article's text at [start, end) (code points, like Python), or None when the text is absent."""
        rows = await self._rows(
            "SELECT substr(body, ?, ?) FROM articles WHERE id = ? AND body IS NOT NULL",
            (start + 1, max(end - start, 0), article_id),
        )
        return rows[0][0] if rows and rows[0][0] else None


def _filter_sql(filters: ClaimFilter | None) -> tuple[str, list]:
    if filters is None:
        return "", []
    where, params = [], []
    if filters.speakers:
        where.append(f"d.speaker_id IN ({','.join('?' * len(filters.speakers))})")
        params += list(filters.speakers)
    if filters.kind:
        where.append("d.kind = ?")
        params.append(filters.kind)
    if filters.date_from:
        where.append("d.said_last >= ?")
        params.append(filters.date_from)
    if filters.date_to:
        where.append("d.said_sort <= ?")
        params.append(filters.date_to)
    if filters.topic:
        where.append("d.claim_id IN (SELECT claim_id FROM claim_topics WHERE topic = ?)")
        params.append(filters.topic)
    return "".join(f" AND {w}" for w in where), params
