"""/digest set|status|preview|now|off: a server's daily digest, for server managers (checked here too)."""

from __future__ import annotations

from typing import Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.adapters.commands import Result, suggest_zones
from bot.adapters.discord_bot import cooldowns
from bot.adapters.discord_bot.autocomplete import Pairs, guarded, topic_list_choices
from bot.adapters.discord_bot.checks import require_manage_guild
from bot.adapters.discord_bot.dispatch import answer_command
from bot.adapters.discord_bot.respond import send_reply
from bot.core.digest.models import DigestProblem
from bot.render.digest import now_reply, problem_reply

MAX_TEXT = 100
NEEDED = ("view_channel", "send_messages", "embed_links")  # to post a digest of embeds in a channel


@app_commands.default_permissions(manage_guild=True)
@app_commands.guild_only()
class Digest(commands.GroupCog, group_name="digest", group_description="Server managers: this server's daily digest."):
    def __init__(self, bot) -> None:
        self.bot = bot
        self.commands = bot.command_table
        super().__init__()

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        return require_manage_guild(interaction)

    def _cannot_post(self, interaction: discord.Interaction, channel_id: int) -> bool:
        """True when the bot can see it lacks a permission to post there (unknown cache: let Discord decide)."""
        guild = interaction.guild
        channel = guild.get_channel(channel_id) if guild else None
        me = guild.me if guild else None
        if channel is None or me is None or not hasattr(channel, "permissions_for"):
            return False
        allowed = channel.permissions_for(me)
        return not all(getattr(allowed, name) for name in NEEDED)

    @app_commands.command(name="set", description="Post a daily digest in a channel at a local time.")
    @app_commands.describe(channel="Where the digest is posted", time="24-hour local time, e.g. 08:30",
                           timezone="Your time zone, e.g. Europe/London or America/Mexico_City",
                           topics="Only these topics, comma-separated (default: all)",
                           quiet_days="On a day with nothing new: post something said on this date, or skip")
    @cooldowns.per_user()
    async def set_(self, interaction: discord.Interaction, channel: discord.TextChannel,
                   time: app_commands.Range[str, 1, 10], timezone: app_commands.Range[str, 1, MAX_TEXT],
                   topics: app_commands.Range[str, 1, 300] | None = None,
                   quiet_days: Literal["post", "skip"] = "post") -> None:
        guild_id = interaction.guild_id
        if self._cannot_post(interaction, channel.id):
            await send_reply(interaction, problem_reply(DigestProblem("channel", f"#{channel.name}", "cannot_post")))
            return
        await answer_command(interaction, None, lambda: self.commands.digest_set(
            guild_id, channel.id, str(time), str(timezone), topics, quiet_days), ephemeral=True)

    @set_.autocomplete("timezone")
    @guarded
    async def timezones(self, interaction: discord.Interaction, current: str) -> Pairs:
        return [(zone.replace("_", " "), zone) for zone in suggest_zones(current, 25)]

    @set_.autocomplete("topics")
    @guarded
    async def topic_choices(self, interaction: discord.Interaction, current: str) -> Pairs:
        return await topic_list_choices(self.bot.core, current)

    @app_commands.command(name="status", description="Settings, next post, the last digests, and why it is paused.")
    @cooldowns.per_user()
    async def status(self, interaction: discord.Interaction) -> None:
        guild_id = interaction.guild_id
        await answer_command(interaction, None, lambda: self.commands.digest_status(guild_id), ephemeral=True)

    @app_commands.command(name="preview", description="Exactly what the digest would post now (only you see it).")
    @cooldowns.per_user()
    async def preview(self, interaction: discord.Interaction) -> None:
        guild_id = interaction.guild_id
        await answer_command(interaction, None, lambda: self.commands.digest_preview(guild_id), ephemeral=True)

    @app_commands.command(name="now", description="Post today's digest now (it counts as today's).")
    @cooldowns.per_user()
    async def now(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)  # posting may take a few seconds
        outcome = await self.bot.digests.deliver(interaction.guild_id, manual=True)
        await send_reply(interaction, now_reply(outcome.status, interaction.guild_id, outcome.channel_id,
                                                outcome.reason))

    @app_commands.command(name="off", description="Stop the daily digest (its settings are kept).")
    @cooldowns.per_user()
    async def off(self, interaction: discord.Interaction) -> None:
        guild_id = interaction.guild_id

        async def call() -> Result:
            return await self.commands.digest_off(guild_id)

        await answer_command(interaction, None, call, ephemeral=True)


async def setup(bot) -> None:
    await bot.add_cog(Digest(bot))
