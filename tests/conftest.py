"""Shared fixtures: a throwaway content tree and database per test, real files, real SQLite.

The real content is compiled once per test run (`compiled_database`); each test gets its own copy of that
file, which opens in milliseconds where compiling takes seconds.
"""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
import pytest_asyncio

from bot.core.service import ContentPaths, Core
from bot.core.store import Store
from bot.infra.settings import PROJECT_ROOT

SEEDS_DIR = PROJECT_ROOT.parent / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason="../shared/seeds is not present")


def _content_state() -> dict[str, int]:
    return {str(f): f.stat().st_mtime_ns for folder in ("data", "briefings")
            for f in (PROJECT_ROOT / folder).rglob("*") if f.is_file()}


@pytest.fixture(scope="session", autouse=True)
def _project_content_untouched():
    """No test may write to the project's own content (briefings/, data/): they are the user's files."""
    before = _content_state()
    yield
    assert _content_state() == before, "a test changed files under data/ or briefings/"


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, compiled_database: Path) -> None:
    """No test reads the developer's .env or writes to the real var/ folder. The CLI and `python -m bot`
    find the real content already compiled there (a copy), as they would on a machine that ran before."""
    monkeypatch.chdir(tmp_path)
    for name in ("DISCORD_TOKEN",):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "env-db").mkdir()
    monkeypatch.setenv("BRIEFBOT_DATABASE_PATH", str(copy_database(compiled_database, tmp_path / "env-db")))
    # ... and a copy of the content, since some commands write there (ingest's proposed claims)
    for name, folder in (("BRIEFBOT_DATA_DIR", "data"), ("BRIEFBOT_BRIEFINGS_DIR", "briefings")):
        shutil.copytree(PROJECT_ROOT / folder, tmp_path / "env-content" / folder)
        monkeypatch.setenv(name, str(tmp_path / "env-content" / folder))
    monkeypatch.setenv("BRIEFBOT_LOG_FILE", "")


@pytest.fixture
def content_copy(tmp_path: Path) -> ContentPaths:
    """A private copy of the project's real content, safe to edit."""
    data = tmp_path / "content" / "data"
    briefings = tmp_path / "content" / "briefings"
    shutil.copytree(PROJECT_ROOT / "data", data)
    shutil.copytree(PROJECT_ROOT / "briefings", briefings)
    return ContentPaths(data, briefings, SEEDS_DIR if SEEDS_DIR.is_dir() else None)


@pytest_asyncio.fixture
async def ingest_core(tmp_path: Path, content_copy: ContentPaths, compiled_database: Path):
    """A Core over the real content, compiled, with a private data folder: ingest and review write into it."""
    async with Store(copy_database(compiled_database, tmp_path)) as store:
        core = Core(store, content_copy)
        await core.reload()
        yield core


@pytest.fixture
def real_content() -> ContentPaths:
    return ContentPaths(PROJECT_ROOT / "data", PROJECT_ROOT / "briefings", SEEDS_DIR if SEEDS_DIR.is_dir() else None)


@pytest.fixture(scope="session")
def compiled_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content compiled into SQLite once per run; copy it with copy_database before writing to it."""
    path = tmp_path_factory.mktemp("compiled") / "briefbot.sqlite3"
    content = ContentPaths(PROJECT_ROOT / "data", PROJECT_ROOT / "briefings", SEEDS_DIR if SEEDS_DIR.is_dir() else None)

    async def compile_content() -> None:
        async with Store(path) as store:
            await Core(store, content).reload()

    asyncio.run(compile_content())
    return path


def copy_database(source: Path, folder: Path) -> Path:
    target = folder / source.name
    for part in source.parent.glob(source.name + "*"):  # the file and any -wal/-shm beside it
        shutil.copy(part, folder / part.name)
    return target


@pytest_asyncio.fixture
async def core(tmp_path: Path, real_content: ContentPaths, compiled_database: Path):
    async with Store(copy_database(compiled_database, tmp_path)) as store:
        briefbot = Core(store, real_content)
        await briefbot.reload()
        yield briefbot
