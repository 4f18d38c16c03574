"""The store: the only module that speaks SQL. One SQLite file holds compiled content and runtime state."""

from bot.core.store.database import CompileReport, Store
from bot.core.store.health import StoreError
from bot.core.store.search_reads import IndexReader

__all__ = ["CompileReport", "IndexReader", "Store", "StoreError"]
