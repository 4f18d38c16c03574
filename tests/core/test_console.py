"""The console and CLI answer from the same core, in readable text or JSON."""

import json
import os
import subprocess
import sys

import pytest
from rich.console import Console
from typer.testing import CliRunner

from bot.adapters.cli import app
from bot.adapters.commands import Commands
from bot.adapters.line_syntax import run_line
from bot.infra.settings import PROJECT_ROOT
from bot.render.console import print_reply


def rendered(reply) -> str:
    console = Console(width=100, record=True, file=open(os.devnull, "w"))
    print_reply(console, reply)
    return console.export_text()


async def test_brief_tariffs_prints_the_tariffs_briefing(core):
    reply, data = await run_line(Commands(core), "/brief tariffs")
    text = rendered(reply)
    assert data.briefing.slug == "tariffs"
    assert "Tariffs" in text and "timeline" in text.lower()


async def test_typo_in_topic_still_finds_it(core):
    _, data = await run_line(Commands(core), "/brief tarifs")
    assert data.briefing.slug == "tariffs"


async def test_unknown_topic_says_nothing_found_without_guessing(core):
    reply, data = await run_line(Commands(core), "/brief quantum chromodynamics")
    assert "Nothing found" in rendered(reply)
    assert not hasattr(data, "briefing")


async def test_topics_and_help(core):
    reply, topics = await run_line(Commands(core), "/topics")
    assert any(t.slug == "tariffs" for t in topics)
    assert "/brief tariffs" in rendered(reply)
    reply, _ = await run_line(Commands(core), "/help")
    assert "/who" in rendered(reply) and "/admin" in rendered(reply)


@pytest.mark.parametrize(("line", "speaker"), [("Sheinbaum build bridges", "claudia-sheinbaum"),
                                               ("76 percent", None)])
async def test_a_line_without_a_command_searches_every_claim(core, line, speaker):
    reply, data = await run_line(Commands(core), line)
    assert data.mode == "search" and data.hits, line
    if speaker:
        assert data.hits[0].view.claim.speaker == speaker
    assert "Something went wrong" not in rendered(reply)


async def test_hello_there_is_not_an_error(core):
    reply, _ = await run_line(Commands(core), "hello there")
    assert "Something went wrong" not in rendered(reply) and rendered(reply).strip()


@pytest.mark.parametrize(
    "line",
    ["", "/", "/nosuchcommand", "/brief", "/brief " + "x" * 5000, "/brief 🌮🌮", "/brief @everyone",
     '/brief "unclosed', "/brief ' OR 1=1 --", "/brief tariffs* NEAR(a b)", "/brief \x00\x1b[31m"],
)
async def test_any_input_gets_an_answer_never_a_traceback(core, line):
    reply, _ = await run_line(Commands(core), line)
    text = rendered(reply)
    assert text.strip()
    assert "@everyone" not in text.replace("@\u200beveryone", "")


def test_cli_brief_json_is_the_same_data(monkeypatch):
    result = CliRunner().invoke(app, ["brief", "tariffs", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["briefing"]["slug"] == "tariffs"
    assert data["briefing"]["timeline"][0]["date"]


def test_cli_unknown_topic_exits_1():
    result = CliRunner().invoke(app, ["brief", "zzzzzz"])
    assert result.exit_code == 1
    assert "Nothing found" in result.output


@pytest.mark.parametrize("command", ["brief", "topics", "check", "console", "run"])
def test_every_subcommand_has_help(command):
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output


def test_check_passes_on_the_project_content():
    result = CliRunner().invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    assert "content OK" in result.output


def test_run_without_token_starts_the_console_and_answers(tmp_path):
    """The README's run path: `python -m bot` with no DISCORD_TOKEN reads commands from stdin."""
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    env["BRIEFBOT_DATABASE_PATH"] = str(tmp_path / "run.sqlite3")
    result = subprocess.run(
        [sys.executable, "-m", "bot"], input="/brief tariffs\n/quit\n", capture_output=True, text=True,
        cwd=PROJECT_ROOT, env=env, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "local console" in result.stdout
    assert "Tariffs" in result.stdout


async def test_admin_status_and_reload_answer_in_the_console(core):
    reply, status = await run_line(Commands(core), "/admin status")
    assert status.counts["briefings"] >= 13
    assert "briefings" in rendered(reply)
    reply, report = await run_line(Commands(core), "/admin reload")
    assert report["compiled"] is False
    assert "unchanged" in rendered(reply)


async def test_feeds_in_the_console(core):
    commands = Commands(core)
    reply, _ = await run_line(commands, "/feeds add ftp://example.com/feed.xml")
    assert "http" in rendered(reply).lower()  # only http(s) feeds: the refusal says so
    reply, listed = await run_line(commands, "/feeds")
    assert listed == [] and "No feeds yet" in rendered(reply)
    reply, _ = await run_line(commands, "/feeds frobnicate")
    assert "/feeds add" in rendered(reply)
