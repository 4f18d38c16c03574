"""Read-only connections used from worker threads, beside the one aiosqlite connection that writes.

A lookup runs whole in one worker (all its statements and the ranking between them) instead of one thread
hop per statement through aiosqlite (about 90 µs each), and reads never wait for a write: WAL lets readers
proceed beside the writer. Readers see what the writer has committed. The same shape as Datasette's read
pool; its size is one by default because the ranking between statements is Python, which a second thread
could only run by taking turns with the event loop for the GIL (measured: a burst got slower, not faster).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


class ReadPool:
    def __init__(self, target: str, *, uri: bool, size: int, pragmas: tuple[str, ...] = ()) -> None:
        self._target, self._uri, self._size, self._pragmas = target, uri, size, pragmas
        self._free: asyncio.Queue[sqlite3.Connection] | None = None
        self._all: list[sqlite3.Connection] = []
        self._executor: ThreadPoolExecutor | None = None

    def _connect(self) -> sqlite3.Connection:
        # check_same_thread off: a connection moves between the pool's threads, but the queue hands it to
        # one caller at a time.
        conn = sqlite3.connect(self._target, uri=self._uri, check_same_thread=False, isolation_level=None)
        conn.row_factory = sqlite3.Row
        for pragma in (*self._pragmas, "query_only = ON"):
            conn.execute(f"PRAGMA {pragma}")
        return conn

    def open(self) -> None:
        self._free = asyncio.Queue()
        self._executor = ThreadPoolExecutor(self._size, thread_name_prefix="briefbot-read")
        for _ in range(self._size):
            conn = self._connect()
            self._all.append(conn)
            self._free.put_nowait(conn)

    async def run(self, fn: Callable[..., T], *args: object) -> T:
        """fn(connection, *args) in a worker thread, on a connection nobody else is using."""
        if self._free is None or self._executor is None:
            raise RuntimeError("store is not open")
        free = self._free
        conn = await free.get()
        job = asyncio.get_running_loop().run_in_executor(self._executor, _in_snapshot, fn, conn, args)
        try:
            return await asyncio.shield(job)
        finally:
            # A cancelled caller must not hand the connection on while its thread still uses it.
            if job.done():
                free.put_nowait(conn)
            else:
                job.add_done_callback(lambda _: free.put_nowait(conn))

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
        for conn in self._all:
            conn.close()
        self._all.clear()
        self._free = None


def _in_snapshot(fn: Callable[..., T], conn: sqlite3.Connection, args: tuple) -> T:
    """One read transaction: every statement of fn sees the same committed state."""
    conn.execute("BEGIN")
    try:
        return fn(conn, *args)
    finally:
        conn.execute("COMMIT")
