"""Every slash command answers in the console too, with the same core and the same words."""

from __future__ import annotations

import pytest

from bot.adapters.commands import COMMANDS
from bot.adapters.discord_bot.embeds import to_embed
from bot.adapters.line_syntax import run_line
from tests.adapters.helpers import answered, ask, buttons

CASES = [
    ("brief", {"topic": "tariffs"}, "/brief tariffs"),
    ("brief", {"topic": "water treaty"}, "/brief water treaty"),
    ("topics", None, "/topics"),
    ("help", None, "/help"),
    ("who", {"person": "Sheinbaum"}, "/who Sheinbaum"),
    ("who", {"person": "claudia-sheinbaum"}, "/who claudia-sheinbaum"),  # as picked from autocomplete
    ("quote", {"text": "keep a cool head"}, "/quote keep a cool head"),
    ("when", {"event": "25% tariffs"}, "/when 25% tariffs"),
    ("search", {"query": "tariffs", "speaker": "donald-trump", "topic": "tariffs", "kind": "paraphrase",
                "from": "2019", "to": "2025-12"},
     "/search tariffs speaker:donald-trump topic:tariffs kind:paraphrase from:2019 to:2025-12"),
    ("search", {"query": "fentanyl"}, "/search fentanyl"),
    ("source", {"article": "trump-first-week-mexico"}, "/source trump-first-week-mexico"),
]
SHOWN = ("title", "description", "fields", "footer", "url")


def test_every_public_slash_command_has_a_console_command():
    from tests.adapters.test_bot_commands import PUBLIC

    assert PUBLIC <= set(COMMANDS)


@pytest.mark.parametrize(("command", "options", "line"), CASES, ids=[line for _, _, line in CASES])
async def test_discord_and_console_say_the_same(briefbot, command, options, line):
    standin, bot = briefbot
    record, _ = await ask(standin, command, options)
    message = await answered(record)
    console, _ = await run_line(bot.command_table, line)
    pages = [to_embed(card).to_dict() for card in console.fitted().pages]
    shown = {k: v for k, v in message["embeds"][0].items() if k in SHOWN}
    assert shown == {k: v for k, v in pages[0].items() if k in SHOWN}
    position = [b["label"] for b in buttons(message) if "/" in (b.get("label") or "")]
    assert position == ([f"1/{len(pages)}"] if len(pages) > 1 else [])
    assert bool(message["flags"] & 64) == console.ephemeral
    standin.assert_clean()
