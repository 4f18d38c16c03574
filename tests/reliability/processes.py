"""The bot and the CLI as an operator runs them: `python -m bot` / `briefbot ...` in their own processes.

Shared by tests/reliability and bench/chaos.py. The bot is pointed at a Discord stand-in in the calling
process by settings only; cwd is a folder without a .env, so only the given settings and defaults apply.
"""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import sys
import time
from pathlib import Path

from tests.discord_standin import DiscordStandin, payloads
from tests.discord_standin.payloads import opt
from tests.discord_standin.world import DEFAULT_WORLD

BAD_SIGNS = ("Traceback", "Task exception was never retrieved", "Cannot operate on a closed database",
             "cannot schedule new futures after shutdown", "Something went wrong")
CHANNEL = DEFAULT_WORLD.briefings_channel_id


def bot_env(folder: Path, server: DiscordStandin | None = None, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "BRIEFBOT_DATABASE_PATH": str(folder / "briefbot.sqlite3"),
        "BRIEFBOT_LOG_FILE": "",
        "BRIEFBOT_LOG_LEVEL": "WARNING",
        "BRIEFBOT_WARM_UP": "false",
        "BRIEFBOT_COOLDOWN_SECONDS": "0",
    }
    env.pop("DISCORD_TOKEN", None)
    if server is not None:
        env |= {"DISCORD_TOKEN": server.token, "BRIEFBOT_DISCORD_API_BASE": server.api_base,
                "BRIEFBOT_DISCORD_GATEWAY_URL": server.gateway_url, "BRIEFBOT_DEV_GUILD_ID": server.world.guild_id}
    return env | extra


async def start_bot(server: DiscordStandin, folder: Path, **extra: str) -> asyncio.subprocess.Process:
    """`python -m bot` against the stand-in, returned once it is connected and answers."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=folder, env=bot_env(folder, server, **extra),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while not any(session.ready for session in server.sessions):
        if process.returncode is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the bot did not start: {await _output(process)}")
        await asyncio.sleep(0.05)
    record = await server.send_interaction(payloads.slash_command("help"))
    await record.wait_response(timeout=10)
    return process


async def _output(process: asyncio.subprocess.Process) -> str:
    if process.returncode is None:
        process.kill()
    out, _ = await process.communicate()
    return out.decode(errors="replace")[-2000:]


async def stop(process: asyncio.subprocess.Process, sig: int, wait: float = 15.0) -> tuple[int | None, str]:
    """Send `sig`; (exit status or None if it hung, everything it printed)."""
    process.send_signal(sig)
    try:
        out, _ = await asyncio.wait_for(process.communicate(), wait)
    except TimeoutError:
        process.kill()
        out, _ = await process.communicate()
        return None, out.decode(errors="replace")
    return process.returncode, out.decode(errors="replace")


def burst(count: int, number: int) -> list[dict]:
    """A small mix of questions, /digest set writes (each with its own time) and one /admin reload."""
    mix = []
    for i in range(count):
        kind = i % 4
        if kind == 0:
            mix.append(payloads.slash_command("brief", {"topic": "tariffs"}))
        elif kind == 1:
            mix.append(payloads.slash_command("who", {"person": f"Sheinbaum n{number}-{i}"}))
        elif kind == 2:
            mix.append(digest_set(number, i))
        else:
            mix.append(payloads.slash_command("search", {"query": f"border {number}-{i}"}))
    mix.append(payloads.slash_command("admin", subcommand="reload", user=payloads.ADMIN))
    return mix


def digest_set(number: int, i: int) -> dict:
    time_of_day = f"{(number + i) % 24:02d}:{i % 60:02d}"
    return payloads.slash_command("digest", [opt("channel", CHANNEL, 7), opt("time", time_of_day), opt("timezone", "UTC")],
                                  subcommand="set", user=payloads.ADMIN)


def acknowledged_digest_times(records: list) -> list[str]:
    """The digest times the bot confirmed saving ("08:30 on ..."), in the order their confirmations arrived."""
    confirmed = []
    for record in records:
        data = record.payload["data"]
        if data["name"] != "digest" or record.response is None:
            continue
        shown = json.dumps(record.response.data or {}) + "".join(json.dumps(f.message) for f in record.followups)
        time_of_day = next(o["value"] for o in data["options"][0]["options"] if o["name"] == "time")
        if f"{time_of_day} on " in shown:
            confirmed.append(time_of_day)
    return confirmed


def sent_digest_times(payloads_sent: list[dict]) -> set[str]:
    return {next(o["value"] for o in p["data"]["options"][0]["options"] if o["name"] == "time")
            for p in payloads_sent if p["data"]["name"] == "digest"}


def database_state(path: Path) -> tuple[str, dict[str, int], str | None]:
    """(PRAGMA integrity_check, runtime row counts, the stored digest time) read from the file afterwards."""
    conn = sqlite3.connect(path)
    try:
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        counts = {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                  for table in ("guild_settings", "digest_runs", "meta")}
        row = conn.execute("SELECT digest_time FROM guild_settings WHERE guild_id = ?",
                           (int(DEFAULT_WORLD.guild_id),)).fetchone()
    finally:
        conn.close()
    return check, counts, row[0] if row else None


def claim_lines(tag: str, count: int) -> str:
    """`count` imported claims, each findable by its own words (`quokka <tag> <n>`)."""
    lines = []
    for n in range(count):
        lines.append(json.dumps({
            "id": f"zq-{tag}-{n}", "speaker": "zed-quokkason", "speaker_name": "Zed Quokkason", "kind": "paraphrase",
            "text": f"Quokkason said the quokka crossing {tag} number {n} at Zanzibar Point is closed.",
            "said_on": "2024", "said_on_basis": "publication", "article": "zq-article", "span": [0, 5]}))
    return "\n".join(lines) + "\n"


async def briefbot_cli(folder: Path, *args: str, **extra: str) -> tuple[int, str, str]:
    """`briefbot ARGS` in its own process: (exit status, stdout, stderr)."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.adapters.cli", *args, cwd=folder, env=bot_env(folder, **extra),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(process.communicate(), 120)
    return process.returncode or 0, out.decode(errors="replace"), err.decode(errors="replace")


def imported_claims(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM claims WHERE origin = 'import'").fetchone()[0]
    finally:
        conn.close()
