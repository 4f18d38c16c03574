"""The real DiscordBot (every cog, the real content, a temporary SQLite file) run against the Discord stand-in.

    async def test_x(briefbot):
        standin, bot = briefbot
        record = await standin.send_interaction(payloads.slash_command("brief", {"topic": "tariffs"}))

Content is compiled once per session; each test gets its own copy of that database (reopening unchanged
content costs milliseconds where compiling costs half a second).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path
from typing import Any

import pytest_asyncio

from bot.adapters.discord_bot.client import DiscordBot
from bot.adapters.discord_bot.runner import point_at_api
from bot.adapters.startup import open_core
from bot.infra.settings import PROJECT_ROOT, Settings
from tests.conftest import copy_database
from tests.discord_standin import DiscordStandin
from tests.discord_standin.fixtures import standin, standin_factory  # noqa: F401  (fixtures)

SEEDS_DIR = PROJECT_ROOT.parent / "shared" / "seeds"


def bot_settings(database: Path, server: DiscordStandin, **overrides: Any) -> Settings:
    """What an operator would put in .env to run the bot against this stand-in (no .env file is read)."""
    values: dict[str, Any] = {
        "database_path": database,
        "data_dir": PROJECT_ROOT / "data",
        "briefings_dir": PROJECT_ROOT / "briefings",
        "seeds_dir": SEEDS_DIR,
        "log_file": None,
        "dev_guild_id": int(server.world.guild_id),  # commands sync to the stand-in's guild
        "discord_api_base": server.api_base,
        "discord_gateway_url": server.gateway_url,
        "cooldown_seconds": 0,  # tests send many commands from one user; the cooldown test turns it on
        "warm_up": False,  # a quarter of a second per bot start; test_bot_resilience checks it
        "lookup_process": False,  # a second process per bot start; test_lookup_process checks it
        **overrides,
    }
    return Settings(_env_file=None, **values)


@asynccontextmanager
async def running_briefbot(server: DiscordStandin, settings: Settings) -> AsyncIterator[DiscordBot]:
    """Start DiscordBot as bot/app.py does, pointed at the stand-in as bot/discord_bot/runner.py does."""
    async with open_core(settings) as core:
        point_at_api(settings.discord_api_base, settings.discord_gateway_url)  # the stand-in restores both
        bot = DiscordBot(settings, core)
        # discord.py waits 2 s after the last GUILD_CREATE before READY; the stand-in sends one guild.
        async with server.run_bot(bot, guild_ready_timeout=0.05):
            yield bot


@pytest_asyncio.fixture
async def briefbot(standin: DiscordStandin, compiled_database: Path, tmp_path: Path):  # noqa: F811
    """(stand-in, bot): the real bot, connected and with its commands synced to the stand-in's guild."""
    settings = bot_settings(copy_database(compiled_database, tmp_path), standin)
    async with running_briefbot(standin, settings) as bot:
        yield standin, bot


@pytest_asyncio.fixture
async def briefbot_factory(compiled_database: Path, tmp_path: Path) -> AsyncIterator[Callable[..., Any]]:
    """`standin, bot = await briefbot_factory(cooldown_seconds=3, standin_options={...})`: custom settings."""
    async with AsyncExitStack() as stack:
        count = 0

        async def make(standin_options: dict[str, Any] | None = None, **overrides: Any) -> tuple[DiscordStandin, DiscordBot]:
            nonlocal count
            count += 1
            folder = tmp_path / f"bot{count}"
            folder.mkdir()
            server = await stack.enter_async_context(DiscordStandin(**(standin_options or {})))
            settings = bot_settings(copy_database(compiled_database, folder), server, **overrides)
            bot = await stack.enter_async_context(running_briefbot(server, settings))
            return server, bot

        yield make
