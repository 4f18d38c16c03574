"""The store: the only module that speaks SQL. One SQLite file holds compiled content and runtime state."""

from bot.core.store.database import CompileReport, Store

__all__ = ["CompileReport", "Store"]
