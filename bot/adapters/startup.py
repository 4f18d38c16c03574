"""Start-up: settings in, resources opened with `async with`, then the bot or the local console."""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import AsyncIterator

from bot.core.service import ContentPaths, Core
from bot.core.store import Store
from bot.core.store.health import StoreError, exit_on_store_failure
from bot.core.store.identity import Lost
from bot.infra.settings import Settings

log = logging.getLogger(__name__)


def content_paths(settings: Settings) -> ContentPaths:
    seeds = settings.seeds_dir if settings.seeds_dir.is_dir() else None
    return ContentPaths(settings.data_dir, settings.briefings_dir, seeds)


def lost_line(lost: Lost) -> str:
    what = ", ".join(f"{n} {kind}" for kind, n in lost.counts.items())
    return (f"{lost.path} is a new or different database: {what} that the one before held are not in it;"
            " if the file was replaced or deleted by mistake, stop the bot and run `briefbot db restore BACKUP`")


def open_store(settings: Settings) -> Store:
    return Store(settings.database_path, write_wait=settings.write_wait_seconds,
                 read_only=settings.database_read_only)


@contextlib.asynccontextmanager
async def open_core(settings: Settings) -> AsyncIterator[Core]:
    """Open the store, compile content if it changed, and hand out the core."""
    # a damaged, locked or unwritable database: one line (also in the log file) and exit 3, never a
    # traceback or a hang
    async with exit_on_store_failure(settings.database_path, report=log_to_file), open_store(settings) as store:
        if store.lost is not None:
            log.warning("%s", lost_line(store.lost))  # loudly, once: runtime state did not survive
        core = Core(store, content_paths(settings))
        try:
            report = await core.reload()
        except StoreError as exc:
            if not exc.read_only:
                raise
            # Nothing may be written: serve what was compiled before rather than not at all.
            log.warning("content files changed but %s cannot be written; serving the content compiled before",
                        settings.database_path)
            await core.lookups.warm()
        else:
            if report.problems:
                log.warning("%d content problems; run `briefbot check` for the list", len(report.problems))
        yield core


def log_to_file(line: str) -> None:
    """Into the log file only: stderr gets the same line plainly, once."""
    record = log.makeRecord(log.name, logging.ERROR, __file__, 0, "stopped: %s", (line,), None)
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.FileHandler):
            handler.handle(record)


def fail_at_start(line: str, status: int) -> None:
    """`briefbot: <line>` on stderr and in the log file (not twice on stderr), then exit `status`: no traceback."""
    log_to_file(line)
    print(f"briefbot: {line}", file=sys.stderr, flush=True)
    raise SystemExit(status)


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


def start_failure(exc: BaseException, settings: Settings) -> tuple[str, int] | None:
    """The one line and exit status for a failure to start the bot; None for a bug (its traceback is wanted)."""
    import aiohttp
    import discord

    if isinstance(exc, discord.LoginFailure):
        return "Discord rejected DISCORD_TOKEN; check the token in .env", 2
    if isinstance(exc, discord.PrivilegedIntentsRequired):
        return "Discord refused the bot's intents; enable them in the Developer Portal", 2
    where = settings.discord_api_base or "discord.com"
    if isinstance(exc, (aiohttp.ClientConnectionError, OSError, TimeoutError)):
        reason = str(exc) or type(exc).__name__
        return f"cannot reach Discord at {where} ({reason}); check the network and try again", 4
    if isinstance(exc, discord.GatewayNotFound | discord.ConnectionClosed | discord.DiscordServerError):
        return f"Discord at {where} did not let the bot connect ({exc}); try again later", 4
    return None
