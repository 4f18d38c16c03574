"""Quick reads run on the event loop's thread, and never block it: a read SQLite cannot start at once waits
in the pool instead; the store picks which reads may run here."""

from __future__ import annotations

import asyncio
import sqlite3
import threading

from bot.core.store import Store, queries
from bot.core.store import database as database_module
from bot.core.store.reader import ReadPool
from tests.conftest import copy_database


async def test_a_read_that_cannot_start_waits_in_the_pool_not_on_the_event_loop(tmp_path):
    path = tmp_path / "plain.sqlite3"  # no WAL: a writer's exclusive lock keeps readers out
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.execute("INSERT INTO t VALUES (41)")
    pool = ReadPool(str(path), uri=False, size=1, pragmas=("busy_timeout = 5000",))
    pool.open()
    writer = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    writer.execute("BEGIN EXCLUSIVE")
    writer.execute("UPDATE t SET x = 42")
    ticks = 0

    async def ticking() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    ticker = asyncio.create_task(ticking())
    threading.Timer(0.3, lambda: writer.execute("COMMIT")).start()
    try:
        assert await pool.run_here(lambda conn: conn.execute("SELECT x FROM t").fetchone()[0]) == 42
    finally:
        ticker.cancel()
        await pool.close()
        writer.close()
    assert ticks >= 10  # the loop kept running while the read waited for the lock


async def test_lookup_reads_run_here_on_a_small_index_and_in_the_pool_on_a_large_one(tmp_path, compiled_database,
                                                                                      monkeypatch):
    threads: list[str] = []
    real_rows = queries.rows

    def rows(conn, sql, params=()):
        threads.append(threading.current_thread().name)
        return real_rows(conn, sql, params)

    monkeypatch.setattr(queries, "rows", rows)
    monkeypatch.setattr(database_module, "LOOKUP_READS", database_module.LOOKUP_READS | {rows})
    async with Store(copy_database(compiled_database, tmp_path)) as store:
        _, claims = await store.search_state()
        assert 0 < claims <= database_module.SMALL_INDEX
        await store.latest_publication()
        monkeypatch.setattr(database_module, "SMALL_INDEX", claims - 1)  # as if the index had grown past it
        await store.latest_publication()
        assert await store.claims_by_id([]) == []  # a primary-key read: here at any size
    assert threads[0] == threading.main_thread().name
    assert threads[1].startswith("briefbot-read")

