"""Compile a loaded Corpus into the store's content tables (one transaction, runtime tables untouched)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import aiosqlite

from bot.core.analysis.fold import fold
from bot.core.dates import PartialDate
from bot.core.models import Appearance, Briefing, Corpus
from bot.core.plain import to_plain
from bot.core.store.digests import (
    BASELINE,
    fingerprint,
    history_is_empty,
    note_briefings,
    note_claims,
    now_stamp,
)
from bot.core.store.search_index import bump_generation, index_articles, index_claims, unindex_claims

CONTENT_TABLES = ("claim_topics", "claim_appearances", "claims", "aliases", "roles", "people", "articles", "topics",
                  "briefings", "synonyms")


def _iso(value: PartialDate | None) -> str | None:
    return value.iso() if value else None


def briefing_to_json(briefing: Briefing) -> str:
    return json.dumps(to_plain(briefing), ensure_ascii=False)


async def compile_corpus(db: aiosqlite.Connection, corpus: Corpus, texts: dict[str, str] | None = None) -> None:
    """Replace content-origin rows with the corpus; imported/ingested rows and runtime state stay.

    Claim and briefing history (first seen, last changed) is kept across this delete-and-insert; the very first
    compile dates everything at the baseline, so a fresh install's first digest does not call the whole index new.
    """
    seen_at = BASELINE if await history_is_empty(db) else now_stamp()
    # A curated claim an ingested article repeats keeps that appearance (review added it) across recompiles.
    async with db.execute(
        "SELECT ca.claim_id, ca.article_id, ca.start, ca.end FROM claim_appearances ca JOIN claims c ON c.id ="
        " ca.claim_id JOIN articles a ON a.id = ca.article_id WHERE c.origin = 'content' AND a.origin = 'ingest'"
    ) as cursor:
        ingested: dict[str, list[Appearance]] = {}
        for claim_id, article_id, start, end in await cursor.fetchall():
            ingested.setdefault(claim_id, []).append(Appearance(article_id, start, end))
    await unindex_claims(db, origin="content")
    await db.execute("DELETE FROM claims WHERE origin = 'content'")
    for table in ("topics", "briefings", "synonyms"):
        await db.execute(f"DELETE FROM {table}")
    await db.execute("DELETE FROM people WHERE origin = 'content' AND id NOT IN (SELECT speaker_id FROM claims)")
    await db.execute("DELETE FROM aliases WHERE person_id IN (SELECT id FROM people WHERE origin = 'content')")
    await db.execute("DELETE FROM roles WHERE person_id IN (SELECT id FROM people WHERE origin = 'content')")
    await db.execute(
        "DELETE FROM articles WHERE origin = 'content' AND id NOT IN (SELECT article_id FROM claim_appearances)"
    )
    await db.executemany(
        "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,'content',?) ON CONFLICT(id) DO UPDATE SET"
        " title=excluded.title, file=excluded.file, author=excluded.author, outlet=excluded.outlet,"
        " kind=excluded.kind, published=excluded.published, precision=excluded.precision,"
        " not_before=excluded.not_before, not_after=excluded.not_after, url=excluded.url, origin='content',"
        " body=coalesce(excluded.body, articles.body)",
        [
            (a.id, a.title, a.file, a.author, a.outlet, a.kind, a.published.iso(), a.precision,
             _iso(a.not_before), _iso(a.not_after), a.url, (texts or {}).get(a.id))
            for a in corpus.articles.values()
        ],
    )
    await index_articles(db, list(corpus.articles))
    await db.executemany(
        "INSERT INTO people VALUES (?,?,?,'content') ON CONFLICT(id) DO UPDATE SET"
        " name=excluded.name, kind=excluded.kind, origin='content'",
        [(p.id, p.name, p.kind) for p in corpus.people.values()],
    )
    # (a speaker ingest created holds roles already: they are replaced, not doubled, now that content has them)
    await db.executemany("DELETE FROM roles WHERE person_id = ?", [(p,) for p in corpus.people])
    await db.executemany(
        "INSERT INTO roles VALUES (?,?,?,?)",
        [(p.id, r.title, _iso(r.start), _iso(r.end)) for p in corpus.people.values() for r in p.roles],
    )
    alias_rows = []
    for person in corpus.people.values():
        for alias in {person.name, *person.aliases}:
            alias_rows.append((person.id, alias, fold(alias), None, None, 0))
        for role_alias in person.role_aliases:
            alias_rows.append(
                (person.id, role_alias.alias, fold(role_alias.alias), _iso(role_alias.start), _iso(role_alias.end), 1)
            )
    await db.executemany("DELETE FROM aliases WHERE person_id = ?", [(p,) for p in corpus.people])
    await db.executemany("INSERT INTO aliases VALUES (?,?,?,?,?,?)", alias_rows)
    await db.executemany(
        "INSERT INTO topics VALUES (?,?,?)",
        [(t.slug, t.title, json.dumps(list(t.aliases), ensure_ascii=False)) for t in corpus.topics.values()],
    )
    claims = [replace(c, appearances=(*c.appearances, *(a for a in ingested[c.id] if a not in c.appearances)))
              if c.id in ingested else c for c in corpus.claims.values()]
    await insert_claims(db, claims, origin="content", seen_at=seen_at)
    briefing_rows = [(b.slug, b.title, b.summary, _iso(b.updated), briefing_to_json(b)) for b in corpus.briefings.values()]
    await db.executemany("INSERT INTO briefings VALUES (?,?,?,?,?)", briefing_rows)
    await note_briefings(db, [(row[0], fingerprint(row), briefing_points(b))
                              for row, b in zip(briefing_rows, corpus.briefings.values(), strict=True)], seen_at)
    await db.executemany("INSERT OR IGNORE INTO synonyms VALUES (?, ?)",
                         [(i, term) for i, group in enumerate(corpus.synonyms) for term in group])
    await bump_generation(db)


def briefing_points(briefing: Briefing) -> list[str]:
    """A briefing's key points and dated timeline entries: what a digest says it gained."""
    timeline = [f"{item.date.iso()}: {item.text}" if item.date else item.text for item in briefing.timeline]
    return [item.text for item in briefing.key_points] + timeline


async def insert_claims(db: aiosqlite.Connection, claims, origin: str, docs=None, seen_at: str | None = None) -> None:
    """Shared by content compile, `briefbot import` and ingest, so every path indexes claims alike.

    `docs` are the claims' search rows when the caller built them already (import builds them while reading).
    Each claim's history is updated from a fingerprint of what is stored (first seen / changed at `seen_at`,
    default now).
    """
    claims = list(claims)
    ids = [(c.id,) for c in claims]
    await unindex_claims(db, [c.id for c in claims])
    await db.executemany("DELETE FROM claim_appearances WHERE claim_id = ?", ids)
    await db.executemany("DELETE FROM claim_topics WHERE claim_id = ?", ids)
    added_at = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")  # as datetime('now'), once per batch
    claim_rows = [
        (c.id, c.speaker, c.speaker_role, c.kind, c.text, c.quote, c.said_on.iso(), c.said_on.earliest.isoformat(),
         c.precision, c.basis, c.date_note, _iso(c.not_before), _iso(c.not_after),
         json.dumps(list(c.figures), ensure_ascii=False), json.dumps(list(c.topics)), origin, added_at,
         c.date_source, c.date_phrase)
        for c in claims
    ]
    await db.executemany(
        "INSERT OR REPLACE INTO claims (id, speaker_id, speaker_role, kind, text, quote, said_on, said_sort,"
        " precision, basis, date_note, not_before, not_after, figures, topics, origin, added_at, date_source,"
        " date_phrase) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", claim_rows,
    )
    # The fingerprint leaves out origin and added_at (bookkeeping, not content) and takes in the passages.
    await note_claims(db, [(row[0], fingerprint((row[1:15], [(a.article, a.start, a.end) for a in c.appearances])))
                           for row, c in zip(claim_rows, claims, strict=True)], seen_at or now_stamp())
    await db.executemany(
        "INSERT INTO claim_appearances VALUES (?,?,?,?)",
        [(c.id, a.article, a.start, a.end) for c in claims for a in c.appearances],
    )
    await db.executemany(
        "INSERT INTO claim_topics VALUES (?,?)", [(c.id, t) for c in claims for t in c.topics]
    )
    await index_claims(db, claims, docs)
