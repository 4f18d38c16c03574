"""Answer an interaction with a Reply: in time, paged, never pinging anyone.

Discord voids an interaction that gets no first response within 3 seconds. `reply_in_time` serves a recent
identical answer at once (answer_cache.py); otherwise it runs the lookup and, if the answer is not ready
well before the deadline, defers ("briefbot is thinking…") so the answer still arrives, as the follow-up
that replaces the thinking message.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from datetime import UTC, datetime

import discord

from bot.adapters.discord_bot.answer_cache import observed
from bot.adapters.discord_bot.embeds import NO_MENTIONS, to_embed
from bot.adapters.discord_bot.views import Pager
from bot.adapters.memo import SameObjectMemo
from bot.render.cards import Reply

DEFER_BY = 1.5  # seconds after Discord created the interaction; leaves room for a slow network


@dataclass(frozen=True)
class Prepared:
    """A Reply as Discord objects, built once: a cached answer and every pager showing it share them."""

    embeds: tuple[discord.Embed, ...]
    sections: dict[str, int]
    ephemeral: bool
    content: str | None


_PREPARED: SameObjectMemo[Reply, Prepared] = SameObjectMemo()  # a reply shared by many answers: built once


def prepare(reply: Reply) -> Prepared:
    return _PREPARED.get(reply, _prepare)


def _prepare(reply: Reply) -> Prepared:
    fitted = reply.fitted()
    return Prepared(tuple(to_embed(card) for card in fitted.pages), fitted.sections, fitted.ephemeral, fitted.content)


def prepared(make: Callable[[], Awaitable[Reply]]) -> Callable[[], Awaitable[Prepared]]:
    """`make`, turned into something the answer cache keeps: the Reply already built as embeds."""

    async def build() -> Prepared:
        return prepare(await make())

    return build


def defer_delay(interaction: discord.Interaction) -> float:
    """How long the lookup may run before we defer: less if the interaction already waited in a queue.

    The age comes from the interaction's snowflake, i.e. Discord's clock; clamping it means a skewed
    local clock can make us defer early, but never wait past DEFER_BY."""
    age = (datetime.now(UTC) - interaction.created_at).total_seconds()
    return DEFER_BY - min(max(age, 0.0), DEFER_BY)


async def reply_in_time(interaction: discord.Interaction, make: Callable[[], Awaitable[Reply]], *,
                 key: Hashable | None = None, ephemeral: bool = False) -> None:
    """Send the Reply `make()` produces; `key` names the question when the same one always gets the
    same answer (then it may come from the cache). A deferred answer is shown to everyone unless
    `ephemeral`: Discord fixes visibility at the defer."""
    cache = getattr(interaction.client, "answers", None) if key is not None else None
    core = getattr(interaction.client, "core", None)
    if cache is not None and core is not None:
        cache.follow(await core.content_generation())  # another process may have changed the content
    ready = cache.peek(key) if cache is not None else None
    if ready is None:
        if cache is not None:
            task = cache.compute(key, prepared(make))
        else:
            task = asyncio.ensure_future(prepared(make)())
            task.add_done_callback(observed)
        done, _ = await asyncio.wait({task}, timeout=defer_delay(interaction))
        if not done:
            await interaction.response.defer(thinking=True, ephemeral=ephemeral)
        ready = await asyncio.shield(task)
    await send_prepared(interaction, ready)


async def send_reply(interaction: discord.Interaction, reply: Reply) -> None:
    await send_prepared(interaction, prepare(reply))


async def send_prepared(interaction: discord.Interaction, ready: Prepared) -> None:
    """The first response, or after a defer the follow-up; a Pager when there is more than one page."""
    view = None
    if len(ready.embeds) > 1:
        client = interaction.client
        settings = getattr(client, "settings", None)
        view = Pager(list(ready.embeds), ready.sections, interaction.user.id,
                     timeout=settings.pager_timeout_seconds if settings else 300,
                     registry=getattr(client, "live_pagers", None))
    kwargs: dict = {"embed": ready.embeds[0], "allowed_mentions": NO_MENTIONS}
    if view is not None:
        kwargs["view"] = view
    if ready.content:
        kwargs["content"] = ready.content
    try:
        if interaction.response.is_done():
            message = await interaction.followup.send(ephemeral=ready.ephemeral, wait=True, **kwargs)
        else:
            callback = await interaction.response.send_message(ephemeral=ready.ephemeral, **kwargs)
            message = getattr(callback, "resource", None)  # discord.py >= 2.5 returns the message itself
            if view is not None and not isinstance(message, discord.InteractionMessage):
                message = await interaction.original_response()
    except BaseException:
        if view is not None:
            view.stop()  # never sent: drop it rather than leave its timeout running
        raise
    if view is not None:
        view.message = message
