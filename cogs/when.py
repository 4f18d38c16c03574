"""/when: the dated claims and briefing timeline entries that match an event, in date order."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.adapters.discord_bot import cooldowns
from bot.adapters.discord_bot.cog import BriefCog
from bot.adapters.discord_bot.dispatch import answer_lookup
from bot.adapters.lookup_process import Lookup

MAX_EVENT = 200


class When(BriefCog):
    @app_commands.command(name="when", description="When did it happen? Dated statements and events, in order.")
    @app_commands.describe(event="The event in a few words, e.g. 25% tariffs, caravan disbanded")
    @cooldowns.per_user()
    async def when(self, interaction: discord.Interaction, event: app_commands.Range[str, 1, MAX_EVENT]) -> None:
        event = str(event)[:MAX_EVENT]
        await answer_lookup(interaction, Lookup.of("when", event))


async def setup(bot) -> None:
    await bot.add_cog(When(bot))
