"""What adapters above the store (cogs) use to tell a database error from a bug, without naming the store."""

from __future__ import annotations

from bot.core.store.health import StoreError, database_problem

__all__ = ["StoreError", "database_problem"]
