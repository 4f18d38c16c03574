"""Read-only connections used from worker threads, beside the one aiosqlite connection that writes.

A lookup runs whole in one worker (all its statements and the ranking between them) instead of one thread
hop per statement through aiosqlite (about 90 µs each), and reads never wait for a write: WAL lets readers
proceed beside the writer. Readers see what the writer has committed. The same shape as Datasette's read
pool. The store opens two (database.READERS, one per core): SQLite steps without the GIL, so one read's
statements overlap another's Python ranking; more threads than cores only take turns for the GIL.

Lookups on a small index are cheaper than the hop itself: under a burst, handing a 0.1 ms read to a thread
and back costs about 0.2 ms of GIL hand-offs and wake-ups, more than the read. `run_here` runs such a read on
the caller's thread, on one more connection kept for that thread (busy_timeout 0: a read SQLite cannot
start at once, e.g. during recovery or, without WAL, beside a writer, goes to the pool instead of blocking
the event loop). The store decides which reads may (database.Store.read).

Closing never pulls a connection from under a thread (SQLite would crash the process): close() stops
taking reads at once (a new one gets StoreError "store is closed"), waits for the reads in flight, and
closes each connection only once no thread uses it. A read still running after the wait is interrupted;
its connection is closed by its own thread as soon as it returns.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from bot.core.store.health import StoreError

log = logging.getLogger(__name__)
T = TypeVar("T")
CLOSE_WAIT = 5.0  # seconds close() waits for the reads in flight before interrupting them
INTERRUPT_WAIT = 1.0  # then how long for an interrupted read to return


class ReadPool:
    def __init__(self, target: str, *, uri: bool, size: int, pragmas: tuple[str, ...] = ()) -> None:
        self._target, self._uri, self._size, self._pragmas = target, uri, size, pragmas
        self._free: asyncio.Queue[sqlite3.Connection | None] | None = None
        self._all: list[sqlite3.Connection] = []
        self._executor: ThreadPoolExecutor | None = None
        self._busy: dict[Future, sqlite3.Connection] = {}  # jobs handed to a thread, with their connection
        self._state = "new"  # new -> open -> closing -> closed
        self._closed: asyncio.Event | None = None
        self._here: sqlite3.Connection | None = None  # run_here's: used by one thread, one read at a time

    def _connect(self, pragmas: tuple[str, ...] | None = None) -> sqlite3.Connection:
        # check_same_thread off: a connection moves between the pool's threads, but the queue hands it to
        # one caller at a time.
        conn = sqlite3.connect(self._target, uri=self._uri, check_same_thread=False, isolation_level=None)
        try:
            conn.row_factory = sqlite3.Row
            for pragma in (*(self._pragmas if pragmas is None else pragmas), "query_only = ON"):
                conn.execute(f"PRAGMA {pragma}")
        except BaseException:
            conn.close()
            raise
        return conn

    def open(self) -> None:
        if self._state != "new":
            raise StoreError("a read pool opens once")
        self._free = asyncio.Queue()
        self._closed = asyncio.Event()
        try:
            for _ in range(self._size):
                conn = self._connect()
                self._all.append(conn)
                self._free.put_nowait(conn)
            here = (*self._pragmas, "busy_timeout = 0")  # the last busy_timeout wins
            self._here = self._connect(here)
            self._all.append(self._here)
        except BaseException:
            for conn in self._all:  # no thread has used them yet
                conn.close()
            self._all.clear()
            self._state = "closed"
            raise
        self._executor = ThreadPoolExecutor(self._size, thread_name_prefix="briefbot-read")
        self._state = "open"

    @property
    def closing(self) -> bool:
        return self._state in ("closing", "closed")

    async def run(self, fn: Callable[..., T], *args: object) -> T:
        """fn(connection, *args) in a worker thread, on a connection nobody else is using."""
        if self._state != "open":
            raise StoreError("store is closed" if self.closing else "store is not open")
        free, executor = self._free, self._executor
        assert free is not None and executor is not None
        conn = await free.get()
        if conn is None or self._state != "open":
            free.put_nowait(conn)  # pass it on: it wakes the next caller waiting here, who gives up too
            raise StoreError("store is closed")
        # No await between taking the connection and registering the job: close() sees every busy connection.
        work = executor.submit(_in_snapshot, fn, conn, args)
        self._busy[work] = conn
        job = asyncio.wrap_future(work)
        job.add_done_callback(_observe)  # a caller that gave up (cancelled) never reads the job's error

        def release(_: object = None) -> None:
            self._busy.pop(work, None)
            free.put_nowait(conn)

        try:
            return await asyncio.shield(job)
        finally:
            # A cancelled caller must not hand the connection on while its thread still uses it.
            if job.done():
                release()
            else:
                job.add_done_callback(release)

    async def run_here(self, fn: Callable[..., T], *args: object) -> T:
        """fn(connection, *args) on this thread: for reads that take less than a thread hop costs."""
        if self._state != "open":
            raise StoreError("store is closed" if self.closing else "store is not open")
        conn = self._here
        assert conn is not None
        if conn.in_transaction:  # never expected (nothing awaits inside fn); stay correct anyway
            return await self.run(fn, *args)
        try:
            return _in_snapshot(fn, conn, args)
        except sqlite3.OperationalError as exc:
            if not _busy(exc):
                raise
        return await self.run(fn, *args)  # SQLite could not start the read at once: wait in a thread

    async def close(self, wait: float = CLOSE_WAIT) -> None:
        """Stop taking reads, let the ones in flight finish (up to `wait` seconds), then close the connections.

        Safe to call twice, or again while a first close() is still waiting.
        """
        if self._state == "closed" or self._state == "new":
            self._state = "closed"
            return
        if self._state == "closing":
            assert self._closed is not None
            await self._closed.wait()
            return
        self._state = "closing"
        assert self._free is not None and self._closed is not None
        self._free.put_nowait(None)  # wakes a caller waiting for a connection; it raises "store is closed"
        try:
            await self._wait_for_jobs(wait)
        finally:
            self._close_connections()
            self._state = "closed"
            self._closed.set()

    async def _wait_for_jobs(self, wait: float) -> None:
        busy = dict(self._busy)
        if not busy:
            return
        waiters = [asyncio.wrap_future(job) for job in busy]
        for waiter in waiters:
            waiter.add_done_callback(_observe)  # an interrupted read ends in an error nobody else reads
        done, pending = await asyncio.wait(waiters, timeout=wait)
        if not pending:
            return
        log.warning("%d reads still running after %.0f s at shutdown; interrupting them", len(pending), wait)
        for job, conn in busy.items():
            if not job.done():
                with contextlib.suppress(sqlite3.ProgrammingError):  # it finished and closed meanwhile
                    conn.interrupt()
        await asyncio.wait(pending, timeout=INTERRUPT_WAIT)

    def _close_connections(self) -> None:
        in_use = {id(conn): job for job, conn in self._busy.items() if not job.done()}
        for conn in self._all:
            job = in_use.get(id(conn))
            if job is None:
                conn.close()
            else:
                # Still running: its own thread closes it right after the job (never under a running statement).
                job.add_done_callback(lambda _, conn=conn: conn.close())
        if self._executor is not None:
            # Idle threads end at once; a thread still in a read ends when the read returns.
            self._executor.shutdown(wait=not in_use, cancel_futures=True)
            self._executor = None
        if in_use:
            log.warning("%d read connections close when their reads return", len(in_use))


def _observe(future: asyncio.Future) -> None:
    if not future.cancelled():
        future.exception()


def _busy(exc: sqlite3.OperationalError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return "locked" in str(exc) or "busy" in str(exc)


def _in_snapshot(fn: Callable[..., T], conn: sqlite3.Connection, args: tuple) -> T:
    """One read transaction: every statement of fn sees the same committed state."""
    conn.execute("BEGIN")
    try:
        result = fn(conn, *args)
    except BaseException:
        if conn.in_transaction:  # an interrupted statement may have ended it already
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return result
