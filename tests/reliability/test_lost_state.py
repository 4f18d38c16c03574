"""Issue 11, item 7: a deleted or replaced database is said loudly at start (what runtime state is gone),
and `briefbot db backup` / `briefbot db restore` keep and bring it back."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import subprocess
import sys

import pytest

from bot.adapters.startup import open_core
from bot.core.service import Core
from bot.core.store import Store
from bot.core.store.backup import backup, restore
from bot.core.store.health import StoreError
from bot.core.store.migrations import SCHEMA_VERSION
from bot.infra.settings import Settings
from tests.conftest import copy_database
from tests.reliability.processes import briefbot_cli, claim_lines, imported_claims

GUILD = 4242


def settings_for(database, real_content) -> Settings:
    return Settings(_env_file=None, database_path=database, data_dir=real_content.data_dir,
                    briefings_dir=real_content.briefings_dir, log_file=None)


async def with_runtime_state(database, real_content, tmp_path) -> None:
    """Two server settings, one digest run and 3 imported claims, as a running bot would leave them."""
    (tmp_path / "three.jsonl").write_text(claim_lines("three", 3))
    async with Store(database) as store:
        await Core(store, real_content).import_claims(tmp_path / "three.jsonl")
        async with store.write_lock:
            for guild in (GUILD, GUILD + 1):
                await store.db.execute("INSERT INTO guild_settings (guild_id, digest_time) VALUES (?, '08:00')", (guild,))
            await store.db.execute("INSERT INTO digest_runs (guild_id, run_date, status) VALUES (?, '2026-01-01', 'posted')",
                                   (GUILD,))
            await store.db.commit()


async def test_a_deleted_database_is_a_warning_naming_what_was_lost(compiled_database, tmp_path, real_content, caplog):
    database = copy_database(compiled_database, tmp_path)
    await with_runtime_state(database, real_content, tmp_path)
    for part in tmp_path.glob("briefbot.sqlite3*"):
        if not part.name.endswith(".state"):
            part.unlink()
    caplog.set_level(logging.WARNING)
    async with open_core(settings_for(database, real_content)):
        pass
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING and "different database" in r.getMessage()]
    assert len(warnings) == 1
    assert "2 server settings, 1 digest runs, 3 imported claims" in warnings[0]
    assert "\n" not in warnings[0]


async def test_the_same_database_reopened_says_nothing(compiled_database, tmp_path, real_content, caplog):
    database = copy_database(compiled_database, tmp_path)
    await with_runtime_state(database, real_content, tmp_path)
    caplog.set_level(logging.WARNING)
    async with open_core(settings_for(database, real_content)) as core:
        assert core.store.lost is None
    assert not [r for r in caplog.records if "different database" in r.getMessage()]


async def test_backup_while_writing_then_restore_brings_the_state_back(compiled_database, tmp_path, real_content):
    database = copy_database(compiled_database, tmp_path)
    await with_runtime_state(database, real_content, tmp_path)
    (tmp_path / "many.jsonl").write_text(claim_lines("many", 300))
    async with Store(database) as store:  # the bot is running and writing while the backup is taken
        importing = asyncio.create_task(Core(store, real_content).import_claims(tmp_path / "many.jsonl"))
        await asyncio.to_thread(backup, database, tmp_path / "copy.db")
        await importing
    copied = imported_claims(tmp_path / "copy.db")
    assert copied in (3, 303)  # before or after the import's one transaction, never half of it
    database.unlink()
    done = restore(tmp_path / "copy.db", database, SCHEMA_VERSION)
    assert done.kept_aside is None
    async with Store(database) as store:
        assert store.lost is None  # the sidecar's database is back
        assert (await store.digest_settings(GUILD)) is not None
    assert imported_claims(database) == copied


def test_restore_refuses_while_another_process_has_the_database_open(compiled_database, tmp_path):
    database = copy_database(compiled_database, tmp_path)
    backup(database, tmp_path / "copy.db")
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1]); c.execute('PRAGMA journal_mode = WAL');"
        " c.execute('SELECT count(*) FROM meta').fetchone(); print('open', flush=True); time.sleep(30)"),
        str(database)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match="another process"):
            restore(tmp_path / "copy.db", database, SCHEMA_VERSION)
    finally:
        holder.kill()
        holder.wait()
    done = restore(tmp_path / "copy.db", database, SCHEMA_VERSION)
    assert done.kept_aside is not None and done.kept_aside.exists()


@pytest.mark.parametrize("what", ["not-sqlite", "not-briefbot", "newer-schema"])
def test_restore_refuses_a_file_that_is_not_a_usable_backup(compiled_database, tmp_path, what):
    database = copy_database(compiled_database, tmp_path)
    candidate = tmp_path / "candidate.db"
    if what == "not-sqlite":
        candidate.write_bytes(b"hello" * 1000)
    else:
        conn = sqlite3.connect(candidate)
        conn.execute("CREATE TABLE meta (key TEXT)" if what == "not-briefbot" else "CREATE TABLE x (y)")
        if what == "newer-schema":
            for table in ("meta (key, value)", "claims (id)", "guild_settings (guild_id)"):
                conn.execute(f"CREATE TABLE {table}")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        conn.commit()
        conn.close()
    before = database.read_bytes()
    with pytest.raises(StoreError, match="not restoring"):
        restore(candidate, database, SCHEMA_VERSION)
    assert database.read_bytes() == before


async def test_db_backup_and_restore_from_the_command_line(compiled_database, tmp_path):
    copy_database(compiled_database, tmp_path)
    status, out, err = await briefbot_cli(tmp_path, "db", "backup", "saved.db")
    assert status == 0 and "backed up" in out, err
    status, out, err = await briefbot_cli(tmp_path, "db", "restore", "saved.db")
    assert status == 0 and "restored" in out and "replaced" in out, err
    status, _, err = await briefbot_cli(tmp_path, "db", "restore", "missing.db")
    assert status == 3 and err.count("\n") == 1 and "Traceback" not in err
