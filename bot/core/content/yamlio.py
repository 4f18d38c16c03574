"""YAML reading that keeps line numbers, so every problem can name its file and line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from bot.core.models import Problem


def _yaml() -> YAML:
    yaml = YAML(typ="rt")  # round-trip nodes carry .lc line info
    yaml.allow_duplicate_keys = False
    return yaml


def load_yaml_text(text: str, file: str, line_offset: int = 0) -> tuple[Any, Problem | None]:
    try:
        return _yaml().load(text), None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        return None, Problem(file, line, None, f"invalid YAML: {exc.problem or exc.context}")
    except YAMLError as exc:
        return None, Problem(file, None, None, f"invalid YAML: {exc}")


def load_yaml_file(path: Path, label: str) -> tuple[Any, Problem | None]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, Problem(label, None, None, f"cannot read file: {exc}")
    return load_yaml_text(text, label)


def line_of(node: Any, key: str | int | None = None, offset: int = 0) -> int | None:
    """1-based line of a mapping key / sequence item (or of the node itself)."""
    try:
        if key is None:
            return node.lc.line + 1 + offset
        if isinstance(node, CommentedMap) and key in node:
            return node.lc.key(key)[0] + 1 + offset
        if isinstance(node, CommentedSeq) and isinstance(key, int):
            return node.lc.item(key)[0] + 1 + offset
        return node.lc.line + 1 + offset
    except (AttributeError, KeyError, IndexError, TypeError):
        return None
