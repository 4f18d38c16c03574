"""The one typed command table: the console, the CLI and the Discord cogs all call these methods.

Each command takes typed arguments and returns a Result: the reply rendered for the adapter's style and
the plain data behind it (what --json prints). Adapters only parse their input, call, and show the reply.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

from bot.core.models import NotFound
from bot.core.search.results import SearchAnswer
from bot.core.service import Core
from bot.render import answers, lookups
from bot.render.cards import Reply
from bot.render.not_found import SLASH, Style, not_found_reply

WHO_SHOWN = 100  # claims a /who lists: the latest ones (an imported speaker may have thousands)
SEARCH_LIMIT = (1, 100)


class Result(NamedTuple):
    reply: Reply
    data: Any  # the core's answer (a dataclass), a NotFound, or plain JSON-ready values


class Commands:
    """Every command, typed. `style` says how replies write a command ("/who X" or "briefbot who X")."""

    def __init__(self, core: Core, style: Style = SLASH) -> None:
        self.core = core
        self.style = style

    def _answered(self, answer: Any, render: Callable[[Any], Reply]) -> Result:
        if isinstance(answer, NotFound):
            return Result(not_found_reply(answer, self.style), answer)
        return Result(render(answer), answer)

    async def brief(self, topic: str) -> Result:
        if not topic.strip():  # no topic: the list of topics, which is what the user needs next
            topics = await self.core.topics()
            return Result(answers.topics_reply(topics), NotFound("", "empty", "topic", tuple(t.slug for t in topics)))
        return self._answered(await self.core.brief(topic), answers.brief_reply)

    async def topics(self) -> Result:
        topics = await self.core.topics()
        return Result(answers.topics_reply(topics), topics)

    async def who(self, person: str) -> Result:
        answer = await self.core.who(person, limit=WHO_SHOWN)
        if isinstance(answer, SearchAnswer):  # a name the registry lacks: the claims that mention it
            return Result(lookups.mentions_reply(answer), answer)
        return self._answered(answer, lookups.who_reply)

    async def quote(self, text: str) -> Result:
        return self._answered(await self.core.quote(text), lookups.quote_reply)

    async def when(self, event: str) -> Result:
        return self._answered(await self.core.when(event), lookups.when_reply)

    async def search(self, query: str, *, speaker: str | None = None, topic: str | None = None,
                     kind: str | None = None, date_from: str | None = None, date_to: str | None = None,
                     limit: int = 25) -> Result:
        limit = max(SEARCH_LIMIT[0], min(limit, SEARCH_LIMIT[1]))
        found = await self.core.search(query, speaker=speaker, topic=topic, kind=kind, date_from=date_from,
                                       date_to=date_to, limit=limit)
        return self._answered(found, lookups.search_reply)

    async def source(self, article: str) -> Result:
        return self._answered(await self.core.source(article), lookups.source_reply)

    async def help(self) -> Result:
        return Result(answers.help_reply(), [{"command": n, "help": h} for n, h in answers.COMMANDS_HELP])

    async def admin_status(self) -> Result:
        status = await self.core.status()
        return Result(answers.status_reply(status), status)

    async def admin_reload(self) -> Result:
        report = await self.core.reload()
        return Result(answers.reload_reply(report), {"compiled": report.compiled, "counts": report.counts,
                                                     "problems": [str(p) for p in report.problems]})


@dataclass(frozen=True)
class CommandSpec:
    """A command as a line-based adapter (the console) lists and calls it."""

    name: str
    argument: str | None  # what the rest of the line is, for help; None: takes nothing
    call: Callable[[Commands, str], Awaitable[Result]]


async def _admin(commands: Commands, action: str) -> Result:
    action = action.strip().lower()
    if action == "status":
        return await commands.admin_status()
    if action == "reload":
        return await commands.admin_reload()
    return Result(answers.error_reply("Use /admin status or /admin reload."), None)


COMMANDS: dict[str, CommandSpec] = {
    spec.name: spec
    for spec in (
        CommandSpec("brief", "topic", lambda c, text: c.brief(text)),
        CommandSpec("topics", None, lambda c, _: c.topics()),
        CommandSpec("who", "person", lambda c, text: c.who(text)),
        CommandSpec("quote", "text", lambda c, text: c.quote(text)),
        CommandSpec("when", "event", lambda c, text: c.when(text)),
        CommandSpec("search", "query", lambda c, text: c.search(text)),
        CommandSpec("source", "article", lambda c, text: c.source(text)),
        CommandSpec("help", None, lambda c, _: c.help()),
        CommandSpec("admin", "status|reload", _admin),
    )
}
