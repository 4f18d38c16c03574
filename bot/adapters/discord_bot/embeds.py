"""Cards to discord.Embed: the one place replies become Discord objects (limits already enforced)."""

from __future__ import annotations

import discord

from bot.render.cards import Card

NO_MENTIONS = discord.AllowedMentions.none()


def to_embed(card: Card) -> discord.Embed:
    card = card.fitted()
    embed = discord.Embed(title=card.title, description=card.description or None, url=card.url, color=card.color)
    for field in card.fields:
        embed.add_field(name=field.name, value=field.value, inline=field.inline)
    if card.footer:
        embed.set_footer(text=card.footer)
    return embed

