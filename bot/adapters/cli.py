"""`briefbot`: the terminal entry point. One-shot answers (with --json) and the long-running jobs."""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from bot.adapters.commands import Commands, Result
from bot.core.plain import to_plain
from bot.infra.settings import Settings, SettingsError, load_settings

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


Words = Annotated[list[str], typer.Argument(show_default=False)]


def words(parts: list[str] | None) -> str:
    """The rest of the line, as the console takes it: `briefbot who Lopez Obrador` needs no quotes."""
    return " ".join(parts or [])


def run_and_print(call: Callable[[Commands], Awaitable[Result]], as_json: bool) -> None:
    """Run one command of the typed table (worded for a terminal), print text or JSON; exit 1 if nothing found."""
    from bot.adapters.startup import open_core
    from bot.core.digest.models import DigestProblem
    from bot.core.models import NotFound
    from bot.infra.logs import setup_logging
    from bot.render.console import print_reply
    from bot.render.not_found import TERMINAL, not_found_text

    settings = settings_or_exit()
    setup_logging(settings.log_level if settings.log_level == "DEBUG" else "WARNING", None)

    async def go() -> Result:
        async with open_core(settings) as core:
            return await call(Commands(core, TERMINAL))

    try:
        reply, data = asyncio.run(go())
    except Exception as exc:  # a bug of ours: one line for the user, the traceback for whoever debugs it
        logging.getLogger("bot.cli").debug("command failed", exc_info=True)
        typer.echo(f"briefbot: something went wrong on our side ({type(exc).__name__}: {str(exc)[:200]});"
                   " BRIEFBOT_LOG_LEVEL=DEBUG shows the details", err=True)
        raise typer.Exit(1) from None
    if as_json:
        plain = to_plain(data)
        if isinstance(data, NotFound):
            plain["message"] = not_found_text(data, TERMINAL)
        typer.echo(json.dumps(plain, ensure_ascii=False, indent=2))
    else:
        print_reply(Console(), reply)
    if isinstance(data, (NotFound, DigestProblem)):
        raise typer.Exit(1)


@app.command()
def brief(topic: Annotated[list[str], typer.Argument(help="Topic, e.g. tariffs (typos are fine).")],
          as_json: JsonFlag = False) -> None:
    """Show the briefing on a topic."""
    run_and_print(lambda c: c.brief(words(topic)), as_json)


@app.command()
def topics(as_json: JsonFlag = False) -> None:
    """List the topics that have briefings."""
    run_and_print(lambda c: c.topics(), as_json)


@app.command()
def who(
    person: Annotated[list[str], typer.Argument(help="A name, surname, nickname or role noun, maybe with a subject: AMLO, Sheinbuam,"
                                                         " 'the foreign minister', 'Sheinbaum on deportations'.")],
    as_json: JsonFlag = False,
) -> None:
    """What someone said, in date order, with sources (role nouns resolve by date)."""
    run_and_print(lambda c: c.who(words(person)), as_json)


@app.command()
def quote(
    text: Annotated[list[str], typer.Argument(help="Words of the quote, loosely: 'build bridges not close borders'.")],
    as_json: JsonFlag = False,
) -> None:
    """Who said this: the best matching claims, with the source passage."""
    run_and_print(lambda c: c.quote(words(text)), as_json)


@app.command()
def when(
    event: Annotated[list[str], typer.Argument(help="Event words or figures: '25% tariffs', 'Blinken visit'.")],
    as_json: JsonFlag = False,
) -> None:
    """When it happened: matching dated claims and briefing timeline entries, in date order."""
    run_and_print(lambda c: c.when(words(event)), as_json)


@app.command()
def search(
    query: Annotated[list[str] | None, typer.Argument(help="Words, a quote fragment, a name or a figure ('76%', '$800 billion').")] = None,
    speaker: Annotated[str | None, typer.Option(help="Only claims by this person (any alias).")] = None,
    topic: Annotated[str | None, typer.Option(help="Only claims on this topic (slug, title or alias).")] = None,
    kind: Annotated[str | None, typer.Option(help="direct_quote (quote), paraphrase (statement), statistic (figure)"
                                                  " or action.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Said on or after: 2019, 2019-06 or 2019-06-05.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Said on or before: 2019, 2019-06 or 2019-06-05.")] = None,
    limit: Annotated[int, typer.Option(help="How many claims to show (1-100).")] = 25,
    as_json: JsonFlag = False,
) -> None:
    """Search every claim, best first, with optional filters."""
    run_and_print(lambda c: c.search(words(query), speaker=speaker, topic=topic, kind=kind, date_from=date_from,
                              date_to=date_to, limit=limit), as_json)


@app.command()
def source(
    article: Annotated[list[str], typer.Argument(help="An article id or words of its title.")],
    as_json: JsonFlag = False,
) -> None:
    """An article's details and the claims drawn from it, in text order."""
    run_and_print(lambda c: c.source(words(article)), as_json)


@app.command("export")
def export_(
    what: Annotated[str, typer.Argument(help="claims or briefings.")],
    fmt: Annotated[str, typer.Option("--format", help="claims: jsonl, csv or claimreview; briefings: json.")] = "",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
) -> None:
    """Export the claim index (JSONL, CSV, schema.org ClaimReview) or the briefings (JSON)."""
    from bot.adapters.startup import open_core
    from bot.core.interchange import BRIEFING_FORMATS, CLAIM_FORMATS
    from bot.infra.logs import setup_logging

    formats = {"claims": CLAIM_FORMATS, "briefings": BRIEFING_FORMATS}
    if what not in formats:
        typer.echo("briefbot export: say what to export: claims or briefings", err=True)
        raise typer.Exit(2)
    fmt = fmt or formats[what][0]
    if fmt not in formats[what]:
        typer.echo(f"briefbot export: {what} can be exported as {', '.join(formats[what])}", err=True)
        raise typer.Exit(2)
    settings = settings_or_exit()
    setup_logging("WARNING", None)

    async def go(out) -> int:
        async with open_core(settings) as core:
            if what == "claims":
                return await core.export_claims(fmt, out)
            return await core.export_briefings(out)

    if output is None:
        count = asyncio.run(go(sys.stdout))
    else:
        with output.open("w", encoding="utf-8", newline="") as handle:
            count = asyncio.run(go(handle))
    typer.echo(f"briefbot export: {count} {what} as {fmt}" + (f" to {output}" if output else ""), err=True)


def not_jsonl(path: Path) -> str | None:
    """Why the file is plainly not JSON Lines (CSV, a JSON array, binary), from its first line; None if it may be."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    if b"\0" in head:
        return "this is not a text file"
    first = next((line.strip() for line in head.decode("utf-8-sig", "replace").splitlines() if line.strip()), "")
    if not first or first.startswith("{"):
        return None
    if first.startswith("["):
        return "this is one JSON array, not one JSON object per line"
    if "," in first and not first.startswith(("{", "[")):
        return "this looks like CSV (its first line is a header, not a JSON object)"
    return "its first line is not a JSON object"


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="A JSONL file in the format `briefbot export claims` writes.")],
    as_json: JsonFlag = False,
) -> None:
    """Load claims from JSONL as imported claims (kept across content recompiles); bad lines are listed."""
    from bot.adapters.startup import open_core
    from bot.infra.logs import setup_logging

    if not file.is_file():
        typer.echo(f"briefbot import: {file}: no such file", err=True)
        raise typer.Exit(2)
    wrong = not_jsonl(file)
    if wrong:
        typer.echo(f"briefbot import: {file}: {wrong}; import reads JSON Lines, one claim per line, as"
                   " `briefbot export claims --format jsonl` writes them", err=True)
        raise typer.Exit(2)
    settings = settings_or_exit()
    setup_logging("WARNING", None)

    async def go():
        async with open_core(settings) as core:
            return await core.import_claims(file)

    report = asyncio.run(go())
    for problem in report.problems:
        typer.echo(str(problem), err=True)
    summary = (f"briefbot import: {report.counts.claims} claims loaded from {report.lines} lines"
               f" ({report.bad_lines} bad, {report.counts.skipped} already in the content;"
               f" {report.counts.people} new people, {report.counts.articles} new articles)")
    if as_json:
        typer.echo(json.dumps(to_plain(report) | {"ok": report.ok}, ensure_ascii=False, indent=2))
    typer.echo(summary, err=True)
    if report.bad_lines:
        raise typer.Exit(1)


@app.command()
def check() -> None:
    """Validate all content; exit 1 and list every problem (file:line: field: message) if any."""
    from bot.adapters.startup import content_paths
    from bot.core.content import load_corpus

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


# --- daily digests: `briefbot digest preview` -------------------------------------------------------------

digest_app = typer.Typer(help="Daily digests: what a server's digest would say now.", no_args_is_help=True)
app.add_typer(digest_app, name="digest")


@digest_app.command("preview")
def digest_preview(
    guild: Annotated[int | None, typer.Option("--guild", help="A server id: its settings and what it was sent.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Cover changes since this date: 2025-03-01.")] = None,
    topics: Annotated[list[str] | None, typer.Option("--topics", help="Only these topics (repeat, or comma-separated).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Print the digest that would be posted now (the same cards the bot posts), or its data with --json."""
    run_and_print(lambda c: c.digest_preview(guild, since, topics), as_json)


# --- ingest: article files become proposed claims; `review` accepts or rejects them ------------------------

INGEST_FORMATS = ("table", "yaml", "jsonl")


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Article files: plain text, Markdown or HTML.", show_default=False)],
    published: Annotated[str | None, typer.Option("--published", help="Publication date: 2024-11-11 or 2024-11.")] = None,
    title: Annotated[str | None, typer.Option("--title", help="The article's title.")] = None,
    author: Annotated[str | None, typer.Option("--author", help="Its author.")] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Where it was published.")] = None,
    url: Annotated[str | None, typer.Option("--url", help="Its address.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the claims; store and write nothing.")] = False,
    fmt: Annotated[str, typer.Option("--format", help="table, yaml or jsonl (one claim per line).")] = "table",
    apply: Annotated[bool, typer.Option("--apply", help="Accept claims at or above the confidence setting.")] = False,
) -> None:
    """Extract who-said-what-when claims from articles; without --dry-run, store the article and write its
    claims to data/claims/proposed/ for `briefbot review`."""
    from bot.adapters.ingest_output import ProgressBar, print_claims, progress_line, summary_lines
    from bot.adapters.startup import open_core
    from bot.core.ingest import Ingest, Overrides
    from bot.infra.logs import setup_logging

    if fmt not in INGEST_FORMATS:
        typer.echo(f"briefbot ingest: --format is one of {', '.join(INGEST_FORMATS)}", err=True)
        raise typer.Exit(2)
    settings = settings_or_exit()
    setup_logging("WARNING", None)
    flags = Overrides(published, title, author, outlet, url)
    many = len(paths) > 1
    bar = ProgressBar(len(paths)) if many and sys.stderr.isatty() else None

    def progress(outcome) -> None:
        print_claims(outcome, fmt, sys.stdout)
        if bar is not None:
            bar.advance(outcome, progress_line(outcome) if outcome.prepared.error else None)
        elif many or outcome.prepared.error:
            typer.echo(progress_line(outcome), err=True)

    async def go():
        if dry_run:  # nothing is written; the database, if there is one, is read to find repeated statements
            async with dry_run_store(settings) as store:
                return await Ingest(settings.data_dir, store).run(paths, flags, dry_run=True, progress=progress)
        async with open_core(settings) as core:
            summary = await Ingest(settings.data_dir, core.store).run(
                paths, flags, dry_run=False, apply_at=settings.ingest_accept_confidence if apply else None,
                progress=progress)
            core.lookups.invalidate()
            return summary

    try:
        summary = asyncio.run(go())
    except Exception as exc:  # a database error, or a bug of ours: one line, no traceback
        from bot.core.store import StoreError

        logging.getLogger("bot.cli").debug("ingest failed", exc_info=True)
        typer.echo(f"briefbot ingest: {exc}" if isinstance(exc, StoreError) else
                   f"briefbot ingest: something went wrong on our side ({type(exc).__name__}: {str(exc)[:200]})",
                   err=True)
        raise typer.Exit(1) from None
    finally:
        if bar is not None:
            bar.stop()
    for line in summary_lines(summary, dry_run):
        typer.echo(line, err=True)
    if summary.errors and len(summary.errors) == len(summary.files):
        raise typer.Exit(1)


def dry_run_store(settings: Settings):
    """The database opened read-only when it exists (else None): a dry run writes nothing."""
    from contextlib import asynccontextmanager

    from bot.core.store import Store, StoreError

    @asynccontextmanager
    async def opened():
        store = None
        if settings.database_path.is_file():
            try:
                store = await Store(settings.database_path, read_only=True).__aenter__()
            except (StoreError, OSError):
                store = None  # an old or damaged file: repeats are looked for among the proposed claims only
        try:
            yield store
        finally:
            if store is not None:
                await store.close()

    return opened()


review_app = typer.Typer(help="Review ingested claims: list them, accept, reject or edit them.",
                         invoke_without_command=True)
app.add_typer(review_app, name="review")


@review_app.callback()
def review_main(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """List proposed claims, lowest confidence first."""
    if ctx.invoked_subcommand is None:
        run_and_print(lambda c: c.review_list(), as_json)


@review_app.command("accept")
def review_accept(ids: Annotated[list[str], typer.Argument(help="Claim ids to accept.", show_default=False)],
                  as_json: JsonFlag = False) -> None:
    """Accept proposed claims: they answer /who, /quote, /when and /search from now on."""
    run_and_print(lambda c: c.review_accept(ids), as_json)


@review_app.command("reject")
def review_reject(ids: Annotated[list[str], typer.Argument(help="Claim ids to reject.", show_default=False)],
                  as_json: JsonFlag = False) -> None:
    """Reject proposed claims (kept in the file as rejected, never shown)."""
    run_and_print(lambda c: c.review_reject(ids), as_json)


@review_app.command("edit")
def review_edit(
    claim_id: Annotated[str, typer.Argument(help="The proposed claim's id (from `briefbot review`).", show_default=False)],
    speaker: Annotated[str | None, typer.Option("--speaker", help="The speaker's id (data/people), e.g. claudia-sheinbaum.")] = None,
    said_on: Annotated[str | None, typer.Option("--said-on", help="When it was said: 2025-03-14, 2025-03 or 2025.")] = None,
    text: Annotated[str | None, typer.Option("--text", help="The claim's text.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="direct_quote, paraphrase, statistic or action.")] = None,
    topics: Annotated[str | None, typer.Option("--topics", help="Topic slugs, comma-separated (replaces the list).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Change a proposed claim in its file before accepting it (validated; a refused edit changes nothing)."""
    from bot.core.ingest import Ingest
    from bot.core.ingest.edit import ClaimEdit, EditRefused, split_topics

    settings = settings_or_exit()  # the edit is in the proposed file: no database involved
    try:
        outcome = Ingest(settings.data_dir).edit(claim_id, ClaimEdit(speaker, said_on, text, kind,
                                                                     split_topics(topics)))
    except EditRefused as exc:
        if as_json:
            typer.echo(json.dumps({"id": claim_id, "error": str(exc)}, ensure_ascii=False, indent=2))
        typer.echo(f"briefbot review edit: {exc}; nothing changed", err=True)
        raise typer.Exit(1) from None
    if as_json:
        typer.echo(json.dumps(to_plain(outcome) | {"error": None}, ensure_ascii=False, indent=2))
        return
    typer.echo(f"{outcome.claim_id}: changed {', '.join(outcome.changed) or 'nothing'} in {outcome.file}")
    for note in outcome.notes:
        typer.echo(note)


# --- news feeds: `briefbot feeds add|list|remove|status|poll` --------------------------------------------

feeds_app = typer.Typer(help="News feeds (RSS, Atom): follow, list, remove, see their status, poll now.",
                        no_args_is_help=True)
app.add_typer(feeds_app, name="feeds")


def run_feeds_command(call: Callable[[Commands], Awaitable[Result]], as_json: bool) -> None:
    """run_and_print(), and exit 1 when the command was refused (a bad address, an unknown feed or topic)."""
    from bot.core.feeds import FeedProblem

    refused = []

    async def noted(commands: Commands) -> Result:
        result = await call(commands)
        refused.extend([result.data] if isinstance(result.data, FeedProblem) else [])
        return result

    run_and_print(noted, as_json)
    if refused:
        raise typer.Exit(1)


@feeds_app.command("add")
def feeds_add(
    url: Annotated[str, typer.Argument(help="The feed's address (RSS or Atom), http:// or https://.")],
    topics: Annotated[list[str] | None, typer.Option("--topics", help="Topics its articles are about (repeat, or comma-separated).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Follow a feed (shared by the whole index); a paused feed added again is resumed."""
    run_feeds_command(lambda c: c.feeds_add(url, topics), as_json)


@feeds_app.command("list")
def feeds_list(as_json: JsonFlag = False) -> None:
    """The feeds followed, with their numbers."""
    run_feeds_command(lambda c: c.feeds_list(), as_json)


@feeds_app.command("remove")
def feeds_remove(
    feed: Annotated[str, typer.Argument(help="The feed's number (from `briefbot feeds list`) or its address.")],
    as_json: JsonFlag = False,
) -> None:
    """Stop following a feed (the articles it brought stay)."""
    run_feeds_command(lambda c: c.feeds_remove(feed), as_json)


@feeds_app.command("status")
def feeds_status(as_json: JsonFlag = False) -> None:
    """Each feed: last poll, last new item, items seen, claims added, its last error, paused and why."""
    run_feeds_command(lambda c: c.feeds_status(), as_json)


def feed_accept_at(settings: Settings) -> float | None:
    return settings.ingest_accept_confidence if settings.feeds_auto_accept else None


@feeds_app.command("poll")
def feeds_poll(as_json: JsonFlag = False) -> None:
    """Poll every due feed now (also while the bot runs: the state is in the database) and print what it found."""
    from bot.feeds.config import FeedConfig
    from bot.feeds.poller import open_poller
    from bot.feeds.sink import default_sink

    settings = settings_or_exit()
    config = FeedConfig.from_settings(settings)

    async def poll(commands: Commands) -> Result:
        sink = default_sink(commands.core.store, settings.data_dir, feed_accept_at(settings))
        async with open_poller(commands.core.store, sink, config) as poller:
            return await commands.feeds_poll(poller.poll_due)

    run_feeds_command(poll, as_json)


@app.command()
def console() -> None:
    """Start the local console (the same commands as in Discord)."""
    from bot.adapters.console import run_console
    from bot.adapters.startup import open_core
    from bot.infra.logs import setup_logging

    settings = settings_or_exit()
    setup_logging(settings.log_level, settings.log_file)

    async def go() -> None:
        async with open_core(settings) as core:
            await run_console(Commands(core))

    asyncio.run(go())


@app.command()
def run() -> None:
    """Start the bot; with no DISCORD_TOKEN set, the local console instead."""
    from bot.adapters.startup import fail_at_start, start_failure
    from bot.adapters.startup import run as run_app
    from bot.infra.logs import setup_logging

    settings = settings_or_exit()
    setup_logging(settings.log_level, settings.log_file)
    try:
        asyncio.run(run_app(settings))
    except KeyboardInterrupt:
        pass
    except Exception as exc:  # start-up failures get one clear line, not a traceback
        failure = start_failure(exc, settings)
        if failure is None:
            raise
        fail_at_start(*failure)


# --- the database file: `briefbot db check|rebuild|backup|restore` ---------------------------------------

db_app = typer.Typer(help="The SQLite file: check, rebuild, back up or restore it.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("check")
def db_check() -> None:
    """Read the whole database file once (PRAGMA quick_check); exit 1 and say what is wrong if it is not usable."""
    from bot.core.store.health import diagnose
    from bot.core.store.migrations import SCHEMA_VERSION

    path = settings_or_exit().database_path
    found = diagnose(path, SCHEMA_VERSION)
    if not found.exists:
        typer.echo(f"briefbot db: {path} does not exist yet; it is made at the next start")
    elif found.problem is not None:
        typer.echo(f"briefbot db: {found.problem}", err=True)
        raise typer.Exit(1)
    else:
        typer.echo(f"briefbot db: {path} is healthy (schema {found.schema}, {found.size / 2**20:.1f} MB)")


@db_app.command("rebuild")
def db_rebuild(
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask before moving the file aside.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Rebuild the file even if it is not damaged.")] = False,
) -> None:
    """Move a damaged database aside and start a fresh one, keeping the runtime state it can still read.

    The old file becomes <name>.damaged-<time>. Server settings, digest history and imported claims are read
    from it table by table; content is compiled from the files at the next start.
    """
    from bot.core.rebuild import rebuild
    from bot.core.store.health import EXIT_STORE, Diagnosis, StoreError

    path = settings_or_exit().database_path

    def confirm(found: Diagnosis) -> bool:
        if yes:
            return True
        typer.echo(f"briefbot db: {found.problem.summary if found.problem else f'{path} is healthy'}", err=True)
        if not sys.stdin.isatty():
            typer.echo("briefbot db: not rebuilding without --yes (no terminal to ask on)", err=True)
            raise typer.Exit(2)
        return typer.confirm(f"Move {path.name} aside and start a fresh database?")

    try:
        report = asyncio.run(rebuild(path, force=force, confirm=confirm))
    except StoreError as exc:
        typer.echo(f"briefbot db: {exc}", err=True)
        raise typer.Exit(EXIT_STORE) from None
    for line in report.lines():
        typer.echo(f"briefbot db: {line}")


@db_app.command("backup")
def db_backup(target: Annotated[Path, typer.Argument(help="The backup file to write (replaced if it exists).")]) -> None:
    """Copy the database with SQLite's online backup: safe while the bot runs."""
    from bot.core.store.backup import backup
    from bot.core.store.health import EXIT_STORE, StoreError

    path = settings_or_exit().database_path
    try:
        size = backup(path, target)
    except StoreError as exc:
        typer.echo(f"briefbot db: {exc}", err=True)
        raise typer.Exit(EXIT_STORE) from None
    typer.echo(f"briefbot db: backed up {path} to {target} ({size / 2**20:.1f} MB)")


@db_app.command("restore")
def db_restore(source: Annotated[Path, typer.Argument(help="A backup made by `briefbot db backup`.")]) -> None:
    """Replace the database with a backup (the bot must be stopped); the old file is kept aside."""
    from bot.core.store.backup import restore
    from bot.core.store.health import EXIT_STORE, StoreError
    from bot.core.store.migrations import SCHEMA_VERSION

    path = settings_or_exit().database_path
    try:
        done = restore(source, path, SCHEMA_VERSION)
    except StoreError as exc:
        typer.echo(f"briefbot db: {exc}", err=True)
        raise typer.Exit(EXIT_STORE) from None
    aside = f"; the file it replaced is {done.kept_aside}" if done.kept_aside else ""
    typer.echo(f"briefbot db: restored {path} from {source} (schema {done.schema}){aside}")


def main() -> None:  # pragma: no cover - console script shim
    app(prog_name="briefbot")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
