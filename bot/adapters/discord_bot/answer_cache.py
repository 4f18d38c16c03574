"""Recent answers by question, so a burst of people asking the same thing costs one lookup.

Discord traffic comes in bursts around the news: dozens ask `/brief tariffs` within the same second, and
autocomplete asks again on every keystroke. The same question on the same content gets the same answer,
so the bot keeps recent ones (keyed by the exact command and text, so even the echoed query is the same)
and shares one computation between everyone asking at the same moment. Answers belong to one content
generation (`follow`): when the store's content changes, whoever changed it (`/admin reload`, or
`briefbot import` in another process), the old answers go. The time-to-live is a backstop.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from typing import Any


class AnswerCache:
    def __init__(self, size: int = 512, ttl: float = 3600.0, lookups_at_once: int = 4) -> None:
        self.size = size
        self.ttl = ttl
        # The store answers one query at a time (one SQLite connection, one thread): more lookups at once
        # only hold more half-built answers in memory and finish all of them later. Waiting ones queue FIFO.
        self._lookups = asyncio.Semaphore(lookups_at_once)
        self._items: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._pending: dict[Hashable, asyncio.Task[Any]] = {}
        self._generation = 0  # bumped by clear(): a lookup that started before must not store its answer
        self.content: str | None = None  # the store's content generation these answers come from
        self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._items)

    def peek(self, key: Hashable) -> Any | None:
        item = self._items.get(key)
        if item is None or time.monotonic() - item[0] > self.ttl:
            return None
        self._items.move_to_end(key)
        self.hits += 1
        return item[1]

    def compute(self, key: Hashable, make: Callable[[], Awaitable[Any]]) -> asyncio.Task[Any]:
        """The task answering `key`, shared by everyone who asks while it runs. Await it through
        asyncio.shield: one asker giving up must not cancel it for the others."""
        task = self._pending.get(key)
        if task is None:
            self.misses += 1
            task = asyncio.ensure_future(self._fill(key, make, self._generation))
            task.add_done_callback(observed)
            self._pending[key] = task
        return task

    def follow(self, content: str) -> None:
        """Keep only answers from this content generation."""
        if content != self.content:
            if self.content is not None:
                self.clear()
            self.content = content

    def clear(self) -> None:
        self._generation += 1
        self._items.clear()

    async def _fill(self, key: Hashable, make: Callable[[], Awaitable[Any]], generation: int) -> Any:
        try:
            async with self._lookups:
                value = await make()
        finally:
            self._pending.pop(key, None)
        if generation == self._generation:  # errors are never stored: the next asker tries afresh
            self._items[key] = (time.monotonic(), value)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


def observed(task: asyncio.Task[Any]) -> None:
    # Every asker may have given up (their interaction expired); asyncio would then log the error as
    # "never retrieved". The askers that remain get it through their own await.
    if not task.cancelled():
        task.exception()
