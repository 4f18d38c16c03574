"""Read side of the search index: plain functions over a sqlite3 connection.

A lookup runs whole inside one read-pool job (one thread hop) and reads through an IndexReader, the
typed face of these functions: the search package never sees SQL, FTS5 syntax or a connection.
SearchQueries offers the reads a lookup awaits one at a time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, TypeVar

from bot.core.models import ClaimFilter
from bot.core.store.queries import claim_views, rows
from bot.core.store.search_index import CHUNK, _chunks

if TYPE_CHECKING:
    from collections.abc import Callable
T = TypeVar("T")

Conjunction = Sequence[Sequence[str]]  # claims holding one term of every inner sequence
DOC_COLUMNS = "d.rowid, d.claim_id, d.speaker_id, d.kind, d.said_sort, d.body, d.own, d.setting"


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


def any_of(terms: Iterable[str]) -> str:
    """An FTS5 MATCH expression for 'any of these terms', every term quoted (no operator survives)."""
    return " OR ".join('"' + term.replace('"', '""') + '"' for term in terms if term)


def every_of(conjunction: Conjunction) -> str:
    return " AND ".join(f"({any_of(group)})" for group in conjunction)


def postings(conn: sqlite3.Connection, parts: Sequence[tuple[Conjunction, int]]) -> list[tuple[int, int]]:
    """(rowid, i) for up to limit_i claims holding conjunction i, in one query."""
    if not parts:
        return []
    sql = " UNION ALL ".join(
        f"SELECT * FROM (SELECT rowid, {i} FROM search_fts WHERE search_fts MATCH ? LIMIT {int(limit)})"
        for i, (_, limit) in enumerate(parts)
    )
    return [(r[0], r[1]) for r in rows(conn, sql, [every_of(conjunction) for conjunction, _ in parts])]


def search_docs(conn: sqlite3.Connection, rowids: Iterable[int], filters: ClaimFilter | None = None) -> list:
    """rowid, claim_id, speaker_id, kind, said_sort, body, own, setting of the given docs that pass the filters."""
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


def article_matches(conn: sqlite3.Connection, words: Sequence[str], every: bool,
                    limit: int) -> list[tuple[str, str, str | None]]:
    """(id, title, outlet) of articles whose indexed title/id/outlet hold every (or any) of the words; the
    last word may be half typed, so it also matches as a prefix."""
    if not words:
        return []
    *head, last = [any_of([word]) for word in words]
    tail = f"{last}*" if len(words[-1]) >= 2 else last
    expression = (" AND " if every else " OR ").join([*head, tail])
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


def hits(conn: sqlite3.Connection, ids: list[str], scores: dict[str, float], with_passages: bool) -> tuple:
    """Claim views, each one's first source span and (when asked) the passages there: one read job."""
    views = claim_views(conn, ids, scores)
    spans = [(v.sources[0].article_id, v.sources[0].start, v.sources[0].end) if with_passages and v.sources else None
             for v in views]
    texts = passages(conn, [span for span in spans if span]) if with_passages else {}
    return views, spans, texts


class IndexReader:
    """What a lookup may read inside one read-pool job (see Store.read_index)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def term_frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        return term_frequencies(self._conn, terms)

    def fuzzy_terms(self, keys: Iterable[str]) -> list[tuple[str, int]]:
        return fuzzy_terms(self._conn, keys)

    def prefix_terms(self, prefix: str, limit: int = 8) -> list[tuple[str, int]]:
        return prefix_terms(self._conn, prefix, limit)

    def postings(self, parts: Sequence[tuple[Conjunction, int]]) -> list[tuple[int, int]]:
        return postings(self._conn, parts)

    def search_docs(self, rowids: Iterable[int], filters: ClaimFilter | None = None) -> list:
        return search_docs(self._conn, rowids, filters)

    def filtered_docs(self, filters: ClaimFilter, limit: int, newest_first: bool = True) -> list:
        return filtered_docs(self._conn, filters, limit, newest_first)

    def speaker_docs(self, person_ids: Sequence[str], limit: int) -> list:
        return speaker_docs(self._conn, person_ids, limit)


def _with_index_reader(conn: sqlite3.Connection, fn: Callable[..., T], *args: object) -> T:
    return fn(IndexReader(conn), *args)


class SearchQueries:
    """The reads lookups await (mixed into Store)."""

    read: Callable  # Store.read: fn(connection, *args) in the read pool

    async def read_index(self, fn: Callable[..., T], *args: object) -> T:
        """fn(IndexReader, *args) in one read-pool job: a whole lookup, its reads and the ranking between them."""
        return await self.read(_with_index_reader, fn, *args)

    async def search_state(self) -> tuple[str, int]:
        return await self.read(search_state)

    async def people_rows(self) -> tuple[list, list, list]:
        return await self.read(people_rows)

    async def synonym_rows(self) -> list:
        return await self.read(synonym_rows)

    async def hits(self, ids: list[str], scores: dict[str, float], with_passages: bool) -> tuple:
        return await self.read(hits, ids, scores, with_passages)

    async def filtered_docs(self, filters: ClaimFilter, limit: int, newest_first: bool = True) -> list:
        return await self.read(filtered_docs, filters, limit, newest_first)

    async def claim_counts(self, person_ids: Iterable[str]) -> dict[str, int]:
        return await self.read(claim_counts, list(person_ids))

    async def person_claim_ids(self, person_id: str, limit: int | None = None) -> list[str]:
        return await self.read(person_claim_ids, person_id, limit)

    async def article_matches(self, words: Sequence[str], every: bool, limit: int) -> list[tuple[str, str, str | None]]:
        return await self.read(article_matches, list(words), every, limit)

    async def recent_articles(self, limit: int) -> list[tuple[str, str, str | None]]:
        return await self.read(recent_articles, limit)

    async def passage(self, article_id: str, start: int, end: int) -> str | None:
        return await self.read(passage, article_id, start, end)
