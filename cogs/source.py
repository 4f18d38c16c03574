"""/source: an article's details and the claims drawn from it."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.adapters.discord_bot import cooldowns
from bot.adapters.discord_bot.autocomplete import Pairs, guarded
from bot.adapters.discord_bot.cog import BriefCog
from bot.adapters.discord_bot.dispatch import answer_lookup
from bot.adapters.lookup_process import Lookup

MAX_ARTICLE = 200


class Source(BriefCog):
    @app_commands.command(name="source", description="An article's details and the claims drawn from it.")
    @app_commands.describe(article="The article's title words or id (pick from the list)")
    @cooldowns.per_user()
    async def source(self, interaction: discord.Interaction, article: app_commands.Range[str, 1, MAX_ARTICLE]) -> None:
        article = str(article)[:MAX_ARTICLE]
        await answer_lookup(interaction, Lookup.of("source", article))

    @source.autocomplete("article")
    @guarded
    async def articles(self, interaction: discord.Interaction, current: str) -> Pairs:
        return [(title, article_id) for article_id, title in await self.core.suggest_articles(current, 25)]


async def setup(bot) -> None:
    await bot.add_cog(Source(bot))
