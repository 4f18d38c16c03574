"""/help."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.adapters.discord_bot import cooldowns
from bot.adapters.discord_bot.cog import BriefCog
from bot.adapters.discord_bot.respond import send_reply


class Meta(BriefCog):
    @app_commands.command(name="help", description="What briefbot can do and how to ask.")
    @cooldowns.per_user()
    async def help(self, interaction: discord.Interaction) -> None:
        await send_reply(interaction, (await self.commands.help()).reply)


async def setup(bot) -> None:
    await bot.add_cog(Meta(bot))
