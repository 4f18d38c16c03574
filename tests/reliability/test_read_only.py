"""Issue 11, item 8: a read-only database must not stop the bot when nothing changed.

How it is simulated: these tests run as root, for whom chmod 0444 stops nothing, so the honest stand-in
is SQLite's own refusal: BRIEFBOT_DATABASE_READ_ONLY opens the file with `mode=ro` (every write fails with
SQLITE_READONLY, whoever runs the process), and `PRAGMA query_only` makes a writable store refuse writes
mid-session. Store.open also switches to mode=ro by itself for a file this (non-root) process may not write.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3

from bot.core.store import Store
from bot.core.store.health import StoreError
from tests.adapters.helpers import answered, ask
from tests.conftest import copy_database


def fingerprint(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def checkpointed(path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


async def test_the_bot_starts_and_answers_from_a_read_only_database_writing_nothing(briefbot_factory, compiled_database,
                                                                                       caplog):
    checkpointed(compiled_database)
    before = fingerprint(compiled_database)
    caplog.set_level(logging.WARNING)
    standin, bot = await briefbot_factory(database_read_only=True)
    database = bot.core.store.path
    assert bot.core.store.read_only
    record, _ = await ask(standin, "brief", {"topic": "tariffs"})
    assert (await answered(record))["embeds"][0]["title"] == "Tariffs"
    assert fingerprint(database) == before  # the command-sync record was not written...
    conn = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)
    assert conn.execute("SELECT count(*) FROM meta WHERE key LIKE 'command_tree:%'").fetchone()[0] == 0  # ...anywhere
    conn.close()
    assert any("read-only" in r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)
    standin.assert_clean()


async def test_an_incidental_write_refused_by_the_database_is_a_warning(compiled_database, tmp_path, caplog):
    async with Store(copy_database(compiled_database, tmp_path)) as store:
        await store.db.execute("PRAGMA query_only = ON")  # SQLite now refuses every write on this connection
        caplog.set_level(logging.WARNING)
        assert await store.remember("command_tree:test", "abc") is False
        assert any("not remembering command_tree:test" in r.getMessage() for r in caplog.records)
        assert await store.meta("command_tree:test") is None


async def test_remembering_what_is_already_stored_writes_nothing(compiled_database, tmp_path):
    async with Store(copy_database(compiled_database, tmp_path)) as store:
        assert await store.remember("command_tree:test", "abc")
        await store.db.execute("PRAGMA query_only = ON")
        assert await store.remember("command_tree:test", "abc")  # unchanged: no write was needed


async def test_a_read_only_store_refuses_a_real_write_with_one_line(compiled_database, tmp_path):
    async with Store(copy_database(compiled_database, tmp_path), read_only=True) as store:
        try:
            await store.begin_write()
        except StoreError as exc:
            assert exc.read_only and "read-only" in str(exc)
        else:
            raise AssertionError("a read-only store began a write")
