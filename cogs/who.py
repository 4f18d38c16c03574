"""/who: a person's roles and their statements in date order, with dates and sources."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.adapters.discord_bot import cooldowns
from bot.adapters.discord_bot.autocomplete import Pairs, guarded
from bot.adapters.discord_bot.cog import BriefCog
from bot.adapters.discord_bot.dispatch import answer_lookup
from bot.adapters.lookup_process import Lookup

MAX_PERSON = 100  # Discord enforces max_length in its client; a crafted payload may still carry more


class Who(BriefCog):
    @app_commands.command(name="who", description="What someone said, in date order, with dates and sources.")
    @app_commands.describe(person="A name, nickname or role, maybe with a subject: Sheinbaum, AMLO, Sheinbaum on deportations")
    @cooldowns.per_user()
    async def who(self, interaction: discord.Interaction, person: app_commands.Range[str, 1, MAX_PERSON]) -> None:
        person = str(person)[:MAX_PERSON]
        await answer_lookup(interaction, Lookup.of("who", person))

    @who.autocomplete("person")
    @guarded
    async def people(self, interaction: discord.Interaction, current: str) -> Pairs:
        # The value is the registry id: exact, and what /who resolves first.
        return [(name, person_id) for person_id, name in await self.core.suggest_people(current, 25)]


async def setup(bot) -> None:
    await bot.add_cog(Who(bot))
