"""Feed state: the feeds, their polling state (ETag, backoff, pause), and every item ever taken.

An item is taken once: by its key (GUID, else link) in its feed, by its link in any feed, and by its article
text's hash in any feed (the same wire story in two feeds). Writes hold the write lock and commit at once.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from bot.core.feeds import Feed
from bot.core.models import Article
from bot.core.store.queries import rows
from bot.core.store.search_index import index_articles

if TYPE_CHECKING:
    import aiosqlite

FEED_COLUMNS = ("id, url, title, topics, added_at, etag, last_modified, last_poll, last_new_item, items_seen,"
                " claims_added, errors_in_a_row, paused_reason, next_poll_at, last_error")
# What a poll may change (save_feed_state); anything else is not a feed's polling state.
STATE_FIELDS = frozenset({"title", "etag", "last_modified", "last_poll", "last_new_item", "errors_in_a_row",
                          "paused_reason", "next_poll_at", "last_error"})


def _feed(row: sqlite3.Row) -> Feed:
    return Feed(
        id=row["id"], url=row["url"], title=row["title"], topics=tuple(json.loads(row["topics"] or "[]")),
        added_at=row["added_at"], etag=row["etag"], last_modified=row["last_modified"], last_poll=row["last_poll"],
        last_new_item=row["last_new_item"], items_seen=row["items_seen"], claims_added=row["claims_added"],
        errors_in_a_row=row["errors_in_a_row"], paused_reason=row["paused_reason"],
        next_poll_at=row["next_poll_at"], last_error=row["last_error"],
    )


class FeedQueries:
    db: aiosqlite.Connection
    read: Callable
    write_lock: asyncio.Lock

    async def _feed_write(self, sql: str, params: Sequence = ()) -> int:
        async with self.write_lock:
            cursor = await self.db.execute(sql, params)
            await self.db.commit()
            return cursor.rowcount

    async def feeds(self) -> list[Feed]:
        return [_feed(r) for r in await self.read(rows, f"SELECT {FEED_COLUMNS} FROM feeds ORDER BY id", ())]

    async def feed(self, feed_id: int) -> Feed | None:
        found = await self.read(rows, f"SELECT {FEED_COLUMNS} FROM feeds WHERE id = ?", (feed_id,))
        return _feed(found[0]) if found else None

    async def feed_by_url(self, url: str) -> Feed | None:
        found = await self.read(rows, f"SELECT {FEED_COLUMNS} FROM feeds WHERE url = ?", (url,))
        return _feed(found[0]) if found else None

    async def due_feeds(self, now: str) -> list[Feed]:
        """Feeds not paused whose next poll is due (a new feed is due at once)."""
        found = await self.read(rows, f"SELECT {FEED_COLUMNS} FROM feeds WHERE paused_reason IS NULL"
                                      " AND (next_poll_at IS NULL OR next_poll_at <= ?) ORDER BY next_poll_at, id", (now,))
        return [_feed(r) for r in found]

    async def add_feed(self, url: str, topics: Sequence[str], added_at: str) -> Feed | None:
        """The new feed, or None when that URL is already a feed."""
        async with self.write_lock:
            cursor = await self.db.execute(
                "INSERT OR IGNORE INTO feeds (url, topics, added_at) VALUES (?, ?, ?)",
                (url, json.dumps(list(topics)), added_at),
            )
            await self.db.commit()
            added = cursor.rowcount == 1
        return await self.feed_by_url(url) if added else None

    async def remove_feed(self, feed_id: int) -> bool:
        """The feed goes; the items it brought stay known, so adding it again takes none of them twice."""
        return await self._feed_write("DELETE FROM feeds WHERE id = ?", (feed_id,)) == 1

    async def save_feed_state(self, feed_id: int, **state: object) -> None:
        unknown = set(state) - STATE_FIELDS
        if unknown:
            raise ValueError(f"not a feed's polling state: {sorted(unknown)}")
        if state:
            sets = ", ".join(f"{name} = ?" for name in state)
            await self._feed_write(f"UPDATE feeds SET {sets} WHERE id = ?", (*state.values(), feed_id))

    async def resume_feed(self, feed_id: int) -> bool:
        return await self._feed_write("UPDATE feeds SET paused_reason = NULL, errors_in_a_row = 0,"
                                      " next_poll_at = NULL WHERE id = ?", (feed_id,)) == 1

    async def unseen_items(self, feed_id: int, items: Sequence[tuple[str, str | None]]) -> list[str]:
        """Of (key, link) items, the keys this feed has not taken and whose link no feed has taken."""
        if not items:
            return []
        keys = [key for key, _ in items]
        links = [link for _, link in items if link]
        known = {r[0] for r in await self.read(
            rows, f"SELECT item_key FROM feed_items WHERE feed_id = ? AND item_key IN ({','.join('?' * len(keys))})",
            (feed_id, *keys))}
        linked = {r[0] for r in await self.read(
            rows, f"SELECT link FROM feed_items WHERE link IN ({','.join('?' * len(links))})", tuple(links))
        } if links else set()
        return [key for key, link in dict.fromkeys(items) if key not in known and link not in linked]

    async def link_taken(self, link: str) -> bool:
        return bool(await self.read(rows, "SELECT 1 FROM feed_items WHERE link = ? LIMIT 1", (link,)))

    async def content_taken(self, content_hash: str) -> bool:
        return bool(await self.read(rows, "SELECT 1 FROM feed_items WHERE content_hash = ? LIMIT 1",
                                    (content_hash,)))

    async def note_feed_items(self, feed_id: int, items: Sequence[tuple[str, str | None, str | None]],
                              seen_at: str) -> int:
        """(key, link, content hash) items as taken; returns how many were new to this feed."""
        if not items:
            return 0
        async with self.write_lock:
            before = self.db.total_changes
            await self.db.executemany(
                "INSERT OR IGNORE INTO feed_items (feed_id, item_key, link, content_hash, first_seen)"
                " VALUES (?, ?, ?, ?, ?)", [(feed_id, key, link, digest, seen_at) for key, link, digest in items])
            added = self.db.total_changes - before
            await self.db.execute("UPDATE feeds SET items_seen = items_seen + ? WHERE id = ?", (added, feed_id))
            await self.db.commit()
        return added

    async def count_feed_claims(self, feed_id: int, claims: int) -> None:
        if claims:
            await self._feed_write("UPDATE feeds SET claims_added = claims_added + ? WHERE id = ?", (claims, feed_id))

    async def store_feed_article(self, article: Article, body: str) -> bool:
        """An article and its text (so its passages exist) with no claims; False if that id was stored before."""
        async with self.write_lock:
            try:
                cursor = await self.db.execute(
                    "INSERT OR IGNORE INTO articles (id, title, file, author, outlet, kind, published, precision,"
                    " not_before, not_after, url, origin, body) VALUES (?,?,?,?,?,?,?,?,?,?,?,'feed',?)",
                    (article.id, article.title, article.file, article.author, article.outlet, article.kind,
                     article.published.iso(), article.precision, None, None, article.url, body),
                )
                stored = cursor.rowcount == 1
                if stored:
                    await index_articles(self.db, [article.id])
                await self.db.commit()
            except BaseException:
                await self.db.rollback()
                raise
        return stored
