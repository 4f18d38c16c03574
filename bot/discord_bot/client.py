"""The bot: a commands.Bot that gets its resources from `main` and loads one cog per feature."""

from __future__ import annotations

import hashlib
import json
import logging

import discord
from discord.ext import commands

from bot.discord_bot.embeds import NO_MENTIONS
from bot.discord_bot.tree import BriefTree
from bot.service import Briefbot
from bot.settings import Settings

log = logging.getLogger(__name__)

EXTENSIONS = ("cogs.briefings", "cogs.meta", "cogs.admin")


class BriefBot(commands.Bot):
    def __init__(self, settings: Settings, core: Briefbot, *, extensions: tuple[str, ...] = EXTENSIONS) -> None:
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
        self.initial_extensions = extensions

    async def setup_hook(self) -> None:
        for extension in self.initial_extensions:
            await self.load_extension(extension)
        await self.sync_commands()

    def _scope(self) -> discord.Object | None:
        return discord.Object(self.settings.dev_guild_id) if self.settings.dev_guild_id else None

    async def sync_commands(self, *, force: bool = False) -> bool:
        """Sync to the dev guild, or globally; skip when the tree is what was last synced."""
        guild = self._scope()
        if guild is not None:
            self.tree.copy_global_to(guild=guild)
        payload = [command.to_dict(self.tree) for command in self.tree._get_all_commands(guild=guild)]
        digest = hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
        key = f"command_tree:{guild.id if guild else 'global'}:{self.application_id}"
        if not force and await self.core.store.meta(key) == digest:
            log.info("command tree unchanged; not syncing")
            return False
        await self.tree.sync(guild=guild)
        await self.core.store.set_meta(key, digest)
        await self.core.store.db.commit()
        log.info("synced %d commands to %s", len(payload), f"guild {guild.id}" if guild else "all servers")
        return True

    async def on_ready(self) -> None:
        log.info("connected as %s in %d servers", self.user, len(self.guilds))
