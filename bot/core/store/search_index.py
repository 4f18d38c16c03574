"""The search index's SQL: kept up to date by every path that writes claims, read by bot.core.search.

Writes happen inside the caller's transaction (compile, import, ingest); the FTS5 table follows search_docs
through triggers, so the index can never disagree with the rows it was built from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from bot.core.analysis.index_docs import IndexDoc, document_frequencies, fuzzy_rows, index_doc, with_context
from bot.core.analysis.terms import terms as text_terms
from bot.core.store.queries import claim_from_row

if TYPE_CHECKING:
    import aiosqlite

    from bot.core.models import Claim

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


async def reindex_other_claims(db: aiosqlite.Connection, batch: int = 5000) -> int:
    """Index again every claim not compiled from the content files (imported and ingested ones) with this
    version's analysis, batch by batch; how many. A new compiler (terms, word forms, context) recompiles the
    content, but these claims live only in the database: without this they would keep the terms of the version
    that indexed them, and a question analysed the new way would miss them."""
    done, after = 0, 0
    while True:
        async with db.execute("SELECT rowid, * FROM claims WHERE origin != 'content' AND rowid > ? ORDER BY rowid"
                              " LIMIT ?", (after, batch)) as cursor:
            rows = list(await cursor.fetchall())
        if not rows:
            return done
        claims = [claim_from_row(row) for row in rows]
        await unindex_claims(db, [claim.id for claim in claims])
        await index_claims(db, claims)
        done, after = done + len(claims), rows[-1]["rowid"]


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
    """Add claims to the index (call unindex_claims first for ids that may already be there), each with the
    words of its source passages where the article's text is stored (claim_appearances must be written)."""
    docs = list(docs) if docs is not None else [index_doc(claim) for claim in claims]
    passages, settings = await source_passages(db, [doc.claim_id for doc in docs])
    if passages:
        docs = [with_context(doc, passages[doc.claim_id], settings.get(doc.claim_id, ()))
                if doc.claim_id in passages else doc for doc in docs]
    await index_docs(db, docs)


async def source_passages(db: aiosqlite.Connection, claim_ids: Sequence[str]
                          ) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """claim id -> the text of its appearances, and claim id -> the names their paragraphs set them in
    (paragraph_names), for claims whose articles' text is stored."""
    found: dict[str, list[str]] = {}
    settings: dict[str, list[str]] = {}
    async with db.execute("SELECT 1 FROM articles WHERE body IS NOT NULL LIMIT 1") as cursor:
        if await cursor.fetchone() is None:
            return found, settings  # no article text at all (an import-only store, or no seeds): nothing to read
    async with db.execute("SELECT p.name FROM people p WHERE p.kind = 'person' UNION SELECT a.alias FROM aliases a"
                          " JOIN people p ON p.id = a.person_id WHERE p.kind = 'person' AND NOT a.is_role") as cursor:
        people_words = {word for (name,) in await cursor.fetchall() for word in text_terms(name)}
    for chunk in _chunks(list(claim_ids)):
        marks = ",".join("?" * len(chunk))
        sql = (f"SELECT ca.claim_id, substr(a.body, ca.start + 1, ca.end - ca.start),"
               f" substr(a.body, max(1, ca.start + 1 - {SETTING_REACH}), min(ca.start, {SETTING_REACH}))"
               f" FROM claim_appearances ca"
               f" JOIN articles a ON a.id = ca.article_id WHERE a.body IS NOT NULL AND ca.claim_id IN ({marks})"
               f" ORDER BY ca.claim_id, ca.article_id, ca.start")
        async with db.execute(sql, chunk) as cursor:
            for claim_id, text, before in await cursor.fetchall():
                if text:
                    found.setdefault(claim_id, []).append(text)
                    if setting := paragraph_names(before or "", people_words):
                        settings.setdefault(claim_id, []).append(setting)
    return found, settings


SETTING_REACH = 1500  # characters before a claim's passage read for the names its paragraph set it in
_NAME = re.compile(r"(?<![.!?:\n\"\u201c]\s)(?<![.!?:\n\"\u201c])\b[A-Z\u00c0-\u00de][\w\u00e0-\u00ff'\u2019-]+")


def paragraph_names(before: str, people_words: set[str] | frozenset[str] = frozenset()) -> str:
    """The names written with a capital (not to begin a sentence) in the paragraph before a claim's passage:
    the places and bodies its setting was told with ("the rail crossings at Eagle Pass and El Paso", then the
    claim about their daily cost). Not people's names: who else the paragraph quotes is not who said the claim."""
    paragraph = before[before.rfind("\n") + 1:]
    found = [m for m in _NAME.finditer(paragraph) if m.start() > 0 and not set(text_terms(m.group())) & people_words]
    # only names of two words or more ("Eagle Pass", "El Paso"): a single capitalised word is as often a
    # nationality or the country every claim is about
    runs: list[list[re.Match[str]]] = []
    for name in found:
        if runs and paragraph[runs[-1][-1].end():name.start()] == " ":
            runs[-1].append(name)  # the next word of the same name
        else:
            runs.append([name])
    return " ".join(" ".join(word.group() for word in run) for run in runs if len(run) > 1)


async def index_docs(db: aiosqlite.Connection, docs: Sequence[IndexDoc]) -> None:
    """The only writer of search_docs rows: adds them and their terms to FTS5, the counts and the typo table."""
    if not docs:
        return
    async with db.execute("SELECT coalesce(max(rowid), 0) FROM search_docs") as cursor:
        (last,) = await cursor.fetchone()
    await db.executemany(
        "INSERT INTO search_docs (claim_id, speaker_id, kind, said_sort, said_last, body, own, setting)"
        " VALUES (?,?,?,?,?,?,?,?)",
        [(d.claim_id, d.speaker_id, d.kind, d.said_sort, d.said_last, d.body, d.own, d.setting) for d in docs],
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
