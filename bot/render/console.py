"""Draw replies in the terminal with rich: the same cards the bot sends as embeds."""

from __future__ import annotations

import datetime as dt
import re

from rich.console import Console, Group
from rich.markdown import Markdown
from rich.panel import Panel
from rich.text import Text

from bot.render.cards import Card, Reply

_TIMESTAMP = re.compile(r"<t:(-?\d+)(?::[tTdDfFR])?>")


def _timestamps(text: str) -> str:
    """Discord shows <t:UNIX:F> in each reader's own time zone; a terminal shows it in UTC."""
    def as_text(match: re.Match) -> str:
        moment = dt.datetime.fromtimestamp(int(match[1]), dt.UTC)
        return moment.strftime("%-d %B %Y, %H:%M UTC")

    return _TIMESTAMP.sub(as_text, text)


def _markup(text: str) -> Markdown:
    # Discord markdown is close enough to CommonMark; keep line breaks as Discord does.
    return Markdown(re.sub(r"\n", "  \n", _timestamps(text)))


def card_renderable(card: Card) -> Panel:
    parts: list = []
    if card.description:
        parts.append(_markup(card.description))
    for field in card.fields:
        parts.append(Text(field.name, style="bold"))
        parts.append(_markup(field.value))
    return Panel(
        Group(*parts) if parts else Text(""),
        title=Text(card.title, style="bold"),
        title_align="left",
        subtitle=card.footer,
        subtitle_align="left",
        border_style=f"#{card.color:06x}",
    )


def print_reply(console: Console, reply: Reply) -> None:
    reply = reply.fitted()
    if reply.content:
        console.print(reply.content)
    for card in reply.pages:
        console.print(card_renderable(card))
