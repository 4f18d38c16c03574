"""The lookup process: a second process answers /brief, /who, /search ... from the same SQLite file, so a burst
of new questions uses a second core. Its answers are the bot's own; whenever it cannot answer (still starting,
content older than the bot's, gone), the bot answers itself."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from pathlib import Path

import pytest

from bot.adapters.commands import Commands
from bot.adapters.lookup_process import Lookup, LookupProcess
from bot.adapters.startup import content_paths
from bot.core.service import Core
from bot.core.store import Store
from tests.adapters.conftest import bot_settings, running_briefbot
from tests.conftest import copy_database
from tests.discord_standin import payloads

LOOKUPS = [
    Lookup.of("who", "Sheinbaum"),
    Lookup.of("brief", "tarifs"),
    Lookup.of("search", "Mexico said it would hit back with its own tariffs", kind=None, date_from="2019"),
    Lookup.of("quote", "build bridges"),
    Lookup.of("when", "rail crossings closed"),
    Lookup.of("who", "nobody we know of"),
]


async def _ready(process: LookupProcess) -> None:
    async with asyncio.timeout(60):
        await process.settled.wait()
    assert process.ready


@pytest.fixture
async def started(compiled_database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """(the bot's own core and command table, the lookup process on the same database, ready)."""
    database = copy_database(compiled_database, tmp_path)
    monkeypatch.setenv("BRIEFBOT_DATABASE_PATH", str(database))
    from bot.infra.settings import load_settings

    paths = content_paths(load_settings())
    async with Store(database) as store:
        core = Core(store, paths)
        await core.reload()
        process = LookupProcess(database, paths)
        process.start()
        try:
            await _ready(process)
            yield core, Commands(core), process
        finally:
            await process.stop()


async def test_its_answers_are_the_ones_the_bot_gives(started):
    core, commands, process = started
    generation = await core.content_generation()
    for lookup in LOOKUPS:
        theirs = await process.reply(lookup, generation)
        ours = (await lookup.run(commands)).reply
        assert theirs == ours, lookup
    assert process.served == len(LOOKUPS)


async def test_content_newer_than_it_has_seen_is_answered_by_the_bot(started):
    _, _, process = started
    assert await process.reply(Lookup.of("who", "Sheinbaum"), "a generation it has not seen") is None
    assert process.ready  # it stays: it looks at the store again within a second


async def test_a_lookup_process_that_dies_is_said_once_and_the_bot_answers_from_then_on(started, caplog):
    core, _, process = started
    generation = await core.content_generation()
    caplog.set_level(logging.WARNING)
    os.kill(process._process.pid, signal.SIGKILL)
    assert await process.reply(Lookup.of("who", "Sheinbaum"), generation) is None
    assert not process.ready
    assert await process.reply(Lookup.of("who", "Ebrard"), generation) is None
    gone = [r for r in caplog.records if "lookup process" in r.getMessage()]
    assert len(gone) == 1 and "answering every lookup in the bot's own process" in gone[0].getMessage()


async def test_stop_closes_it(started):
    _, _, process = started
    await process.stop()
    assert not process._process.is_alive() and process._process.exitcode == 0  # it exited, not killed
    assert await process.reply(Lookup.of("who", "Sheinbaum"), "") is None


async def test_a_bot_with_a_lookup_process_answers_slash_commands_through_it(standin, compiled_database, tmp_path):
    settings = bot_settings(copy_database(compiled_database, tmp_path), standin, lookup_process=True)
    async with running_briefbot(standin, settings) as bot:
        assert bot.lookup_process is not None
        await _ready(bot.lookup_process)
        record = await standin.send_interaction(payloads.slash_command("who", {"person": "Sheinbaum"}))
        response = await record.wait_response(timeout=10)
        assert "Sheinbaum" in response.embeds[0]["title"]
        assert bot.lookup_process.served == 1
        process = bot.lookup_process._process
    assert not process.is_alive()  # the bot stopped it on the way out


async def test_a_bot_goes_online_with_its_lookup_process_ready(standin, compiled_database, tmp_path):
    # a burst the moment the bot is online meets both cores answering, not one answering while the other still
    # builds the second process's indexes
    settings = bot_settings(copy_database(compiled_database, tmp_path), standin, lookup_process=True)
    async with running_briefbot(standin, settings) as bot:
        assert bot.lookup_process is not None and bot.lookup_process.ready
        record = await standin.send_interaction(payloads.slash_command("who", {"person": "Ebrard"}))
        assert "Ebrard" in (await record.wait_response(timeout=10)).embeds[0]["title"]
        assert bot.lookup_process.served == 1


async def test_a_stuck_lookup_process_is_let_go_and_the_bot_answers_in_time(started, caplog):
    core, _, process = started
    generation = await core.content_generation()
    caplog.set_level(logging.WARNING)
    os.kill(process._process.pid, signal.SIGSTOP)  # alive, but answers nothing
    try:
        async with asyncio.timeout(3):  # Discord's deadline for the first response
            assert await process.reply(Lookup.of("who", "Sheinbaum"), generation) is None
        assert not process.ready
        assert any("did not answer within" in r.getMessage() for r in caplog.records)
    finally:
        os.kill(process._process.pid, signal.SIGCONT)
