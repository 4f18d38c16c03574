"""Issue 11, item 5: two writers. A second `briefbot import` waits its turn (BEGIN IMMEDIATE, a busy
timeout of BRIEFBOT_WRITE_WAIT_SECONDS) or says so in one line; nothing is half-loaded. In the bot,
/admin reload while another process writes answers a clear line, not "Something went wrong"."""

from __future__ import annotations

import asyncio
import sqlite3
import threading

from bot.core.service import Core
from bot.core.store import Store
from bot.core.store.health import StoreError
from tests.adapters.helpers import answered, ask, text_of
from tests.conftest import copy_database
from tests.discord_standin import payloads
from tests.reliability.processes import briefbot_cli, claim_lines, imported_claims


def hold_write_lock(path, seconds: float, release: threading.Event | None = None) -> threading.Thread:
    """Another process's writer, as SQLite sees it: a connection holding the write lock for `seconds` (or
    until `release` is set)."""
    started = threading.Event()

    def hold() -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        started.set()
        (release or threading.Event()).wait(seconds)
        conn.execute("COMMIT")
        conn.close()

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    assert started.wait(5)
    return thread


async def test_two_imports_in_two_processes_both_load_everything(compiled_database, tmp_path):
    database = copy_database(compiled_database, tmp_path)
    for tag in ("one", "two"):
        (tmp_path / f"{tag}.jsonl").write_text(claim_lines(tag, 400))
    results = await asyncio.gather(*(briefbot_cli(tmp_path, "import", f"{tag}.jsonl") for tag in ("one", "two")))
    for status, _, err in results:
        assert status == 0, err
        assert "Traceback" not in err and "locked" not in err
    assert imported_claims(database) == 800


async def test_an_import_waits_for_another_writer_then_loads(compiled_database, tmp_path, real_content):
    database = copy_database(compiled_database, tmp_path)
    (tmp_path / "one.jsonl").write_text(claim_lines("one", 50))
    async with Store(database, write_wait=10) as store:
        holder = hold_write_lock(database, 0.8)  # longer than SQLite's 0 default, shorter than our wait
        report = await Core(store, real_content).import_claims(tmp_path / "one.jsonl")
        holder.join()
    assert report.counts.claims == 50
    assert imported_claims(database) == 50


async def test_an_import_that_cannot_get_its_turn_is_one_line_and_loads_nothing(compiled_database, tmp_path):
    database = copy_database(compiled_database, tmp_path)
    (tmp_path / "one.jsonl").write_text(claim_lines("one", 50))
    release = threading.Event()
    holder = hold_write_lock(database, 30, release)  # held until the import has given up
    try:
        status, _, err = await briefbot_cli(tmp_path, "import", "one.jsonl", BRIEFBOT_WRITE_WAIT_SECONDS="0.5")
    finally:
        release.set()
    holder.join()
    assert status == 3
    assert err.count("\n") == 1 and err.startswith("briefbot: ") and "busy" in err and "try again" in err, err
    assert imported_claims(database) == 0


async def test_a_store_write_past_the_wait_is_a_store_error_marked_busy(compiled_database, tmp_path, real_content):
    database = copy_database(compiled_database, tmp_path)
    (tmp_path / "one.jsonl").write_text(claim_lines("one", 5))
    async with Store(database, write_wait=0.2) as store:
        release = threading.Event()
        holder = hold_write_lock(database, 30, release)
        try:
            await Core(store, real_content).import_claims(tmp_path / "one.jsonl")
        except StoreError as exc:
            assert exc.busy
        else:
            raise AssertionError("the import did not wait for, or notice, the other writer")
        finally:
            release.set()
        holder.join()
    assert imported_claims(database) == 0


async def test_admin_reload_while_another_process_writes_says_so(briefbot_factory, tmp_path, content_copy):
    standin, bot = await briefbot_factory(write_wait_seconds=0.3, data_dir=content_copy.data_dir,
                                          briefings_dir=content_copy.briefings_dir)
    topic = next(content_copy.briefings_dir.glob("*.md"))
    topic.write_text(topic.read_text() + "\nOne more line.\n")  # the reload has something to compile
    release = threading.Event()
    holder = hold_write_lock(bot.core.store.path, 20, release)
    try:
        record, response = await ask(standin, "admin", subcommand="reload", user=payloads.ADMIN)
        text = text_of(await answered(record))
    finally:
        release.set()
    holder.join()
    assert "Another process is writing" in text and "Something went wrong" not in text
    record, _ = await ask(standin, "admin", subcommand="reload", user=payloads.ADMIN)
    assert "Recompiled" in text_of(await answered(record))  # its turn came: the same reload now works
    standin.assert_clean()
