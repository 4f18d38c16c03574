"""Field readers for one YAML record: each bad field becomes a Problem, never an exception."""

from __future__ import annotations

import re
from typing import Any

from bot.core.content.yamlio import line_of
from bot.core.dates import PartialDate
from bot.core.models import Problem

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class RecordReader:
    """Reads typed fields from one mapping and collects problems with file and line."""

    def __init__(self, node: Any, file: str, line_offset: int = 0) -> None:
        self.node = node if isinstance(node, dict) else {}
        self.raw = node
        self.file = file
        self.offset = line_offset
        self.problems: list[Problem] = []
        if not isinstance(node, dict):
            self.fail(None, "expected a mapping of fields")

    @property
    def ok(self) -> bool:
        return not self.problems

    def line(self, key: str | None = None) -> int | None:
        return line_of(self.raw, key, self.offset)

    def fail(self, key: str | None, message: str) -> None:
        self.problems.append(Problem(self.file, self.line(key), key, message))

    def text(self, key: str, *, required: bool = True, max_len: int | None = None) -> str | None:
        value = self.node.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(key, "is required")
            return None
        if isinstance(value, (dict, list)):
            self.fail(key, "must be text")
            return None
        value = str(value).strip()
        if max_len and len(value) > max_len:
            self.fail(key, f"is {len(value)} characters; at most {max_len}")
        return value

    def slug(self, key: str, *, required: bool = True) -> str | None:
        value = self.text(key, required=required)
        if value is not None and (not SLUG.match(value) or len(value) > 60):
            self.fail(key, f"{value!r} must be a slug: lowercase letters, digits and hyphens, at most 60")
            return None
        return value

    def choice(self, key: str, options: tuple[str, ...], *, required: bool = True) -> str | None:
        value = self.text(key, required=required)
        if value is not None and value not in options:
            self.fail(key, f"{value!r} must be one of {', '.join(options)}")
            return None
        return value

    def date(self, key: str, *, required: bool = True) -> PartialDate | None:
        value = self.node.get(key)
        if value in (None, ""):
            if required:
                self.fail(key, "is required")
            return None
        try:
            return PartialDate.parse(value)
        except ValueError as exc:
            self.fail(key, str(exc))
            return None

    def text_list(self, key: str) -> tuple[str, ...]:
        value = self.node.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or any(isinstance(item, (dict, list)) for item in value):
            self.fail(key, "must be a list of text")
            return ()
        return tuple(str(item).strip() for item in value if str(item).strip())

    def records(self, key: str) -> list[Any]:
        value = self.node.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(key, "must be a list")
            return []
        return list(value)
