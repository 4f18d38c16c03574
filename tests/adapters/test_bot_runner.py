"""The bot started as in production (bot/discord_bot/runner.py), pointed at the stand-in by settings only."""

from __future__ import annotations

import asyncio
import os
import signal

import discord
import pytest

from bot.adapters.discord_bot.runner import api_base, run_bot
from bot.adapters.startup import open_core
from tests.adapters.conftest import bot_settings, copy_database, running_briefbot
from tests.adapters.helpers import answered
from tests.discord_standin import DiscordStandin, payloads


@pytest.mark.parametrize(("given", "used"), [
    ("http://127.0.0.1:8080", "http://127.0.0.1:8080/api/v10"),
    ("http://127.0.0.1:8080/api/", "http://127.0.0.1:8080/api/v10"),
    ("http://127.0.0.1:8080/api/v10/", "http://127.0.0.1:8080/api/v10"),
    ("https://proxy.example/discord/api/v9", "https://proxy.example/discord/api/v9"),
])
def test_api_base_is_versioned_like_discords(given, used):
    assert api_base(given) == used


@pytest.mark.parametrize("with_gateway_url", [True, False], ids=["gateway-url-set", "gateway-asked-of-the-api"])
async def test_runner_serves_commands_until_sigterm(standin_factory, compiled_database, tmp_path, monkeypatch,
                                                    with_gateway_url):
    # The runner points discord.py's class-level endpoints at the stand-in; put them back afterwards.
    monkeypatch.setattr(discord.http.Route, "BASE", discord.http.Route.BASE)
    monkeypatch.setattr(discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
    server = await standin_factory(patch_discord=False)
    settings = bot_settings(copy_database(compiled_database, tmp_path), server, discord_token=server.token,
                            discord_api_base=server.url,  # unversioned on purpose
                            discord_gateway_url=server.gateway_url if with_gateway_url else None)
    async with open_core(settings) as core:
        runner = asyncio.create_task(run_bot(settings, core))
        try:
            await server.wait_until_connected(timeout=10)
            for _ in range(500):  # the commands sync before the gateway connects; wait for them
                if server.command("brief", guild_id=server.world.guild_id) is not None:
                    break
                await asyncio.sleep(0.01)
            record = await server.send_interaction(payloads.slash_command("brief", {"topic": "tariffs"}))
            assert (await answered(record))["embeds"][0]["title"] == "Tariffs"
        finally:
            os.kill(os.getpid(), signal.SIGTERM)  # the runner's handler: close the gateway, then return
            await asyncio.wait_for(runner, 10)
    assert not server.sessions  # the bot hung up
    server.assert_clean()


async def test_a_restart_against_a_fresh_discord_syncs_the_commands_again(compiled_database, tmp_path):
    """The bot skips re-syncing an unchanged tree to Discord; a stand-in starts empty, so there it syncs."""
    database = copy_database(compiled_database, tmp_path)
    for _ in range(2):
        async with DiscordStandin() as server:
            async with running_briefbot(server, bot_settings(database, server)):
                assert server.command("brief", guild_id=server.world.guild_id) is not None
            server.assert_clean()
