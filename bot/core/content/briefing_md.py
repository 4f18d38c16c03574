"""Briefing files: YAML front matter plus a Markdown body split into known sections."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from bot.core.content.fields import RecordReader
from bot.core.content.yamlio import load_yaml_text
from bot.core.dates import PartialDate
from bot.core.models import Briefing, BriefingItem, Problem

_CITATION = re.compile(r"\s*\[([a-z0-9][a-z0-9\-]*(?:\s*,\s*[a-z0-9][a-z0-9\-]*)*)\]\s*$")
_TIMELINE = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)\s*(?:—|–|-|:)\s*(.+)$", re.S)
_SECTIONS = {"key points": "key_points", "timeline": "timeline", "what to watch": "watch", "sources": "sources"}


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (front matter, body, line number where the body starts)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None, text, 1
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "".join(lines[1:index]), "".join(lines[index + 1:]), index + 2
    return None, text, 1


def _list_items(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Markdown bullet items with their continuation lines folded in."""
    items: list[tuple[int, str]] = []
    for number, line in lines:
        stripped = line.strip()
        if stripped.startswith(("- ", "* ")):
            items.append((number, stripped[2:].strip()))
        elif stripped and items:
            items[-1] = (items[-1][0], f"{items[-1][1]} {stripped}")
    return items


def _cited(text: str) -> tuple[str, tuple[str, ...]]:
    match = _CITATION.search(text)
    if not match:
        return text.strip(), ()
    ids = tuple(part.strip() for part in match.group(1).split(","))
    return text[: match.start()].strip(), ids


def parse_body(body: str, file: str, first_line: int) -> tuple[dict[str, list], list[Problem], dict[str, int]]:
    sections: dict[str, list[tuple[int, str]]] = {}
    current = None
    for offset, line in enumerate(body.splitlines()):
        heading = re.match(r"^#{2,3}\s+(.+?)\s*$", line)
        if heading:
            current = _SECTIONS.get(heading.group(1).strip().lower())
            if current:
                sections[current] = []
            continue
        if current:
            sections[current].append((first_line + offset, line))
    problems: list[Problem] = []
    parsed: dict[str, list] = {"key_points": [], "timeline": [], "watch": [], "sources": []}
    citation_lines: dict[str, int] = {}
    for number, item in _list_items(sections.get("key_points", [])):
        text, ids = _cited(item)
        parsed["key_points"].append(BriefingItem(text, ids))
        citation_lines.update({claim_id: number for claim_id in ids if claim_id not in citation_lines})
    for number, item in _list_items(sections.get("timeline", [])):
        match = _TIMELINE.match(item)
        if not match:
            problems.append(Problem(file, number, "timeline", "entry must start with a date like 2025-01-20 —"))
            continue
        try:
            when = PartialDate.parse(match.group(1))
        except ValueError as exc:
            problems.append(Problem(file, number, "timeline", str(exc)))
            continue
        text, ids = _cited(match.group(2))
        parsed["timeline"].append(BriefingItem(text, ids, when))
        citation_lines.update({claim_id: number for claim_id in ids if claim_id not in citation_lines})
    parsed["watch"] = [item for _, item in _list_items(sections.get("watch", []))]
    parsed["sources"] = [item for _, item in _list_items(sections.get("sources", []))]
    return parsed, problems, citation_lines


def read_briefing(path: Path, label: str) -> tuple[Briefing | None, list[Problem], dict[str, int]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(label, None, None, f"cannot read file: {exc}")], {}
    front, problem = front_matter(text, label)
    if problem:
        return None, [problem], {}
    return parse_briefing(text, front, path.stem, label)


def front_matter(text: str, label: str) -> tuple[Any, Problem | None]:
    """The front matter's YAML, or the problem that stops the whole file loading (none, or invalid)."""
    front, _, _ = split_front_matter(text)
    if front is None:
        return None, Problem(label, 1, None, "missing front matter: the file must start with a '---' block")
    return load_yaml_text(front, label, line_offset=1)


def parse_briefing(text: str, node: Any, stem: str, label: str) -> tuple[Briefing | None, list[Problem], dict[str, int]]:
    """A briefing from its text and its parsed front matter (see front_matter); stem is the file's name."""
    _, body, body_line = split_front_matter(text)
    r = RecordReader(node, label, line_offset=1)
    slug = r.slug("slug")
    if slug and slug != stem:
        r.fail("slug", f"{slug!r} must match the file name {stem!r}")
    parsed, problems, citation_lines = parse_body(body, label, body_line)
    briefing = Briefing(
        slug=slug or "",
        title=r.text("title", max_len=200) or "",
        summary=r.text("summary", max_len=1000) or "",
        updated=r.date("updated", required=False),
        aliases=r.text_list("aliases"),
        keywords=r.text_list("keywords"),
        related=r.text_list("related"),
        claims=r.text_list("claims"),
        articles=r.text_list("articles"),
        key_points=tuple(parsed["key_points"]),
        timeline=tuple(parsed["timeline"]),
        watch=tuple(parsed["watch"]),
        sources=tuple(parsed["sources"]),
        body=body.strip(),
    )
    for claim_id in briefing.claims:
        citation_lines.setdefault(claim_id, r.line("claims") or 1)
    return (briefing if r.ok else None), r.problems + problems, citation_lines
