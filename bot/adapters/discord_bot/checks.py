"""Checks the bot makes itself, whatever a server's integration settings allow."""

from __future__ import annotations

import discord
from discord import app_commands


def require_manage_guild(interaction: discord.Interaction) -> bool:
    """Server managers only. A server can open a command to anyone in its integration settings (Discord's
    default_permissions is only a default), so the bot checks again. Autocomplete reveals nothing, so only
    running the command is checked; in a DM there is no server to manage."""
    if interaction.guild_id is None:
        raise app_commands.NoPrivateMessage()
    if interaction.type is discord.InteractionType.autocomplete:
        return True
    permissions = getattr(interaction, "permissions", None)
    if permissions is None or not permissions.manage_guild:
        raise app_commands.MissingPermissions(["manage_guild"])
    return True
