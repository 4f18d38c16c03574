"""/feeds add|list|remove|status: the news feeds the index follows, for server managers (checked here too).

Feeds are shared by the whole index (one claim index, many servers); each server's digest picks its topics.
"""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.adapters.discord_bot import cooldowns
from bot.adapters.discord_bot.autocomplete import Pairs, guarded, topic_list_choices
from bot.adapters.discord_bot.checks import require_manage_guild
from bot.adapters.discord_bot.dispatch import answer_command


@app_commands.default_permissions(manage_guild=True)
@app_commands.guild_only()
class Feeds(commands.GroupCog, group_name="feeds", group_description="Server managers: the news feeds the index follows."):
    def __init__(self, bot) -> None:
        self.bot = bot
        self.commands = bot.command_table
        super().__init__()

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        return require_manage_guild(interaction)

    @app_commands.command(name="add", description="Follow an RSS or Atom feed: its new articles are ingested.")
    @app_commands.describe(url="The feed's address, e.g. https://example.com/rss.xml",
                           topics="Topics its articles are about, comma-separated (default: all)")
    @cooldowns.per_user()
    async def add(self, interaction: discord.Interaction, url: app_commands.Range[str, 1, 500],
                  topics: app_commands.Range[str, 1, 300] | None = None) -> None:
        await answer_command(interaction, None, lambda: self.commands.feeds_add(str(url), topics), ephemeral=True)

    @add.autocomplete("topics")
    @guarded
    async def topic_choices(self, interaction: discord.Interaction, current: str) -> Pairs:
        return await topic_list_choices(self.bot.core, current)

    @app_commands.command(name="list", description="The feeds followed, with their numbers.")
    @cooldowns.per_user()
    async def list_(self, interaction: discord.Interaction) -> None:
        await answer_command(interaction, None, self.commands.feeds_list, ephemeral=True)

    @app_commands.command(name="remove", description="Stop following a feed (its articles stay).")
    @app_commands.describe(feed="The feed's number (see /feeds list) or its address")
    @cooldowns.per_user()
    async def remove(self, interaction: discord.Interaction, feed: app_commands.Range[str, 1, 500]) -> None:
        await answer_command(interaction, None, lambda: self.commands.feeds_remove(str(feed)), ephemeral=True)

    @remove.autocomplete("feed")
    @guarded
    async def feed_choices(self, interaction: discord.Interaction, current: str) -> Pairs:
        listed = (await self.commands.feeds_list()).data
        typed = current.strip().lower()
        return [(f"{f['id']}. {f['title'] or f['url']}"[:100], str(f["id"])) for f in listed
                if typed in f"{f['id']} {f['title'] or ''} {f['url']}".lower()][:25]

    @app_commands.command(name="status", description="Each feed: last poll, new items, claims, errors, paused and why.")
    @cooldowns.per_user()
    async def status(self, interaction: discord.Interaction) -> None:
        await answer_command(interaction, None, self.commands.feeds_status, ephemeral=True)


async def setup(bot) -> None:
    await bot.add_cog(Feeds(bot))
