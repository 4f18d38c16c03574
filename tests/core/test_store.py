"""The SQLite file: migrations keep user data, content recompiles only when it changed."""

import sqlite3

from bot.store import Store
from bot.store import database as database_module
from bot.store.migrations import MIGRATIONS, SCHEMA_VERSION


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
        await store.sync_content(content_copy.data_dir, content_copy.briefings_dir)
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
        first = await store.sync_content(content_copy.data_dir, content_copy.briefings_dir)
        assert first.compiled
        again = await store.sync_content(content_copy.data_dir, content_copy.briefings_dir)
        assert not again.compiled and again.content_hash == first.content_hash
        briefing = content_copy.briefings_dir / "tariffs.md"
        briefing.write_text(briefing.read_text().replace("title: Tariffs", "title: Tariffs and duties", 1))
        changed = await store.sync_content(content_copy.data_dir, content_copy.briefings_dir)
        assert changed.compiled
        assert (await store.briefing("tariffs")).title == "Tariffs and duties"


async def test_runtime_state_survives_a_recompile(tmp_path, content_copy):
    async with Store(tmp_path / "db.sqlite3") as store:
        await store.sync_content(content_copy.data_dir, content_copy.briefings_dir)
        await store.db.execute("INSERT INTO guild_settings (guild_id, timezone) VALUES (9, 'America/Mexico_City')")
        await store.db.commit()
        await store.sync_content(content_copy.data_dir, content_copy.briefings_dir, force=True)
        assert (await store.counts())["guild_settings"] == 1


async def test_a_removed_briefing_disappears_after_recompile(tmp_path, content_copy):
    async with Store(tmp_path / "db.sqlite3") as store:
        await store.sync_content(content_copy.data_dir, content_copy.briefings_dir)
        before = {b.slug for b in await store.briefings()}
        victim = sorted(before)[0]
        (content_copy.briefings_dir / f"{victim}.md").unlink()
        await store.sync_content(content_copy.data_dir, content_copy.briefings_dir)
        assert {b.slug for b in await store.briefings()} == before - {victim}
