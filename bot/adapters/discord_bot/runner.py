"""Run the bot until SIGINT/SIGTERM, then close cleanly (the gateway here; the database by the caller).

Shutdown, in order: new interactions are answered "restarting" (not run); the ones in flight get up to
DRAIN_WAIT seconds to send their answer (a deferred /admin reload its follow-up); then the scheduler, the
gateway and the HTTP session close (DiscordBot.close); then every task the bot left is awaited, so none
touches the database after the caller closes it ("Cannot operate on a closed database") or dies unobserved
("Task exception was never retrieved").
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import re
import signal

import discord
import yarl

from bot.adapters.discord_bot.client import DiscordBot
from bot.core.service import Core
from bot.infra.runtime import GC_THRESHOLDS
from bot.infra.settings import Settings

log = logging.getLogger(__name__)
DRAIN_WAIT = 5.0  # seconds the interactions in flight get to answer once a stop is asked
QUIET = 0.1  # seconds without an interaction in flight that end the drain early
SETTLE_WAIT = 2.0  # seconds the tasks left after closing get to end (they were cancelled)
# discord.py runs each interaction as a task with one of these names (app_commands/tree.py, client.py,
# ui/view.py); they are what "in flight" means here.
INTERACTION_TASKS = ("CommandTree-invoker", "discord.py: on_interaction", "discord-ui-view-dispatch")


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
    gc.set_threshold(*GC_THRESHOLDS)
    bot = DiscordBot(settings, core)
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    async with bot:
        runner = asyncio.create_task(bot.start(settings.token or ""), name="discord-client")
        stopper = asyncio.create_task(stop.wait(), name="stop-signal")
        try:
            done, _ = await asyncio.wait({runner, stopper}, return_when=asyncio.FIRST_COMPLETED)
            if stopper in done:
                log.info("shutting down: finishing the interactions in flight")
                bot.refuse_new_interactions()
                await drain(DRAIN_WAIT)
        finally:
            await bot.close()  # the scheduler, then the gateway and HTTP
            stopper.cancel()
            await settle(SETTLE_WAIT, keep={runner})
        with contextlib.suppress(asyncio.CancelledError):
            await runner  # re-raises login errors such as a bad token


def in_flight() -> set[asyncio.Task]:
    return {task for task in asyncio.all_tasks() if not task.done() and task.get_name().startswith(INTERACTION_TASKS)}


async def drain(wait: float) -> None:
    """Wait (bounded) until no interaction is in flight: ones read from the gateway meanwhile are refused
    quickly (refuse_new_interactions) and waited for too. Past the wait, cancel them rather than hang."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait
    while (left := deadline - loop.time()) > 0:
        tasks = in_flight()
        if not tasks:
            await asyncio.sleep(QUIET)  # one more look: an event already on its way from the gateway
            if not in_flight():
                return
            continue
        await asyncio.wait(tasks, timeout=left)
    pending = in_flight()
    if pending:
        log.warning("%d interactions still running after %.0f s at shutdown; cancelling them", len(pending), wait)
        for task in pending:
            task.cancel()
        await asyncio.wait(pending, timeout=1.0)


async def settle(wait: float, keep: set[asyncio.Task]) -> None:
    """Cancel and await what the bot left running (digest jobs, pager timeouts, warm-up), so nothing uses the
    database after it closes and no task's failure goes unobserved."""
    current = asyncio.current_task()
    left = {task for task in asyncio.all_tasks() if task is not current and task not in keep and not task.done()
            and not task.get_name().startswith(("pytest", "Task-1"))}
    left = {task for task in left if _started_by_bot(task)}
    for task in left:
        task.cancel()
    if left:
        done, _ = await asyncio.wait(left, timeout=wait)
        for task in done:  # observe each, so none logs "Task exception was never retrieved"
            if not task.cancelled():
                task.exception()


def _started_by_bot(task: asyncio.Task) -> bool:
    """Tasks of this bot and discord.py: named by them (an unnamed task is someone else's, e.g. a test's)."""
    name = task.get_name()
    return not name.startswith("Task-")
