"""The slash commands Discord would receive: names, options and descriptions within Discord's limits."""

import re

from bot.adapters.discord_bot.client import EXTENSIONS, DiscordBot
from bot.infra.settings import load_settings

NAME = re.compile(r"^[-_\w]{1,32}$")


async def command_payloads(core) -> list[dict]:
    bot = DiscordBot(load_settings(), core)
    for extension in EXTENSIONS:
        await bot.load_extension(extension)
    try:
        return [command.to_dict(bot.tree) for command in bot.tree.get_commands()]
    finally:
        await bot.close()


def check_option(option: dict) -> None:
    assert NAME.match(option["name"]) and option["name"] == option["name"].lower()
    assert 1 <= len(option["description"]) <= 100
    assert len(option.get("choices") or []) <= 25
    for child in option.get("options") or []:
        check_option(child)


async def test_commands_are_named_and_described_within_limits(core):
    payloads = await command_payloads(core)
    names = {p["name"] for p in payloads}
    assert {"brief", "topics", "help"} <= names
    assert len(payloads) <= 100
    for payload in payloads:
        assert NAME.match(payload["name"]) and payload["name"] == payload["name"].lower()
        assert 1 <= len(payload["description"]) <= 100
        assert len(payload.get("options", [])) <= 25
        for option in payload.get("options", []):
            check_option(option)


async def test_brief_takes_an_autocompleted_required_topic(core):
    brief = next(p for p in await command_payloads(core) if p["name"] == "brief")
    (topic,) = brief["options"]
    assert topic["name"] == "topic" and topic["required"] and topic["autocomplete"]
    assert topic["type"] == 3  # string


async def test_admin_commands_are_hidden_from_members_by_default(core):
    admin = next(p for p in await command_payloads(core) if p["name"] == "admin")
    assert int(admin["default_member_permissions"]) == 1 << 5  # MANAGE_GUILD
    assert {o["name"] for o in admin["options"]} == {"reload", "status"}
