"""500 interactions at once through the Discord stand-in: how fast does the real bot answer?

    .venv/bin/python bench/interactions.py [--count 500] [--seed 1]

The bot runs as it does in production (`python -m bot`, its own process, default settings including
per-user cooldowns), pointed at a stand-in for Discord in this process by BRIEFBOT_DISCORD_API_BASE and
BRIEFBOT_DISCORD_GATEWAY_URL. Two bursts of `count` interactions, each from as many different members and
a realistic mix of commands and autocomplete, are dispatched at once: the first to the freshly started
bot (nothing looked up or cached yet), the second a few seconds later (a running bot that has answered
similar questions). Each table shows the time from INTERACTION_CREATE leaving the gateway to the bot's
first response reaching the REST API and, for a deferred one, to its answer (the follow-up), what Discord
would have refused, and the bot's resident memory. `--distinct` adds a burst where every question is new;
`--core-only` times those same questions straight against Core and the renderer (no Discord, no process),
one at a time and all at once, to split the core's time from the adapter's.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.discord_standin import DiscordStandin, payloads  # noqa: E402
from tests.discord_standin.world import Person, new_snowflake  # noqa: E402

DEADLINE = 3.0  # Discord's
TARGET_P99 = 0.5
ERROR_TEXT = "Something went wrong on my side"

# Most questions arrive as a pick from autocomplete (the value is a slug or id), the rest as typed text.
TOPIC_PICKS = ["tariffs", "cartels", "deportations", "remain-in-mexico", "migrant-caravans", "border-crossings",
               "migration-enforcement", "trade"]
PERSON_PICKS = ["claudia-sheinbaum", "donald-trump", "andres-manuel-lopez-obrador", "marcelo-ebrard", "joe-biden",
                "antony-blinken", "gustavo-petro", "alicia-barcena"]
TOPICS = ["tariffs", "tarifs", "cartels", "deportations", "remain in mexico", "caravans", "asylum", "trade",
          "border crossings", "southern border", "diplomacy", "public opinion", "water treaty"]
PEOPLE = ["Sheinbaum", "Trump", "AMLO", "Lopez Obrador", "Ebrard", "Biden", "Blinken", "Petro", "Barcena",
          "foreign minister", "Fedirka", "Harris", "Bukele"]
QUOTES = ["build bridges", "keep a cool head", "mass numbers of people", "respond in kind", "we will not be a pinata",
          "fentanyl", "national emergency"]
SEARCHES = [{"query": "tariffs"}, {"query": "fentanyl", "kind": "direct_quote"}, {"query": "migrants", "from": "2024"},
            {"query": "caravan", "speaker": "claudia-sheinbaum"}, {"query": "border", "topic": "border-crossings"},
            {"query": "76%"}, {"query": "deportation flights", "to": "2025-12"}]
EVENTS = ["25% tariffs", "caravan disbanded", "deportation flights", "national emergency", "Remain in Mexico"]
ARTICLES = ["trump-first-week-mexico", "ankasam", "sheinbaum migration", "gpf-migration-dispute-2019"]
TYPED = ["", "t", "ta", "tar", "sh", "shein", "tr", "car", "dep", "ca"]


def interaction(rng: random.Random, user: Person) -> tuple[str, dict]:
    """One interaction as a member would send it; the label names the row it is counted under."""
    roll = rng.random()
    if roll < 0.25:
        topic = rng.choice(TOPIC_PICKS if rng.random() < 0.6 else TOPICS)
        return "/brief", payloads.slash_command("brief", {"topic": topic}, user=user)
    if roll < 0.40:
        person = rng.choice(PERSON_PICKS if rng.random() < 0.6 else PEOPLE)
        return "/who", payloads.slash_command("who", {"person": person}, user=user)
    if roll < 0.50:
        return "/quote", payloads.slash_command("quote", {"text": rng.choice(QUOTES)}, user=user)
    if roll < 0.65:
        return "/search", payloads.slash_command("search", dict(rng.choice(SEARCHES)), user=user)
    if roll < 0.70:
        return "/when", payloads.slash_command("when", {"event": rng.choice(EVENTS)}, user=user)
    if roll < 0.75:
        return "/source", payloads.slash_command("source", {"article": rng.choice(ARTICLES)}, user=user)
    if roll < 0.80:
        return "/topics, /help", payloads.slash_command(rng.choice(["topics", "help"]), user=user)
    command, option = rng.choice([("brief", "topic"), ("who", "person"), ("source", "article")])
    return "autocomplete", payloads.autocomplete(command, {option: rng.choice(TYPED)}, user=user)


def rss_mb(pid: int) -> tuple[float, float]:
    """Resident and peak resident memory of a process, in MB (Linux /proc)."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    """The process's children, and theirs (Linux /proc): the bot's lookup process counts as the bot."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return [grand for child in found for grand in (child, *children(child))]


def bot_cpu(pid: int) -> tuple[float, float]:
    """(CPU seconds of the bot and every process it started, of which its children's)."""
    spent = 0.0
    for child in children(pid):
        try:
            spent += cpu_seconds(child)
        except OSError:
            continue
    return cpu_seconds(pid) + spent, spent


def bot_rss(pid: int) -> float:
    """Resident memory of the bot's children, in MB."""
    total = 0.0
    for child in children(pid):
        try:
            total += rss_mb(child)[0]
        except OSError:
            continue
    return total


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))] if ordered else float("nan")


def start_bot(server: DiscordStandin, folder: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DISCORD_TOKEN": server.token,
        "BRIEFBOT_DISCORD_API_BASE": server.api_base,
        "BRIEFBOT_DISCORD_GATEWAY_URL": server.gateway_url,
        "BRIEFBOT_DEV_GUILD_ID": server.world.guild_id,
        "BRIEFBOT_DATABASE_PATH": str(folder / "briefbot.sqlite3"),
        "BRIEFBOT_LOG_FILE": "",
        "BRIEFBOT_LOG_LEVEL": "WARNING",
    }
    log = (folder / "bot.log").open("w")
    # cwd: a folder without a .env, so only these settings and the defaults apply.
    profile = ["-m", "cProfile", "-o", os.environ["BENCH_PROFILE"]] if os.environ.get("BENCH_PROFILE") else []
    return subprocess.Popen([sys.executable, *profile, "-m", "bot"], cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT)


async def ready(server: DiscordStandin, bot: subprocess.Popen) -> None:
    """Connected, commands synced, and answering (/help needs no lookup: nothing is warmed up)."""
    deadline = time.perf_counter() + 60
    while server.command("who", guild_id=server.world.guild_id) is None:
        if bot.poll() is not None or time.perf_counter() > deadline:
            raise RuntimeError("the bot did not start; see its log")
        await asyncio.sleep(0.05)
    await server.wait_until_connected(timeout=60)
    record = await server.send_interaction(payloads.slash_command("help", user=Person(new_snowflake(), "first", None)))
    await record.wait_response(timeout=10)


def made_distinct(payload: dict, number: int) -> dict:
    """The same question with a word nobody else typed: it cannot come from the answer cache."""
    options = payload["data"].get("options") or []
    if payload["type"] == 2 and options and isinstance(options[0]["value"], str):
        options[0]["value"] = f"{options[0]['value']} n{number}"
    return payload


async def burst(server: DiscordStandin, count: int, seed: int, distinct: bool = False) -> tuple[list, float]:
    rng = random.Random(seed)
    users = [Person(new_snowflake(), f"member.{i}", f"Member {i}") for i in range(count)]
    labelled = [interaction(rng, user) for user in users]
    if distinct:
        labelled = [(label, made_distinct(payload, n)) for n, (label, payload) in enumerate(labelled)]
    started = time.perf_counter()
    records = await asyncio.gather(*(server.send_interaction(payload) for _, payload in labelled))
    dispatched = time.perf_counter() - started

    async def settle(record) -> None:
        try:
            response = await record.wait_response(timeout=DEADLINE + 2)
            if response.type == 5:
                await record.wait_followups(1, timeout=10)
                # the stand-in stamps callbacks, not followups: the moment the wait for it returns
                answered[record.id] = time.perf_counter() - record.sent_at
            else:
                answered[record.id] = response.latency
        except TimeoutError:
            pass  # counted below as unanswered

    answered: dict[str, float] = {}

    await asyncio.gather(*(settle(record) for record in records))
    for record in records:
        record.answered = answered.get(record.id)  # seconds to the answer itself (after a defer: its follow-up)
    return [(label, record) for (label, _), record in zip(labelled, records, strict=True)], dispatched


def report(title: str, results: list, dispatched: float, server: DiscordStandin) -> bool:
    rows = {}
    for label, record in results:
        rows.setdefault(label, []).append(record)
    rows["all"] = [record for _, record in results]
    distinct = len({str(r.payload["data"]) for _, r in results})
    print(f"\n{title}: {len(results)} interactions ({distinct} distinct questions) from {len(results)} members, "
          f"dispatched in {dispatched * 1000:.0f} ms\n")
    print("first response (answer or defer), and in [] the answer itself when it differs (a deferred one's follow-up)")
    head = f"{'':16}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}{'deferred':>10}{'errors':>8}{'late':>6}"
    print(head)
    print("-" * len(head))
    for label in ["/brief", "/who", "/quote", "/search", "/when", "/source", "/topics, /help", "autocomplete", "all"]:
        records = rows.get(label, [])
        if not records:
            continue
        latencies = [r.response.latency * 1000 for r in records if r.response is not None]
        deferred = sum(1 for r in records if r.response is not None and r.response.type == 5)
        errors = sum(1 for r in records if ERROR_TEXT in str(r.response.data if r.response else "")
                     or any(ERROR_TEXT in str(f.body) for f in r.followups))
        late = sum(1 for r in records if r.response is None or r.expired)
        if label == "all":
            print("-" * len(head))
        print(f"{label:16}{len(records):>5}{percentile(latencies, 50):>9.1f}{percentile(latencies, 95):>9.1f}"
              f"{percentile(latencies, 99):>9.1f}{max(latencies, default=float('nan')):>9.1f}{deferred:>10}"
              f"{errors:>8}{late:>6}")
        final = [r.answered * 1000 for r in records if getattr(r, "answered", None) is not None]
        if deferred:
            print(f"{'  [answer]':16}{len(final):>5}{percentile(final, 50):>9.1f}{percentile(final, 95):>9.1f}"
                  f"{percentile(final, 99):>9.1f}{max(final, default=float('nan')):>9.1f}")
    ids = {r.id for _, r in results}
    refused = [v for v in server.violations if v.kind != "not_acknowledged" and v.interaction_id in ids]
    print(f"requests Discord would refuse: {len(refused)}" + (f" ({refused[0]})" if refused else ""))
    all_latencies = [r.response.latency for r in rows["all"] if r.response is not None]
    p99 = percentile(all_latencies, 99)
    unanswered = sum(1 for r in rows["all"] if r.response is None or r.expired)
    final = [r.answered for r in rows["all"] if getattr(r, "answered", None) is not None]
    answer_p99 = percentile(final, 99) if len(final) == len(rows["all"]) else float("inf")
    ok = p99 <= TARGET_P99 and answer_p99 <= TARGET_P99 and not refused and not unanswered
    print(f"p99 time to first response {p99 * 1000:.0f} ms: {'within' if p99 <= TARGET_P99 else 'OVER'} "
          f"the {TARGET_P99 * 1000:.0f} ms target (Discord's deadline: {DEADLINE * 1000:.0f} ms)")
    print(f"p99 time to the answer itself {answer_p99 * 1000:.0f} ms (p50 {percentile(final, 50) * 1000:.0f} ms): "
          f"{'within' if answer_p99 <= TARGET_P99 else 'OVER'} the {TARGET_P99 * 1000:.0f} ms target")
    return ok


async def measured(title: str, server: DiscordStandin, bot: subprocess.Popen, count: int, seed: int,
                   distinct: bool = False) -> bool:
    cpu = bot_cpu(bot.pid), cpu_seconds(os.getpid())
    results, dispatched = await burst(server, count, seed, distinct)
    ok = report(title, results, dispatched, server)
    (total, helpers), (total_before, helpers_before) = bot_cpu(bot.pid), cpu[0]
    print(f"CPU used during the burst: bot {total - total_before:.2f} s (its child processes "
          f"{helpers - helpers_before:.2f} s of it), stand-in and load generator {cpu_seconds(os.getpid()) - cpu[1]:.2f} s")
    rss, peak = rss_mb(bot.pid)
    print(f"bot memory after: RSS {rss:.1f} MB (peak {peak:.1f} MB), and its child processes (the lookup process and"
          f" multiprocessing's resource tracker) {bot_rss(bot.pid):.1f} MB")
    return ok


def core_call(commands, payload: dict):
    """The command table call a slash-command payload makes (as the cogs parse it), or None."""
    if payload["type"] != 2:
        return None
    name = payload["data"]["name"]
    options = {o["name"]: o["value"] for o in payload["data"].get("options") or []}
    if name == "brief":
        return lambda: commands.brief(options["topic"])
    if name == "who":
        return lambda: commands.who(options["person"])
    if name == "quote":
        return lambda: commands.quote(options["text"])
    if name == "when":
        return lambda: commands.when(options["event"])
    if name == "source":
        return lambda: commands.source(options["article"])
    if name == "search":
        filters = {"speaker": options.get("speaker"), "topic": options.get("topic"), "kind": options.get("kind"),
                   "date_from": options.get("from"), "date_to": options.get("to")}
        return lambda: commands.search(options["query"], **filters)
    return None


async def core_only(count: int, seed: int) -> None:
    """The distinct burst's questions straight against Core and the renderer, no Discord: one at a time
    (the work per question), then all at once (what the read pool and the event loop make of it)."""
    from bot.adapters.commands import Commands
    from bot.adapters.discord_bot.respond import prepare
    from bot.adapters.startup import open_core
    from bot.infra.settings import load_settings

    rng = random.Random(seed)
    users = [Person(new_snowflake(), f"member.{i}", f"Member {i}") for i in range(count)]
    labelled = [(label, made_distinct(payload, n)) for n, (label, payload) in
                enumerate(interaction(rng, user) for user in users)]
    with tempfile.TemporaryDirectory(prefix="briefbot-core-") as tmp:
        settings = load_settings(database_path=Path(tmp) / "briefbot.sqlite3", log_file="")
        async with open_core(settings) as core:
            commands = Commands(core)
            calls = [(label, call) for label, payload in labelled if (call := core_call(commands, payload))]
            # Fresh content each pass: the core keeps no answers between questions, but warm its own caches.
            await commands.brief("tariffs")

            async def timed(call) -> tuple[float, float]:
                started = time.perf_counter()
                result = await call()
                looked_up = time.perf_counter()
                prepare(result.reply)
                return looked_up - started, time.perf_counter() - started

            print(f"\nCore only: the same {len(calls)} new questions (slash commands), no Discord")
            cpu = time.process_time()
            started = time.perf_counter()
            one = [await timed(call) for _, call in calls]
            wall = time.perf_counter() - started
            print(f"  one at a time: lookup p50 {percentile([a for a, _ in one], 50) * 1000:.2f} ms, "
                  f"p99 {percentile([a for a, _ in one], 99) * 1000:.2f} ms; with render+embeds "
                  f"p50 {percentile([b for _, b in one], 50) * 1000:.2f} ms; total {wall * 1000:.0f} ms wall, "
                  f"{(time.process_time() - cpu) * 1000:.0f} ms CPU")
            cpu = time.process_time()
            started = time.perf_counter()
            finished = []

            async def at_once(call) -> None:
                await timed(call)
                finished.append(time.perf_counter() - started)

            await asyncio.gather(*(at_once(call) for _, call in calls))
            print(f"  all at once:   answered p50 {percentile(finished, 50) * 1000:.0f} ms, "
                  f"p99 {percentile(finished, 99) * 1000:.0f} ms, last {max(finished) * 1000:.0f} ms; "
                  f"{(time.process_time() - cpu) * 1000:.0f} ms CPU")


async def main(count: int, seed: int, distinct: bool) -> int:
    with tempfile.TemporaryDirectory(prefix="briefbot-bench-") as tmp:
        folder = Path(tmp)
        async with DiscordStandin(patch_discord=False) as server:
            bot = start_bot(server, folder)
            try:
                await ready(server, bot)
                rss, _ = rss_mb(bot.pid)
                print(f"bot ready: RSS {rss:.1f} MB")
                await measured("Fresh bot", server, bot, count, seed)
                await asyncio.sleep(3)  # the cooldown window of the first burst's members passes
                ok = await measured("Running bot", server, bot, count, seed + 1)
                if distinct:
                    await asyncio.sleep(3)
                    ok = await measured("Every question new (worst case: nothing cached)", server, bot, count,
                                        seed + 2, distinct=True) and ok
            finally:
                bot.send_signal(signal.SIGTERM)  # the runner closes the gateway and the database cleanly
                try:
                    bot.wait(10)
                except subprocess.TimeoutExpired:
                    bot.kill()
            if bot.returncode not in (0, -signal.SIGTERM):
                print(f"the bot exited with {bot.returncode}:\n" + (folder / "bot.log").read_text()[-3000:])
                ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=500, help="interactions in the burst (default 500)")
    parser.add_argument("--seed", type=int, default=1, help="the mix is random but repeatable")
    parser.add_argument("--distinct", action="store_true",
                        help="also a third burst where every question is new (nothing can come from the cache)")
    parser.add_argument("--core-only", action="store_true",
                        help="only the distinct burst's questions straight against Core and the renderer")
    args = parser.parse_args()
    if args.core_only:
        asyncio.run(core_only(args.count, args.seed + 2))
        sys.exit(0)
    sys.exit(asyncio.run(main(args.count, args.seed, args.distinct)))
