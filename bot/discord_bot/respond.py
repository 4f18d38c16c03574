"""Send a Reply as the answer to an interaction: first response or follow-up, paged, never pinging."""

from __future__ import annotations

import discord

from bot.discord_bot.embeds import NO_MENTIONS, reply_embeds
from bot.discord_bot.views import Pager
from bot.render.cards import Reply


async def send_reply(interaction: discord.Interaction, reply: Reply) -> None:
    embeds = reply_embeds(reply)
    view = Pager(embeds, reply.sections, interaction.user.id) if len(embeds) > 1 else None
    kwargs: dict = {"embed": embeds[0], "allowed_mentions": NO_MENTIONS}
    if view is not None:
        kwargs["view"] = view
    if reply.content:
        kwargs["content"] = reply.content
    if interaction.response.is_done():
        message = await interaction.followup.send(ephemeral=reply.ephemeral, wait=True, **kwargs)
    else:
        await interaction.response.send_message(ephemeral=reply.ephemeral, **kwargs)
        message = await interaction.original_response() if view is not None else None
    if view is not None:
        view.message = message
