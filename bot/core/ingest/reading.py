"""An article file as text plus what it says about itself: plain text, Markdown with front matter, or HTML
(main text by trafilatura, with the standard library's parser as the fallback).

Every failure is an `UnreadableFile` with one line of reason; nothing here raises anything else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from bot.core.content.briefing_md import split_front_matter
from bot.core.content.yamlio import load_yaml_text

MAX_BYTES = 20 * 1024 * 1024  # beyond this a file is not an article
_HTML_SNIFF = re.compile(rb"^\s*(?:<!doctype html|<html|<head|<body|<article|<p[ >])", re.I)
_SKIP_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "svg", "template",
              "iframe", "button", "figure"}
_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article",
               "tr", "pre"}
_META = {"article:published_time": "published", "og:title": "title", "author": "author", "og:site_name": "outlet",
         "og:url": "url", "article:author": "author", "date": "published", "dc.date": "published",
         "citation_publication_date": "published", "publish-date": "published"}


class UnreadableFile(Exception):
    """A file that is not an article we can read; the message is one line for the user."""


@dataclass
class ReadArticle:
    text: str  # what extraction reads and spans index
    meta: dict[str, Any] = field(default_factory=dict)  # title, author, outlet, url, published, ...
    fmt: str = "text"  # text | markdown | html


def read_file(path: Path) -> ReadArticle:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if len(raw) > MAX_BYTES:
        raise UnreadableFile(f"{path}: {len(raw) // (1024 * 1024)} MB is too large for one article")
    return read_bytes(raw, path.suffix.lower())


def read_bytes(raw: bytes, suffix: str = "") -> ReadArticle:
    if b"\0" in raw[:8192]:
        raise UnreadableFile("this is not a text file (binary content)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
        if text.count("\ufffd") > len(text) // 100:
            raise UnreadableFile("this is not UTF-8 or Windows-1252 text") from None
    if _control_heavy(text):
        raise UnreadableFile("this is not a text file (mostly control characters)")
    if suffix in (".html", ".htm") or _HTML_SNIFF.match(raw[:512]):
        return _from_html(text)
    if suffix in (".md", ".markdown") or text.startswith("---"):
        return _from_markdown(text)
    return ReadArticle(_normalise(text))


def _control_heavy(text: str) -> bool:
    sample = text[:20000]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return bool(sample) and bad > len(sample) * 0.05


def _normalise(text: str) -> str:
    """Line endings unified and trailing spaces dropped: spans index this text, so it is what we store."""
    return re.sub(r"[ \t]+\n", "\n", text.replace("\r\n", "\n").replace("\r", "\n")).strip("\n")


def _from_markdown(text: str) -> ReadArticle:
    front, body, _ = split_front_matter(text)
    meta: dict[str, Any] = {}
    if front is not None:
        node, problem = load_yaml_text(front, "front matter")
        if problem is None and isinstance(node, dict):
            meta = {str(k): v for k, v in node.items() if v is not None}
    body = re.sub(r"^#{1,6}\s+", "", body, flags=re.M)  # headings become lines of text
    body = re.sub(r"(\*\*|__)(.+?)\1", r"\2", body)
    body = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", body)
    return ReadArticle(_normalise(body), meta, "markdown")


class _TextAndMeta(HTMLParser):
    """The visible article text and the page's meta tags, without scripts, styles or navigation."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.skipping = 0
        self.in_title = False
        self.title = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skipping += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "meta":
            values = dict(attrs)
            key = (values.get("property") or values.get("name") or "").lower()
            if key in _META and values.get("content"):
                self.meta.setdefault(_META[key], values["content"])
        elif tag == "time" and not self.skipping:
            stamp = dict(attrs).get("datetime")
            if stamp:
                self.meta.setdefault("published", stamp)
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS and self.skipping:
            self.skipping -= 1
        elif tag == "title":
            self.in_title = False
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
        elif not self.skipping:
            self.parts.append(re.sub(r"\s+", " ", data))  # source line breaks are not paragraphs; block tags are


def _main_text(html: str) -> tuple[str | None, dict[str, Any]]:
    """The page's main text and title/author/site by trafilatura (boilerplate, menus, comments dropped);
    (None, {}) when it finds no main text. Its date guesses are not used: a date comes from the page's own
    meta tags or the user, never from a guess."""
    try:
        import trafilatura
    except ImportError:  # an install without it still reads HTML, through the parser below
        return None, {}
    try:
        text = trafilatura.extract(html, favor_precision=True, include_comments=False, include_tables=False)
        found = trafilatura.extract_metadata(html)
    except Exception:  # noqa: BLE001 - a page it cannot handle falls back to the plain parser
        return None, {}
    meta = {"title": found.title, "author": found.author, "outlet": found.sitename} if found else {}
    return text, {k: v for k, v in meta.items() if v}


def _from_html(html: str) -> ReadArticle:
    parser = _TextAndMeta()
    try:
        parser.feed(html)
        parser.close()
    except Exception as exc:  # noqa: BLE001 - html.parser is lenient; anything it raises is "unreadable"
        raise UnreadableFile(f"this HTML cannot be parsed ({exc})") from None
    lines = [re.sub(r"\s+", " ", line).strip() for line in "".join(parser.parts).split("\n")]
    main, found = _main_text(html)
    text = _normalise(main) if main and main.strip() else "\n".join(line for line in lines if line)
    meta: dict[str, Any] = dict(parser.meta)
    for key, value in found.items():
        meta.setdefault(key, value)
    if parser.title.strip():
        meta.setdefault("title", parser.title.strip())
    return ReadArticle(text, meta, "html")
