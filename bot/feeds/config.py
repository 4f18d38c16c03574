"""How the poller behaves: built from the settings by the adapters (this layer never reads settings)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import Any


def user_agent() -> str:
    """Sites see who fetches: briefbot, its version, and what it is for."""
    try:
        number = version("briefbot")
    except PackageNotFoundError:
        number = "dev"
    return f"briefbot/{number} (RSS/Atom reader of the briefbot Discord bot: who said what, and when)"


@dataclass(frozen=True)
class FeedConfig:
    poll_every: dt.timedelta = dt.timedelta(minutes=15)
    timeout: float = 20.0  # seconds for one whole fetch (connect, headers, body)
    max_bytes: int = 5 * 2**20  # a feed or page larger than this is refused, reading stops there
    concurrency: int = 8  # feeds fetched at once; one slow site holds one slot, not the poll
    pause_after: int = 5  # failures in a row before a feed is paused
    first_poll_window: dt.timedelta = dt.timedelta(hours=24)  # a new feed's older items are known, not taken
    max_backoff: dt.timedelta = dt.timedelta(hours=6)
    max_redirects: int = 3
    user_agent: str = ""

    @classmethod
    def from_settings(cls, settings: Any) -> FeedConfig:
        return cls(
            poll_every=dt.timedelta(minutes=settings.feeds_poll_minutes),
            timeout=settings.feeds_timeout_seconds,
            max_bytes=settings.feeds_max_bytes,
            concurrency=settings.feeds_concurrency,
            pause_after=settings.feeds_pause_after_failures,
            first_poll_window=dt.timedelta(hours=settings.feeds_first_poll_hours),
            user_agent=user_agent(),
        )

    @property
    def agent(self) -> str:
        return self.user_agent or user_agent()
