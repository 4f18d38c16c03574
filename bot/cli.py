"""`briefbot`: the terminal entry point. One-shot answers (with --json) and the long-running jobs."""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Annotated, Any

import typer
from rich.console import Console

from bot.commands import run_line, to_plain
from bot.settings import Settings, SettingsError, load_settings

app = typer.Typer(
    help="briefbot: sourced briefings and who-said-what-when lookups on US–Mexico relations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
JsonFlag = Annotated[bool, typer.Option("--json", help="Print the answer as JSON (the data the bot renders).")]


def settings_or_exit() -> Settings:
    try:
        return load_settings()
    except SettingsError as exc:
        typer.echo(f"briefbot: {exc}", err=True)
        raise typer.Exit(2) from None


def answer(line: str, as_json: bool) -> None:
    """Run one command through the same table the console uses, print text or JSON."""
    from bot.app import open_core
    from bot.logging_setup import setup_logging
    from bot.render.console import print_reply

    settings = settings_or_exit()
    setup_logging("WARNING", None)

    async def go() -> tuple[Any, Any]:
        async with open_core(settings) as core:
            return await run_line(core, line)

    reply, data = asyncio.run(go())
    if as_json:
        typer.echo(json.dumps(to_plain(data), ensure_ascii=False, indent=2))
    else:
        print_reply(Console(), reply)
    from bot.models import NotFound

    if isinstance(data, NotFound):
        raise typer.Exit(1)


@app.command()
def brief(topic: Annotated[str, typer.Argument(help="Topic, e.g. tariffs (typos are fine).")], as_json: JsonFlag = False) -> None:
    """Show the briefing on a topic."""
    answer(f"/brief {topic}", as_json)


@app.command()
def topics(as_json: JsonFlag = False) -> None:
    """List the topics that have briefings."""
    answer("/topics", as_json)


@app.command()
def check() -> None:
    """Validate all content; exit 1 and list every problem (file:line: field: message) if any."""
    from bot.app import content_paths
    from bot.content import load_corpus

    settings = settings_or_exit()
    paths = content_paths(settings)
    corpus = load_corpus(paths.data_dir, paths.briefings_dir, paths.seeds_dir)
    for problem in corpus.problems:
        typer.echo(str(problem), err=True)
    counts = (f"{len(corpus.articles)} articles, {len(corpus.people)} people, {len(corpus.claims)} claims, "
              f"{len(corpus.topics)} topics, {len(corpus.briefings)} briefings")
    seeds = "quotes checked against the seeds" if paths.seeds_dir else "seeds folder absent: quotes not checked"
    if corpus.problems:
        typer.echo(f"briefbot check: {len(corpus.problems)} problems ({counts}; {seeds})", err=True)
        raise typer.Exit(1)
    typer.echo(f"briefbot check: content OK ({counts}; {seeds})")


@app.command()
def console() -> None:
    """Start the local console (the same commands as in Discord)."""
    from bot.app import open_core
    from bot.console import run_console
    from bot.logging_setup import setup_logging

    settings = settings_or_exit()
    setup_logging(settings.log_level, settings.log_file)

    async def go() -> None:
        async with open_core(settings) as core:
            await run_console(core)

    asyncio.run(go())


@app.command()
def run() -> None:
    """Start the bot; with no DISCORD_TOKEN set, the local console instead."""
    from bot.app import run as run_app
    from bot.logging_setup import setup_logging

    settings = settings_or_exit()
    setup_logging(settings.log_level, settings.log_file)
    try:
        asyncio.run(run_app(settings))
    except KeyboardInterrupt:
        pass
    except Exception as exc:  # start-up failures get one clear line, not a traceback
        from discord import LoginFailure

        if isinstance(exc, LoginFailure):
            typer.echo("briefbot: Discord rejected DISCORD_TOKEN; check the token in .env", err=True)
            raise typer.Exit(2) from None
        raise


def main() -> None:  # pragma: no cover - console script shim
    app(prog_name="briefbot")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
