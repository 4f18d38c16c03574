"""Plain JSON-ready values from the models: what --json prints and what the store keeps as JSON."""

from __future__ import annotations

import dataclasses
from typing import Any

from bot.core.dates import PartialDate


def to_plain(value: Any) -> Any:
    if isinstance(value, PartialDate):
        return value.iso()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    return value
