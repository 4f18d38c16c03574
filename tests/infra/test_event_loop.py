"""The bot's event loop: uvloop where it is installed, asyncio's own loop where it is not."""

from __future__ import annotations

import asyncio
import sys

import pytest

from bot.infra import event_loop


async def _loop_module() -> str:
    await asyncio.sleep(0)
    return type(asyncio.get_running_loop()).__module__


def test_runs_on_uvloop_when_installed():
    pytest.importorskip("uvloop")
    assert event_loop.run(_loop_module()).startswith("uvloop")


def test_falls_back_to_asyncio_without_uvloop(monkeypatch):
    monkeypatch.setitem(sys.modules, "uvloop", None)  # "import uvloop" now raises ImportError
    assert event_loop.loop_factory() is None
    assert event_loop.run(_loop_module()).startswith("asyncio")


def test_signals_and_threads_work_on_it():
    """What the bot relies on: a SIGTERM handler and work handed to a thread."""
    import os
    import signal

    async def main() -> tuple[bool, int]:
        loop = asyncio.get_running_loop()
        stopped = asyncio.Event()
        loop.add_signal_handler(signal.SIGUSR1, stopped.set)
        os.kill(os.getpid(), signal.SIGUSR1)
        await asyncio.wait_for(stopped.wait(), 5)
        loop.remove_signal_handler(signal.SIGUSR1)
        return stopped.is_set(), await asyncio.to_thread(sum, [1, 2, 3])

    assert event_loop.run(main()) == (True, 6)
