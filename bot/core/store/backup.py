"""`briefbot db backup PATH` and `briefbot db restore PATH`.

Backup uses SQLite's online backup API (sqlite3.Connection.backup): a consistent copy page by page, safe
while the bot reads and writes (a write during the copy restarts the pass, so the copy is never torn).
Restore replaces the database file atomically (os.replace) after checking the backup is a healthy briefbot
database of a schema this code can read, and only when no other process has the file open; the file it
replaces is kept aside as <name>.replaced-<time>.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from bot.core.store.health import StoreError, as_store_error, diagnose, in_use, read_only, sidecar

PAGES_PER_STEP = 1024  # 4 MB per step at the default page size: the bot's writes get turns between steps


@dataclass(frozen=True)
class Restored:
    path: Path
    kept_aside: Path | None
    schema: int


def backup(path: Path, target: Path) -> int:
    """Copy the database at `path` to `target` (written beside it first, then moved into place); its size in bytes."""
    if not path.is_file():
        raise StoreError(f"{path} does not exist; there is nothing to back up", path=path)
    if target.exists() and target.is_dir():
        raise StoreError(f"{target} is a folder; name the backup file", path=target)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        source = read_only(path)
        try:
            copy = sqlite3.connect(partial)
            try:
                source.backup(copy, pages=PAGES_PER_STEP)
                # One self-contained file: no -wal/-shm appear beside a backup merely read (briefbot re-enables WAL).
                copy.execute("PRAGMA journal_mode = DELETE")
            finally:
                copy.close()
        finally:
            source.close()
        os.replace(partial, target)
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise as_store_error(exc, path) or StoreError(f"cannot back up {path} ({exc})", path=path) from exc
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise StoreError(f"cannot write the backup {target} ({exc.strerror or exc})", path=target) from exc
    return target.stat().st_size


def restore(backup_file: Path, path: Path, newest_schema: int) -> Restored:
    """Put `backup_file` in place of the database at `path`. Refuses while another process uses the database."""
    found = diagnose(backup_file, newest_schema)
    if not found.exists:
        raise StoreError(f"{backup_file} does not exist", path=backup_file)
    if found.problem is not None:
        raise StoreError(f"not restoring: {found.problem.summary}", path=backup_file)
    if not _is_briefbot(backup_file) or not found.schema:
        raise StoreError(f"not restoring: {backup_file} is a SQLite file but not a briefbot database", path=backup_file)
    if path.exists() and in_use(path):
        raise StoreError(f"not restoring: another process (the bot, a command) has {path} open; stop it first",
                         path=path)
    path.parent.mkdir(parents=True, exist_ok=True)
    incoming = path.with_name(path.name + ".restoring")
    shutil.copyfile(backup_file, incoming)
    with open(incoming, "rb") as handle:
        os.fsync(handle.fileno())
    kept = None
    if path.exists():
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        kept = path.with_name(f"{path.name}.replaced-{stamp}")
        os.link(path, kept)  # the old file stays reachable under its new name; the swap below is atomic
        for suffix in ("-wal", "-shm"):  # they belong to the old file; beside the new one they would corrupt it
            part = sidecar(path, suffix)
            if part.exists():
                os.replace(part, sidecar(kept, suffix))
    os.replace(incoming, path)
    return Restored(path, kept, found.schema)


def _is_briefbot(file: Path) -> bool:
    conn = read_only(file)
    try:
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
    finally:
        conn.close()
    return {"meta", "claims", "guild_settings"} <= names
