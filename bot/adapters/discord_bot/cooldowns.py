"""Per-user cooldowns on every command, sized by the BRIEFBOT_COOLDOWN_SECONDS setting."""

from __future__ import annotations

import discord
from discord import app_commands

BURST = 3  # uses in a row before the cooldown bites; then one per `cooldown_seconds` on average


def _cooldown(interaction: discord.Interaction) -> app_commands.Cooldown | None:
    seconds = interaction.client.settings.cooldown_seconds  # type: ignore[attr-defined]
    return app_commands.Cooldown(BURST, BURST * seconds) if seconds > 0 else None


def _user(interaction: discord.Interaction) -> tuple[int, int]:
    # discord.py keeps the buckets with the decorated command, shared by every bot in the process
    # (tests, benchmarks): keying by the bot as well keeps one bot's users out of another's.
    return id(interaction.client), interaction.user.id


def per_user():
    """`@per_user()` on a command: a user who overdoes it is told to try again in N s (see tree.py)."""
    return app_commands.checks.dynamic_cooldown(_cooldown, key=_user)
