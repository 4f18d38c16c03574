"""1,000 servers' digests due at the same minute, posted by the real bot through the stand-in's rate limits.

    .venv/bin/python bench/digests.py [--servers 1000] [--seed 1] [--lead 45]

The stand-in serves a world of `servers` small guilds (each announced by its own GUILD_CREATE, each with one
text channel the bot can post in) plus the main guild, with Discord's documented rate limits on: 50 requests
a second per bot, and 5 Create Message per 5 s per channel. The digest settings are written to the store
directly (half America/Mexico_City, half Europe/London, the same UTC instant: the first whole minute at least
`lead` seconds away), then the bot starts as in production (`python -m bot`, its own process) and its own
APScheduler fires every job at that minute. While the digests go out, members send a few hundred /brief and
/who interactions to the main guild.

Measured: seconds from the due minute to the first and the last digest message; digests posted, duplicates
(messages per channel beyond one per digest part: a repeated nonce or a second run), servers with nothing
posted and ledger rows not `posted`; the 429s Discord would have sent (global and per route) and any request
that ignored a retry_after; the slash commands' time to first response during the burst; the bot's memory.
Targets: the last digest within 30 s (paced by the 50/s global limit), 0 duplicates, 0 failures, p99 ≤ 500 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.interactions import PEOPLE, PERSON_PICKS, TOPIC_PICKS, TOPICS, percentile, rss_mb, start_bot  # noqa: E402
from bot.adapters.startup import open_core  # noqa: E402
from bot.core.digest.models import DigestSettings  # noqa: E402
from bot.infra.settings import PROJECT_ROOT, Settings  # noqa: E402
from tests.discord_standin import DiscordStandin, World, payloads  # noqa: E402
from tests.discord_standin.world import Person, new_snowflake  # noqa: E402

ZONES = ("America/Mexico_City", "Europe/London")
TARGET_LAST = 30.0
TARGET_P99 = 0.5
DEADLINE = 3.0


def due_minute(lead: float) -> dt.datetime:
    """The first whole UTC minute at least `lead` seconds from now."""
    soon = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=lead)
    whole = soon.replace(second=0, microsecond=0)
    return whole if whole == soon else whole + dt.timedelta(minutes=1)


async def prepare_store(folder: Path, world: World, due: dt.datetime) -> None:
    """Compile content and set every extra guild's digest at `due`, in its own zone (what /digest set saves)."""
    settings = Settings(_env_file=None, database_path=folder / "briefbot.sqlite3", log_file=None,
                        seeds_dir=PROJECT_ROOT.parent / "shared" / "seeds")
    async with open_core(settings) as core:
        for n, guild in enumerate(world.extra_guilds):
            zone = ZONES[n % len(ZONES)]
            local = due.astimezone(ZoneInfo(zone)).strftime("%H:%M")
            await core.store.save_digest_settings(DigestSettings(
                int(guild.guild_id), int(guild.channel_id), local, zone, quiet_days="post"))


async def ready(server: DiscordStandin, bot: subprocess.Popen, folder: Path) -> None:
    deadline = time.perf_counter() + 120
    while server.command("who", guild_id=server.world.guild_id) is None:
        if bot.poll() is not None or time.perf_counter() > deadline:
            raise RuntimeError("the bot did not start:\n" + (folder / "bot.log").read_text()[-3000:])
        await asyncio.sleep(0.05)
    await server.wait_until_connected(timeout=60)
    record = await server.send_interaction(payloads.slash_command("help", user=Person(new_snowflake(), "first", None)))
    await record.wait_response(timeout=10)


def question(rng: random.Random, user: Person) -> tuple[str, dict]:
    if rng.random() < 0.5:
        topic = rng.choice(TOPIC_PICKS if rng.random() < 0.6 else TOPICS)
        return "/brief", payloads.slash_command("brief", {"topic": topic}, user=user)
    person = rng.choice(PERSON_PICKS if rng.random() < 0.6 else PEOPLE)
    return "/who", payloads.slash_command("who", {"person": person}, user=user)


async def members_ask(server: DiscordStandin, count: int, spread: float, seed: int) -> list[tuple[str, object]]:
    """`count` interactions from as many members, evenly over `spread` seconds; returns (label, record)."""
    rng = random.Random(seed)
    asked: list[tuple[str, object]] = []
    for i in range(count):
        label, payload = question(rng, Person(new_snowflake(), f"member.{i}", f"Member {i}"))
        asked.append((label, await server.send_interaction(payload)))
        await asyncio.sleep(spread / count)

    async def settle(record) -> None:
        try:
            response = await record.wait_response(timeout=DEADLINE + 2)
            if response.type == 5:
                await record.wait_followups(1, timeout=10)
        except TimeoutError:
            pass

    await asyncio.gather(*(settle(record) for _, record in asked))
    return asked


async def digests_arrive(server: DiscordStandin, channels: set[str], within: float, quiet: float = 3.0) -> None:
    """Until every channel has a message and nothing new came for `quiet` seconds (or `within` seconds pass)."""
    deadline = time.perf_counter() + within
    seen, last_change = -1, time.perf_counter()
    while time.perf_counter() < deadline:
        posted = {m.message["channel_id"] for m in server.channel_messages}
        if len(server.channel_messages) != seen:
            seen, last_change = len(server.channel_messages), time.perf_counter()
        if channels <= posted and time.perf_counter() - last_change > quiet:
            return
        await asyncio.sleep(0.1)


def ledger(path: Path) -> Counter:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return Counter(status for (status,) in db.execute("SELECT status FROM digest_runs"))


def stamp_of(message: dict) -> dt.datetime:
    return dt.datetime.fromisoformat(message["timestamp"])


async def main(servers: int, seed: int, lead: float, interactions: int) -> int:
    world = World(extra_guild_count=servers)
    channels = {g.channel_id for g in world.extra_guilds}
    with tempfile.TemporaryDirectory(prefix="briefbot-bench-digests-") as tmp:
        folder = Path(tmp)
        due = due_minute(lead)
        setup = time.perf_counter()
        await prepare_store(folder, world, due)
        print(f"{servers} servers set for {due:%H:%M} UTC ({', '.join(ZONES)}: "
              f"{', '.join(due.astimezone(ZoneInfo(z)).strftime('%H:%M') for z in ZONES)} local); "
              f"store ready in {time.perf_counter() - setup:.1f} s")
        async with DiscordStandin(world=world, patch_discord=False, rate_limits=True) as server:
            bot = start_bot(server, folder)
            try:
                started = time.perf_counter()
                await ready(server, bot, folder)
                rss_ready, _ = rss_mb(bot.pid)
                wait = (due - dt.datetime.now(dt.UTC)).total_seconds()
                print(f"bot ready in {time.perf_counter() - started:.1f} s (RSS {rss_ready:.1f} MB); "
                      f"the digests are due in {wait:.1f} s")
                if wait < 1:
                    raise RuntimeError(f"the bot took too long to start; use a longer --lead than {lead}")
                before = len(server.channel_messages)
                await asyncio.sleep(wait - 0.5)
                asking = asyncio.create_task(members_ask(server, interactions, spread=20.0, seed=seed))
                await digests_arrive(server, channels, within=240)
                asked = await asking
                rss, peak = rss_mb(bot.pid)
            finally:
                bot.send_signal(signal.SIGTERM)
                try:
                    bot.wait(20)
                except subprocess.TimeoutExpired:
                    bot.kill()
            statuses = ledger(folder / "briefbot.sqlite3")
            if bot.returncode not in (0, -signal.SIGTERM):
                print(f"the bot exited with {bot.returncode}:\n" + (folder / "bot.log").read_text()[-3000:])
            log_tail = (folder / "bot.log").read_text().splitlines()
            return report(server, world, due, before, asked, statuses, rss_ready, rss, peak, log_tail)


def report(server: DiscordStandin, world: World, due: dt.datetime, before: int, asked: list, statuses: Counter,
           rss_ready: float, rss: float, peak: float, log_lines: list[str]) -> int:
    channels = {g.channel_id for g in world.extra_guilds}
    digests = [m.message for m in server.channel_messages[before:] if m.message["channel_id"] in channels]
    per_channel = Counter(m["channel_id"] for m in digests)
    nonces = Counter((m["channel_id"], m.get("nonce")) for m in digests)
    repeated_nonce = sum(n - 1 for n in nonces.values())
    parts = Counter(per_channel.values())
    missing = len(channels - set(per_channel))
    first = min((stamp_of(m) for m in digests), default=None)
    last = max((stamp_of(m) for m in digests), default=None)
    to_first = (first - due).total_seconds() if first else float("nan")
    to_last = (last - due).total_seconds() if last else float("nan")
    limits = server.rate_limits
    ignored = [v for v in server.violations if v.kind == "ignored_retry_after"]
    other = [v for v in server.violations if v.kind != "ignored_retry_after"]
    latencies = [r.response.latency for _, r in asked if r.response is not None]
    unanswered = sum(1 for _, r in asked if r.response is None or r.expired)
    failed = sum(n for status, n in statuses.items() if status != "posted")
    rate_lines = sum("rate limited" in line for line in log_lines)
    due_perf = time.perf_counter() - (dt.datetime.now(dt.UTC) - due).total_seconds()
    slow = sorted(r.sent_at - due_perf for _, r in asked
                  if r.response is None or r.response.latency > TARGET_P99)
    slow_at = f"{len(slow)}" + (f", sent {slow[0]:+.1f} to {slow[-1]:+.1f} s from the due minute" if slow else "")

    rows = [
        ("servers due at the same minute", f"{len(channels)}", ""),
        ("first digest posted after the due minute", f"{to_first:.1f} s", ""),
        ("last digest posted after the due minute", f"{to_last:.1f} s", f"≤ {TARGET_LAST:.0f} s"),
        ("digest messages posted", f"{len(digests)}", ""),
        ("messages per server (count: servers)", ", ".join(f"{k}: {v}" for k, v in sorted(parts.items())), ""),
        ("duplicates (repeated nonce in a channel)", f"{repeated_nonce}", "0"),
        ("servers with nothing posted", f"{missing}", "0"),
        ("ledger rows by status", ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())), ""),
        ("failures (ledger rows not posted)", f"{failed}", "0"),
        ("429s: global / per route", f"{limits.global_429s} / {limits.route_429s}", ""),
        ("requests that ignored retry_after", f"{len(ignored)}", "0"),
        ("other requests Discord would refuse", f"{len(other)}", "0"),
        ("REST requests admitted (global bucket)", f"{limits.admitted}", ""),
        ("slash commands during the burst", f"{len(asked)} ({unanswered} unanswered)", ""),
        ("  p50 / p95 time to first response", f"{percentile(latencies, 50) * 1000:.0f} / "
                                                f"{percentile(latencies, 95) * 1000:.0f} ms", ""),
        ("  p99 / max", f"{percentile(latencies, 99) * 1000:.0f} / {max(latencies, default=0) * 1000:.0f} ms",
         f"≤ {TARGET_P99 * 1000:.0f} ms"),
        ("  answers over the target", slow_at, ""),
        ("bot RSS: ready / after / peak", f"{rss_ready:.0f} / {rss:.0f} / {peak:.0f} MB", ""),
        ("'rate limited' lines in the bot's log", f"{rate_lines}", ""),
    ]
    width = max(len(r[0]) for r in rows) + 2
    print()
    print(f"{'':{width}}{'measured':>28}  target")
    print("-" * (width + 40))
    for name, value, target in rows:
        print(f"{name:{width}}{value:>28}  {target}")
    if other:
        print("first refusal:", other[0])
    if ignored:
        print("first ignored retry_after:", ignored[0])
    p99 = percentile(latencies, 99)
    ok = (to_last <= TARGET_LAST and repeated_nonce == 0 and not missing and not failed and not ignored
          and not other and p99 <= TARGET_P99 and not unanswered)
    print("\nall targets met" if ok else "\nsome targets missed")
    print(json.dumps({"to_last_s": round(to_last, 2), "duplicates": repeated_nonce, "failed": failed,
                      "missing": missing, "p99_ms": round(p99 * 1000), "global_429": limits.global_429s}))
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--servers", type=int, default=1000, help="servers with a digest due (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="the members' questions are random but repeatable")
    parser.add_argument("--lead", type=float, default=45.0,
                        help="seconds from start to the earliest due minute (the bot must be up by then)")
    parser.add_argument("--interactions", type=int, default=300, help="/brief and /who sent during the burst")
    args = parser.parse_args()
    sys.exit(asyncio.run(main(args.servers, args.seed, args.lead, args.interactions)))
