"""A pager for multi-page replies: section buttons plus previous/next, only for the person who asked."""

from __future__ import annotations

import discord

from bot.discord_bot.embeds import NO_MENTIONS
from bot.render.limits import BUTTON_LABEL


class Pager(discord.ui.View):
    def __init__(self, embeds: list[discord.Embed], sections: dict[str, int], owner_id: int, timeout: float = 300):
        super().__init__(timeout=timeout)
        self.embeds = embeds
        self.index = 0
        self.owner_id = owner_id
        self.message: discord.InteractionMessage | discord.Message | None = None
        self.previous = discord.ui.Button(label="◀", style=discord.ButtonStyle.secondary, row=0)
        self.next = discord.ui.Button(label="▶", style=discord.ButtonStyle.secondary, row=0)
        self.previous.callback = self._go(-1)
        self.next.callback = self._go(+1)
        self.add_item(self.previous)
        for label, start in list(sections.items())[:3]:
            button = discord.ui.Button(label=label[:BUTTON_LABEL], style=discord.ButtonStyle.primary, row=0)
            button.callback = self._jump(start)
            self.add_item(button)
        self.add_item(self.next)
        self._refresh()

    def _refresh(self) -> None:
        self.previous.disabled = self.index == 0
        self.next.disabled = self.index >= len(self.embeds) - 1

    def _go(self, step: int):
        async def callback(interaction: discord.Interaction) -> None:
            await self._show(interaction, self.index + step)
        return callback

    def _jump(self, start: int):
        async def callback(interaction: discord.Interaction) -> None:
            await self._show(interaction, start)
        return callback

    async def _show(self, interaction: discord.Interaction, index: int) -> None:
        self.index = max(0, min(index, len(self.embeds) - 1))
        self._refresh()
        await interaction.response.edit_message(embed=self.embeds[self.index], view=self, allowed_mentions=NO_MENTIONS)

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(
            "Only the person who ran this command can turn its pages. Run it yourself to browse.",
            ephemeral=True, allowed_mentions=NO_MENTIONS,
        )
        return False

    async def on_timeout(self) -> None:
        for item in self.children:
            if isinstance(item, discord.ui.Button):
                item.disabled = True
        if self.message is not None:
            try:
                await self.message.edit(view=self)
            except discord.HTTPException:
                pass  # the message may be gone; nothing for the user to see
