"""The console's line syntax: `/command rest of the line`, with key:value filters for /search."""

from __future__ import annotations

import re
import shlex
from typing import Any

from bot.adapters.commands import COMMANDS, Commands, Result
from bot.render import answers
from bot.render.text import plain_query

SEARCH_KEYS = {"speaker": "speaker", "by": "speaker", "who": "speaker", "topic": "topic", "kind": "kind",
               "from": "date_from", "since": "date_from", "after": "date_from", "to": "date_to",
               "until": "date_to", "before": "date_to", "limit": "limit"}
_FILTER = re.compile(r"^(?P<key>[a-z]+):(?P<value>.*)$", re.IGNORECASE | re.DOTALL)


def parse_search(text: str) -> tuple[str, dict[str, Any]]:
    """'tariffs speaker:"Lopez Obrador" from:2019' -> ('tariffs', {'speaker': 'Lopez Obrador', ...})."""
    try:
        parts = shlex.split(text)
    except ValueError:
        parts = text.split()
    query, options = [], {}
    for part in parts:
        match = _FILTER.match(part)
        key = SEARCH_KEYS.get(match["key"].lower()) if match else None
        if key is None or not match["value"].strip():
            query.append(part)
        elif key == "limit":
            options[key] = int(match["value"]) if match["value"].strip().isdigit() else 25
        else:
            options[key] = match["value"]
    return " ".join(query), options


async def run_line(commands: Commands, line: str) -> Result:
    """Answer one console line like '/brief tariffs'; unknown input gets help, never a traceback."""
    line = line.strip()
    if not line:
        return await commands.help()
    body = line[1:] if line.startswith("/") else line
    name, _, rest = body.partition(" ")
    spec = COMMANDS.get(name.lower())
    if spec is None and not line.startswith("/"):
        return await commands.search(line)  # free text is a question: search every claim for it
    if spec is None:
        message = f"Unknown command “{plain_query(name, 40)}”. Commands: " + ", ".join(f"/{c}" for c in COMMANDS)
        return Result(answers.error_reply(message), None)
    if spec.name == "search":  # its filters keep their own quotes: speaker:"Lopez Obrador"
        query, options = parse_search(rest)
        return await commands.search(query, **options)
    if spec.name in ("digest", "review"):  # split by their own parsers: topics:"tariffs, trade", text:"…"
        return await spec.call(commands, rest)
    return await spec.call(commands, _unquote(rest))


def _unquote(text: str) -> str:
    """Accept `/who "Lopez Obrador"` as well as `/who Lopez Obrador`."""
    try:
        parts = shlex.split(text)
    except ValueError:
        return text.strip()
    return " ".join(parts) if len(parts) != 1 else parts[0]
