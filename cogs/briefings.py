"""/brief and /topics: the same handlers as the console, so both say the same thing."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.adapters.discord_bot import cooldowns
from bot.adapters.discord_bot.autocomplete import Pairs, guarded
from bot.adapters.discord_bot.cog import BriefCog
from bot.adapters.discord_bot.dispatch import answer_lookup
from bot.adapters.lookup_process import Lookup

MAX_TOPIC = 200  # Discord enforces max_length in its client; a crafted payload may still carry more


class Briefings(BriefCog):
    @app_commands.command(name="brief", description="A briefing on a topic: summary, key points with sources, timeline.")
    @app_commands.describe(topic="The topic, e.g. tariffs (typos are fine)")
    @cooldowns.per_user()
    async def brief(self, interaction: discord.Interaction, topic: app_commands.Range[str, 1, MAX_TOPIC]) -> None:
        topic = str(topic)[:MAX_TOPIC]
        await answer_lookup(interaction, Lookup.of("brief", topic))

    @brief.autocomplete("topic")
    @guarded
    async def brief_topics(self, interaction: discord.Interaction, current: str) -> Pairs:
        return [(match.title, match.slug) for match in await self.core.suggest_topics(current, 25)]

    @app_commands.command(name="topics", description="Every topic that has a briefing.")
    @cooldowns.per_user()
    async def topics(self, interaction: discord.Interaction) -> None:
        await answer_lookup(interaction, Lookup.of("topics"))


async def setup(bot) -> None:
    await bot.add_cog(Briefings(bot))
