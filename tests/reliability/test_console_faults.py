"""Issue 11, item 6: any database error in the console is a clear reply, and the console goes on."""

from __future__ import annotations

import io
import sqlite3

from rich.console import Console

from bot.adapters import console as console_module
from bot.adapters.commands import Commands
from bot.adapters.console import answer_line, run_console
from bot.core.store.database import Store


def scripted(monkeypatch, lines: list[str]) -> None:
    feed = iter(lines)

    def read(_prompt: str) -> str:
        try:
            return next(feed)
        except StopIteration:
            raise EOFError from None

    monkeypatch.setattr(console_module, "_read", read)


async def test_a_database_error_mid_session_is_a_reply_and_the_console_goes_on(core, monkeypatch):
    out = io.StringIO()
    original = Store.read
    failures = iter([sqlite3.OperationalError("disk I/O error")])

    async def flaky(self, fn, *args):
        failure = next(failures, None)
        if failure is not None:
            raise failure
        return await original(self, fn, *args)

    monkeypatch.setattr(Store, "read", flaky)
    scripted(monkeypatch, ["/who Sheinbaum", "/who Sheinbaum"])
    await run_console(Commands(core), Console(file=out, width=120))
    shown = out.getvalue()
    assert "Database problem" in shown and "disk I/O error" in shown
    assert "Sheinbaum" in shown.split("Database problem", 1)[1]  # the next line was answered


async def test_a_locked_or_unreadable_database_reads_as_one_clear_line(core, monkeypatch):
    async def locked(self, fn, *args):
        error = sqlite3.OperationalError("database is locked")
        error.sqlite_errorcode = 5
        raise error

    monkeypatch.setattr(Store, "read", locked)
    reply = await answer_line(Commands(core), "/brief tariffs")
    assert reply.pages[0].title == "Database problem"
    assert "busy" in reply.pages[0].description


async def test_a_closed_store_mid_session_does_not_end_the_console(core, monkeypatch):
    out = io.StringIO()
    await core.store._reader.close()  # the read connections are gone, as if the file were pulled away
    core.store._reader = None
    scripted(monkeypatch, ["/search tariffs", "/help"])
    await run_console(Commands(core), Console(file=out, width=120))
    shown = out.getvalue()
    assert "Database problem" in shown and "/brief" in shown.split("Database problem", 1)[1]
