"""An ingested article's metadata: flags first, then the file's own (front matter, HTML meta), then a
seeds manifest beside the file; the publication date's precision follows its written form."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from bot.core.dates import PartialDate
from bot.core.extract.names import slug
from bot.core.models import Article

MAX_ID = 50


class MissingMetadata(Exception):
    """What the user must add (one line)."""


@dataclass(frozen=True)
class Overrides:
    """What the user passed on the command line; None: take it from the file."""

    published: str | None = None
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_manifest(path: Path) -> dict[str, dict[str, Any]]:
    """file name -> its metadata, from a seeds manifest (empty when there is none or it is unreadable)."""
    if not path.is_file():
        return {}
    try:
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8")) or {}
    except Exception:  # noqa: BLE001 - a broken manifest only means no metadata from it
        return {}
    items = data.get("articles", []) if isinstance(data, dict) else []
    return {str(a.get("file")): a for a in items if isinstance(a, dict)}


def parse_published(value: Any) -> PartialDate:
    """ISO day or month, or an HTML timestamp ("2024-11-11T09:30:00Z"); the precision is what is written."""
    if isinstance(value, dt.datetime):
        value = value.date()
    text = str(value).strip()
    match = re.match(r"^(\d{4}-\d{2}(?:-\d{2})?)", text)
    if not match:
        raise MissingMetadata(f"publication date {text!r} is not like 2024-11-11 or 2024-11")
    try:
        return PartialDate.parse(match.group(1))
    except ValueError as exc:
        raise MissingMetadata(f"publication date: {exc}") from None


def build_article(path: Path, file_meta: dict[str, Any], flags: Overrides, text: str) -> Article:
    manifest = read_manifest(path.parent / "manifest.yaml").get(path.name, {})

    def pick(key: str) -> Any:
        flag = getattr(flags, key, None)
        return flag if flag is not None else file_meta.get(key, manifest.get(key))

    published_value = pick("published")
    if published_value in (None, ""):
        raise MissingMetadata("no publication date: pass --published 2024-11-11 (or add `published:` front matter)")
    published = parse_published(published_value)
    title = str(pick("title") or _first_line(text) or path.stem)
    precision = str(manifest.get("precision") or published.precision)
    if precision not in ("day", "week", "month"):
        precision = "month"
    not_before = _optional_date(manifest.get("not_before")) if published_value == manifest.get("published") else None
    not_after = _optional_date(manifest.get("not_after")) if published_value == manifest.get("published") else None
    return Article(
        id=article_id(title, text), title=title[:300], file=path.name, author=_text(pick("author")),
        outlet=_text(pick("outlet")), kind=_text(file_meta.get("kind") or manifest.get("kind")) or "news",
        published=published, precision=precision, not_before=not_before, not_after=not_after,
        url=_text(pick("url")),
    )


def article_id(title: str, text: str) -> str:
    """A readable slug of the title plus a short hash of the text: two articles never share an id."""
    return f"{slug(title)[:MAX_ID - 7].strip('-') or 'article'}-{content_hash(text)[:6]}"


def _first_line(text: str) -> str | None:
    first = text.strip().split("\n", 1)[0].strip() if text.strip() else ""
    return first[:120] if 0 < len(first.split()) <= 20 else None


def _text(value: Any) -> str | None:
    return str(value).strip() or None if value not in (None, "") else None


def _optional_date(value: Any) -> PartialDate | None:
    try:
        return PartialDate.parse(value) if value not in (None, "") else None
    except ValueError:
        return None
