"""A pager for multi-page replies: ◀ page ▶ plus one button per section, only for the person who asked."""

from __future__ import annotations

import logging
import secrets

import discord

from bot.adapters.discord_bot.embeds import NO_MENTIONS
from bot.render.limits import BUTTON_LABEL

log = logging.getLogger(__name__)

PAGER_PREFIX = "page:"  # custom_id prefix: lets the bot recognise clicks on pagers it no longer holds
MAX_SECTIONS = 5  # one action row holds five buttons
NOT_YOURS = "Only the person who ran this command can turn its pages. Run it yourself to browse."
STALE = "These buttons have expired. Run the command again to browse the answer."
FAILED = "Sorry, I could not turn the page. Please run the command again."


class Pager(discord.ui.View):
    """Row 0: ◀, the page number, ▶. Row 1: a button per section (Summary, Key points, ...)."""

    def __init__(self, embeds: list[discord.Embed], sections: dict[str, int], owner_id: int, *,
                 timeout: float = 300, registry: dict[str, Pager] | None = None) -> None:
        super().__init__(timeout=timeout)
        self.embeds = embeds
        self.index = 0
        self.owner_id = owner_id
        self.message: discord.InteractionMessage | discord.WebhookMessage | None = None
        self.key = secrets.token_hex(8)
        self.registry = registry  # the bot's live pagers, so a click on a dead one still gets an answer
        if registry is not None:
            registry[self.key] = self
        self.previous = self._button("◀", "prev", 0, self._go(-1))
        self.position = self._button("1", "pos", 0, None)
        self.position.disabled = True  # a label, not a control
        self.next = self._button("▶", "next", 0, self._go(+1))
        self.sections: list[tuple[discord.ui.Button, int, int]] = []  # button, first page, end
        starts = sorted({s for s in sections.values() if 0 <= s < len(embeds)})
        for number, (label, start) in enumerate(list(sections.items())[:MAX_SECTIONS]):
            if 0 <= start < len(embeds):
                button = self._button(label[:BUTTON_LABEL] or "·", f"s{number}", 1, self._jump(start))
                end = next((s for s in starts if s > start), len(embeds))
                self.sections.append((button, start, end))
        self._refresh()

    def _button(self, label: str, action: str, row: int, callback) -> discord.ui.Button:
        button = discord.ui.Button(label=label, style=discord.ButtonStyle.secondary, row=row,
                                   custom_id=f"{PAGER_PREFIX}{self.key}:{action}")
        if callback is not None:
            button.callback = callback
        self.add_item(button)
        return button

    def _refresh(self) -> None:
        self.previous.disabled = self.index == 0
        self.next.disabled = self.index >= len(self.embeds) - 1
        self.position.label = f"{self.index + 1}/{len(self.embeds)}"
        for button, start, end in self.sections:
            # The section being read is highlighted, so the reader knows where they are.
            button.style = discord.ButtonStyle.primary if start <= self.index < end else discord.ButtonStyle.secondary

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
        await interaction.response.send_message(NOT_YOURS, ephemeral=True, allowed_mentions=NO_MENTIONS)
        return False

    async def on_error(self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item) -> None:
        log.error("pager button failed", exc_info=error)
        if not interaction.response.is_done():
            try:
                await interaction.response.send_message(FAILED, ephemeral=True, allowed_mentions=NO_MENTIONS)
            except discord.HTTPException:
                pass  # the interaction expired; nothing more can be said

    def stop(self) -> None:
        if self.registry is not None:
            self.registry.pop(self.key, None)
        super().stop()

    async def on_timeout(self) -> None:
        if self.registry is not None:
            self.registry.pop(self.key, None)
        for item in self.children:
            if isinstance(item, discord.ui.Button):
                item.disabled = True
        if self.message is not None:
            try:
                await self.message.edit(view=self, allowed_mentions=NO_MENTIONS)
            except discord.HTTPException:
                pass  # the message may be gone; nothing for the user to see
