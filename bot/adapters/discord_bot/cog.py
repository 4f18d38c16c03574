"""The base of every cog: typed access to the bot's command table and core (no `bot.core  # type: ignore`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from discord.ext import commands

if TYPE_CHECKING:
    from bot.adapters.discord_bot.client import DiscordBot


class BriefCog(commands.Cog):
    def __init__(self, bot: DiscordBot) -> None:
        self.bot = bot
        self.commands = bot.command_table  # answers: the typed command table, shared with the console and CLI
        self.core = bot.core  # suggestions for autocomplete
