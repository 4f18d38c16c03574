"""Text helpers that respect limits without cutting a word (or a quote) silently."""

from __future__ import annotations

import re

ELLIPSIS = "…"
_MENTION = re.compile(r"@(everyone|here)|<(@[!&]?|#)(\d+)>")


def clip(text: str, limit: int, marker: str = ELLIPSIS) -> str:
    """Shorten at a word boundary and say so with a marker; never return more than `limit`."""
    text = text.strip()
    if len(text) <= limit:
        return text
    room = limit - len(marker)
    cut = text[:room]
    space = cut.rfind(" ")
    if space > room * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:—-") + marker


def chunk_lines(lines: list[str], limit: int) -> list[str]:
    """Group lines into blocks of at most `limit` characters; a single long line is clipped."""
    blocks: list[str] = []
    current = ""
    for line in lines:
        line = clip(line, limit)
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            blocks.append(current)
            current = line
        else:
            current = candidate
    if current:
        blocks.append(current)
    return blocks


def defuse_mentions(text: str) -> str:
    """Belt and braces beside allowed_mentions=none: mentions in quoted text render inert."""
    return _MENTION.sub(lambda m: m.group(0).replace("@", "@\u200b").replace("<#", "<#\u200b"), text)


_MARKDOWN = re.compile(r"([\\`*_~|>\[\]])")  # what can turn typed text into formatting or a masked link
_LINK = re.compile(r"(?i)(https?)(://)|\b(discord)(\.gg|\.com/invite|app\.com/invite)")


def inert(text: str) -> str:
    """Typed text shown as typed: markdown escaped, links and invites not clickable (a query echoed back
    must not turn into someone's masked link or server invite)."""
    text = _MARKDOWN.sub(r"\\\1", text)
    return _LINK.sub(_break_link, text)


def plain_query(text: str, limit: int = 100, *, markdown: bool = True) -> str:
    """A user's query, safe to echo back: one line, no control characters, no pings, no links, bounded.
    markdown=False for titles and footers, which Discord shows as plain text (an escape would show)."""
    cleaned = "".join(ch if ch.isprintable() else " " for ch in text)
    text = defuse_mentions(" ".join(cleaned.split()))
    return clip(inert(text) if markdown else _LINK.sub(_break_link, text), limit)


def _break_link(match: re.Match) -> str:
    return f"{match[1]}\u200b{match[2]}" if match[1] else f"{match[3]}\u200b{match[4]}"
