"""What can go wrong with the database file, said in one line an operator can act on.

Store.open raises StoreError for a folder it cannot make or write in, a file that is not a SQLite database
or is damaged, and a schema newer than the code. `fail_cleanly` turns such an error (or a damaged page
met later, mid-query) into `briefbot: <line>` on stderr and exit status 3, with no traceback.
`diagnose` is `briefbot db check`; `briefbot db rebuild` is in rebuild.py.

Store.open looks at the file only through SQLite (and stat): closing another descriptor of a database this
process has open would drop SQLite's POSIX locks on it (https://sqlite.org/howtocorrupt.html, 2.2). Only
in_use, for `db rebuild`, opens it directly, when this process has no connection to it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

EXIT_STORE = 3  # the exit status of a command the database stopped
# Store.open runs PRAGMA quick_check on files up to this size: ~3 ms for the compiled content (1 MB), ~160 ms
# per 100 MB from the page cache. A bigger file gets the cheap checks (SQLite reads the header and the schema,
# and refuses a file shorter than its header says); damage met later still ends a command with one line.
QUICK_CHECK_LIMIT = 64 * 2**20
REBUILD_HINT = ("`briefbot db rebuild` moves it aside and starts a fresh one, keeping the server settings,"
                " digest history and imported claims it can still read")

# Primary SQLite result codes (https://sqlite.org/rescode.html); sqlite3 errors carry the extended code.
PERM, BUSY, LOCKED, READONLY, IOERR, CORRUPT, FULL, CANTOPEN, AUTH, NOTADB = 3, 5, 6, 8, 10, 11, 13, 14, 23, 26


class StoreError(RuntimeError):
    """A problem with the database an operator can act on; str() is one line, without the `briefbot: `."""

    def __init__(self, message: str, *, path: Path | None = None, damaged: bool = False,
                 summary: str | None = None, busy: bool = False, read_only: bool = False) -> None:
        super().__init__(message)
        self.path = path
        self.damaged = damaged  # the file itself is broken: `briefbot db rebuild` is the way out
        self.busy = busy  # another writer held the file longer than we waited: trying again later works
        self.read_only = read_only  # the file cannot take writes (opened read-only, or its permissions)
        self.summary = summary or message  # the problem alone, without the advice


def damaged(path: Path | None, what: str) -> StoreError:
    summary = f"{path or 'the database'} {what}"
    return StoreError(f"{summary}; {REBUILD_HINT}", path=path, damaged=True, summary=summary)


def check_finding(rows: list[str]) -> str:
    """PRAGMA quick_check's first finding on one line: 'page 13: btreeInitPage() returns error code 11'."""
    lines = [line.strip() for row in rows for line in str(row).splitlines()]
    lines = [line for line in lines if line and not line.startswith("*** in database")]
    first = lines[0] if lines else "quick_check failed"
    return first[:1].lower() + first[1:200]


def as_store_error(exc: BaseException, path: Path | None = None) -> StoreError | None:
    """exc as a StoreError when it is about the file (damage, permissions, disk, locks); None for anything else."""
    if isinstance(exc, StoreError):
        return exc
    if not isinstance(exc, sqlite3.Error):
        return None
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    reason = str(exc)
    name = str(path) if path else "the database"
    if code == NOTADB or reason == "file is not a database":
        return damaged(path, "is not a SQLite database, or its first page is damaged")
    if code == CORRUPT or "malformed" in reason:
        return damaged(path, f"is damaged ({reason})")
    if code == CANTOPEN:
        return StoreError(f"cannot open {name} ({reason}); check that its folder exists and is writable", path=path)
    if code == READONLY:
        return StoreError(f"cannot write to {name} ({reason}); check the permissions of the file and its folder",
                          path=path, read_only=True)
    if code in (PERM, AUTH):
        return StoreError(f"not allowed to use {name} ({reason})", path=path)
    if code == FULL:
        return StoreError(f"cannot write to {name}: the disk is full", path=path)
    if code in (BUSY, LOCKED):
        return StoreError(f"{name} is busy: another process (an import, a reload) is writing to it and did not"
                          f" finish in time ({reason}); try again when it is done", path=path, busy=True)
    if code == IOERR:
        return StoreError(f"cannot read or write {name} ({reason}); check the disk", path=path)
    return None


def database_problem(exc: BaseException) -> StoreError | None:
    """Any error from the database as a StoreError (one line); None for an error that is not the database's.

    For callers that must go on after it (the console, a reply to a command): even an error SQLite gives no
    operator advice for is still a database error, not a bug in the caller.
    """
    problem = as_store_error(exc)
    if problem is None and isinstance(exc, sqlite3.Error):
        problem = StoreError(f"database error ({exc})")
    return problem


def fail_cleanly(exc: BaseException) -> NoReturn:
    """End the process with `briefbot: <one line>` on stderr and exit status 3 if exc is about the database
    (a StoreError, or a sqlite3 error saying the file is damaged, unwritable, locked...); else re-raise exc."""
    problem = as_store_error(exc)
    if problem is None:
        raise exc
    print(f"briefbot: {problem}", file=sys.stderr, flush=True)
    raise SystemExit(EXIT_STORE) from None


@contextlib.asynccontextmanager
async def exit_on_store_failure(path: Path | None = None,
                                report: Callable[[str], None] | None = None) -> AsyncIterator[None]:
    """`async with exit_on_store_failure(path), Store(path) as store:` a command that cannot use the database
    ends with one line and exit status 3 (the store is closed first: no thread is left to hold the process).
    `report(line)` is told first (start-up puts it in the log file)."""
    try:
        yield
    except Exception as exc:
        problem = as_store_error(exc, path)
        if problem is None:
            raise
        if report is not None:
            report(str(problem))
        fail_cleanly(problem)


def prepare_folder(path: Path) -> None:
    """The database's folder exists (made if missing) and can take the file and its -wal and -shm beside it."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot make the folder {folder} for the database {path.name} ({exc.strerror or exc})",
                         path=path) from None
    if not folder.is_dir():
        raise StoreError(f"cannot use {folder} as the database's folder: it is not a folder", path=path)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(f"cannot write in {folder}, where the database {path.name} and its -wal and -shm files"
                         " live; make the folder writable or set BRIEFBOT_DATABASE_PATH", path=path)
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file; set BRIEFBOT_DATABASE_PATH to a file", path=path)
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise StoreError(f"cannot read and write {path}: check the file's owner and permissions", path=path)


def quick_check_fits(path: Path) -> bool:
    return _size(path) + _size(sidecar(path, "-wal")) <= QUICK_CHECK_LIMIT


def sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


@dataclass
class Diagnosis:
    path: Path
    exists: bool
    problem: StoreError | None = None
    schema: int | None = None
    size: int = 0

    @property
    def healthy(self) -> bool:
        return self.exists and self.problem is None


def read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write to the file (a damaged file is only read, never repaired in place)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    try:
        for pragma in ("query_only = ON", "mmap_size = 0", "cell_size_check = ON"):
            conn.execute(f"PRAGMA {pragma}")
    except BaseException:
        conn.close()
        raise
    return conn


def diagnose(path: Path, newest_schema: int | None = None) -> Diagnosis:
    """The whole file read once (PRAGMA quick_check, whatever its size) without writing to it: `briefbot db check`."""
    path = Path(path)
    if path.is_dir():
        return Diagnosis(path, True, StoreError(f"{path} is a folder, not a database file", path=path))
    if not path.exists():
        return Diagnosis(path, False)
    report = Diagnosis(path, True, size=_size(path))
    try:
        conn = read_only(path)
    except sqlite3.Error as exc:
        report.problem = as_store_error(exc, path) or StoreError(f"cannot open {path} ({exc})", path=path)
        return report
    try:
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        report.schema = conn.execute("PRAGMA user_version").fetchone()[0]
        found = [row[0] for row in conn.execute("PRAGMA quick_check(1)")]
        if found != ["ok"]:
            report.problem = damaged(path, f"is damaged ({check_finding(found)})")
        elif newest_schema is not None and report.schema > newest_schema:
            report.problem = StoreError(f"{path} has schema {report.schema}, newer than this briefbot"
                                        f" ({newest_schema})", path=path)
    except sqlite3.Error as exc:
        report.problem = as_store_error(exc, path) or damaged(path, f"cannot be read ({exc})")
    finally:
        conn.close()
    return report


def in_use(path: Path) -> bool:
    """Whether another process has the file open through SQLite: in WAL mode every connection holds a read
    lock on byte 128 of the -shm file, and a lock on the database file's lock bytes while it reads.

    Call it with no connection to the file open in this process: closing the descriptor used here would drop
    this process's own SQLite locks on the file.
    """
    import fcntl  # POSIX only, like the locks SQLite takes

    for file, start, length in ((sidecar(path, "-shm"), 128, 1), (path, 0x40000000, 512)):
        try:
            fd = os.open(file, os.O_RDWR)
        except OSError:
            continue
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, length, start)
        except OSError:
            return True
        else:
            fcntl.lockf(fd, fcntl.LOCK_UN, length, start)
        finally:
            os.close(fd)
    return False
