"""/search: every claim, ranked, with optional filters (speaker, topic, kind, from, to)."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.adapters.discord_bot import cooldowns
from bot.adapters.discord_bot.autocomplete import Pairs, guarded
from bot.adapters.discord_bot.cog import BriefCog
from bot.adapters.discord_bot.dispatch import answer_lookup
from bot.adapters.lookup_process import Lookup

MAX_QUERY = 200
MAX_FILTER = 100
KINDS = [
    app_commands.Choice(name="Direct quote", value="direct_quote"),
    app_commands.Choice(name="Paraphrase (reported statement)", value="paraphrase"),
    app_commands.Choice(name="Statistic (a figure)", value="statistic"),
    app_commands.Choice(name="Action (something done)", value="action"),
]


def _bounded(text: object, limit: int) -> str | None:
    """An optional filter as text, cut to size; blank counts as not given. (Discord sends strings;
    a crafted payload might not.)"""
    text = "" if text is None else str(text)
    return text[:limit] if text.strip() else None


class Search(BriefCog):
    @app_commands.command(name="search", description="Search every claim, with optional filters.")
    @app_commands.rename(date_from="from", date_to="to")
    @app_commands.describe(
        query="Words to look for, e.g. fentanyl tariffs",
        speaker="Only claims by this person or body",
        topic="Only claims on this topic",
        kind="Only this kind of claim",
        date_from="On or after this date: 2019, 2019-06 or 2019-06-05",
        date_to="On or before this date: 2025, 2025-01 or 2025-01-31",
    )
    @app_commands.choices(kind=KINDS)
    @cooldowns.per_user()
    async def search(
        self,
        interaction: discord.Interaction,
        query: app_commands.Range[str, 1, MAX_QUERY],
        speaker: app_commands.Range[str, 1, MAX_FILTER] | None = None,
        topic: app_commands.Range[str, 1, MAX_FILTER] | None = None,
        kind: app_commands.Choice[str] | None = None,
        date_from: app_commands.Range[str, 1, 20] | None = None,
        date_to: app_commands.Range[str, 1, 20] | None = None,
    ) -> None:
        filters = {
            "speaker": _bounded(speaker, MAX_FILTER),
            "topic": _bounded(topic, MAX_FILTER),
            "kind": kind.value if kind is not None else None,
            "date_from": _bounded(date_from, 20),
            "date_to": _bounded(date_to, 20),
        }
        query = str(query)[:MAX_QUERY]
        await answer_lookup(interaction, Lookup.of("search", query, **filters))

    @search.autocomplete("speaker")
    @guarded
    async def speakers(self, interaction: discord.Interaction, current: str) -> Pairs:
        return [(name, person_id) for person_id, name in await self.core.suggest_people(current, 25)]

    @search.autocomplete("topic")
    @guarded
    async def topics(self, interaction: discord.Interaction, current: str) -> Pairs:
        return [(match.title, match.slug) for match in await self.core.suggest_topics(current, 25)]


async def setup(bot) -> None:
    await bot.add_cog(Search(bot))
