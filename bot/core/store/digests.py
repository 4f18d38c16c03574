"""Digest state: per-server settings, the delivery ledger, what each server was sent, and item history.

History (claim_history, briefing_history) is kept by the compiler and by imports (compile.insert_claims): a
new id is first seen now; a changed fingerprint is changed now; an unchanged item keeps its times, however
often the content is recompiled. Ledger writes commit at once: the ledger is what makes a digest go out
exactly once, so a row must be on disk before the message it stands for is sent.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from bot.core.digest.models import BASELINE, DigestRun, DigestSettings, stamp
from bot.core.store.queries import rows

if TYPE_CHECKING:
    import asyncio
    import sqlite3
    from collections.abc import Callable

    import aiosqlite

RUN_COLUMNS = ("guild_id, run_date, status, nonce, channel_id, scheduled_for, since, until, payload, items,"
               " message_ids, error, attempts, started_at, posted_at, updated_at")


def now_stamp() -> str:
    return stamp(dt.datetime.now(dt.UTC))


def fingerprint(parts: object) -> str:
    """A short stable digest of an item's stored form: it changes exactly when the item does."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:20]


# --- history, written inside the compiler's or the import's transaction ------------------------------------


async def history_is_empty(db: aiosqlite.Connection) -> bool:
    async with db.execute("SELECT 1 FROM claim_history LIMIT 1") as cursor:
        return await cursor.fetchone() is None


async def note_claims(db: aiosqlite.Connection, prints: Sequence[tuple[str, str]], seen_at: str) -> None:
    """(claim id, fingerprint) pairs just written: new ids are first seen at `seen_at`, changed ones change
    then, the rest are untouched. A NULL fingerprint (a row from before history) is adopted silently."""
    await db.executemany(
        "INSERT INTO claim_history (claim_id, fingerprint, first_seen, changed_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT(claim_id) DO UPDATE SET fingerprint = excluded.fingerprint, changed_at = CASE"
        " WHEN claim_history.fingerprint IS NOT NULL AND claim_history.fingerprint != excluded.fingerprint"
        " THEN excluded.changed_at ELSE claim_history.changed_at END",
        [(claim_id, print_, seen_at, seen_at) for claim_id, print_ in prints],
    )


async def note_briefings(db: aiosqlite.Connection, briefings: Iterable[tuple[str, str, list[str]]],
                         seen_at: str) -> None:
    """(slug, fingerprint, points) for every compiled briefing; a changed one records the points it gained."""
    async with db.execute("SELECT slug, fingerprint, points FROM briefing_history") as cursor:
        known = {row[0]: (row[1], json.loads(row[2])) for row in await cursor.fetchall()}
    writes = []
    for slug, print_, points in briefings:
        old = known.get(slug)
        if old is None:
            writes.append((slug, print_, seen_at, seen_at, json.dumps(points), "[]"))
        elif old[0] is None or old[0] == print_:  # adopted, or unchanged: keep the times
            writes.append((slug, print_, None, None, json.dumps(points), None))
        else:
            added = [p for p in points if p not in set(old[1])] if old[1] else []
            writes.append((slug, print_, None, seen_at, json.dumps(points), json.dumps(added)))
    await db.executemany(
        "INSERT INTO briefing_history (slug, fingerprint, first_seen, changed_at, points, added)"
        " VALUES (?1, ?2, coalesce(?3, ?4, ''), coalesce(?4, ''), ?5, coalesce(?6, '[]'))"
        " ON CONFLICT(slug) DO UPDATE SET fingerprint = excluded.fingerprint, points = excluded.points,"
        " changed_at = coalesce(?4, briefing_history.changed_at), added = coalesce(?6, briefing_history.added)",
        writes,
    )


def _run(row: sqlite3.Row) -> DigestRun:
    return DigestRun(
        guild_id=row["guild_id"], run_date=row["run_date"], status=row["status"], nonce=row["nonce"],
        channel_id=row["channel_id"], scheduled_for=row["scheduled_for"], since=row["since"], until=row["until"],
        payload=row["payload"], items=tuple(tuple(i) for i in json.loads(row["items"] or "[]")),
        message_ids=tuple(json.loads(row["message_ids"] or "[]")), error=row["error"], attempts=row["attempts"],
        started_at=row["started_at"], posted_at=row["posted_at"], updated_at=row["updated_at"],
    )


def _settings(row: sqlite3.Row) -> DigestSettings:
    return DigestSettings(
        guild_id=row["guild_id"], channel_id=row["digest_channel_id"], time=row["digest_time"] or "",
        timezone=row["timezone"] or "", enabled=bool(row["digest_enabled"]),
        topics=tuple(json.loads(row["topics"] or "[]")), quiet_days=row["quiet_days"] or "post",
        paused_reason=row["paused_reason"], paused_at=row["paused_at"], updated_at=row["updated_at"],
    )


class DigestQueries:
    """Reads go through the read pool; writes hold the write lock and commit before returning."""

    db: aiosqlite.Connection
    read: Callable
    write_lock: asyncio.Lock

    async def _rows(self, sql: str, params: Sequence = ()) -> list[sqlite3.Row]:
        return await self.read(rows, sql, params)

    async def _write(self, sql: str, params: Sequence = ()) -> int:
        async with self.write_lock:
            cursor = await self.db.execute(sql, params)
            await self.db.commit()
            return cursor.rowcount

    # --- settings -------------------------------------------------------------------------------------------

    async def digest_settings(self, guild_id: int) -> DigestSettings | None:
        found = await self._rows("SELECT * FROM guild_settings WHERE guild_id = ?", (guild_id,))
        return _settings(found[0]) if found and found[0]["digest_time"] else None

    async def digest_settings_all(self) -> list[DigestSettings]:
        """Every server with a digest set up (on or off), by id."""
        found = await self._rows("SELECT * FROM guild_settings WHERE digest_time IS NOT NULL ORDER BY guild_id")
        return [_settings(row) for row in found]

    async def save_digest_settings(self, settings: DigestSettings) -> DigestSettings:
        """Create or replace a server's digest settings; saving them lifts a pause (the admin acted)."""
        await self._write(
            "INSERT INTO guild_settings (guild_id, digest_channel_id, digest_time, timezone, digest_enabled, topics,"
            " quiet_days, paused_reason, paused_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?)"
            " ON CONFLICT(guild_id) DO UPDATE SET digest_channel_id = excluded.digest_channel_id,"
            " digest_time = excluded.digest_time, timezone = excluded.timezone,"
            " digest_enabled = excluded.digest_enabled, topics = excluded.topics, quiet_days = excluded.quiet_days,"
            " paused_reason = NULL, paused_at = NULL, updated_at = excluded.updated_at",
            (settings.guild_id, settings.channel_id, settings.time, settings.timezone, int(settings.enabled),
             json.dumps(list(settings.topics)), settings.quiet_days, now_stamp()),
        )
        return await self.digest_settings(settings.guild_id)  # type: ignore[return-value]

    async def disable_digest(self, guild_id: int) -> bool:
        """Turn a server's digest off (its settings stay, for /digest set to turn it on again)."""
        return await self._write("UPDATE guild_settings SET digest_enabled = 0, updated_at = ? WHERE guild_id = ?",
                                 (now_stamp(), guild_id)) > 0

    async def pause_digest(self, guild_id: int, reason: str) -> None:
        """Stop posting until an admin acts (channel gone, permission lost); the reason shows in status."""
        await self._write("UPDATE guild_settings SET paused_reason = ?, paused_at = ? WHERE guild_id = ?",
                          (reason, now_stamp(), guild_id))

    # --- the ledger -----------------------------------------------------------------------------------------

    async def digest_run(self, guild_id: int, run_date: str) -> DigestRun | None:
        found = await self._rows(f"SELECT {RUN_COLUMNS} FROM digest_runs WHERE guild_id = ? AND run_date = ?",
                                 (guild_id, run_date))
        return _run(found[0]) if found else None

    async def digest_runs(self, guild_id: int, limit: int = 5) -> list[DigestRun]:
        found = await self._rows(f"SELECT {RUN_COLUMNS} FROM digest_runs WHERE guild_id = ?"
                                 f" ORDER BY run_date DESC LIMIT ?", (guild_id, limit))
        return [_run(row) for row in found]

    async def open_digest_runs(self) -> list[DigestRun]:
        """Rows still pending: a delivery that was interrupted (crash, restart) before it was recorded."""
        found = await self._rows(f"SELECT {RUN_COLUMNS} FROM digest_runs WHERE status = 'pending' ORDER BY run_date")
        return [_run(row) for row in found]

    async def last_posted_digest(self, guild_id: int) -> DigestRun | None:
        found = await self._rows(f"SELECT {RUN_COLUMNS} FROM digest_runs WHERE guild_id = ? AND status = 'posted'"
                                 f" ORDER BY posted_at DESC LIMIT 1", (guild_id,))
        return _run(found[0]) if found else None

    async def claim_digest_run(self, run: DigestRun) -> tuple[DigestRun, bool]:
        """Write the ledger row for (server, local date) unless one exists: (the row as stored, whether this
        call wrote it). Only the caller that wrote it may post; everyone else reads what happened."""
        async with self.write_lock:
            cursor = await self.db.execute(
                f"INSERT INTO digest_runs ({RUN_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                f" ON CONFLICT(guild_id, run_date) DO NOTHING",
                (run.guild_id, run.run_date, run.status, run.nonce, run.channel_id, run.scheduled_for, run.since,
                 run.until, run.payload, json.dumps([list(i) for i in run.items]), json.dumps(list(run.message_ids)),
                 run.error, run.attempts, run.started_at or now_stamp(), run.posted_at, now_stamp()),
            )
            created = cursor.rowcount > 0
            await self.db.commit()
        stored = await self.digest_run(run.guild_id, run.run_date)
        return stored, created  # type: ignore[return-value]

    async def retry_digest_run(self, run: DigestRun) -> bool:
        """Take over a failed or missed row for a new attempt (same nonce); False if it is no longer retryable."""
        return await self._write(
            "UPDATE digest_runs SET status = 'pending', channel_id = ?, since = ?, until = ?, payload = ?, items = ?,"
            " message_ids = '[]', error = NULL, attempts = attempts + 1, started_at = ?, updated_at = ?"
            " WHERE guild_id = ? AND run_date = ? AND status IN ('failed', 'missed')",
            (run.channel_id, run.since, run.until, run.payload, json.dumps([list(i) for i in run.items]),
             now_stamp(), now_stamp(), run.guild_id, run.run_date),
        ) > 0

    async def record_digest_message(self, guild_id: int, run_date: str, part: int, message_id: int) -> None:
        """Part `part` of the digest was posted as `message_id` (kept in order; a resend skips posted parts)."""
        async with self.write_lock:
            async with self.db.execute("SELECT message_ids FROM digest_runs WHERE guild_id = ? AND run_date = ?",
                                       (guild_id, run_date)) as cursor:
                row = await cursor.fetchone()
            ids = json.loads(row[0] or "[]") if row else []
            ids += [None] * (part + 1 - len(ids))
            ids[part] = message_id
            await self.db.execute(
                "UPDATE digest_runs SET message_ids = ?, message_id = coalesce(message_id, ?), updated_at = ?"
                " WHERE guild_id = ? AND run_date = ?", (json.dumps(ids), message_id, now_stamp(), guild_id, run_date),
            )
            await self.db.commit()

    async def finish_digest_run(self, guild_id: int, run_date: str, status: str, error: str | None = None) -> None:
        """Close a row: posted (its items are now sent to that server), skipped, failed or missed (with why)."""
        now = now_stamp()
        async with self.write_lock:
            await self.db.execute(
                "UPDATE digest_runs SET status = ?, error = ?, updated_at = ?,"
                " posted_at = CASE WHEN ? = 'posted' THEN ? ELSE posted_at END WHERE guild_id = ? AND run_date = ?",
                (status, error, now, status, now, guild_id, run_date),
            )
            if status == "posted":
                await self.db.execute(
                    "INSERT OR REPLACE INTO digest_sent (guild_id, kind, item_id, fingerprint, run_date)"
                    " SELECT guild_id, json_extract(i.value, '$[0]'), json_extract(i.value, '$[1]'),"
                    " json_extract(i.value, '$[2]'), run_date FROM digest_runs, json_each(digest_runs.items) i"
                    " WHERE guild_id = ? AND run_date = ?", (guild_id, run_date),
                )
            await self.db.commit()

    async def record_missed_digest(self, run: DigestRun) -> bool:
        """A digest whose time passed while the bot was down, beyond the grace window: recorded, not posted."""
        _, created = await self.claim_digest_run(run)
        return created

    # --- what the composer reads ----------------------------------------------------------------------------

    async def digest_claim_changes(self, since: str, topics: Sequence[str] = (), limit: int = 50
                                   ) -> tuple[list[sqlite3.Row], int]:
        """Claims first seen or changed after `since` (latest change first, at most `limit`), and how many in all."""
        where = "h.changed_at > ?"
        params: list = [since]
        if topics:
            where += f" AND h.claim_id IN (SELECT claim_id FROM claim_topics WHERE topic IN ({','.join('?' * len(topics))}))"
            params += list(topics)
        found = await self._rows(
            f"SELECT h.claim_id, h.first_seen, h.changed_at, h.fingerprint FROM claim_history h"
            f" JOIN claims c ON c.id = h.claim_id WHERE {where} ORDER BY h.changed_at DESC, h.claim_id LIMIT ?",
            (*params, limit),
        )
        total = found and (await self._rows(
            f"SELECT count(*) FROM claim_history h JOIN claims c ON c.id = h.claim_id WHERE {where}", params))[0][0]
        return found, total or 0

    async def digest_briefing_changes(self, since: str) -> list[sqlite3.Row]:
        return await self._rows(
            "SELECT h.slug, b.title, h.first_seen, h.changed_at, h.fingerprint, h.added FROM briefing_history h"
            " JOIN briefings b ON b.slug = h.slug WHERE h.changed_at > ? ORDER BY b.title", (since,),
        )

    async def claims_said_on_day(self, month_day: str, before_year: int, limit: int = 20) -> list[str]:
        """Ids of claims dated to the day on `month_day` (MM-DD) in an earlier year, the latest years first."""
        found = await self._rows(
            "SELECT id FROM claims WHERE substr(said_on, 6) = ? AND length(said_on) = 10 AND said_on < ?"
            " ORDER BY said_on DESC, id LIMIT ?", (month_day, f"{before_year:04d}", limit),
        )
        return [row[0] for row in found]

    async def digest_sent(self, guild_id: int, kind: str, ids: Sequence[str]) -> dict[str, str | None]:
        """Which of these items this server was sent already, with the fingerprint it was sent at."""
        sent: dict[str, str | None] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            found = await self._rows(
                f"SELECT item_id, fingerprint FROM digest_sent WHERE guild_id = ? AND kind = ?"
                f" AND item_id IN ({','.join('?' * len(chunk))})", (guild_id, kind, *chunk),
            )
            sent.update((row[0], row[1]) for row in found)
        return sent


__all__ = ["BASELINE", "DigestQueries", "fingerprint", "history_is_empty", "note_briefings", "note_claims",
           "now_stamp"]
