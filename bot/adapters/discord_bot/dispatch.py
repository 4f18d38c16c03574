"""Cogs answer through the typed command table; the same question gets the cached answer."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable

import discord

from bot.adapters.commands import Result
from bot.adapters.discord_bot.respond import reply_in_time
from bot.render.cards import Reply


def reply_of(call: Callable[[], Awaitable[Result]]) -> Callable[[], Awaitable[Reply]]:
    async def make() -> Reply:
        return (await call()).reply

    return make


async def answer_command(interaction: discord.Interaction, key: Hashable | None,
                         call: Callable[[], Awaitable[Result]], *, ephemeral: bool = False) -> None:
    """Run the command (or serve the cached answer to `key`: None never caches) and reply in time."""
    await reply_in_time(interaction, reply_of(call), key=key, ephemeral=ephemeral)
