"""/quote: who said this, when and where: the best match with its passage, and close alternatives."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.adapters.discord_bot import cooldowns
from bot.adapters.discord_bot.cog import BriefCog
from bot.adapters.discord_bot.dispatch import answer_lookup
from bot.adapters.lookup_process import Lookup

MAX_TEXT = 300  # a remembered sentence or two; longer text is cut before it reaches the search


class Quote(BriefCog):
    @app_commands.command(name="quote", description="Who said this, when and where.")
    @app_commands.describe(text="Words of the quote as you remember them, e.g. build bridges not walls")
    @cooldowns.per_user()
    async def quote(self, interaction: discord.Interaction, text: app_commands.Range[str, 1, MAX_TEXT]) -> None:
        text = str(text)[:MAX_TEXT]
        await answer_lookup(interaction, Lookup.of("quote", text))


async def setup(bot) -> None:
    await bot.add_cog(Quote(bot))
