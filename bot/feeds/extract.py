"""A page's main text and what it says about itself (title, author, publication date).

A plain fallback, behind one function (`main_text`) so a real extractor (trafilatura, added with ingest)
replaces it in one place: prefer <article>, then <main>, then the whole body; drop scripts, styles,
navigation, headers, footers, asides and forms; keep paragraphs and headings as lines.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from html.parser import HTMLParser

SKIPPED = frozenset({"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "svg",
                     "iframe", "template", "button", "figure"})
BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "li", "blockquote", "div", "section", "br", "tr", "pre"})
VOID = frozenset({"br", "img", "meta", "link", "input", "hr", "source", "wbr", "area", "base", "col", "embed"})
DATE_META = ("article:published_time", "datePublished", "date", "pubdate", "dc.date", "og:published_time")


@dataclass(frozen=True)
class PageText:
    text: str
    title: str | None
    author: str | None
    published: dt.datetime | None


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipping: str | None = None  # the tag whose content is being left out, and how deep it nests
        self.skip_nest = 0
        self.parts: dict[str, list[str]] = {"article": [], "main": [], "body": []}
        self.open_regions: list[str] = []
        self.meta: dict[str, str] = {}
        self.title: list[str] = []
        self.in_title = False
        self.time_stamp: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k.lower(): v or "" for k, v in attrs}
        if tag == "meta":
            name = found.get("property") or found.get("name") or found.get("itemprop")
            if name and "content" in found:
                self.meta.setdefault(name.lower(), found["content"])
            return
        if tag == "time" and self.time_stamp is None and found.get("datetime"):
            self.time_stamp = found["datetime"]
        if tag in VOID:
            if tag == "br":
                self._text("\n")
            return
        if self.skipping:
            self.skip_nest += tag == self.skipping
            return
        if tag in SKIPPED:
            self.skipping, self.skip_nest = tag, 1
            return
        if tag == "title":
            self.in_title = True
        if tag in ("article", "main"):
            self.open_regions.append(tag)
        if tag in BLOCKS:
            self._text("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self.skipping:
            self.skip_nest -= tag == self.skipping
            if self.skip_nest == 0:
                self.skipping = None
            return
        if tag == "title":
            self.in_title = False
        if tag in BLOCKS:
            self._text("\n")
        if tag in ("article", "main") and tag in self.open_regions:
            self.open_regions.remove(tag)

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skipping:
            self._text(data)

    def _text(self, data: str) -> None:
        self.parts["body"].append(data)
        for region in set(self.open_regions):
            self.parts[region].append(data)


def _lines(parts: list[str]) -> str:
    lines = (re.sub(r"\s+", " ", line).strip() for line in "".join(parts).split("\n"))
    return "\n\n".join(line for line in lines if line)


def parse_when(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        when = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return when.replace(tzinfo=when.tzinfo or dt.UTC).astimezone(dt.UTC)


def main_text(html: str) -> PageText:
    """The article's text (paragraphs separated by blank lines) and the page's own metadata."""
    reader = _Reader()
    try:
        reader.feed(html)
        reader.close()
    except Exception:  # html.parser is lenient; whatever it read before an oddity still counts
        pass
    text = next((_lines(reader.parts[r]) for r in ("article", "main") if _lines(reader.parts[r])), "")
    text = text or _lines(reader.parts["body"])
    published = next((parse_when(reader.meta[k.lower()]) for k in DATE_META if reader.meta.get(k.lower())), None)
    title = reader.meta.get("og:title") or re.sub(r"\s+", " ", "".join(reader.title)).strip() or None
    author = reader.meta.get("author") or reader.meta.get("article:author") or None
    return PageText(text, title, author, published or parse_when(reader.time_stamp))
