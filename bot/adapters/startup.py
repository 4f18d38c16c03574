"""Start-up: settings in, resources opened with `async with`, then the bot or the local console."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator

from bot.core.service import ContentPaths, Core
from bot.core.store import Store
from bot.core.store.health import exit_on_store_failure
from bot.infra.settings import Settings

log = logging.getLogger(__name__)


def content_paths(settings: Settings) -> ContentPaths:
    seeds = settings.seeds_dir if settings.seeds_dir.is_dir() else None
    return ContentPaths(settings.data_dir, settings.briefings_dir, seeds)


@contextlib.asynccontextmanager
async def open_core(settings: Settings) -> AsyncIterator[Core]:
    """Open the store, compile content if it changed, and hand out the core."""
    # a damaged, locked or unwritable database: one line and exit 3, never a traceback or a hang
    async with exit_on_store_failure(settings.database_path), Store(settings.database_path) as store:
        core = Core(store, content_paths(settings))
        report = await core.reload()
        if report.problems:
            log.warning("%d content problems; run `briefbot check` for the list", len(report.problems))
        yield core


async def run(settings: Settings) -> None:
    """The main job: the Discord bot with a token, else the local console."""
    if settings.token is None:
        from bot.adapters.commands import Commands
        from bot.adapters.console import run_console

        log.info("no DISCORD_TOKEN set: starting the local console")
        async with open_core(settings) as core:
            await run_console(Commands(core))
        return
    from bot.adapters.discord_bot.runner import run_bot

    async with open_core(settings) as core:
        await run_bot(settings, core)
