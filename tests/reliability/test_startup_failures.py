"""Issue 11, item 9: start-up failures are one line on stderr (and in the log file), a non-zero exit and no
traceback, for `python -m bot` and `briefbot run` alike."""

from __future__ import annotations

import asyncio
import socket
import sys

import pytest

from tests.conftest import copy_database
from tests.discord_standin import DiscordStandin
from tests.reliability.processes import bot_env


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens once the socket closes


async def start(folder, entry: str, **settings: str) -> tuple[int, str]:
    command = ["-m", "bot"] if entry == "python -m bot" else ["-m", "bot.adapters.cli", "run"]
    env = bot_env(folder, **settings) | {"BRIEFBOT_LOG_LEVEL": "ERROR", "BRIEFBOT_LOG_FILE": str(folder / "bot.log")}
    for name, value in settings.items():
        env[name] = value
    process = await asyncio.create_subprocess_exec(sys.executable, *command, cwd=folder, env=env,
                                                   stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    _, err = await asyncio.wait_for(process.communicate(), 60)
    return process.returncode, err.decode(errors="replace")


def one_line(err: str) -> str:
    assert "Traceback" not in err, err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("briefbot: "), err
    return lines[0]


ENTRIES = ["python -m bot", "briefbot run"]


@pytest.mark.parametrize("entry", ENTRIES)
async def test_no_network_to_discord(compiled_database, tmp_path, entry):
    copy_database(compiled_database, tmp_path)
    status, err = await start(tmp_path, entry, DISCORD_TOKEN="a.b.c",
                              BRIEFBOT_DISCORD_API_BASE=f"http://127.0.0.1:{closed_port()}")
    assert status != 0
    assert "cannot reach Discord" in one_line(err)
    assert "cannot reach Discord" in (tmp_path / "bot.log").read_text()  # logged too


async def test_an_invalid_token(compiled_database, tmp_path):
    copy_database(compiled_database, tmp_path)
    async with DiscordStandin() as server:
        status, err = await start(tmp_path, "python -m bot", DISCORD_TOKEN="not.the.token",
                                  BRIEFBOT_DISCORD_API_BASE=server.api_base,
                                  BRIEFBOT_DISCORD_GATEWAY_URL=server.gateway_url)
    assert status != 0
    assert "rejected DISCORD_TOKEN" in one_line(err)
    assert "rejected DISCORD_TOKEN" in (tmp_path / "bot.log").read_text()


async def test_a_token_with_a_trailing_newline_works(compiled_database, tmp_path):
    """The newline is stripped: the stand-in accepts the token, and the bot starts (stopped by SIGTERM)."""
    import signal

    copy_database(compiled_database, tmp_path)
    async with DiscordStandin() as server:
        env = bot_env(tmp_path, server) | {"DISCORD_TOKEN": server.token + "\n"}
        process = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", cwd=tmp_path, env=env,
                                                       stderr=asyncio.subprocess.PIPE)
        await server.wait_until_connected(timeout=30)
        process.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(process.communicate(), 20)
    assert process.returncode == 0, err.decode()


@pytest.mark.parametrize(("setting", "value", "says"), [
    ("DISCORD_TOKEN", "first.part\nsecond.part", "setting DISCORD_TOKEN: has a line break"),
    ("BRIEFBOT_DATABASE_PATH", "", "setting BRIEFBOT_DATABASE_PATH: is empty"),
    ("BRIEFBOT_LOG_FILE", "/proc/no-such-folder/bot.log", "cannot write the log file"),
])
async def test_a_bad_setting_is_one_line(tmp_path, setting, value, says):
    status, err = await start(tmp_path, "python -m bot", **{setting: value})
    assert status == 2
    assert says in one_line(err)


async def test_a_damaged_database_at_start_is_one_line_and_logged(tmp_path):
    (tmp_path / "briefbot.sqlite3").write_bytes(b"\x00garbage" * 20000)
    status, err = await start(tmp_path, "python -m bot")
    assert status == 3
    assert "not a SQLite database" in one_line(err)
    assert "not a SQLite database" in (tmp_path / "bot.log").read_text()
