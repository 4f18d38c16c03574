"""/feeds in Discord (through the stand-in): for server managers; a plain member is refused politely."""

from __future__ import annotations

import pytest

from tests.adapters.helpers import answered, ask, assert_never_pings, text_of
from tests.discord_standin import payloads
from tests.discord_standin.payloads import opt
from tests.discord_standin.world import EVERYONE_PERMS

REFUSAL = "Sorry, this command is for server managers (Manage Server permission)."
FEED = "https://news.example.com/rss.xml"


def test_feeds_is_hidden_from_members_by_default(briefbot):
    standin, _ = briefbot
    feeds = standin.command("feeds", guild_id=standin.world.guild_id)
    assert feeds["default_member_permissions"] == str(1 << 5)  # MANAGE_GUILD
    assert {o["name"] for o in feeds["options"]} == {"add", "list", "remove", "status"}


@pytest.mark.parametrize("subcommand", ["add", "list", "remove", "status"])
async def test_a_member_is_refused_politely(briefbot, subcommand):
    """A server can open the command to everyone (Integrations settings); the bot still says no."""
    standin, bot = briefbot
    opts = {"add": [opt("url", FEED)], "remove": [opt("feed", "1")]}.get(subcommand)
    record, response = await ask(standin, "feeds", opts, subcommand=subcommand, user=payloads.MEMBER,
                                 member_permissions=EVERYONE_PERMS)
    assert response.type == 4 and response.ephemeral and response.content == REFUSAL
    assert await bot.core.store.feeds() == []
    standin.assert_clean()


async def test_an_admin_adds_a_feed_and_sees_it_listed_and_in_status(briefbot):
    standin, bot = briefbot
    record, response = await ask(standin, "feeds", [opt("url", FEED), opt("topics", "tariffs")], subcommand="add",
                                 user=payloads.ADMIN)
    added = text_of(await answered(record))
    assert response.ephemeral and "Feed added" in added and FEED in added
    record, _ = await ask(standin, "feeds", subcommand="list", user=payloads.ADMIN)
    listed = text_of(await answered(record))
    assert FEED in listed and "tariffs" in listed
    record, _ = await ask(standin, "feeds", subcommand="status", user=payloads.ADMIN)
    status = text_of(await answered(record))
    assert "0 items seen" in status and "0 claims added" in status
    record, _ = await ask(standin, "feeds", [opt("feed", "1")], subcommand="remove", user=payloads.ADMIN)
    assert "No longer following" in text_of(await answered(record))
    assert await bot.core.store.feeds() == []
    assert_never_pings(standin)
    standin.assert_clean()


async def test_a_bad_address_is_explained_not_a_traceback(briefbot):
    standin, bot = briefbot
    record, _ = await ask(standin, "feeds", [opt("url", "file:///etc/passwd")], subcommand="add", user=payloads.ADMIN)
    text = text_of(await answered(record))
    assert "http:// or https://" in text and "Traceback" not in text
    assert await bot.core.store.feeds() == []
    standin.assert_clean()


async def test_the_poller_runs_with_the_bot_and_stops_with_it(briefbot):
    _, bot = briefbot
    assert bot.feed_poller is not None and bot.feed_poller._loop is not None and not bot.feed_poller._loop.done()
