"""The local console: type the same commands as in Discord, read the same answers."""

from __future__ import annotations

import asyncio
import sys

from rich.console import Console

from bot.adapters.commands import COMMANDS, Commands
from bot.adapters.line_syntax import run_line
from bot.render.console import print_reply

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
        reply, _ = await run_line(commands, line)
        print_reply(console, reply)


def _read(prompt: str) -> str:
    return input(prompt)
