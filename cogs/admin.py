"""/admin reload and /admin status, for server managers only (checked here, not just by Discord)."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.adapters.discord_bot import cooldowns
from bot.adapters.discord_bot.checks import require_manage_guild
from bot.adapters.discord_bot.dispatch import answer_command
from bot.adapters.discord_bot.respond import send_reply
from bot.adapters.store_problems import database_problem
from bot.render.answers import reload_failed_reply


@app_commands.default_permissions(manage_guild=True)
@app_commands.guild_only()
class Admin(commands.GroupCog, group_name="admin", group_description="Server managers: reload content, status."):
    def __init__(self, bot) -> None:
        self.bot = bot
        self.commands = bot.command_table
        super().__init__()

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        return require_manage_guild(interaction)

    @app_commands.command(name="reload", description="Recompile changed briefings and claims without a restart.")
    @cooldowns.per_user()
    async def reload(self, interaction: discord.Interaction) -> None:
        # Compiling can take seconds: defer first, privately, then the report edits the "thinking" message.
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            result = await self.commands.admin_reload()
        except Exception as exc:
            # Another process writing past the wait, a read-only or damaged file: say so; nothing changed.
            problem = database_problem(exc)
            if problem is None:
                raise
            await send_reply(interaction, reload_failed_reply(problem))
            return
        if result.data["compiled"]:
            self.bot.content_changed()  # answers from the old content go
        await send_reply(interaction, result.reply)

    @app_commands.command(name="status", description="Content counts, versions, uptime and the last digest.")
    @cooldowns.per_user()
    async def status(self, interaction: discord.Interaction) -> None:
        await answer_command(interaction, None, self.commands.admin_status, ephemeral=True)  # live: never cached


async def setup(bot) -> None:
    await bot.add_cog(Admin(bot))
