"""/admin reload and /admin status: for server managers, refused politely to everyone else."""

from __future__ import annotations

import shutil

import pytest

from bot.infra.settings import PROJECT_ROOT
from tests.adapters.helpers import answered, ask, assert_never_pings, text_of
from tests.discord_standin import payloads
from tests.discord_standin.world import EVERYONE_PERMS

REFUSAL = "Sorry, this command is for server managers (Manage Server permission)."


def test_admin_is_hidden_from_members_by_default(briefbot):
    standin, _ = briefbot
    admin = standin.command("admin", guild_id=standin.world.guild_id)
    assert admin["default_member_permissions"] == str(1 << 5)  # MANAGE_GUILD
    assert admin["contexts"] == [0]  # servers only


@pytest.mark.parametrize("who", [payloads.ADMIN, payloads.OWNER], ids=["moderator", "owner"])
async def test_a_manager_sees_the_status(briefbot, who):
    standin, bot = briefbot
    record, response = await ask(standin, "admin", subcommand="status", user=who)
    assert response.type == 4 and response.ephemeral
    embed = response.embeds[0]
    assert embed["title"] == "briefbot status" and "schema" in embed["description"]
    counts = await bot.core.store.counts()
    assert f"{counts['claims']} claims" in text_of(record.original_message)
    assert_never_pings(standin)
    standin.assert_clean()


@pytest.mark.parametrize("subcommand", ["status", "reload"])
async def test_a_member_is_refused_even_when_discord_lets_them_run_it(briefbot, subcommand):
    """A server can open admin commands to everyone (Integrations settings); the bot still says no."""
    standin, _ = briefbot
    record, response = await ask(standin, "admin", subcommand=subcommand, user=payloads.MEMBER,
                                 member_permissions=EVERYONE_PERMS)
    assert response.type == 4 and response.ephemeral
    assert response.content == REFUSAL and response.allowed_mentions == {"parse": []}
    standin.assert_clean()


async def test_admin_in_a_direct_message_is_refused(briefbot):
    """Discord keeps server-only commands out of DMs; the bot does not rely on it."""
    standin, _ = briefbot
    dm = payloads.slash_command("admin", subcommand="status", user=payloads.ADMIN, guild_id=None)
    record = await standin.send_interaction(dm, require_synced=False)
    response = await record.wait_response()
    assert response.ephemeral and response.content == "This command works in a server, not in direct messages."
    standin.assert_clean()


async def test_reload_defers_privately_then_reports(briefbot):
    standin, _ = briefbot
    record, response = await ask(standin, "admin", subcommand="reload", user=payloads.ADMIN)
    assert response.type == 5 and response.ephemeral
    message = await answered(record)
    assert message["flags"] & 64
    assert "unchanged since the last compile" in text_of(message)
    standin.assert_clean()


async def test_reload_picks_up_edited_content_without_a_restart(briefbot_factory, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "data", content / "data")
    shutil.copytree(PROJECT_ROOT / "briefings", content / "briefings")
    standin, _ = await briefbot_factory(data_dir=content / "data", briefings_dir=content / "briefings")
    _, before = await ask(standin, "brief", {"topic": "tariffs"})
    assert before.embeds[0]["title"] == "Tariffs"

    briefing = content / "briefings" / "tariffs.md"
    briefing.write_text(briefing.read_text().replace("title: Tariffs", "title: Tariffs and trade threats", 1))
    record, _ = await ask(standin, "admin", subcommand="reload", user=payloads.ADMIN)
    assert "Recompiled" in text_of(await answered(record))
    _, after = await ask(standin, "brief", {"topic": "tariffs"})
    assert after.embeds[0]["title"] == "Tariffs and trade threats"
    standin.assert_clean()
