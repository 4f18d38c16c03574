"""Read queries that hydrate rows into the plain models adapters show."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from bot.core.dates import PartialDate, parse_optional
from bot.core.models import (
    Appearance,
    Article,
    Briefing,
    BriefingItem,
    Claim,
    ClaimView,
    Person,
    Role,
    RoleAlias,
    SourceRef,
    Topic,
)

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Callable


@functools.lru_cache(maxsize=8192)
def _date(text: str) -> PartialDate:
    """A stored date, parsed once: every claim and source of a lookup is hydrated again (PartialDate is frozen)."""
    return PartialDate.parse(text)


def _date_optional(text: str | None) -> PartialDate | None:
    return None if text in (None, "") else _date(text)


@functools.lru_cache(maxsize=8192)
def _strings(text: str) -> tuple:
    """A stored JSON list as a tuple, decoded once (the same topic and figure lists recur on many claims)."""
    return tuple(json.loads(text))


def rows(conn: sqlite3.Connection, sql: str, params: Sequence = ()) -> list:
    return conn.execute(sql, params).fetchall()


def _briefing_from_json(text: str) -> Briefing:
    data = json.loads(text)

    def items(rows: list[dict]) -> tuple[BriefingItem, ...]:
        return tuple(
            BriefingItem(row["text"], tuple(row["claims"]), parse_optional(row.get("date"))) for row in rows
        )

    tuples = ("aliases", "keywords", "related", "claims", "articles", "watch", "sources")
    return Briefing(
        slug=data["slug"], title=data["title"], summary=data["summary"], updated=parse_optional(data["updated"]),
        key_points=items(data["key_points"]), timeline=items(data["timeline"]), body=data["body"],
        **{name: tuple(data[name]) for name in tuples},
    )


def _article(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"], title=row["title"], file=row["file"], author=row["author"], outlet=row["outlet"],
        kind=row["kind"], published=PartialDate.parse(row["published"]), precision=row["precision"],
        not_before=parse_optional(row["not_before"]), not_after=parse_optional(row["not_after"]), url=row["url"],
    )


class Queries:
    read: Callable  # Store.read: fn(connection, *args) in the read pool

    async def _all(self, sql: str, params: Sequence = ()) -> list[sqlite3.Row]:
        return await self.read(rows, sql, params)

    async def counts(self) -> dict[str, int]:
        tables = ("articles", "people", "claims", "topics", "briefings", "guild_settings", "digest_runs")
        return {table: (await self._all(f"SELECT count(*) FROM {table}"))[0][0] for table in tables}

    async def last_digest(self) -> str | None:
        rows = await self._all("SELECT run_date, posted_at FROM digest_runs WHERE posted_at IS NOT NULL"
                               " ORDER BY posted_at DESC LIMIT 1")
        return f"{rows[0]['run_date']} (posted {rows[0]['posted_at']} UTC)" if rows else None

    async def topics(self) -> list[Topic]:
        rows = await self._all("SELECT slug, title, aliases FROM topics ORDER BY title")
        return [Topic(r["slug"], r["title"], tuple(json.loads(r["aliases"]))) for r in rows]

    async def briefings(self) -> list[Briefing]:
        rows = await self._all("SELECT data FROM briefings ORDER BY title")
        return [_briefing_from_json(r["data"]) for r in rows]

    async def briefing(self, slug: str) -> Briefing | None:
        rows = await self._all("SELECT data FROM briefings WHERE slug = ?", (slug,))
        return _briefing_from_json(rows[0]["data"]) if rows else None

    async def articles(self) -> list[Article]:
        return [_article(r) for r in await self._all("SELECT * FROM articles ORDER BY published DESC")]

    async def latest_publication(self) -> PartialDate | None:
        """The newest article's date: how far the index's knowledge reaches."""
        rows = await self._all("SELECT published FROM articles ORDER BY published DESC LIMIT 1")
        return PartialDate.parse(rows[0][0]) if rows else None

    async def article(self, article_id: str) -> Article | None:
        rows = await self._all("SELECT * FROM articles WHERE id = ?", (article_id,))
        return _article(rows[0]) if rows else None

    async def articles_by_id(self, ids: Iterable[str]) -> dict[str, Article]:
        wanted = list(dict.fromkeys(ids))
        found: dict[str, Article] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update((r["id"], _article(r)) for r in await self._all(f"SELECT * FROM articles WHERE id IN ({marks})", chunk))
        return found

    async def people(self) -> list[Person]:
        rows = await self._all("SELECT id FROM people ORDER BY name")
        return await self.people_by_id([r["id"] for r in rows])

    async def people_by_id(self, ids: Iterable[str]) -> list[Person]:
        return await self.read(people_by_id, list(ids))

    async def person(self, person_id: str) -> Person | None:
        found = await self.people_by_id([person_id])
        return found[0] if found else None

    async def claims_by_id(self, ids: Iterable[str], scores: dict[str, float] | None = None) -> list[ClaimView]:
        """Hydrate claims (speaker, sources) keeping the order of `ids`."""
        return await self.read(claim_views, list(ids), scores)

    async def claims_for_article(self, article_id: str) -> list[ClaimView]:
        rows = await self._all(
            "SELECT DISTINCT c.id, c.said_sort FROM claims c JOIN claim_appearances ca ON ca.claim_id = c.id"
            " WHERE ca.article_id = ? ORDER BY ca.start", (article_id,),
        )
        return await self.claims_by_id(r["id"] for r in rows)


def claim_from_row(row: sqlite3.Row) -> Claim:
    """A claim as its row stores it, without its sources (what the search index reads of it)."""
    return _claim(row, ())


def _claim(row: sqlite3.Row, refs: tuple[SourceRef, ...]) -> Claim:
    return Claim(
        id=row["id"], speaker=row["speaker_id"], kind=row["kind"], text=row["text"],
        said_on=_date(row["said_on"]), basis=row["basis"],
        appearances=tuple(Appearance(s.article_id, s.start, s.end) for s in refs),
        topics=_strings(row["topics"]), quote=row["quote"], speaker_role=row["speaker_role"],
        date_note=row["date_note"], not_before=_date_optional(row["not_before"]),
        not_after=_date_optional(row["not_after"]), figures=_strings(row["figures"]),
        date_source=row["date_source"], date_phrase=row["date_phrase"],
    )


def people_by_id(conn: sqlite3.Connection, ids: list[str]) -> list[Person]:
    ids = list(dict.fromkeys(ids))
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    found = rows(conn, f"SELECT * FROM people WHERE id IN ({marks})", ids)
    roles = rows(conn, f"SELECT * FROM roles WHERE person_id IN ({marks}) ORDER BY start", ids)
    aliases = rows(conn, f"SELECT * FROM aliases WHERE person_id IN ({marks})", ids)
    by_id = {}
    for row in found:
        pid = row["id"]
        by_id[pid] = Person(
            id=pid, name=row["name"], kind=row["kind"],
            roles=tuple(Role(r["title"], parse_optional(r["start"]), parse_optional(r["end"]))
                        for r in roles if r["person_id"] == pid),
            aliases=tuple(sorted(a["alias"] for a in aliases if a["person_id"] == pid and not a["is_role"])),
            role_aliases=tuple(RoleAlias(a["alias"], parse_optional(a["start"]), parse_optional(a["end"]))
                               for a in aliases if a["person_id"] == pid and a["is_role"]),
        )
    return [by_id[i] for i in ids if i in by_id]


def claim_views(conn: sqlite3.Connection, ids: list[str], scores: dict[str, float] | None = None) -> list[ClaimView]:
    """Hydrate claims (speaker, sources) keeping the order of `ids`."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return []
    views: dict[str, ClaimView] = {}
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start : chunk_start + 500]
        marks = ",".join("?" * len(chunk))
        found = rows(
            conn, f"SELECT c.*, p.name AS speaker_name FROM claims c JOIN people p ON p.id = c.speaker_id"
            f" WHERE c.id IN ({marks})", chunk,
        )
        sources = rows(
            conn, f"SELECT ca.*, a.title, a.outlet, a.published, a.precision FROM claim_appearances ca"
            f" JOIN articles a ON a.id = ca.article_id WHERE ca.claim_id IN ({marks})"
            f" ORDER BY a.published", chunk,
        )
        by_claim: dict[str, list[SourceRef]] = {}
        for s in sources:
            by_claim.setdefault(s["claim_id"], []).append(
                SourceRef(s["article_id"], s["title"], s["outlet"], _date(s["published"]),
                          s["precision"], s["start"], s["end"])
            )
        for row in found:
            refs = tuple(by_claim.get(row["id"], ()))
            views[row["id"]] = ClaimView(_claim(row, refs), row["speaker_name"], refs,
                                         (scores or {}).get(row["id"]))
    return [views[i] for i in ids if i in views]
