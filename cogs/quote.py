"""/quote: who said this, when and where: the best match with its passage, and close alternatives."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.adapters.discord_bot import cooldowns
from bot.adapters.discord_bot.parity import answer_like_console

MAX_TEXT = 300  # a remembered sentence or two; longer text is cut before it reaches the search


class Quote(commands.Cog):
    def __init__(self, bot: commands.Bot) -> None:
        self.core = bot.core  # type: ignore[attr-defined]

    @app_commands.command(name="quote", description="Who said this, when and where.")
    @app_commands.describe(text="Words of the quote as you remember them, e.g. build bridges not walls")
    @cooldowns.per_user()
    async def quote(self, interaction: discord.Interaction, text: app_commands.Range[str, 1, MAX_TEXT]) -> None:
        await answer_like_console(interaction, self.core, "quote", str(text)[:MAX_TEXT])


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Quote(bot))
