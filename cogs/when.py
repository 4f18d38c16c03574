"""/when: the dated claims and briefing timeline entries that match an event, in date order."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.adapters.discord_bot import cooldowns
from bot.adapters.discord_bot.parity import answer_like_console

MAX_EVENT = 200


class When(commands.Cog):
    def __init__(self, bot: commands.Bot) -> None:
        self.core = bot.core  # type: ignore[attr-defined]

    @app_commands.command(name="when", description="When did it happen? Dated statements and events, in order.")
    @app_commands.describe(event="The event in a few words, e.g. 25% tariffs, caravan disbanded")
    @cooldowns.per_user()
    async def when(self, interaction: discord.Interaction, event: app_commands.Range[str, 1, MAX_EVENT]) -> None:
        await answer_like_console(interaction, self.core, "when", str(event)[:MAX_EVENT])


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(When(bot))
