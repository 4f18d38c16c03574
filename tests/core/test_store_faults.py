"""A damaged, truncated or unreachable database file, and shutdown under load: one clear line, no hang, no crash.

Real files and real SQLite throughout: the damage is done to the bytes of a real compiled database.
"""

from __future__ import annotations

import asyncio
import io
import json
import os
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from bot.core.rebuild import RUNTIME_TABLES, rebuild
from bot.core.service import Core
from bot.core.store import Store
from bot.core.store import database as database_module
from bot.core.store.health import StoreError, diagnose, exit_on_store_failure, fail_cleanly
from bot.core.store.migrations import SCHEMA_VERSION
from bot.core.store.reader import ReadPool
from tests.conftest import copy_database

CLI = [sys.executable, "-c", "from bot.adapters.cli import app; app(prog_name='briefbot')"]


def lingering_threads(before: set[threading.Thread]) -> list[threading.Thread]:
    """Non-daemon threads started since `before` and still alive (each would keep the process from exiting)."""
    deadline = time.monotonic() + 2
    while True:
        left = [t for t in threading.enumerate() if t not in before and not t.daemon and t.is_alive()
                and not t.name.startswith("asyncio_")]  # the loop's own executor, shut down with the loop
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.01)


async def refused(path: Path) -> StoreError:
    store = Store(path)
    try:
        await store.open()
    except StoreError as exc:
        return exc
    finally:
        await store.close()
    raise AssertionError(f"{path} opened")


def root_page(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT rootpage FROM sqlite_schema WHERE name = ?", (table,)).fetchone()[0]


def spoil_page(path: Path, page: int) -> None:
    """Overwrite one page with bytes no b-tree page can hold."""
    with sqlite3.connect(path) as conn:
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    with path.open("r+b") as handle:
        handle.seek((page - 1) * size)
        handle.write(b"\xa5" * size)


async def a_database_with_runtime_state(folder: Path, compiled: Path, content) -> Path:
    """A compiled database with two servers' settings, digest history and three imported claims."""
    path = copy_database(compiled, folder)
    async with Store(path) as store:
        core = Core(store, content)
        await core.reload()
        out = io.StringIO()
        await core.export_claims("jsonl", out)
        records = []
        for number, line in enumerate(out.getvalue().splitlines()[:3]):
            record = json.loads(line)
            record["id"] = f"imported-{number}"
            record["speaker"], record["speaker_name"] = "visitor-one", "Visitor Núñez"
            record["article"] = record["appearances"][0]["article"] = "visiting-article"
            record["appearances"] = record["appearances"][:1]
            record["appearances"][0]["title"] = "A Visiting Article"
            records.append(record)
        lines = folder / "imports.jsonl"
        lines.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
        assert (await core.import_claims(lines)).counts.claims == 3
        await store.db.execute("INSERT INTO guild_settings (guild_id, digest_channel_id, timezone, digest_enabled)"
                               " VALUES (42, 7, 'America/Mexico_City', 1), (43, NULL, 'UTC', 0)")
        await store.db.execute("INSERT INTO digest_runs (guild_id, run_date, status) VALUES"
                               " (42, '2025-01-27', 'posted'), (42, '2025-01-28', 'posted')")
        await store.db.commit()
    assert not await asyncio.to_thread(os.path.exists, f"{path}-wal")  # checkpointed on close: all in the file
    return path


# --- opening a file that cannot be used ----------------------------------------------------------------


async def test_random_bytes_are_refused_at_once_with_no_thread_left(tmp_path):
    path = tmp_path / "g.db"
    path.write_bytes(os.urandom(1_000_000))
    before = set(threading.enumerate())
    started = time.monotonic()
    problem = await refused(path)
    assert time.monotonic() - started < 5
    assert problem.damaged and "not a SQLite database" in str(problem) and "briefbot db rebuild" in str(problem)
    assert "\n" not in str(problem) and str(path) in str(problem)
    assert isinstance(problem, RuntimeError)
    assert lingering_threads(before) == []


async def test_a_truncated_database_is_refused(tmp_path, compiled_database):
    path = copy_database(compiled_database, tmp_path)
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size // 2)
    before = set(threading.enumerate())
    problem = await refused(path)
    assert problem.damaged and "is damaged" in str(problem) and "briefbot db rebuild" in str(problem)
    assert lingering_threads(before) == []


async def test_a_damaged_page_in_the_middle_is_found_on_open(tmp_path, compiled_database):
    path = copy_database(compiled_database, tmp_path)
    spoil_page(path, root_page(path, "claims"))  # the header and the schema are intact
    started = time.monotonic()
    problem = await refused(path)
    assert problem.damaged and "is damaged" in str(problem)
    assert time.monotonic() - started < 5


async def test_a_folder_that_cannot_be_made_is_named(tmp_path):
    (tmp_path / "file.txt").write_text("not a folder")
    path = tmp_path / "file.txt" / "db.sqlite3"  # fails for root too
    before = set(threading.enumerate())
    problem = await refused(path)
    assert str(tmp_path / "file.txt") in str(problem) and "folder" in str(problem) and "\n" not in str(problem)
    assert not problem.damaged
    assert lingering_threads(before) == []


async def test_a_folder_given_as_the_database_is_named(tmp_path):
    problem = await refused(tmp_path)
    assert str(tmp_path) in str(problem) and "is a folder" in str(problem)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes in a read-only folder")
async def test_an_unwritable_folder_is_named(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        problem = await refused(folder / "db.sqlite3")
    finally:
        folder.chmod(0o700)
    assert str(folder) in str(problem) and "writ" in str(problem)


async def test_a_newer_schema_is_a_one_line_store_error(tmp_path):
    path = tmp_path / "future.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    before = set(threading.enumerate())
    problem = await refused(path)
    assert "newer" in str(problem) and "\n" not in str(problem) and not problem.damaged
    assert lingering_threads(before) == []


def test_fail_cleanly_says_one_line_and_exits_3(capsys):
    with pytest.raises(SystemExit) as exit_:
        fail_cleanly(StoreError("/x/db.sqlite3 is damaged (database disk image is malformed); rebuild it"))
    assert exit_.value.code == 3
    assert capsys.readouterr().err == "briefbot: /x/db.sqlite3 is damaged (database disk image is malformed); rebuild it\n"
    with pytest.raises(ValueError):
        fail_cleanly(ValueError("not about the database"))


async def test_damage_met_mid_command_also_ends_in_one_line(tmp_path, compiled_database, capsys):
    path = copy_database(compiled_database, tmp_path)
    spoil_page(path, root_page(path, "briefings"))
    with pytest.raises(SystemExit) as exit_:
        async with exit_on_store_failure():
            with sqlite3.connect(path) as conn:  # as a query would meet it, after a cheap open
                conn.execute("SELECT * FROM briefings").fetchall()
    assert exit_.value.code == 3
    err = capsys.readouterr().err
    assert err.startswith("briefbot: the database is damaged (database disk image is malformed)")
    assert err.count("\n") == 1
    with pytest.raises(KeyError):
        async with exit_on_store_failure():
            raise KeyError("other errors pass through")


def run_cli(args: list[str], database: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    env = os.environ | {"BRIEFBOT_DATABASE_PATH": str(database), "BRIEFBOT_LOG_FILE": ""}
    env.pop("DISCORD_TOKEN", None)
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)


def test_a_cli_command_on_random_bytes_says_one_line_and_exits(tmp_path):
    """Needs bot/adapters/startup.py to open the store inside exit_on_store_failure() (see health.py)."""
    path = tmp_path / "g.db"
    path.write_bytes(os.urandom(1_000_000))
    done = run_cli([*CLI, "topics"], path)  # a hang fails here with TimeoutExpired
    assert done.returncode not in (0, None)
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("briefbot: ")
    assert "briefbot db rebuild" in done.stderr


def test_python_m_bot_on_random_bytes_exits_without_a_traceback(tmp_path):
    """`python -m bot` runs `briefbot run` (whatever follows it): the console without a token, here."""
    path = tmp_path / "g.db"
    path.write_bytes(os.urandom(1_000_000))
    done = run_cli([sys.executable, "-m", "bot", "topics"], path)
    assert done.returncode not in (0, None)
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("briefbot: ")


# --- briefbot db check / db rebuild ------------------------------------------------------------------------


def row_counts(path: Path, tables) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        present = {row[0] for row in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables if t in present}


async def test_rebuild_keeps_runtime_state_around_a_damaged_content_page(tmp_path, compiled_database, real_content):
    path = await a_database_with_runtime_state(tmp_path, compiled_database, real_content)
    before = await asyncio.to_thread(row_counts, path, RUNTIME_TABLES)
    spoil_page(path, root_page(path, "briefings"))
    assert diagnose(path, SCHEMA_VERSION).problem.damaged
    report = await rebuild(path)
    lines = report.lines()
    assert report.moved_to is not None and report.moved_to.exists() and ".damaged-" in report.moved_to.name
    assert "server settings (guild_settings): kept 2 rows" in lines
    assert "digest history (digest_runs): kept 2 rows" in lines
    assert "imported claims (with their speakers and articles): kept 3 claims" in lines
    for table, count in before.items():  # every runtime table of this schema, WITHOUT ROWID ones too
        assert f"{RUNTIME_TABLES[table]} ({table}): kept {count} row{'' if count == 1 else 's'}" + (
            " (there were none)" if not count else "") in lines
    assert any(line.startswith("content ") and "next start" in line for line in lines)
    assert diagnose(path, SCHEMA_VERSION).healthy
    async with Store(path) as store:
        core = Core(store, real_content)
        await core.reload()  # the next start: content compiled from the files
        async with store.db.execute("SELECT guild_id, digest_channel_id, timezone, digest_enabled FROM guild_settings"
                                    " ORDER BY guild_id") as cursor:
            assert [tuple(r) for r in await cursor.fetchall()] == [(42, 7, "America/Mexico_City", 1),
                                                                   (43, None, "UTC", 0)]
        counts = await store.counts()
        assert counts["digest_runs"] == 2 and counts["briefings"] >= 1
        answer = await core.who("Visitor Nunez")
        assert len(answer.claims) == 3  # imported claims are indexed again, found by search
    assert not list(tmp_path.glob("*.imported.jsonl"))


async def test_rebuild_of_a_truncated_file_reports_each_table(tmp_path, compiled_database, real_content):
    path = await a_database_with_runtime_state(tmp_path, compiled_database, real_content)
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size * 2 // 3)
    report = await rebuild(path)
    kept = {item.what.split(" (")[0]: item for item in report.kept}
    assert {"server settings", "digest history", "imported claims"} <= set(kept)
    for item in kept.values():
        assert item.line().startswith(item.what + ": ")
    async with Store(path) as store:
        counts = await store.counts()
        assert counts["guild_settings"] == kept["server settings"].kept
        assert counts["digest_runs"] == kept["digest history"].kept
        async with store.db.execute("SELECT count(*) FROM claims WHERE origin = 'import'") as cursor:
            assert (await cursor.fetchone())[0] == kept["imported claims"].kept
    # The runtime tables were made by the first migration, near the start of the file: they survive.
    assert kept["server settings"].kept == 2 and kept["server settings"].reason is None


async def test_rebuild_leaves_a_healthy_file_alone_unless_forced(tmp_path, compiled_database):
    path = copy_database(compiled_database, tmp_path)
    before = path.read_bytes()
    report = await rebuild(path)
    assert report.moved_to is None and "healthy" in report.lines()[0]
    assert path.read_bytes() == before
    forced = await rebuild(path, force=True)
    assert forced.moved_to is not None and diagnose(path, SCHEMA_VERSION).healthy


def test_rebuild_refuses_a_file_another_process_has_open(tmp_path, compiled_database):
    path = copy_database(compiled_database, tmp_path)
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sqlite3, sys, time
        conn = sqlite3.connect({str(path)!r})
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("SELECT count(*) FROM claims").fetchone()
        print("open", flush=True)
        sys.stdin.read()
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match="open in another process"):
            asyncio.run(rebuild(path, force=True))
        assert path.exists()
    finally:
        holder.communicate("", timeout=30)


def test_db_commands_on_a_damaged_file(tmp_path):
    path = tmp_path / "g.db"
    path.write_bytes(os.urandom(300_000))
    check = run_cli([*CLI, "db", "check"], path)
    assert check.returncode == 1 and "not a SQLite database" in check.stderr and "Traceback" not in check.stderr
    asked = run_cli([*CLI, "db", "rebuild"], path)  # no terminal to ask on
    assert asked.returncode == 2 and path.read_bytes()[:16] != b"SQLite format 3\x00"
    done = run_cli([*CLI, "db", "rebuild", "--yes"], path)
    assert done.returncode == 0, done.stderr
    out = done.stdout.splitlines()
    assert "briefbot db: server settings (guild_settings): lost (file is not a database)" in out
    assert any("moved the old file to" in line for line in out)
    assert run_cli([*CLI, "db", "check"], path).returncode == 0
    again = run_cli([*CLI, "db", "rebuild", "--yes"], path)
    assert again.returncode == 0 and "nothing to do" in again.stdout


# --- closing under load ----------------------------------------------------------------------------------


async def test_close_waits_for_a_running_read_and_refuses_new_ones(tmp_path):
    started, release = threading.Event(), threading.Event()

    def held(conn):
        started.set()
        release.wait(10)
        return conn.execute("SELECT count(*) FROM meta").fetchone()[0]

    before = set(threading.enumerate())
    store = Store(tmp_path / "db.sqlite3")
    await store.open()
    reading = asyncio.create_task(store.read(held))
    assert await asyncio.to_thread(started.wait, 5)
    closing = asyncio.create_task(store.close())
    await asyncio.sleep(0.1)
    assert not closing.done()  # the read's thread still uses its connection
    with pytest.raises(StoreError, match="store is closed"):
        await store.read(lambda conn: 1)
    release.set()
    assert await reading >= 1  # the read in flight finishes normally
    await asyncio.wait_for(closing, 10)
    with pytest.raises(StoreError, match="store is closed"):
        await store.read(lambda conn: 1)
    await store.close()  # twice: nothing happens
    assert lingering_threads(before) == []


async def test_a_caller_waiting_for_a_connection_gets_the_clean_error_at_close(tmp_path):
    """The crash of issue 11: a waiting caller was handed a connection close() was closing."""
    release = threading.Event()
    running = threading.Semaphore(0)

    def held(conn):
        running.release()
        release.wait(10)
        conn.execute("SELECT 1").fetchone()
        return "done"

    async with Store(tmp_path / "db.sqlite3") as store:
        holders = [asyncio.create_task(store.read(held)) for _ in range(database_module.READERS)]
        for _ in holders:
            assert await asyncio.to_thread(running.acquire, True, 5)
        waiting = asyncio.create_task(store.read(held))  # no free connection: it waits
        await asyncio.sleep(0.05)
        closing = asyncio.create_task(store.close())
        with pytest.raises(StoreError, match="store is closed"):
            await asyncio.wait_for(waiting, 5)
        release.set()
        assert [await h for h in holders] == ["done"] * database_module.READERS
        await asyncio.wait_for(closing, 10)


async def test_a_read_that_does_not_finish_is_interrupted_at_close(tmp_path):
    path = tmp_path / "db.sqlite3"
    sqlite3.connect(path).close()
    pool = ReadPool(str(path), uri=False, size=1)
    pool.open()
    endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
    reading = asyncio.create_task(pool.run(lambda conn: conn.execute(endless).fetchone()))
    await asyncio.sleep(0.2)
    started = time.monotonic()
    await pool.close(wait=0.2)
    assert time.monotonic() - started < 3
    with pytest.raises(sqlite3.OperationalError, match="interrupted"):
        await reading
    with pytest.raises(StoreError, match="store is closed"):
        await pool.run(lambda conn: 1)


async def test_close_during_a_burst_of_reads(tmp_path, compiled_database):
    """Many lookups in flight and queued when close() comes: each answers or gets StoreError; nothing crashes."""
    path = copy_database(compiled_database, tmp_path)

    def lookup(conn, n):
        return conn.execute("SELECT count(*) FROM claims WHERE said_sort >= ?", (f"20{n % 25:02d}",)).fetchone()[0]

    for round_ in range(15):
        store = Store(path)
        await store.open()
        burst = [asyncio.create_task(store.read(lookup, n)) for n in range(60)]
        await asyncio.sleep(0.0005 * round_)
        await store.close()
        results = await asyncio.gather(*burst, return_exceptions=True)
        assert all(isinstance(r, int) or (isinstance(r, StoreError) and "closed" in str(r)) for r in results), {
            type(r) for r in results}
