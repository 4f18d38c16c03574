"""The feed tables: a feed per address, items taken once (by key, by link in any feed, by content hash)."""

from __future__ import annotations

import pytest

from bot.core.store.migrations import MIGRATIONS, SCHEMA_VERSION


async def test_the_migration_makes_the_feed_tables(store):
    assert await store.schema_version() == SCHEMA_VERSION == len(MIGRATIONS)
    tables = {r[0] for r in await store.read(lambda c: c.execute("SELECT name FROM sqlite_master").fetchall())}
    assert {"feeds", "feed_items"} <= tables


async def test_one_feed_per_address(store):
    first = await store.add_feed("https://example.com/rss", ("tariffs",), "2026-01-01T00:00:00Z")
    assert first.topics == ("tariffs",) and first.next_poll_at is None  # due at once
    assert await store.add_feed("https://example.com/rss", (), "2026-01-02T00:00:00Z") is None
    assert [f.id for f in await store.due_feeds("2026-01-01T00:00:00Z")] == [first.id]


async def test_items_are_known_by_key_link_and_hash_even_after_the_feed_goes(store):
    one = (await store.add_feed("https://a.example/rss", (), "t")).id
    two = (await store.add_feed("https://b.example/rss", (), "t")).id
    assert await store.note_feed_items(one, [("g1", "https://a.example/1", "hash1")], "t") == 1
    assert await store.note_feed_items(one, [("g1", "https://a.example/1", "hash1")], "t") == 0
    items = [("g1", "https://a.example/9"), ("g2", "https://a.example/1"), ("g3", "https://a.example/3")]
    assert await store.unseen_items(one, items) == ["g3"]  # g1 by key, g2 by its link
    assert await store.unseen_items(two, items) == ["g1", "g3"]  # another feed: keys are its own, links shared
    assert await store.content_taken("hash1") and not await store.content_taken("hash2")
    assert (await store.feed(one)).items_seen == 1
    assert await store.remove_feed(one) and not await store.remove_feed(one)
    assert await store.unseen_items(two, [("x", "https://a.example/1")]) == []


async def test_only_polling_state_can_be_saved(store):
    feed = await store.add_feed("https://a.example/rss", (), "t")
    await store.save_feed_state(feed.id, etag='"v1"', errors_in_a_row=2)
    assert (await store.feed(feed.id)).etag == '"v1"'
    with pytest.raises(ValueError):
        await store.save_feed_state(feed.id, url="https://evil.example")
