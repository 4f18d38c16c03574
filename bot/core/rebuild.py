"""`briefbot db rebuild`: move a damaged database aside, start a fresh one, and carry over the runtime state
the damaged file still gives up.

Runtime state is what no file in the repository can give back: server settings (guild_settings), digest
history (digest_runs) and imported claims (claims with origin='import', with their speakers and articles).
Each is read from the damaged file read-only, table by table and row by row: a scan goes forward in rowid
order until it meets a damaged page, then backward from the end, so rows on both sides of the damage are
kept. Imported claims travel as `briefbot export` lines through the import path, so they are checked and
indexed for search like any import. Content (articles, people, claims, briefings, topics, the search index)
is not copied: it is compiled from the files at the next start.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.store.database import Store
from bot.core.store.health import Diagnosis, StoreError, as_store_error, diagnose, in_use, read_only, sidecar
from bot.core.store.migrations import SCHEMA_VERSION

log = logging.getLogger(__name__)
# Runtime tables, in the order they are restored; one the fresh schema lacks is not part of this version.
RUNTIME_TABLES = {"guild_settings": "server settings", "digest_runs": "digest history",
                  "digest_sent": "what each server was sent", "claim_history": "claim history",
                  "briefing_history": "briefing history"}
IMPORTED = "imported claims"
BATCH = 500
ARTICLE_COLUMNS = ("title", "outlet", "author", "published", "precision", "url")


@dataclass
class Kept:
    """What became of one kind of runtime state."""

    what: str  # "server settings (guild_settings)"
    unit: str = "row"
    kept: int = 0
    lost: int | None = None  # how many were read but not kept; None: unknown (rows on pages that are unreadable)
    reason: str | None = None  # why some or all of it could not be read or kept

    def count(self, n: int) -> str:
        return f"{n} {self.unit}{'' if n == 1 else 's'}"

    def line(self) -> str:
        if self.reason is None:
            return f"{self.what}: kept {self.count(self.kept)}" + (" (there were none)" if not self.kept else "")
        if self.kept == 0 and self.lost is None:
            return f"{self.what}: lost ({self.reason})"
        lost = "the rest lost" if self.lost is None else f"{self.lost} lost"
        return f"{self.what}: kept {self.count(self.kept)}, {lost} ({self.reason})"


@dataclass
class RebuildReport:
    path: Path
    problem: StoreError | None  # what was wrong with the file (None: it was healthy, or absent)
    exists: bool = True
    moved_to: Path | None = None  # where the old file went; None: nothing was done
    kept: list[Kept] = field(default_factory=list)
    cancelled: bool = False

    def lines(self) -> list[str]:
        if not self.exists:
            return [f"{self.path} does not exist; a fresh database is made at the next start"]
        if self.cancelled:
            return [f"{self.path} left as it is"]
        if self.moved_to is None:
            return [f"{self.path} is healthy; nothing to do (--force rebuilds it anyway)"]
        head = [self.problem.summary if self.problem else f"{self.path} was healthy; rebuilding it (--force)",
                f"moved the old file to {self.moved_to}", f"made a fresh database at {self.path}"]
        return [*head, *(item.line() for item in self.kept),
                "content (articles, people, claims, briefings, search index): not copied; it is compiled from"
                " the files at the next start"]


async def rebuild(path: Path, *, force: bool = False,
                  confirm: Callable[[Diagnosis], bool] | None = None) -> RebuildReport:
    """Move a damaged file aside (as <name>.damaged-<time>, with its -wal and -shm), make a fresh database in
    its place and carry over the runtime state that can still be read. A healthy file is left alone unless
    `force`; a file that is fine but unusable here (newer schema, permissions) is refused unless `force`.
    `confirm(diagnosis)` is asked before anything is moved; False leaves the file alone (report.moved_to None).
    Raises StoreError when the file is in use by another process or the fresh database cannot be made."""
    path = Path(path)
    found = await asyncio.to_thread(diagnose, path, SCHEMA_VERSION)
    if not found.exists:
        return RebuildReport(path, None, exists=False)
    if path.is_dir() and found.problem is not None:
        raise found.problem
    if found.problem is None and not force:
        return RebuildReport(path, None)
    if found.problem is not None and not found.problem.damaged and not force:
        raise StoreError(f"{found.problem}; the file is not damaged, so `db rebuild` leaves it alone"
                         " (--force rebuilds it all the same)", path=path)
    if confirm is not None and not confirm(found):
        return RebuildReport(path, found.problem, cancelled=True)
    if in_use(path):
        raise StoreError(f"{path} is open in another process (is briefbot running?); stop it, then rebuild",
                         path=path)
    moved = move_aside(path)
    log.info("moved %s aside to %s (%s)", path, moved, found.problem.summary if found.problem else "forced")
    report = RebuildReport(path, found.problem, moved_to=moved)
    salvage = await asyncio.to_thread(Salvage.read, moved)
    try:
        async with Store(path) as store:
            for table, what in RUNTIME_TABLES.items():
                if (kept := await _restore_rows(store, table, what, salvage)) is not None:
                    report.kept.append(kept)
            report.kept.append(await _restore_imported(store, salvage))
    except StoreError as exc:
        raise StoreError(f"{exc} (the old file is at {moved})", path=path) from exc
    finally:
        salvage.claim_lines.unlink(missing_ok=True)
    return report


def move_aside(path: Path) -> Path:
    """<name> -> <name>.damaged-<time>, and its -wal/-shm/-journal beside it (SQLite finds a -wal by name)."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    serial = 1
    while target.exists():
        serial += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{serial}")
    try:
        os.replace(path, target)
        for suffix in ("-wal", "-shm", "-journal"):
            if sidecar(path, suffix).exists():
                os.replace(sidecar(path, suffix), sidecar(target, suffix))
    except OSError as exc:
        raise StoreError(f"cannot move {path} aside to {target.name} ({exc.strerror or exc})", path=path) from None
    return target


@dataclass
class Salvage:
    """What the damaged file still gives: runtime rows, and imported claims as export lines in a file."""

    path: Path
    opened: str | None = None  # why the file could not be read at all
    tables: dict[str, tuple[list[dict], str | None]] = field(default_factory=dict)  # rows, why the scan stopped
    claims_read: int = 0
    claims_dropped: int = 0  # read, but their sources (an import needs one) or fields could not be
    claims_error: str | None = None

    @property
    def claim_lines(self) -> Path:
        return self.path.with_name(self.path.name + ".imported.jsonl")

    @classmethod
    def read(cls, path: Path) -> Salvage:
        salvage = cls(path)
        try:
            conn = read_only(path)
        except sqlite3.Error as exc:
            salvage.opened = _why(exc)
            return salvage
        try:
            conn.row_factory = sqlite3.Row
            # A file shorter than its header says is refused as a whole; with writable_schema SQLite reads
            # the pages that are there (the connection is read-only all the same: mode=ro, query_only).
            conn.execute("PRAGMA writable_schema = ON")
            names = {row[0] for row in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
            for table in RUNTIME_TABLES:
                rows: list[dict] = []
                error = _collect(scan(conn, table), rows) if table in names else None
                salvage.tables[table] = (rows, error)
            if "claims" in names:
                salvage._export_imported(conn)
        except sqlite3.Error as exc:
            salvage.opened = _why(exc)
        finally:
            conn.close()
        return salvage

    def _export_imported(self, conn: sqlite3.Connection) -> None:
        """Imported claims as `briefbot export` lines, with their speakers and sources as far as readable."""
        people: dict[str, tuple[str | None, str | None]] = {}
        articles: dict[str, dict | None] = {}
        batch: list[dict] = []
        with self.claim_lines.open("w", encoding="utf-8") as out:

            def write() -> None:
                self.claims_read += len(batch)
                sources = _appearances(conn, [claim["id"] for claim in batch], articles)
                for claim in batch:
                    try:
                        if claim["speaker_id"] not in people:
                            people[claim["speaker_id"]] = _person(conn, claim["speaker_id"])
                        name, kind = people[claim["speaker_id"]]
                        line = json.dumps(_record(claim, name, kind, sources[claim["id"]]), ensure_ascii=False)
                    except (KeyError, TypeError, ValueError):  # no readable source, or a garbled field
                        self.claims_dropped += 1
                        continue
                    out.write(line + "\n")
                batch.clear()

            try:
                for claim in scan(conn, "claims", "origin = 'import'"):
                    batch.append(claim)
                    if len(batch) >= BATCH:
                        write()
            except sqlite3.Error as exc:
                self.claims_error = _why(exc)
            write()


def scan(conn: sqlite3.Connection, table: str, where: str = "") -> Iterator[dict]:
    """Every readable row of a table: forward in key order up to a damaged page, then backward from the end
    down to it. Raises the first error met (after yielding what could be read), or nothing."""
    keys = _key(conn, table)
    condition = f"WHERE {where}" if where else ""
    select = f"SELECT {', '.join(keys)}, * FROM {table} NOT INDEXED {condition} ORDER BY "
    seen: set[tuple] = set()
    try:
        for row in conn.execute(select + ", ".join(keys)):
            seen.add(tuple(row[: len(keys)]))
            yield _plain(row, len(keys))
        return
    except sqlite3.DatabaseError as exc:
        error = exc
    try:
        for row in conn.execute(select + ", ".join(f"{key} DESC" for key in keys)):
            if tuple(row[: len(keys)]) in seen:
                break
            yield _plain(row, len(keys))
    except sqlite3.DatabaseError:
        pass
    raise error


def _key(conn: sqlite3.Connection, table: str) -> list[str]:
    """The order the table's b-tree keeps: rowid, or the primary key of a WITHOUT ROWID table."""
    try:
        conn.execute(f"SELECT rowid FROM {table} LIMIT 0")
        return ["rowid"]
    except sqlite3.OperationalError:
        pk = sorted((row["pk"], row["name"]) for row in conn.execute(f"PRAGMA table_info({table})") if row["pk"])
        return [f'"{name}"' for _, name in pk]


def _plain(row: sqlite3.Row, skip: int) -> dict:
    return dict(zip(row.keys()[skip:], tuple(row)[skip:], strict=True))


def _collect(rows: Iterator[dict], into: list[dict]) -> str | None:
    """Put the rows into `into`; the reason the scan stopped short, or None if it read everything."""
    try:
        into.extend(rows)
    except sqlite3.Error as exc:
        return _why(exc)
    return None


def _why(exc: BaseException) -> str:
    problem = as_store_error(exc)
    return str(exc) if problem is None or problem.damaged else str(problem)


def _appearances(conn: sqlite3.Connection, ids: list[str], articles: dict[str, dict | None]) -> dict[str, list[dict]]:
    """Sources of these claims, with the article's details when its row is readable."""
    try:
        rows = _appearance_rows(conn, ids)
    except sqlite3.DatabaseError:
        rows = []
        for claim_id in ids:  # claim by claim: keep those whose sources can be read
            with contextlib.suppress(sqlite3.DatabaseError):
                rows.extend(_appearance_rows(conn, [claim_id]))
    found: dict[str, list[dict]] = {}
    for row in rows:
        if row["article_id"] not in articles:
            articles[row["article_id"]] = _article(conn, row["article_id"])
        row.update(articles[row["article_id"]] or dict.fromkeys(ARTICLE_COLUMNS))
        found.setdefault(row["claim_id"], []).append(row)
    return found


def _appearance_rows(conn: sqlite3.Connection, ids: list[str]) -> list[dict]:
    marks = ",".join("?" * len(ids))
    sql = f"SELECT claim_id, article_id, start, end FROM claim_appearances WHERE claim_id IN ({marks})"
    return [dict(row) for row in conn.execute(sql, ids)]


def _article(conn: sqlite3.Connection, article_id: str) -> dict | None:
    try:
        row = conn.execute(f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE id = ?", (article_id,)).fetchone()
    except sqlite3.DatabaseError:
        return None
    return dict(row) if row else None


def _person(conn: sqlite3.Connection, person_id: str) -> tuple[str | None, str | None]:
    try:
        row = conn.execute("SELECT name, kind FROM people WHERE id = ?", (person_id,)).fetchone()
    except sqlite3.DatabaseError:
        row = None
    return (row["name"], row["kind"]) if row else (None, None)


def _json_list(value: object) -> list:
    try:
        loaded = json.loads(value) if isinstance(value, str) else []
    except ValueError:
        return []
    return loaded if isinstance(loaded, list) else []


def _record(claim: dict, name: str | None, kind: str | None, appearances: list[dict]) -> dict:
    from bot.core.interchange import claim_record

    appearances = sorted(appearances, key=lambda a: (a["published"] or "", a["start"]))
    return claim_record(claim | {"speaker_name": name, "speaker_kind": kind, "appearances": appearances,
                                 "figures": _json_list(claim.get("figures")),
                                 "topics": _json_list(claim.get("topics"))})


async def _restore_rows(store: Store, table: str, what: str, salvage: Salvage) -> Kept | None:
    async with store.db.execute(f"PRAGMA table_info({table})") as cursor:
        columns = {row["name"] for row in await cursor.fetchall()}
    if not columns:
        return None  # not a table of this schema
    kept = Kept(f"{what} ({table})")
    if salvage.opened is not None:
        kept.reason = salvage.opened
        return kept
    rows, error = salvage.tables.get(table, ([], None))
    refused: list[str] = []
    async with store.write_lock:
        await store.db.execute("BEGIN")
        try:
            for row in rows:
                names = [name for name in row if name in columns]
                try:
                    await store.db.execute(
                        f"INSERT OR REPLACE INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                        [row[name] for name in names],
                    )
                    kept.kept += 1
                except sqlite3.Error as exc:  # a damaged row the schema refuses
                    refused.append(str(exc))
            await store.db.commit()
        except BaseException:
            await store.db.rollback()
            raise
    reasons = [error] if error else []
    if refused:
        reasons.append(f"{len(refused)} refused by the table: {refused[0]}")
        kept.lost = len(refused)
    if error:
        kept.lost = None
    kept.reason = "; ".join(reasons) or None
    return kept


async def _restore_imported(store: Store, salvage: Salvage) -> Kept:
    from bot.core import interchange

    kept = Kept(IMPORTED + " (with their speakers and articles)", unit="claim")
    if salvage.opened is not None:
        kept.reason = salvage.opened
        return kept
    reasons = [salvage.claims_error] if salvage.claims_error else []
    if salvage.claims_read:
        report = interchange.ImportReport()
        counts = await store.import_claims(interchange.read_jsonl(salvage.claim_lines, report))
        kept.kept = counts.claims
        kept.lost = salvage.claims_read - counts.claims - counts.skipped
        if salvage.claims_dropped:
            reasons.append(f"{salvage.claims_dropped} with unreadable sources or fields")
        if report.bad_lines:
            reasons.append(f"{report.bad_lines} failed the import's checks: {report.problems[0].message}"
                           if report.problems else f"{report.bad_lines} failed the import's checks")
    if salvage.claims_error:
        kept.lost = None
    kept.reason = "; ".join(reasons) or None
    return kept
