"""The layering in docs/architecture.md, kept by a test: every module's imports are checked against it.

Bottom to top: core (models, dates, analysis, content, store, search, service) < render < adapters < cogs;
infra (settings, logging) beside them, imported only by adapters. Imports inside functions and under
TYPE_CHECKING count too: a layer that names another depends on it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DISCORD = ("discord", "aiohttp")
SQL = ("sqlite3", "aiosqlite")
# bot.feeds (polling and fetching: network) sits beside the adapters: the core never names it
ADAPTERS_AND_UP = ("bot.render", "bot.adapters", "bot.infra", "cogs", "bot.feeds")

# module prefix -> import prefixes it must never name (the most specific prefix that matches decides)
RULES: dict[str, tuple[str, ...]] = {
    "bot.core": (*ADAPTERS_AND_UP, *DISCORD),
    "bot.core.models": ("bot.core.content", "bot.core.store", "bot.core.search", "bot.core.analysis",
                        "bot.core.service", "bot.core.interchange", *ADAPTERS_AND_UP, *DISCORD, *SQL),
    "bot.core.dates": ("bot.core.models", "bot.core.content", "bot.core.store", "bot.core.search",
                       *ADAPTERS_AND_UP, *DISCORD, *SQL),
    "bot.core.analysis": ("bot.core.content", "bot.core.store", "bot.core.search", "bot.core.service",
                          *ADAPTERS_AND_UP, *DISCORD, *SQL),
    "bot.core.content": ("bot.core.store", "bot.core.search", "bot.core.service", "bot.core.interchange",
                         *ADAPTERS_AND_UP, *DISCORD, *SQL),
    "bot.core.store": ("bot.core.search", "bot.core.content", "bot.core.service", "bot.core.interchange",
                       *ADAPTERS_AND_UP, *DISCORD),
    # extraction is pure: text in, claims out; it never reaches the store, the content files or the search
    "bot.core.extract": ("bot.core.store", "bot.core.content", "bot.core.search", "bot.core.service",
                         "bot.core.interchange", "bot.core.ingest", *ADAPTERS_AND_UP, *DISCORD, *SQL),
    # ingest orchestrates files, extraction and the store's ingest methods: never SQL, never the search
    "bot.core.ingest": ("bot.core.search", *ADAPTERS_AND_UP, *DISCORD, *SQL),
    "bot.core.search": ("bot.core.content", "bot.core.service", "bot.core.interchange", *ADAPTERS_AND_UP,
                        *DISCORD, *SQL),
    "bot.render": ("bot.adapters", "bot.infra", "cogs", "bot.feeds", "bot.core.store", "bot.core.content", *DISCORD,
                   *SQL),
    "bot.infra": ("bot.core", "bot.render", "bot.adapters", "cogs", "bot.feeds", *DISCORD, *SQL),
    # feeds: the core and aiohttp, never Discord, SQL, settings (the adapters build its FeedConfig) or words
    "bot.feeds": ("bot.render", "bot.adapters", "bot.infra", "cogs", "discord", *SQL),
    "bot.adapters": ("cogs", *SQL),
    "bot.adapters.commands": ("cogs", "bot.adapters.discord_bot", "bot.feeds", *DISCORD, *SQL),
    "bot.adapters.line_syntax": ("cogs", "bot.adapters.discord_bot", *DISCORD, *SQL),
    "bot.adapters.console": ("cogs", "bot.adapters.discord_bot", *DISCORD, *SQL),
    "cogs": ("bot.core.store", "bot.core.search", "bot.core.content", "bot.infra", "bot.feeds", *SQL),
}
# The search package reaches the store only through its public face (Store, IndexReader).
ONLY_PUBLIC = {"bot.core.search": ("bot.core.store.",)}
SQL_TEXT = re.compile(r"\.execute(many|script)?\(|\b(SELECT|INSERT|UPDATE|DELETE)\s+\w|\bMATCH\b")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(module: str, source: str, is_package: bool = False) -> list[tuple[int, str]]:
    """(line, module) for every import in the source, relative ones resolved."""
    found = []
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def _matches(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def violations(module: str, source: str, is_package: bool = False) -> list[str]:
    """What in this module's source breaks the layering (empty when it keeps it)."""
    owners = [prefix for prefix in RULES if _matches(module, prefix)]
    if not owners:
        return []
    forbidden = RULES[max(owners, key=len)]
    out = []
    for line, name in imported(module, source, is_package):
        if any(_matches(name, bad) for bad in forbidden):
            out.append(f"{module}:{line} imports {name}")
        for owner, private in ONLY_PUBLIC.items():
            if _matches(module, owner) and any(name.startswith(p) for p in private) and name.count(".") > 3:
                out.append(f"{module}:{line} imports {name} (use the store's public face: Store, IndexReader)")
    if _matches(module, "bot.core.search"):
        for number, text in enumerate(source.splitlines(), start=1):
            if SQL_TEXT.search(text) and not text.lstrip().startswith("#"):
                out.append(f"{module}:{number} speaks SQL: {text.strip()[:80]}")
    return out


def all_modules() -> list[Path]:
    return sorted([*ROOT.joinpath("bot").rglob("*.py"), *ROOT.joinpath("cogs").rglob("*.py")])


@pytest.mark.parametrize("path", all_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_module_keeps_the_layering(path: Path):
    assert violations(module_name(path), path.read_text(encoding="utf-8"), path.name == "__init__.py") == []


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("bot.core.search.engine", "import discord"),
        ("bot.core.search.engine", "from bot.render.text import clip"),
        ("bot.core.search.lookups", "import sqlite3"),
        ("bot.core.search.lookups", "from bot.core.store.queries import claim_views"),
        ("bot.core.search.engine", "def f(conn):\n    return conn.execute('SELECT 1')"),
        ("bot.core.store.search_reads", "from bot.core.search.results import WhoAnswer"),
        ("bot.core.store.database", "from bot.core.content import load_corpus"),
        ("bot.core.store.database", "from ..content import load_corpus"),
        ("bot.core.service", "def f():\n    from bot.adapters.commands import Commands"),
        ("bot.core.content.loader", "from bot.core.store import Store"),
        ("bot.render.answers", "import discord"),
        ("bot.render.lookups", "from bot.core.store import Store"),
        ("bot.adapters.commands", "import discord"),
        ("bot.infra.settings", "from bot.core.models import Claim"),
        ("cogs.who", "from bot.core.store import Store"),
        ("bot.core.service", "from bot.feeds.poller import FeedPoller"),
        ("bot.core.store.feeds", "import bot.feeds"),
        ("bot.feeds.fetch", "import discord"),
        ("bot.feeds.poller", "from bot.infra.settings import Settings"),
        ("bot.feeds.poller", "import aiosqlite"),
        ("bot.render.feeds", "from bot.feeds.errors import FetchError"),
        ("bot.adapters.commands", "from bot.feeds.poller import FeedPoller"),
        ("bot.core.extract.pipeline", "from bot.core.store import Store"),
        ("bot.core.extract.names", "import sqlite3"),
        ("bot.core.extract.pipeline", "from bot.render.text import clip"),
        ("bot.core.extract.pipeline", "from bot.core.search.people import PeopleIndex"),
    ],
)
def test_a_forbidden_import_is_caught(module: str, source: str):
    assert violations(module, source), f"{module} may not run: {source!r}"


def test_allowed_imports_pass():
    assert violations("bot.core.search.engine", "from bot.core.store import IndexReader, Store") == []
    assert violations("bot.core.store.search_index", "from bot.core.analysis.terms import terms") == []
    assert violations("bot.render.lookups", "from bot.core.search.results import WhoAnswer") == []
    assert violations("cogs.who", "from bot.adapters.discord_bot.cog import BriefCog") == []
    assert violations("bot.feeds.fetch", "import aiohttp\nfrom bot.core.store import Store") == []
    assert violations("bot.adapters.discord_bot.client", "from bot.feeds.poller import FeedPoller") == []


def test_every_package_is_covered_by_a_rule():
    uncovered = {module_name(p) for p in all_modules()} - {
        m for m in (module_name(p) for p in all_modules()) if any(_matches(m, prefix) for prefix in RULES)
    }
    assert uncovered <= {"bot", "bot.__main__"}, uncovered
