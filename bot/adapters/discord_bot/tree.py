"""The command tree: one place that turns every command error into a friendly, ephemeral reply."""

from __future__ import annotations

import logging

import discord
from discord import app_commands

from bot.adapters.discord_bot.embeds import NO_MENTIONS

log = logging.getLogger(__name__)

EXPECTED = (app_commands.CommandOnCooldown, app_commands.CheckFailure, app_commands.TransformerError)


def error_message(error: app_commands.AppCommandError) -> str:
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"Slow down a little: try again in {max(1, round(error.retry_after))} s."
    if isinstance(error, app_commands.NoPrivateMessage):
        return "This command works in a server, not in direct messages."
    if isinstance(error, (app_commands.MissingPermissions, app_commands.CheckFailure)):
        return "Sorry, this command is for server managers (Manage Server permission)."
    if isinstance(error, app_commands.TransformerError):
        return "I could not read one of the options; please check it and try again."
    if isinstance(error, (app_commands.CommandNotFound, app_commands.CommandSignatureMismatch)):
        # Discord still shows a command the bot has just changed or dropped.
        return "This command was just updated. Please try again in a minute."
    return "Something went wrong on my side. It has been logged; please try again."


class BriefTree(app_commands.CommandTree):
    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        if not isinstance(error, EXPECTED):
            name = interaction.command.qualified_name if interaction.command else "?"
            log.error("command /%s failed", name, exc_info=error)
        message = error_message(error)
        try:
            if interaction.response.is_done():
                await interaction.followup.send(message, ephemeral=True, allowed_mentions=NO_MENTIONS)
            else:
                await interaction.response.send_message(message, ephemeral=True, allowed_mentions=NO_MENTIONS)
        except discord.HTTPException:
            log.warning("could not deliver the error reply for interaction %s", interaction.id)
