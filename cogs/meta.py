"""/help."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.adapters.discord_bot import cooldowns
from bot.adapters.discord_bot.respond import send_reply
from bot.render import answers


class Meta(commands.Cog):
    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @app_commands.command(name="help", description="What briefbot can do and how to ask.")
    @cooldowns.per_user()
    async def help(self, interaction: discord.Interaction) -> None:
        await send_reply(interaction, answers.help_reply())


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Meta(bot))
