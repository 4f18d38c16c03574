"""The SQLite file: migrations keep user data, content recompiles only when it changed."""

import sqlite3

from bot.core.service import Core
from bot.core.store import Store
from bot.core.store import database as database_module
from bot.core.store.migrations import MIGRATIONS, SCHEMA_VERSION


async def test_new_file_gets_the_current_schema_with_wal_and_foreign_keys(tmp_path):
    async with Store(tmp_path / "fresh.sqlite3") as store:
        assert await store.schema_version() == SCHEMA_VERSION
        async with store.db.execute("PRAGMA journal_mode") as cursor:
            assert (await cursor.fetchone())[0] == "wal"
        async with store.db.execute("PRAGMA foreign_keys") as cursor:
            assert (await cursor.fetchone())[0] == 1


async def test_migration_on_an_existing_database_keeps_its_data(tmp_path, monkeypatch, content_copy):
    path = tmp_path / "old.sqlite3"
    async with Store(path) as store:
        await Core(store, content_copy).reload()
        await store.db.execute("INSERT INTO guild_settings (guild_id, digest_channel_id, timezone) VALUES (42, 7, 'UTC')")
        await store.db.execute("INSERT INTO digest_runs (guild_id, run_date, status) VALUES (42, '2025-01-28', 'posted')")
        await store.db.commit()
    newer = [*MIGRATIONS, "ALTER TABLE guild_settings ADD COLUMN language TEXT NOT NULL DEFAULT 'en'"]
    monkeypatch.setattr(database_module, "MIGRATIONS", newer)
    monkeypatch.setattr(database_module, "SCHEMA_VERSION", len(newer))
    async with Store(path) as store:
        assert await store.schema_version() == len(newer)
        async with store.db.execute("SELECT guild_id, digest_channel_id, language FROM guild_settings") as cursor:
            assert [tuple(row) for row in await cursor.fetchall()] == [(42, 7, "en")]
        assert (await store.counts())["digest_runs"] == 1
        assert (await store.counts())["briefings"] >= 1


async def test_a_database_newer_than_the_code_is_refused(tmp_path):
    path = tmp_path / "future.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    store = Store(path)
    try:
        await store.open()
    except RuntimeError as exc:
        assert "newer" in str(exc)
    else:
        raise AssertionError("opened a database from the future")
    finally:
        await store.close()


async def test_content_recompiles_only_when_files_change(tmp_path, content_copy):
    async with Store(tmp_path / "db.sqlite3") as store:
        first = await Core(store, content_copy).reload()
        assert first.compiled
        again = await Core(store, content_copy).reload()
        assert not again.compiled and again.content_hash == first.content_hash
        briefing = content_copy.briefings_dir / "tariffs.md"
        briefing.write_text(briefing.read_text().replace("title: Tariffs", "title: Tariffs and duties", 1))
        changed = await Core(store, content_copy).reload()
        assert changed.compiled
        assert (await store.briefing("tariffs")).title == "Tariffs and duties"


async def test_runtime_state_survives_a_recompile(tmp_path, content_copy):
    async with Store(tmp_path / "db.sqlite3") as store:
        await Core(store, content_copy).reload()
        await store.db.execute("INSERT INTO guild_settings (guild_id, timezone) VALUES (9, 'America/Mexico_City')")
        await store.db.commit()
        await Core(store, content_copy).reload(force=True)
        assert (await store.counts())["guild_settings"] == 1


async def test_a_removed_briefing_disappears_after_recompile(tmp_path, content_copy):
    async with Store(tmp_path / "db.sqlite3") as store:
        await Core(store, content_copy).reload()
        before = {b.slug for b in await store.briefings()}
        victim = sorted(before)[0]
        (content_copy.briefings_dir / f"{victim}.md").unlink()
        await Core(store, content_copy).reload()
        assert {b.slug for b in await store.briefings()} == before - {victim}


async def test_readers_see_what_the_writer_committed_and_never_write(tmp_path):
    async with Store(tmp_path / "pool.sqlite3") as store:
        await store.db.execute("INSERT INTO meta VALUES ('probe', 'one')")
        await store.db.commit()
        read = await store.read(lambda conn: conn.execute("SELECT value FROM meta WHERE key = 'probe'").fetchone()[0])
        assert read == "one"
        try:
            await store.read(lambda conn: conn.execute("DELETE FROM meta"))
        except sqlite3.OperationalError as error:
            assert "readonly" in str(error) or "read-only" in str(error)
        else:
            raise AssertionError("a read connection wrote")
        assert await store.meta("probe") == "one"


async def test_a_cancelled_read_does_not_hand_its_busy_connection_to_the_next(tmp_path):
    import asyncio
    import threading

    release = threading.Event()
    users: set[int] = set()
    overlap: list[int] = []

    def slow(conn):
        if id(conn) in users:
            overlap.append(id(conn))
        users.add(id(conn))
        release.wait(5)
        users.discard(id(conn))
        return id(conn)

    async with Store(tmp_path / "pool.sqlite3") as store:
        first = [asyncio.create_task(store.read(slow)) for _ in range(database_module.READERS)]
        await asyncio.sleep(0.05)
        for task in first:
            task.cancel()  # the callers give up; their threads still hold the connections
        waiting = asyncio.create_task(store.read(slow))
        await asyncio.sleep(0.05)
        assert not waiting.done()  # no free connection until a thread finishes
        release.set()
        assert await waiting in {id(c) for c in store._reader._all}
    assert overlap == []


async def test_the_memory_database_is_shared_with_its_readers():
    async with Store(":memory:") as store:
        await store.db.execute("INSERT INTO meta VALUES ('probe', 'mem')")
        await store.db.commit()
        assert await store.read(lambda conn: conn.execute("SELECT value FROM meta WHERE key='probe'").fetchone()[0]) == "mem"


async def test_a_new_compiler_indexes_the_imported_claims_again(tmp_path, content_copy, monkeypatch):
    from bot.core.analysis import index_docs
    from bot.core.models import NotFound
    from tests.reliability.processes import claim_lines

    (tmp_path / "quokkas.jsonl").write_text(claim_lines("one", 3))
    path = tmp_path / "db.sqlite3"
    real_terms = index_docs.claim_terms
    with monkeypatch.context() as older:  # the version before: another compiler, another analysis of the words
        older.setattr(database_module, "COMPILER_VERSION", "older")
        older.setattr(index_docs, "claim_terms", lambda claim: [word[::-1] for word in real_terms(claim)])
        async with Store(path) as store:
            core = Core(store, content_copy)
            await core.reload()
            assert (await core.import_claims(tmp_path / "quokkas.jsonl")).counts.claims == 3
            assert isinstance(await core.search("quokka crossing at Zanzibar Point"), NotFound)
    async with Store(path) as store:  # this version: the content recompiles, and the imported claims are indexed again
        core = Core(store, content_copy)
        assert (await core.reload()).compiled
        answer = await core.search("quokka crossing at Zanzibar Point")
        assert not isinstance(answer, NotFound)
        assert {hit.view.claim.id for hit in answer.hits} == {"zq-one-0", "zq-one-1", "zq-one-2"}
        assert not (await core.reload()).compiled  # once: the next start finds the index current
