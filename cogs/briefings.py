"""/brief and /topics."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_bot.respond import send_reply
from bot.models import NotFound
from bot.render import answers
from bot.render.limits import AUTOCOMPLETE_CHOICES, CHOICE_NAME, CHOICE_VALUE
from bot.render.text import clip


class Briefings(commands.Cog):
    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        self.core = bot.core  # type: ignore[attr-defined]

    @app_commands.command(name="brief", description="A briefing on a topic: summary, key points with sources, timeline.")
    @app_commands.describe(topic="The topic, e.g. tariffs (typos are fine)")
    @app_commands.checks.cooldown(3, 10.0, key=lambda i: i.user.id)
    async def brief(self, interaction: discord.Interaction, topic: app_commands.Range[str, 0, 200]) -> None:
        answer = await self.core.brief(topic)
        reply = answers.not_found_reply(answer) if isinstance(answer, NotFound) else answers.brief_reply(answer)
        await send_reply(interaction, reply)

    @brief.autocomplete("topic")
    async def brief_topics(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        matches = await self.core.suggest_topics(current[:200], AUTOCOMPLETE_CHOICES)
        return [
            app_commands.Choice(name=clip(match.title, CHOICE_NAME), value=match.slug[:CHOICE_VALUE])
            for match in matches
        ]

    @app_commands.command(name="topics", description="Every topic that has a briefing.")
    async def topics(self, interaction: discord.Interaction) -> None:
        await send_reply(interaction, answers.topics_reply(await self.core.topics()))


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Briefings(bot))
