"""Which database this is, remembered beside it: a replaced or deleted file must not lose runtime state quietly.

The store keeps a random id in its meta table; `<db>.state`, a small JSON file beside the database, keeps
that id and how many runtime rows the file held when it was last opened or closed. At open, a database
whose id differs from the sidecar's (deleted and made anew, replaced by another file) is compared with
what the sidecar remembers: the runtime rows it no longer has are `Lost`, for start-up to say loudly.
The sidecar is a hint, never a source of truth: a missing or unreadable one is simply written again.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

# What an operator would miss: the counts named in the warning (kind -> SQL counting it).
RUNTIME_COUNTS = {
    "server settings": "SELECT count(*) FROM guild_settings",
    "digest runs": "SELECT count(*) FROM digest_runs",
    "imported claims": "SELECT count(*) FROM claims WHERE origin = 'import'",
}


@dataclass(frozen=True)
class Lost:
    """Runtime state the database held before (per the sidecar) and this one lacks."""

    path: Path
    counts: dict[str, int] = field(default_factory=dict)  # kind -> rows missing


def state_file(path: Path) -> Path:
    return path.with_name(path.name + ".state")


def count_runtime(conn: sqlite3.Connection) -> dict[str, int]:
    counts = {}
    for kind, sql in RUNTIME_COUNTS.items():
        try:
            counts[kind] = conn.execute(sql).fetchone()[0]
        except sqlite3.OperationalError:  # a table this schema lacks
            counts[kind] = 0
    return counts


def remembered(path: Path) -> tuple[str | None, dict[str, int]]:
    try:
        data = json.loads(state_file(path).read_text(encoding="utf-8"))
        return str(data["id"]), {k: int(v) for k, v in data["counts"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None, {}


def compare(path: Path, store_id: str, counts: dict[str, int]) -> Lost | None:
    """What a different database than last time lacks; None when it is the same one or nothing is missing."""
    before_id, before = remembered(path)
    if before_id is None or before_id == store_id:
        return None
    missing = {kind: n - counts.get(kind, 0) for kind, n in before.items() if n > counts.get(kind, 0)}
    return Lost(path, missing) if missing else None


def remember(path: Path, store_id: str, counts: dict[str, int]) -> None:
    """Write the sidecar atomically; a folder we cannot write in (a read-only database) just keeps the old one."""
    target = state_file(path)
    temporary = target.with_name(target.name + ".tmp")
    with contextlib.suppress(OSError):
        temporary.write_text(json.dumps({"id": store_id, "counts": counts}), encoding="utf-8")
        os.replace(temporary, target)
