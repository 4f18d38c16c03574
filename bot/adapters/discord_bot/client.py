"""The bot: a commands.Bot that gets its resources from `main` and loads one cog per feature."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hashlib
import json
import logging
import os

import aiohttp
import discord
import yarl
from discord.ext import commands

from bot.adapters.commands import Commands
from bot.adapters.discord_bot.answer_cache import AnswerCache, observed
from bot.adapters.discord_bot.digest_delivery import DigestDelivery
from bot.adapters.discord_bot.digest_scheduler import DigestScheduler, shard_filter
from bot.adapters.discord_bot.embeds import NO_MENTIONS
from bot.adapters.discord_bot.respond import send_reply
from bot.adapters.discord_bot.tree import BriefTree
from bot.adapters.discord_bot.views import PAGER_PREFIX, STALE, Pager
from bot.adapters.discord_bot.warmup import warm_up
from bot.adapters.lookup_process import LookupProcess
from bot.core.service import Core
from bot.feeds.config import FeedConfig
from bot.feeds.poller import FeedPoller, open_poller
from bot.feeds.sink import ArticleSink, default_sink
from bot.infra.settings import Settings
from bot.render.answers import shutting_down_reply

log = logging.getLogger(__name__)

# discord.py's default connector has no limit: a burst of 500 answers would open (and handshake) up to
# 500 connections. A bounded pool queues the requests briefly and reuses warm connections instead.
HTTP_CONNECTIONS = 32
LOOKUP_READY_WAIT = 10.0  # seconds the gateway waits at start for the lookup process (ready in ~1-2 s)

EXTENSIONS = (
    "cogs.briefings", "cogs.who", "cogs.quote", "cogs.when", "cogs.search", "cogs.source", "cogs.meta", "cogs.admin",
    "cogs.digest", "cogs.feeds",
)


class DiscordBot(commands.Bot):
    def __init__(self, settings: Settings, core: Core, *, extensions: tuple[str, ...] = EXTENSIONS) -> None:
        intents = discord.Intents.none()
        intents.guilds = True  # slash commands need no privileged intents
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            help_command=None,
            allowed_mentions=NO_MENTIONS,
            tree_cls=BriefTree,
        )
        self.settings = settings
        self.core = core
        self.command_table = Commands(core)  # (commands.Bot.commands is its prefix commands)
        self.initial_extensions = extensions
        self.live_pagers: dict[str, Pager] = {}  # by key; a click on any other pager button is stale
        self.answers = AnswerCache()  # recent answers by question; cleared by /admin reload
        self.warming: asyncio.Task[int] | None = None
        # Daily digests: posted through the ledger, scheduled per server (digest_delivery/digest_scheduler.py).
        self.digests = DigestDelivery(self, self.command_table, grace=dt.timedelta(hours=settings.digest_grace_hours))
        self.digest_scheduler = DigestScheduler(self.digests, serves=shard_filter(self.shard_id, self.shard_count))
        self.command_table.digest_listeners.append(self.digest_scheduler.changed)
        self._feed_poller = contextlib.AsyncExitStack()
        self.feed_poller: FeedPoller | None = None
        self.lookup_process: LookupProcess | None = None  # answers lookups on a second core (setup_hook)

    async def login(self, token: str) -> None:
        if self.http.connector is discord.utils.MISSING:
            self.http.connector = aiohttp.TCPConnector(limit=HTTP_CONNECTIONS)
        await super().login(token)
        if self.settings.discord_api_base and not self.settings.discord_gateway_url:
            await self._gateway_from_api()

    async def _gateway_from_api(self) -> None:
        """Another API but no gateway URL: ask that API where its gateway is (GET /gateway/bot, as Discord
        documents), rather than take a token it issued to Discord's own gateway."""
        try:
            _, url, _ = await self.http.get_bot_gateway()
        except discord.GatewayNotFound:
            log.warning("%s did not say where its gateway is; set BRIEFBOT_DISCORD_GATEWAY_URL",
                        self.settings.discord_api_base)
            return
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(url)
        log.info("connecting to the gateway at %s", url)

    async def setup_hook(self) -> None:
        if self.settings.lookup_process and (os.cpu_count() or 1) > 1:
            # started first: it builds its indexes while the bot syncs and warms up (lookups are answered
            # here until it is ready)
            self.lookup_process = LookupProcess(self.core.store.path, self.core.paths)
            self.lookup_process.start()
        for extension in self.initial_extensions:
            await self.load_extension(extension)
        await self.sync_commands()
        await self.digest_scheduler.start()  # jobs from the store; missed or interrupted digests in the background
        if self.settings.feeds_poll:  # news feeds polled in the background (bot/feeds); its own HTTP session
            self.feed_poller = await self._feed_poller.enter_async_context(
                open_poller(self.core.store, self._feed_sink(), FeedConfig.from_settings(self.settings)))
            self.feed_poller.start()
        if self.settings.warm_up:
            await warm_up(self.command_table, self.answers)  # before the gateway connects: nobody waits behind it
        if self.lookup_process is not None:
            # Online with both cores answering: a burst met while the second process still builds its indexes
            # is answered on one core, the other busy with that build (500 at once: p99 0.63 s against 0.5 s).
            # Never long: a process not ready in time is let be (lookups are answered here until it is).
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.lookup_process.settled.wait(), LOOKUP_READY_WAIT)

    def _feed_sink(self) -> ArticleSink:
        """New feed articles go through ingest; their claims wait for review unless auto-accept is on."""
        settings = self.settings
        accept_at = settings.ingest_accept_confidence if settings.feeds_auto_accept else None
        return default_sink(self.core.store, settings.data_dir, accept_at)

    def content_changed(self) -> None:
        """After a reload that recompiled: forget old answers, prepare new ones in the background."""
        self.answers.clear()
        if self.warming is not None:
            self.warming.cancel()
        if not self.settings.warm_up:
            return
        self.warming = asyncio.create_task(warm_up(self.command_table, self.answers), name="warm-up")
        self.warming.add_done_callback(observed)

    def _scope(self) -> discord.Object | None:
        return discord.Object(self.settings.dev_guild_id) if self.settings.dev_guild_id else None

    async def sync_commands(self, *, force: bool = False) -> bool:
        """Sync to the dev guild, or globally; skip when the tree is what was last synced."""
        guild = self._scope()
        if guild is not None:
            self.tree.copy_global_to(guild=guild)
        payload = [command.to_dict(self.tree) for command in self.tree.get_commands(guild=guild)]
        digest = hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
        key = f"command_tree:{guild.id if guild else 'global'}:{self.application_id}"
        # The skip spares Discord's rate limits; another API (a stand-in, a proxy) may have forgotten what
        # was synced, and has no such limits: always sync there.
        force = force or bool(self.settings.discord_api_base)
        if not force and await self.core.store.meta(key) == digest:
            log.info("command tree unchanged; not syncing")
            return False
        await self.tree.sync(guild=guild)
        await self.core.store.remember(key, digest)
        log.info("synced %d commands to %s", len(payload), f"guild {guild.id}" if guild else "all servers")
        return True

    async def on_ready(self) -> None:
        log.info("connected as %s in %d servers", self.user, len(self.guilds))

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """Answer clicks on pager buttons the bot no longer holds (it restarted, or the pager timed out
        but its message could not be edited): otherwise Discord would show "This interaction failed"."""
        if interaction.type is not discord.InteractionType.component:
            return
        custom_id = str((interaction.data or {}).get("custom_id", ""))
        if not custom_id.startswith(PAGER_PREFIX):
            return
        key = custom_id.removeprefix(PAGER_PREFIX).split(":", 1)[0]
        if key not in self.live_pagers and not interaction.response.is_done():
            try:
                await interaction.response.send_message(STALE, ephemeral=True, allowed_mentions=NO_MENTIONS)
            except discord.HTTPException:
                log.debug("could not answer a stale pager click", exc_info=True)

    def refuse_new_interactions(self) -> None:
        """Shutting down: every interaction from now on gets a short "restarting" line instead of a run.

        The tree calls interaction_check before any command or autocomplete runs; the gateway stays
        connected meanwhile, so the ones in flight can still be answered.
        """
        self.tree.interaction_check = self._refuse_while_closing  # type: ignore[method-assign]

    async def _refuse_while_closing(self, interaction: discord.Interaction) -> bool:
        try:
            if interaction.type is discord.InteractionType.autocomplete:
                await interaction.response.autocomplete([])
            elif not interaction.response.is_done():
                await send_reply(interaction, shutting_down_reply())
        except discord.HTTPException:
            log.debug("could not answer an interaction during shutdown", exc_info=True)
        return False

    async def close(self) -> None:
        # In order: no new digest jobs, then the gateway and HTTP; the store is closed by whoever opened it.
        self.digest_scheduler.shutdown()
        await self._feed_poller.aclose()  # the feed poll stops; its HTTP session closes
        if self.warming is not None:
            self.warming.cancel()
        for pager in list(self.live_pagers.values()):
            pager.stop()  # cancels its timeout: nothing left pending after shutdown
        if self.lookup_process is not None:
            await self.lookup_process.stop()  # it closes its read-only database and exits
        await super().close()
