"""Run the bot until SIGINT/SIGTERM, then close cleanly (gateway, scheduler, database via the caller)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal

import discord

from bot.discord_bot.client import BriefBot
from bot.service import Briefbot
from bot.settings import Settings

log = logging.getLogger(__name__)


def point_at_api(base: str | None) -> None:
    """Use another Discord API base (a local stand-in in tests, or a proxy)."""
    if base:
        discord.http.Route.BASE = base.rstrip("/")


async def run_bot(settings: Settings, core: Briefbot) -> None:
    point_at_api(settings.discord_api_base)
    bot = BriefBot(settings, core)
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
