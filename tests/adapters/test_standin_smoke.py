"""Smoke tests of the Discord stand-in itself, driven end to end by a tiny real discord.py bot."""

from __future__ import annotations

import asyncio
import gc
import io
import logging
import warnings
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import aiohttp
import discord
import pytest
import pytest_asyncio
from discord import app_commands
from discord.ext import commands

from tests.discord_standin import DEFAULT_WORLD, DiscordStandin, payloads
from tests.discord_standin.fixtures import standin, standin_factory  # noqa: F401  (fixtures)

GUILD = discord.Object(int(DEFAULT_WORLD.guild_id))
TOPICS = ["tariffs", "trade", "transit", "migration", "water treaty"]


class ConfirmView(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=None)  # no timeout task left behind at shutdown

    @discord.ui.button(label="Confirm", custom_id="confirm", style=discord.ButtonStyle.success)
    async def confirm(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await interaction.response.edit_message(content="Confirmed", view=None)


def make_bot() -> commands.Bot:
    # guild_ready_timeout: discord.py otherwise waits 2 s after the last GUILD_CREATE before on_ready.
    bot = commands.Bot(command_prefix=commands.when_mentioned, intents=discord.Intents.default(), guild_ready_timeout=0.05)
    bot.errors = []  # type: ignore[attr-defined]  # HTTP errors the commands caught, for assertions
    bot.seen = []  # type: ignore[attr-defined]  # interactions as discord.py parsed them
    bot.slow_delay = 0.0  # type: ignore[attr-defined]

    @bot.tree.command(guild=GUILD, description="Say hello with an embed")
    async def hello(interaction: discord.Interaction) -> None:
        embed = discord.Embed(title="Hello", description=f"Hi {interaction.user.mention}")
        await interaction.response.send_message(
            embed=embed, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
        )

    @bot.tree.command(guild=GUILD, description="Look up a topic")
    @app_commands.describe(topic="Topic to look up")
    async def lookup(interaction: discord.Interaction, topic: str) -> None:
        await interaction.response.send_message(f"Looking up {topic}")

    @lookup.autocomplete("topic")
    async def lookup_topic(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        if current == "many":  # a bug on purpose: Discord allows at most 25 choices
            return [app_commands.Choice(name=f"topic {i}", value=str(i)) for i in range(30)]
        return [app_commands.Choice(name=t, value=t) for t in TOPICS if t.startswith(current)]

    @bot.tree.command(guild=GUILD, description="Ask for confirmation")
    async def confirm(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("Are you sure?", view=ConfirmView())

    @bot.tree.command(guild=GUILD, description="Defer, then follow up")
    async def report(interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        await asyncio.sleep(0.05)
        await interaction.followup.send(embed=discord.Embed(title="Report"), ephemeral=True)
        await interaction.followup.send("raw data", file=discord.File(io.BytesIO(b"a,b\n1,2\n"), "data.csv"))

    @bot.tree.command(guild=GUILD, description="Reply with an oversized embed")
    async def huge(interaction: discord.Interaction) -> None:
        try:
            await interaction.response.send_message(embed=discord.Embed(description="x" * 5000))
        except discord.HTTPException as exc:
            bot.errors.append(exc)  # type: ignore[attr-defined]

    @bot.tree.command(guild=GUILD, description="Reply too late")
    async def slow(interaction: discord.Interaction) -> None:
        await asyncio.sleep(bot.slow_delay)  # type: ignore[attr-defined]
        try:
            await interaction.response.send_message("finally")
        except discord.HTTPException as exc:
            bot.errors.append(exc)  # type: ignore[attr-defined]

    @bot.tree.command(guild=GUILD, description="Post to the channel")
    async def announce(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("Posting", ephemeral=True)
        await interaction.channel.send("Announcement")  # type: ignore[union-attr]
        try:
            await bot.fetch_user(int(DEFAULT_WORLD.member.id))  # a route the stand-in does not serve
        except discord.NotFound as exc:
            bot.errors.append(exc)  # type: ignore[attr-defined]

    settings = app_commands.Group(name="settings", description="Bot settings",
                                  default_permissions=discord.Permissions(manage_guild=True))

    @settings.command(description="Show one setting")
    async def show(interaction: discord.Interaction, key: str, member: discord.Member | None = None) -> None:
        bot.seen.append(interaction)  # type: ignore[attr-defined]
        await interaction.response.send_message(key, ephemeral=True)

    bot.tree.add_command(settings, guild=GUILD)
    return bot


@asynccontextmanager
async def running_bot(server: DiscordStandin) -> AsyncIterator[commands.Bot]:
    bot = make_bot()
    async with server.run_bot(bot):
        await bot.tree.sync(guild=GUILD)
        yield bot


@pytest_asyncio.fixture
async def bot(standin: DiscordStandin) -> AsyncIterator[commands.Bot]:  # noqa: F811
    async with running_bot(standin) as running:
        yield running


async def test_connects_and_caches_the_guild(standin: DiscordStandin, bot: commands.Bot) -> None:  # noqa: F811
    guild = bot.get_guild(int(DEFAULT_WORLD.guild_id))
    assert guild is not None and guild.name == "Stand-in Guild"
    assert guild.owner_id == int(DEFAULT_WORLD.owner.id)
    assert {c.name for c in guild.text_channels} == {"general", "briefings"}
    assert guild.me is not None and guild.me.id == bot.user.id == bot.application_id
    session = standin.sessions[-1]
    # zlib-stream, or zstd-stream when zstandard is importable: discord.py picks at import time
    assert session.compress == discord.utils._ActiveDecompressionContext.COMPRESSION_TYPE
    assert session.heartbeats >= 1
    registered = {c["name"]: c for c in standin.commands[DEFAULT_WORLD.guild_id]}
    assert set(registered) == {"hello", "lookup", "confirm", "report", "huge", "slow", "announce", "settings"}
    assert all(len(c["id"]) >= 18 for c in registered.values())
    standin.assert_clean()


async def test_payloads_parse_like_discord(standin: DiscordStandin, bot: commands.Bot) -> None:  # noqa: F811
    options = [payloads.opt("key", "timezone"), payloads.opt("member", DEFAULT_WORLD.member.id)]
    record = await standin.send_interaction(
        payloads.slash_command("settings", options, subcommand="show", user=payloads.ADMIN)
    )
    await record.wait_response()
    data = record.payload["data"]
    assert data["id"] == standin.command("settings", guild_id=DEFAULT_WORLD.guild_id)["id"]
    assert data["guild_id"] == DEFAULT_WORLD.guild_id
    assert data["options"][0]["options"][1]["type"] == 6  # fixed from the synced schema
    assert DEFAULT_WORLD.member.id in data["resolved"]["members"]
    interaction = bot.seen[0]  # type: ignore[attr-defined]
    assert interaction.command.qualified_name == "settings show"
    assert isinstance(interaction.user, discord.Member) and interaction.user.id == int(DEFAULT_WORLD.admin.id)
    assert interaction.permissions.manage_guild and interaction.app_permissions.embed_links
    assert interaction.namespace.member.id == int(DEFAULT_WORLD.member.id)
    assert interaction.channel.name == "general" and interaction.guild.name == "Stand-in Guild"
    assert standin.command("settings", guild_id=DEFAULT_WORLD.guild_id)["default_member_permissions"] == "32"

    plain = await standin.send_interaction(payloads.slash_command("settings", {"key": "x"}, subcommand="show"))
    await plain.wait_response()
    assert not bot.seen[1].permissions.manage_guild  # type: ignore[attr-defined]
    with pytest.raises(LookupError):
        await standin.send_interaction(payloads.slash_command("nope"), require_synced=True)
    with pytest.raises(ValueError, match="no option 'colour'"):
        await standin.send_interaction(payloads.slash_command("lookup", {"colour": "red"}))
    standin.assert_clean()


async def test_slash_command_replies_with_ephemeral_embed(standin: DiscordStandin, bot: commands.Bot) -> None:  # noqa: F811
    record = await standin.send_interaction(payloads.slash_command("hello", user=payloads.ADMIN))
    response = await record.wait_response(timeout=5)
    assert response.type == 4
    assert response.flags == 64 and response.ephemeral
    assert response.embeds[0]["title"] == "Hello"
    assert response.embeds[0]["description"] == f"Hi <@{DEFAULT_WORLD.admin.id}>"
    assert response.allowed_mentions == {"parse": []}
    assert 0 < response.latency < 3 and standin.response_latencies == [response.latency]
    assert record.original_message is not None and record.original_message["flags"] & 64
    standin.assert_clean()


async def test_autocomplete_and_too_many_choices(standin: DiscordStandin, bot: commands.Bot) -> None:  # noqa: F811
    record = await standin.send_interaction(payloads.autocomplete("lookup", {"topic": "tr"}))
    response = await record.wait_response()
    assert response.type == 8
    assert [c["name"] for c in response.data["choices"]] == ["trade", "transit"]

    bad = await standin.send_interaction(payloads.autocomplete("lookup", {"topic": "many"}))
    error = await bad.wait_error()
    assert error.kind == "invalid_body" and error.status == 400
    assert "choices" in error.error["errors"]["data"]
    assert [v.kind for v in standin.violations] == ["invalid_body"]


async def test_button_view_round_trip(standin: DiscordStandin, bot: commands.Bot) -> None:  # noqa: F811
    record = await standin.send_interaction(payloads.slash_command("confirm"))
    response = await record.wait_response()
    assert response.type == 4 and response.content == "Are you sure?"
    button = response.components[0]["components"][0]
    assert (button["type"], button["custom_id"], button["label"], button["style"]) == (2, "confirm", "Confirm", 3)

    click = await standin.send_interaction(payloads.button_click("confirm", record.original_message))
    update = await click.wait_response()
    assert update.type == 7
    assert update.content == "Confirmed" and update.components == []
    assert click.original_message["id"] == record.original_message["id"]
    standin.assert_clean()


async def test_defer_then_followups(standin: DiscordStandin, bot: commands.Bot) -> None:  # noqa: F811
    record = await standin.send_interaction(payloads.slash_command("report"))
    response = await record.wait_response()
    assert response.type == 5 and response.flags == 0
    first, second = await record.wait_followups(2)
    # Documented Discord quirk: the first followup after a defer edits the "thinking" message and
    # its ephemeral flag is ignored.
    assert first.replaced_deferred and not first.ephemeral
    assert first.message["id"] == record.response_message["id"]
    assert record.original_message["embeds"][0]["title"] == "Report"
    assert not record.original_message["flags"] & 128  # no longer loading
    assert not second.replaced_deferred and second.message["content"] == "raw data"
    assert second.files[0].filename == "data.csv" and second.files[0].data == b"a,b\n1,2\n"
    assert second.message["attachments"][0]["filename"] == "data.csv"
    standin.assert_clean()


async def test_oversized_embed_is_rejected(standin: DiscordStandin, bot: commands.Bot) -> None:  # noqa: F811
    record = await standin.send_interaction(payloads.slash_command("huge"))
    error = await record.wait_error()
    assert error.kind == "invalid_body" and error.status == 400 and error.error["code"] == 50035
    assert error.error["errors"]["data"]["embeds"]["0"]["description"]["_errors"][0]["code"] == "BASE_TYPE_MAX_LENGTH"
    assert record.response is None
    for _ in range(100):  # the bot reads the 400 a moment after the stand-in records it
        if bot.errors:  # type: ignore[attr-defined]
            break
        await asyncio.sleep(0.01)
    assert bot.errors and bot.errors[0].code == 50035  # type: ignore[attr-defined]
    assert any(v.kind == "invalid_body" for v in standin.violations)
    with pytest.raises(AssertionError, match="embeds.0.description"):
        standin.assert_clean()


async def test_late_response_is_rejected(standin_factory) -> None:  # noqa: F811
    server = await standin_factory(response_deadline=0.3)
    async with running_bot(server) as bot:
        bot.slow_delay = 0.5  # type: ignore[attr-defined]
        record = await server.send_interaction(payloads.slash_command("slow"))
        late = await record.wait_error(kind="unknown_interaction", timeout=3)
        assert late.status == 404 and late.error == {"message": "Unknown interaction", "code": 10062}
        assert record.expired and record.response is None
        assert {v.kind for v in server.violations} == {"not_acknowledged", "unknown_interaction"}
        for _ in range(100):  # the bot reads the 404 a moment after the stand-in records it
            if bot.errors:  # type: ignore[attr-defined]
                break
            await asyncio.sleep(0.01)
        assert isinstance(bot.errors[0], discord.NotFound) and bot.errors[0].code == 10062  # type: ignore[attr-defined]


async def test_channel_post_and_unknown_route(standin: DiscordStandin, bot: commands.Bot) -> None:  # noqa: F811
    record = await standin.send_interaction(payloads.slash_command("announce"))
    assert (await record.wait_response()).ephemeral
    (post,) = await standin.wait_channel_messages(1)
    assert post.message["channel_id"] == DEFAULT_WORLD.general_channel_id
    assert post.body["content"] == "Announcement"
    for _ in range(100):
        if bot.errors:  # type: ignore[attr-defined]
            break
        await asyncio.sleep(0.01)
    assert [r.path for r in standin.unknown_requests] == [f"/api/v10/users/{DEFAULT_WORLD.member.id}"]
    assert isinstance(bot.errors[0], discord.NotFound)  # type: ignore[attr-defined]


async def test_rest_limits_and_double_acknowledge(standin: DiscordStandin, bot: commands.Bot) -> None:  # noqa: F811
    app = DEFAULT_WORLD.application_id
    headers = {"Authorization": f"Bot {standin.token}"}
    too_many = [{"type": 3, "name": f"o{i}", "description": "d"} for i in range(26)]
    async with aiohttp.ClientSession() as http:
        async with http.put(f"{standin.api_base}/applications/{app}/commands", headers=headers,
                            json=[{"name": "Bad Name", "description": "x", "options": too_many}]) as resp:
            assert resp.status == 400
            errors = (await resp.json())["errors"]["0"]
            assert "name" in errors and "options" in errors
        record = await standin.send_interaction(payloads.slash_command("hello"))
        await record.wait_response()
        url = f"{standin.api_base}/interactions/{record.id}/{record.token}/callback"
        async with http.post(url, json={"type": 4, "data": {"content": "again"}}) as resp:
            assert resp.status == 400 and (await resp.json())["code"] == 40060
    assert [v.kind for v in standin.violations] == ["invalid_body", "already_acknowledged"]


async def test_bot_shuts_down_cleanly(standin: DiscordStandin, caplog: pytest.LogCaptureFixture) -> None:  # noqa: F811
    caplog.set_level(logging.WARNING)
    async with running_bot(standin) as bot:
        record = await standin.send_interaction(payloads.slash_command("hello"))
        await record.wait_response()
    assert bot.is_closed()
    await asyncio.sleep(0)
    pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task() and not t.done()]
    assert pending == []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        gc.collect()
    assert not [w for w in caught if "nclosed" in str(w.message)]
    assert not [r for r in caplog.records if "nclosed" in r.getMessage() or "pending" in r.getMessage()]
    standin.assert_clean()
