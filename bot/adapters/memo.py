"""Remember what was made from an object, by the object's identity.

The core hands out the same answer object to everyone while the content is unchanged (a briefing's answer
is kept per content generation), so the reply rendered from it, and the Discord embeds built from that
reply, can be made once and shared. Keyed by identity, not equality: answers are large, and the same
object is exactly the case that repeats. The object is held with its result, so its id is never reused
while remembered.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class SameObjectMemo(Generic[K, V]):
    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._items: OrderedDict[int, tuple[K, V]] = OrderedDict()

    def get(self, key: K, make: Callable[[K], V]) -> V:
        kept = self._items.get(id(key))
        if kept is not None and kept[0] is key:
            self._items.move_to_end(id(key))
            return kept[1]
        value = make(key)
        self._items[id(key)] = (key, value)
        while len(self._items) > self.size:
            self._items.popitem(last=False)
        return value
