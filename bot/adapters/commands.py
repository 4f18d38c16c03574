"""The command table the console and CLI share: name -> handler returning (reply, plain data).

The Discord cogs call the same core methods and the same renderers, so wording matches everywhere.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from bot.core.models import NotFound
from bot.core.plain import to_plain  # noqa: F401  (re-exported for the CLI)
from bot.core.service import Briefbot
from bot.render import answers, lookups
from bot.render.cards import Reply
from bot.render.text import plain_query

Handler = Callable[[Briefbot, str], Awaitable[tuple[Reply, Any]]]


@dataclass(frozen=True)
class Command:
    name: str
    argument: str | None
    handler: Handler
    raw: bool = False  # the handler parses its own text (quotes kept), e.g. /search's key:value filters


async def _brief(core: Briefbot, text: str) -> tuple[Reply, Any]:
    if not text.strip():
        topics = await core.topics()
        return answers.topics_reply(topics), NotFound("", "Name a topic.", tuple(t.slug for t in topics))
    answer = await core.brief(text)
    if isinstance(answer, NotFound):
        return answers.not_found_reply(answer), answer
    return answers.brief_reply(answer), answer


async def _topics(core: Briefbot, _: str) -> tuple[Reply, Any]:
    topics = await core.topics()
    return answers.topics_reply(topics), topics


async def _help(core: Briefbot, _: str) -> tuple[Reply, Any]:
    return answers.help_reply(), [{"command": n, "help": h} for n, h in answers.COMMANDS_HELP]


def _answered(answer: Any, render: Callable[[Any], Reply]) -> tuple[Reply, Any]:
    if isinstance(answer, NotFound):
        return answers.not_found_reply(answer), answer
    return render(answer), answer


WHO_SHOWN = 100  # claims a /who lists: the latest ones (an imported speaker may have thousands)


async def _who(core: Briefbot, text: str) -> tuple[Reply, Any]:
    return _answered(await core.who(text, limit=WHO_SHOWN), lookups.who_reply)


async def _quote(core: Briefbot, text: str) -> tuple[Reply, Any]:
    return _answered(await core.quote(text), lookups.quote_reply)


async def _when(core: Briefbot, text: str) -> tuple[Reply, Any]:
    return _answered(await core.when(text), lookups.when_reply)


async def _source(core: Briefbot, text: str) -> tuple[Reply, Any]:
    return _answered(await core.source(text), lookups.source_reply)


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


async def _search(core: Briefbot, text: str) -> tuple[Reply, Any]:
    query, options = parse_search(text)
    return _answered(await core.search(query, **options), lookups.search_reply)


async def _admin(core: Briefbot, text: str) -> tuple[Reply, Any]:
    """`/admin status` and `/admin reload`, as in Discord (the console's user runs the bot, so no check)."""
    action = text.strip().lower()
    if action == "status":
        status = await core.status()
        return answers.status_reply(status), status
    if action == "reload":
        report = await core.reload()
        return answers.reload_reply(report), {"compiled": report.compiled, "counts": report.counts,
                                              "problems": [str(p) for p in report.problems]}
    return answers.error_reply("Use /admin status or /admin reload."), None


COMMANDS: dict[str, Command] = {
    command.name: command
    for command in (
        Command("brief", "topic", _brief),
        Command("topics", None, _topics),
        Command("who", "person", _who),
        Command("quote", "text", _quote),
        Command("when", "event", _when),
        Command("search", "query", _search, raw=True),
        Command("source", "article", _source),
        Command("help", None, _help),
        Command("admin", "status|reload", _admin),
    )
}


async def run_line(core: Briefbot, line: str) -> tuple[Reply, Any]:
    """Answer one console line like '/brief tariffs'; unknown input gets help, never a traceback."""
    line = line.strip()
    if not line:
        return answers.help_reply(), None
    body = line[1:] if line.startswith("/") else line
    name, _, rest = body.partition(" ")
    command = COMMANDS.get(name.lower())
    if command is None:
        message = f"Unknown command “{plain_query(name, 40)}”. Commands: " + ", ".join(f"/{c}" for c in COMMANDS)
        return answers.error_reply(message), None
    return await command.handler(core, rest if command.raw else _unquote(rest))


def _unquote(text: str) -> str:
    """Accept `/who "Lopez Obrador"` as well as `/who Lopez Obrador`."""
    try:
        parts = shlex.split(text)
    except ValueError:
        return text.strip()
    return " ".join(parts) if len(parts) != 1 else parts[0]
