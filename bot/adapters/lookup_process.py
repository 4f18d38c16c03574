"""Lookups answered in a second process, so a burst of new questions uses a second core.

Python runs one thread of Python at a time: under a burst of new questions the bot's one process spends about
half its time answering them (search, ranking, rendering) and half on Discord (reading the interactions, sending
the replies), and every reply waits for both. A second process that answers lookups from the same SQLite file
takes the answering off it (bench/interactions.py --distinct: the median answer in about half the time; the
slowest gain less where the cores are busy with other work too). The answers are the same, since it runs the
same command table on the same content.

The second process only reads: content is compiled, and runtime state written, by the bot's own process.
Anything unusual falls back to answering in the bot's process, which is always right, just slower: the second
process still starting, an answer computed on content older than the bot's (a reload the second process has
not seen yet: it checks the store's content generation every second), an error, no answer within REPLY_WAIT
(it is let go), or the second process gone (said once in the log).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import itertools
import logging
import multiprocessing
import signal
from collections.abc import Awaitable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from bot.adapters.commands import Commands, Result
from bot.core.service import ContentPaths, Core
from bot.render.cards import Reply

log = logging.getLogger(__name__)

STOP_WAIT = 5.0  # seconds the second process gets to close its database and exit before it is terminated
# A lookup takes milliseconds and at most a few wait their turn (AnswerCache's lookups_at_once): one not
# answered in this many seconds means the process is stuck, and it is let go (the bot answers from then on,
# well before Discord's 3-second deadline for the first response).
REPLY_WAIT = 1.5


@dataclass(frozen=True)
class Lookup:
    """A read-only command of the table by name, with its arguments: hashable (the key of its answer in the
    cache) and picklable (what the second process is sent)."""

    command: str
    args: tuple[Any, ...] = ()
    options: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, command: str, *args: Any, **options: Any) -> Lookup:
        return cls(command, args, tuple(options.items()))

    def run(self, commands: Commands) -> Awaitable[Result]:
        return getattr(commands, self.command)(*self.args, **dict(self.options))


async def asked_ahead(core: Core) -> list[Lookup]:
    """What autocomplete offers, as picked from its list (most questions arrive that way): every briefing,
    person and article, and the list of topics. Both processes answer these ahead (warm-up)."""
    lookups = [Lookup.of("topics")]
    lookups += [Lookup.of("brief", match.slug) for match in await core.suggest_topics("", 1000)]
    lookups += [Lookup.of("who", person_id) for person_id, _ in await core.suggest_people("", 1000)]
    lookups += [Lookup.of("source", article_id) for article_id, _ in await core.suggest_articles("", 1000)]
    return lookups


class LookupProcess:
    """The bot's side: start the second process, send it lookups, get back their replies (or None: answer here)."""

    def __init__(self, database: Path, paths: ContentPaths) -> None:
        self.database = database
        self.paths = paths
        self.ready = False
        self._process: multiprocessing.process.BaseProcess | None = None
        self._conn: Connection | None = None
        self._waiting: dict[int, asyncio.Future[Reply | None]] = {}
        self._ids = itertools.count()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping = False
        self.served = 0  # lookups it answered (the rest were answered in the bot's own process)
        self.settled = asyncio.Event()  # set once it is ready, or gone before it was

    def start(self) -> None:
        """Spawn the second process; it says when it is ready (until then lookups are answered here)."""
        # spawn, not fork: a fresh interpreter inherits no event loop, thread, socket or open database
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        self._process = context.Process(target=serve, args=(theirs, self.database, self.paths, gc.get_threshold()),
                                        name="briefbot-lookups", daemon=True)
        self._process.start()
        theirs.close()
        self._conn = ours
        self._loop = asyncio.get_running_loop()
        self._loop.add_reader(ours.fileno(), self._receive)

    async def reply(self, lookup: Lookup, generation: str) -> Reply | None:
        """The lookup's reply from the second process, or None when the bot should answer it itself."""
        if not self.ready or self._conn is None or self._loop is None:
            return None
        ident = next(self._ids)
        waiting = self._loop.create_future()
        self._waiting[ident] = waiting
        try:
            self._conn.send((ident, lookup, generation))
        except (OSError, ValueError):
            self._gone("could not be reached")
        try:
            return await asyncio.wait_for(waiting, REPLY_WAIT)
        except TimeoutError:
            self._gone(f"did not answer within {REPLY_WAIT:g} s")
            if self._process is not None:
                self._process.terminate()
            return None

    def _receive(self) -> None:
        assert self._conn is not None
        try:
            while self._conn.poll():
                ident, reply, problem = self._conn.recv()
                if ident == "ready":
                    self.ready = True
                    self.settled.set()
                    log.info("answering lookups in a second process (pid %s)", getattr(self._process, "pid", "?"))
                    continue
                if problem:
                    log.warning("the lookup process could not answer (%s); answering here", problem)
                waiting = self._waiting.pop(ident, None)
                if waiting is not None and not waiting.done():
                    waiting.set_result(reply)
                    self.served += reply is not None
        except (EOFError, OSError):
            self._gone("stopped")

    def _gone(self, what: str) -> None:
        """The second process is no more: every lookup is answered here from now on."""
        if self._loop is not None and self._conn is not None:
            with contextlib.suppress(ValueError, OSError):
                self._loop.remove_reader(self._conn.fileno())
        if not self._stopping:
            log.warning("the lookup process %s; answering every lookup in the bot's own process", what)
        self.ready = False
        self.settled.set()
        for waiting in self._waiting.values():
            if not waiting.done():
                waiting.set_result(None)
        self._waiting.clear()

    async def stop(self) -> None:
        """Ask the second process to close its database and exit; terminate it if it does not in time."""
        self._stopping = True
        process, conn = self._process, self._conn
        if process is None or conn is None:
            return
        with contextlib.suppress(OSError, ValueError):
            conn.send(None)
        self._gone("stopped")
        await asyncio.to_thread(process.join, STOP_WAIT)
        if process.is_alive():
            process.terminate()
            await asyncio.to_thread(process.join, STOP_WAIT)
        conn.close()


# --- the second process --------------------------------------------------------------------------------------

def serve(conn: Connection, database: Path, paths: ContentPaths, gc_thresholds: tuple[int, ...] = ()) -> None:
    """The second process: open the database read-only, build the lookups' indexes, answer until told to stop
    (or until the bot's end of the pipe closes). It collects garbage as the bot's process does (`gc_thresholds`,
    see discord_bot/runner.py: a burst's objects die by reference counting)."""
    if gc_thresholds:
        gc.set_threshold(*gc_thresholds)
    # Ctrl-C in a terminal reaches the whole process group: the bot stops this process in order, after the
    # interactions in flight (SIGTERM still ends it: the bot's STOP_WAIT fallback).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s briefbot-lookups: %(message)s")
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(conn, database, paths))
    conn.close()


async def _serve(conn: Connection, database: Path, paths: ContentPaths) -> None:
    from bot.core.store import Store

    loop = asyncio.get_running_loop()
    requests: asyncio.Queue[Any] = asyncio.Queue()

    def readable() -> None:
        try:
            while conn.poll():
                requests.put_nowait(conn.recv())
        except (EOFError, OSError):
            requests.put_nowait(None)  # the bot is gone

    async with Store(database, read_only=True) as store:
        core = Core(store, paths)
        await core.lookups.warm()
        commands = Commands(core)
        for lookup in await asked_ahead(core):  # what the core keeps per content (a briefing's answer) is built
            await lookup.run(commands)
        conn.send(("ready", None, ""))
        loop.add_reader(conn.fileno(), readable)
        try:
            while (request := await requests.get()) is not None:
                ident, lookup, generation = request
                conn.send((ident, *await _answer(core, commands, lookup, generation)))
        finally:
            loop.remove_reader(conn.fileno())


async def _answer(core: Core, commands: Commands, lookup: Lookup, generation: str) -> tuple[Reply | None, str]:
    """(reply, "") or (None, why): None for content older than the bot's, which the bot then answers itself."""
    try:
        if await core.content_generation() != generation:
            return None, ""  # a reload this process has not seen yet (it looks again within a second)
        return (await lookup.run(commands)).reply, ""
    except Exception as exc:  # the bot answers it itself, and reports its own error if it has one
        return None, f"{type(exc).__name__}: {exc}"[:300]
