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
        """A copy that satisfies every embed limit (each part clipped at a word, marked)."""
        fields = [
            Field(clip(f.name, limits.FIELD_NAME) or "\u200b", clip(f.value, limits.FIELD_VALUE) or "\u200b", f.inline)
            for f in self.fields[: limits.EMBED_FIELDS]
        ]
        card = Card(
            clip(defuse_mentions(self.title), limits.EMBED_TITLE),
            clip(self.description, limits.EMBED_DESCRIPTION),
            fields,
            clip(self.footer, limits.FOOTER_TEXT) if self.footer else None,
            self.url,
            self.color,
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
                     clip(self.content, limits.MESSAGE_CONTENT) if self.content else None)


def paged(title: str, lines: list[str], *, footer: str | None = None, color: int = 0x2B6CB0,
          per_page: int = limits.EMBED_DESCRIPTION - 96) -> list[Card]:
    """Spread lines over as many cards as needed; each card says which page it is."""
    blocks = chunk_lines(lines, per_page) or ["Nothing to show."]
    cards = []
    for number, block in enumerate(blocks, start=1):
        suffix = f" ({number}/{len(blocks)})" if len(blocks) > 1 else ""
        cards.append(Card(f"{title}{suffix}", block, footer=footer, color=color))
    return cards
