"""What a user typed is echoed back inert: no masked link, no clickable invite, no formatting, no ping."""

from __future__ import annotations

import re

import pytest

from bot.adapters.commands import Commands

MASKED_LINK = re.compile(r"(?<!\\)\[[^\]]*(?<!\\)\]\(")
CLICKABLE = re.compile(r"https?://|discord\.gg/|discord\.com/invite", re.IGNORECASE)


@pytest.mark.parametrize("typed", ["[free nitro](https://evil.example/x)", "join discord.gg/abcdef",
                                   "https://discord.com/invite/xyz tariffs", "**loud** @everyone"])
async def test_echoed_queries_are_inert(core, typed):
    commands = Commands(core)
    for result in (await commands.who(typed), await commands.search(typed), await commands.when(typed),
                   await commands.quote(typed)):
        for card in result.reply.pages:
            for text in (card.title, card.description, card.footer or "", *(f.value for f in card.fields)):
                assert not MASKED_LINK.search(text), text
                assert not CLICKABLE.search(text), text
                assert "@everyone" not in text
                assert "**loud**" not in text
        for card in result.reply.pages:
            assert "\\" not in card.title and "\\" not in (card.footer or "")  # plain-text places show escapes
