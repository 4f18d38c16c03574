"""Read side of the search index: plain functions over a sqlite3 connection.

The search engine calls them inside one read-pool job (a whole lookup in one thread hop); SearchQueries
offers the ones adapters need one at a time as awaitables.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from bot.core.search.results import ClaimFilter
from bot.core.store.search_index import CHUNK, _chunks

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import TypeVar

    T = TypeVar("T")

DOC_COLUMNS = "d.rowid, d.claim_id, d.speaker_id, d.kind, d.said_sort, d.body, d.own"


def rows(conn: sqlite3.Connection, sql: str, params: Sequence = ()) -> list:
    return conn.execute(sql, params).fetchall()


def search_state(conn: sqlite3.Connection) -> tuple[str, int]:
    """(generation, number of indexed claims): cheap, read on every query to notice new content."""
    found = rows(conn, "SELECT key, value FROM meta WHERE key IN ('search_generation', 'search_docs', 'content_hash')")
    values = {r[0]: r[1] for r in found}
    generation = f"{values.get('search_generation', '0')}:{values.get('content_hash', '')}"
    return generation, int(values.get("search_docs") or 0)


def _pairs_for(conn: sqlite3.Connection, sql: str, keys: Iterable[str]) -> dict[str, int]:
    """Run `sql` (with one `{marks}` IN-list) over the keys in chunks; collect its (key, value) rows."""
    found: dict[str, int] = {}
    for chunk in _chunks(list(dict.fromkeys(keys))):
        for key, value in rows(conn, sql.format(marks=",".join("?" * len(chunk))), chunk):
            found[key] = value
    return found


def term_frequencies(conn: sqlite3.Connection, terms: Iterable[str]) -> dict[str, int]:
    return _pairs_for(conn, "SELECT term, df FROM search_terms WHERE term IN ({marks}) AND df > 0", terms)


def fuzzy_terms(conn: sqlite3.Connection, keys: Iterable[str]) -> list[tuple[str, int]]:
    """Indexed terms one deletion away from any key, with their document frequency."""
    found = _pairs_for(
        conn, "SELECT DISTINCT f.term, t.df FROM search_fuzzy f JOIN search_terms t ON t.term = f.term"
        " WHERE f.key IN ({marks}) AND t.df > 0", keys,
    )
    return list(found.items())


def prefix_terms(conn: sqlite3.Connection, prefix: str, limit: int = 8) -> list[tuple[str, int]]:
    """The most frequent indexed terms that start with `prefix` (a word typed half-way)."""
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    found = rows(
        conn, "SELECT term, df FROM (SELECT term, df FROM search_terms WHERE term > ? AND term < ? AND df > 0"
        " LIMIT 2000) ORDER BY df DESC LIMIT ?", (prefix, upper, limit),
    )
    return [(r[0], r[1]) for r in found]


def postings(conn: sqlite3.Connection, parts: Sequence[tuple[str, int]]) -> list[tuple[int, int]]:
    """(rowid, i) for up to limit_i claims matching each FTS5 expression i, in one query."""
    if not parts:
        return []
    sql = " UNION ALL ".join(
        f"SELECT * FROM (SELECT rowid, {i} FROM search_fts WHERE search_fts MATCH ? LIMIT {int(limit)})"
        for i, (_, limit) in enumerate(parts)
    )
    return [(r[0], r[1]) for r in rows(conn, sql, [expression for expression, _ in parts])]


def search_docs(conn: sqlite3.Connection, rowids: Iterable[int], filters: ClaimFilter | None = None) -> list:
    """rowid, claim_id, speaker_id, kind, said_sort, body, own of the given docs that pass the filters."""
    where, params = _filter_sql(filters)
    out: list = []
    for chunk in _chunks(list(rowids)):
        marks = ",".join("?" * len(chunk))
        out += rows(conn, f"SELECT {DOC_COLUMNS} FROM search_docs d WHERE d.rowid IN ({marks}){where}",
                    [*chunk, *params])
    return out


def filtered_docs(conn: sqlite3.Connection, filters: ClaimFilter, limit: int, newest_first: bool = True) -> list:
    """Docs that pass the filters, newest first (used when the filters alone pick few enough claims)."""
    where, params = _filter_sql(filters)
    order = "DESC" if newest_first else "ASC"
    return rows(conn, f"SELECT {DOC_COLUMNS} FROM search_docs d WHERE 1{where}"
                      f" ORDER BY d.said_sort {order}, d.rowid LIMIT ?", [*params, limit])


def speaker_docs(conn: sqlite3.Connection, person_ids: Sequence[str], limit: int) -> list:
    marks = ",".join("?" * len(person_ids))
    return rows(conn, f"SELECT {DOC_COLUMNS} FROM search_docs d WHERE d.speaker_id IN ({marks})"
                      f" ORDER BY d.said_sort DESC LIMIT ?", [*person_ids, limit])


def claim_counts(conn: sqlite3.Connection, person_ids: Iterable[str]) -> dict[str, int]:
    return _pairs_for(
        conn, "SELECT speaker_id, count(*) FROM claims WHERE speaker_id IN ({marks}) GROUP BY speaker_id", person_ids
    )


def people_rows(conn: sqlite3.Connection) -> tuple[list, list, list]:
    """Every person, alias and role: what the people resolver keeps in memory."""
    return (rows(conn, "SELECT id, name, kind, origin FROM people"),
            rows(conn, "SELECT person_id, alias, folded, start, end, is_role FROM aliases"),
            rows(conn, "SELECT person_id, title, start, end FROM roles ORDER BY start"))


def synonym_rows(conn: sqlite3.Connection) -> list:
    """(group, term) for every word of the synonym lexicon."""
    return rows(conn, "SELECT group_id, term FROM synonyms ORDER BY group_id, term")


def person_claim_ids(conn: sqlite3.Connection, person_id: str, limit: int | None = None) -> list[str]:
    """The person's claims in date order: all of them, or the latest `limit`."""
    if limit is None:
        return [r[0] for r in rows(conn, "SELECT id FROM claims WHERE speaker_id = ? ORDER BY said_sort, id", [person_id])]
    latest = rows(conn, "SELECT id, said_sort FROM claims WHERE speaker_id = ? ORDER BY said_sort DESC, id DESC LIMIT ?",
                  [person_id, limit])
    return [r[0] for r in reversed(latest)]


def article_matches(conn: sqlite3.Connection, expression: str, limit: int) -> list[tuple[str, str, str | None]]:
    """(id, title, outlet) of articles whose indexed title/id/outlet match the FTS expression."""
    found = rows(
        conn, "SELECT a.id, a.title, a.outlet FROM search_articles_fts f JOIN search_articles s ON s.rowid = f.rowid"
        " JOIN articles a ON a.id = s.article_id WHERE search_articles_fts MATCH ? LIMIT ?", (expression, limit),
    )
    return [(r[0], r[1], r[2]) for r in found]


def recent_articles(conn: sqlite3.Connection, limit: int) -> list[tuple[str, str, str | None]]:
    found = rows(conn, "SELECT id, title, outlet FROM articles ORDER BY published DESC LIMIT ?", (limit,))
    return [(r[0], r[1], r[2]) for r in found]


def passages(conn: sqlite3.Connection, spans: Sequence[tuple[str, int, int]]) -> dict[tuple[str, int, int], str]:
    """Source passages for (article, start, end) spans, in one query; spans without stored text are left out."""
    spans = list(dict.fromkeys(spans))[: CHUNK // 3]
    if not spans:
        return {}
    sql = " UNION ALL ".join(
        "SELECT ?, ?, ?, substr(body, ?, ?) FROM articles WHERE id = ? AND body IS NOT NULL" for _ in spans
    )
    params = [value for a, s, e in spans for value in (a, s, e, s + 1, max(e - s, 0), a)]
    return {(r[0], r[1], r[2]): r[3] for r in rows(conn, sql, params) if r[3]}


def passage(conn: sqlite3.Connection, article_id: str, start: int, end: int) -> str | None:
    """The article's text at [start, end) (code points, like Python), or None when the text is absent."""
    found = rows(conn, "SELECT substr(body, ?, ?) FROM articles WHERE id = ? AND body IS NOT NULL",
                 (start + 1, max(end - start, 0), article_id))
    return found[0][0] if found and found[0][0] else None


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


class SearchQueries:
    """The reads adapters and lookups await one at a time (mixed into Store)."""

    read: Callable  # Store.read: fn(connection, *args) in the read pool

    async def filtered_docs(self, filters: ClaimFilter, limit: int, newest_first: bool = True) -> list:
        return await self.read(filtered_docs, filters, limit, newest_first)

    async def claim_counts(self, person_ids: Iterable[str]) -> dict[str, int]:
        return await self.read(claim_counts, list(person_ids))

    async def person_claim_ids(self, person_id: str, limit: int | None = None) -> list[str]:
        return await self.read(person_claim_ids, person_id, limit)

    async def article_matches(self, expression: str, limit: int) -> list[tuple[str, str, str | None]]:
        return await self.read(article_matches, expression, limit)

    async def recent_articles(self, limit: int) -> list[tuple[str, str, str | None]]:
        return await self.read(recent_articles, limit)

    async def passage(self, article_id: str, start: int, end: int) -> str | None:
        return await self.read(passage, article_id, start, end)
