"""Answers as cards: plain, limit-checked pages that both the Discord embeds and the console draw."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.render import limits
from bot.render.text import chunk_lines, clip, defuse_mentions


@dataclass
class Field:
    name: str
    value: str
    inline: bool = False


@dataclass
class Card:
    """One page: maps 1:1 to a Discord embed, and to a console panel."""

    title: str
    description: str = ""
    fields: list[Field] = field(default_factory=list)
    footer: str | None = None
    url: str | None = None
    color: int = 0x2B6CB0

    def fitted(self) -> Card:
        """A copy that satisfies every embed limit (each part clipped at a word, marked), with any
        @everyone, @here or <@id> in it made inert (quoted text may contain them)."""
        fields = [
            Field(_fit(f.name, limits.FIELD_NAME) or "\u200b", _fit(f.value, limits.FIELD_VALUE) or "\u200b", f.inline)
            for f in self.fields[: limits.EMBED_FIELDS]
        ]
        card = Card(
            _fit(self.title, limits.EMBED_TITLE),
            _fit(self.description, limits.EMBED_DESCRIPTION),
            fields,
            _fit(self.footer, limits.FOOTER_TEXT) or None if self.footer else None,
            self.url if self.url and self.url.startswith(("http://", "https://")) and len(self.url) <= 2048 else None,
            self.color & 0xFFFFFF,
        )
        overflow = card.size() - limits.EMBED_TOTAL
        if overflow > 0:
            card.description = clip(card.description, max(0, len(card.description) - overflow - 1))
        while card.size() > limits.EMBED_TOTAL and card.fields:
            card.fields.pop()
        return card

    def size(self) -> int:
        return len(self.title) + len(self.description) + len(self.footer or "") + sum(
            len(f.name) + len(f.value) for f in self.fields
        )


@dataclass
class Reply:
    """What a command answers: pages to flip through, with named sections the buttons jump to."""

    pages: list[Card]
    sections: dict[str, int] = field(default_factory=dict)
    ephemeral: bool = False
    content: str | None = None

    def fitted(self) -> Reply:
        return Reply([page.fitted() for page in self.pages], self.sections, self.ephemeral,
                     _fit(self.content, limits.MESSAGE_CONTENT) or None if self.content else None)


def _fit(text: str, limit: int) -> str:
    return clip(defuse_mentions(text), limit)


def paged(title: str, lines: list[str], *, footer: str | None = None, color: int = 0x2B6CB0,
          per_page: int = limits.EMBED_DESCRIPTION - 96) -> list[Card]:
    """Spread lines over as many cards as needed; each card says which page it is."""
    blocks = chunk_lines(lines, per_page) or ["Nothing to show."]
    cards = []
    for number, block in enumerate(blocks, start=1):
        suffix = f" ({number}/{len(blocks)})" if len(blocks) > 1 else ""
        cards.append(Card(f"{title}{suffix}", block, footer=footer, color=color))
    return cards
