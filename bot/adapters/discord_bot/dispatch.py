"""Cogs answer through the typed command table; the same question gets the cached answer."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable

import discord

from bot.adapters.commands import Result
from bot.adapters.discord_bot.respond import reply_in_time
from bot.adapters.lookup_process import Lookup
from bot.render.cards import Reply


def reply_of(call: Callable[[], Awaitable[Result]]) -> Callable[[], Awaitable[Reply]]:
    async def make() -> Reply:
        return (await call()).reply

    return make


async def answer_command(interaction: discord.Interaction, key: Hashable | None,
                         call: Callable[[], Awaitable[Result]], *, ephemeral: bool = False) -> None:
    """Run the command (or serve the cached answer to `key`: None never caches) and reply in time."""
    await reply_in_time(interaction, reply_of(call), key=key, ephemeral=ephemeral)


def lookup_reply(client: discord.Client, lookup: Lookup) -> Callable[[], Awaitable[Reply]]:
    """The lookup's reply: from the lookup process when it is running (the bot's own process is then free for
    Discord), else, or when it cannot answer, from the bot's own command table."""

    async def make() -> Reply:
        process = getattr(client, "lookup_process", None)
        if process is not None and process.ready:
            reply = await process.reply(lookup, await client.core.content_generation())  # type: ignore[attr-defined]
            if reply is not None:
                return reply
        return (await lookup.run(client.command_table)).reply  # type: ignore[attr-defined]

    return make


async def answer_lookup(interaction: discord.Interaction, lookup: Lookup) -> None:
    """A read-only lookup (/brief, /who, /search, ...): the cached answer to the same lookup, or a new one."""
    await reply_in_time(interaction, lookup_reply(interaction.client, lookup), key=lookup)
