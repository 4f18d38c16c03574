"""Run the bot until SIGINT/SIGTERM, then close cleanly (the gateway here; the database by the caller)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import signal

import discord
import yarl

from bot.adapters.discord_bot.client import DiscordBot
from bot.core.service import Core
from bot.infra.settings import Settings

log = logging.getLogger(__name__)


def api_base(base: str) -> str:
    """The REST base discord.py expects, versioned like Discord's own: `http://host:port` and
    `http://host:port/api` both become `http://host:port/api/v10`."""
    base = base.rstrip("/")
    if re.search(r"/api/v\d+$", base):
        return base
    return base + ("/v10" if base.endswith("/api") else "/api/v10")


def point_at_api(base: str | None, gateway: str | None = None) -> None:
    """Use another Discord API base and gateway (a local stand-in in tests, or a proxy).

    Both are class attributes in discord.py: a non-sharded Client connects straight to
    DiscordWebSocket.DEFAULT_GATEWAY and never asks GET /gateway/bot, so the REST base alone is not enough
    (given only the base, DiscordBot asks that API for its gateway after logging in).
    """
    if base:
        discord.http.Route.BASE = api_base(base)
    if gateway:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)


async def run_bot(settings: Settings, core: Core) -> None:
    point_at_api(settings.discord_api_base, settings.discord_gateway_url)
    bot = DiscordBot(settings, core)
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    async with bot:
        runner = asyncio.create_task(bot.start(settings.token or ""), name="discord-client")
        stopper = asyncio.create_task(stop.wait(), name="stop-signal")
        done, _ = await asyncio.wait({runner, stopper}, return_when=asyncio.FIRST_COMPLETED)
        if stopper in done:
            log.info("shutting down")
        await bot.close()
        stopper.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await runner  # re-raises login errors such as a bad token
