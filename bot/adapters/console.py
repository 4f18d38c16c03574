"""The local console: type the same commands as in Discord, read the same answers."""

from __future__ import annotations

import asyncio
import logging
import sys

from rich.console import Console

from bot.adapters.commands import COMMANDS, Commands
from bot.adapters.line_syntax import run_line
from bot.core.store.health import database_problem
from bot.render.answers import store_problem_reply
from bot.render.cards import Reply
from bot.render.console import print_reply

log = logging.getLogger(__name__)
PROMPT = "briefbot> "


async def run_console(commands: Commands, console: Console | None = None) -> None:
    console = console or Console()
    names = ", ".join(f"/{name}" for name in COMMANDS)
    console.print(f"[bold]briefbot[/bold] local console. Commands: {names}. Ctrl-D or /quit to leave.")
    while True:
        try:
            line = await asyncio.to_thread(_read, PROMPT if sys.stdin.isatty() else "")
        except EOFError:
            break
        if line.strip() in {"/quit", "/exit", "quit", "exit"}:
            break
        if not line.strip():
            continue
        print_reply(console, await answer_line(commands, line))


async def answer_line(commands: Commands, line: str) -> Reply:
    """One line's reply; a database error (locked, damaged, gone, read-only) is a reply too: the console goes on."""
    try:
        reply, _ = await run_line(commands, line)
    except Exception as exc:
        problem = database_problem(exc)
        if problem is None:
            raise  # a bug: its traceback is wanted
        log.warning("console: %s: %s", line.strip()[:80], problem)
        return store_problem_reply(problem)
    return reply


def _read(prompt: str) -> str:
    return input(prompt)
