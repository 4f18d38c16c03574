"""Issue 11, item 3: SIGINT/SIGTERM during a burst: in-flight interactions are answered (a deferred
/admin reload gets its follow-up), new ones are told the bot is restarting, then scheduler, gateway and
store close in that order; exit 0 and nothing alarming in the output. SIGKILL leaves a whole database."""

from __future__ import annotations

import asyncio
import logging
import os
import signal

import discord
import pytest

from bot.adapters.discord_bot.runner import run_bot
from bot.adapters.startup import open_core
from tests.adapters.conftest import bot_settings, copy_database
from tests.adapters.helpers import answered, text_of
from tests.discord_standin import payloads
from tests.reliability.processes import (
    BAD_SIGNS,
    acknowledged_digest_times,
    burst,
    database_state,
    sent_digest_times,
    start_bot,
    stop,
)


async def settled(records) -> None:
    """Every interaction got its first response, and each deferred one its follow-up."""
    for record in records:
        response = await record.wait_response(timeout=5)
        if response.type == 5:
            await record.wait_followups(1, timeout=5)


async def test_sigterm_in_process_answers_what_is_in_flight_and_logs_nothing_alarming(
        standin_factory, compiled_database, tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(discord.http.Route, "BASE", discord.http.Route.BASE)
    monkeypatch.setattr(discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
    server = await standin_factory(patch_discord=False)
    settings = bot_settings(copy_database(compiled_database, tmp_path), server, discord_token=server.token,
                            discord_api_base=server.url)
    caplog.set_level(logging.WARNING)
    async with open_core(settings) as core:
        runner = asyncio.create_task(run_bot(settings, core))
        await server.wait_until_connected(timeout=10)
        records = [await server.send_interaction(payload) for payload in burst(8, 1)]
        os.kill(os.getpid(), signal.SIGTERM)
        await asyncio.wait_for(runner, 10)
        store = core.store
    assert store._db is None  # closed after the bot, by open_core
    await settled(records)
    reload = records[-1]
    assert reload.payload["data"]["name"] == "admin"
    assert "Content reload" in text_of(await answered(reload)) or "restarting" in text_of(await answered(reload))
    alarming = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR
                or any(sign in r.getMessage() for sign in BAD_SIGNS)]
    assert alarming == []
    assert not server.sessions


async def test_an_interaction_arriving_during_shutdown_is_told_the_bot_is_restarting(briefbot):
    standin, bot = briefbot
    bot.refuse_new_interactions()
    record = await standin.send_interaction(payloads.slash_command("brief", {"topic": "tariffs"}))
    message = await answered(record)
    assert "restarting" in text_of(message)
    assert (await record.wait_response()).ephemeral
    completion = await standin.send_interaction(payloads.autocomplete("brief", {"topic": "ta"}))
    assert (await completion.wait_response()).data["choices"] == []
    standin.assert_clean()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
async def test_python_m_bot_stops_cleanly_during_a_burst(standin, compiled_database, tmp_path, sig):
    database = copy_database(compiled_database, tmp_path)
    bot = await start_bot(standin, tmp_path)
    sent = burst(8, 2)
    records = await asyncio.gather(*(standin.send_interaction(p) for p in sent))
    await asyncio.sleep(0.05)  # the burst is in flight
    status, output = await stop(bot, sig)
    assert status == 0, output
    assert not [sign for sign in BAD_SIGNS if sign in output], output
    await settled(records)  # answered, or told the bot is restarting
    check, counts, stored = database_state(database)
    assert check == "ok"
    confirmed = acknowledged_digest_times(records)
    if confirmed:
        assert stored in sent_digest_times(sent)
    assert counts["meta"] > 0


async def test_sigkill_during_a_burst_leaves_a_whole_database_with_what_was_confirmed(standin, compiled_database,
                                                                                          tmp_path):
    database = copy_database(compiled_database, tmp_path)
    bot = await start_bot(standin, tmp_path)
    first = await standin.send_interaction(burst(3, 3)[2])  # a /digest set
    await settled([first])
    sent = burst(8, 4)
    records = await asyncio.gather(*(standin.send_interaction(p) for p in sent))
    await asyncio.sleep(0.1)
    status, _ = await stop(bot, signal.SIGKILL)
    assert status == -signal.SIGKILL
    check, counts, stored = database_state(database)
    assert check == "ok"
    assert counts["guild_settings"] == 1  # the setting confirmed before the burst survived the kill
    assert stored in sent_digest_times([*sent, first.payload])
    del records
