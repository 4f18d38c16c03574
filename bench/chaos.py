"""Shutdown under load and concurrent writers, many times over: does anything crash, hang, lose or go stale?

    .venv/bin/python bench/chaos.py [--runs 50] [--burst 12] [--seed 1]

Two cases, each `runs` times, against the bot as it runs in production (`python -m bot` in its own process,
pointed at the Discord stand-in in this process by settings only) and the CLI as an operator runs it:

- shutdown: start the bot, send a burst of interactions (questions, /digest set writes, an /admin reload),
  then SIGTERM or SIGINT (alternately) after a random delay of 0-150 ms. A crash is an exit by a signal, a
  hang is no exit within 15 s; a lost write is a /digest set the bot confirmed that the file does not hold
  (or a failed integrity check); an unanswered interaction got neither its answer nor "restarting".
- writers: one running bot; two `briefbot import` processes of different claims at once. A lost write is
  an import that failed or a claim missing afterwards; a stale answer is the bot answering a question about
  the new claims, asked before the imports and again after them, with its old "nothing found".

Targets: 0 in every column.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.core.service import ContentPaths, Core  # noqa: E402
from bot.core.store import Store  # noqa: E402
from bot.infra.settings import PROJECT_ROOT  # noqa: E402
from tests.adapters.helpers import text_of  # noqa: E402
from tests.discord_standin import DiscordStandin, payloads  # noqa: E402
from tests.reliability.processes import (  # noqa: E402
    BAD_SIGNS,
    acknowledged_digest_times,
    briefbot_cli,
    burst,
    claim_lines,
    database_state,
    imported_claims,
    sent_digest_times,
    start_bot,
    stop,
)

HANG_AFTER = 15.0  # seconds
RECHECK = 1.1  # the bot looks for another process's content change at most once a second


@dataclass
class Tally:
    runs: int = 0
    crashes: int = 0
    hangs: int = 0
    lost_writes: int = 0
    stale_answers: int = 0
    unanswered: int = 0
    bad_output: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


async def compiled(folder: Path) -> Path:
    path = folder / "briefbot.sqlite3"
    seeds = PROJECT_ROOT.parent / "shared" / "seeds"
    content = ContentPaths(PROJECT_ROOT / "data", PROJECT_ROOT / "briefings", seeds if seeds.is_dir() else None)
    async with Store(path) as store:
        await Core(store, content).reload()
    return path


async def answered_text(record, wait: float = 5.0) -> str | None:
    try:
        response = await record.wait_response(timeout=wait)
        if response.type == 5:
            (followup,) = await record.wait_followups(1, timeout=wait)
            return text_of(followup.message)
        return text_of(record.original_message or response.data)
    except TimeoutError:
        return None


async def shutdown_case(server: DiscordStandin, folder: Path, runs: int, size: int, rng: random.Random) -> Tally:
    tally = Tally()
    database = folder / "briefbot.sqlite3"
    started = time.perf_counter()
    for run in range(runs):
        tally.runs += 1
        bot = await start_bot(server, folder)
        sent = burst(size, run)
        records = await asyncio.gather(*(server.send_interaction(p) for p in sent))
        await asyncio.sleep(rng.uniform(0, 0.15))  # often while the burst is still being answered
        sig = signal.SIGTERM if run % 2 == 0 else signal.SIGINT
        status, output = await stop(bot, sig, HANG_AFTER)
        if status is None:
            tally.hangs += 1
        elif status < 0:
            tally.crashes += 1
            tally.notes.append(f"shutdown run {run}: exit by signal {-status}")
        if any(sign in output for sign in BAD_SIGNS):
            tally.bad_output += 1
            tally.notes.append(f"shutdown run {run}: " + next(s for s in BAD_SIGNS if s in output))
        texts = await asyncio.gather(*(answered_text(r, 2.0) for r in records))
        tally.unanswered += sum(1 for t in texts if t is None)
        check, _, stored = database_state(database)
        if check != "ok" or (acknowledged_digest_times(records) and stored not in sent_digest_times(sent)):
            tally.lost_writes += 1
            tally.notes.append(f"shutdown run {run}: integrity {check}, digest time {stored}")
    tally.seconds = time.perf_counter() - started
    return tally


async def writers_case(server: DiscordStandin, folder: Path, runs: int) -> Tally:
    tally = Tally()
    database = folder / "briefbot.sqlite3"
    bot = await start_bot(server, folder)
    started = time.perf_counter()
    expected = imported_claims(database)
    try:
        for run in range(runs):
            tally.runs += 1
            tags = (f"r{run}a", f"r{run}b")
            for tag in tags:
                (folder / f"{tag}.jsonl").write_text(claim_lines(tag, 200))
            question = payloads.slash_command("quote", {"text": f"quokka crossing {tags[0]} number 7 Zanzibar"})
            before = await answered_text(await server.send_interaction(question))
            try:
                results = await asyncio.wait_for(asyncio.gather(
                    *(briefbot_cli(folder, "import", f"{tag}.jsonl") for tag in tags)), HANG_AFTER * 4)
            except TimeoutError:
                tally.hangs += 1
                continue
            for status, _, err in results:
                if status != 0:
                    tally.notes.append(f"writers run {run}: import exit {status}: {err.strip()[-200:]}")
                if status < 0:
                    tally.crashes += 1
                if "Traceback" in err:
                    tally.bad_output += 1
            expected += 400
            found = imported_claims(database)
            if found != expected:
                tally.lost_writes += 1
                tally.notes.append(f"writers run {run}: {found} imported claims, expected {expected}; "
                                   + " | ".join(err.strip()[-300:] for _, _, err in results))
                expected = found
            await asyncio.sleep(RECHECK)
            after = await answered_text(await server.send_interaction(
                payloads.slash_command("quote", {"text": f"quokka crossing {tags[0]} number 7 Zanzibar"})))
            if before is None or after is None:
                tally.unanswered += 1
            elif f"{tags[0]} number 7" not in after:
                tally.stale_answers += 1
    finally:
        status, output = await stop(bot, signal.SIGTERM, HANG_AFTER)
        if status != 0:
            tally.notes.append(f"writers: the bot exited {status} at the end")
    tally.seconds = time.perf_counter() - started
    return tally


def table(rows: dict[str, Tally]) -> str:
    head = f"{'case':12}{'runs':>6}{'crashes':>9}{'hangs':>7}{'lost writes':>13}{'stale answers':>15}" \
           f"{'unanswered':>12}{'bad output':>12}{'seconds':>9}"
    lines = [head, "-" * len(head)]
    for name, t in rows.items():
        lines.append(f"{name:12}{t.runs:>6}{t.crashes:>9}{t.hangs:>7}{t.lost_writes:>13}{t.stale_answers:>15}"
                     f"{t.unanswered:>12}{t.bad_output:>12}{t.seconds:>9.0f}")
    return "\n".join(lines)


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--burst", type=int, default=12, help="interactions per shutdown run")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--case", choices=["shutdown", "writers", "both"], default="both")
    options = parser.parse_args()
    rng = random.Random(options.seed)
    work = Path(tempfile.mkdtemp(prefix="briefbot-chaos-"))
    try:
        source = await compiled(work / "compiled")
        rows: dict[str, Tally] = {}
        for case in ("shutdown", "writers"):
            if options.case not in (case, "both"):
                continue
            folder = work / case
            folder.mkdir()
            shutil.copy(source, folder / source.name)
            async with DiscordStandin() as server:
                if case == "shutdown":
                    rows[case] = await shutdown_case(server, folder, options.runs, options.burst, rng)
                else:
                    rows[case] = await writers_case(server, folder, options.runs)
        print(table(rows))
        for tally in rows.values():
            for note in tally.notes[:10]:
                print("  " + note)
        failed = any(t.crashes or t.hangs or t.lost_writes or t.stale_answers or t.unanswered or t.bad_output
                     for t in rows.values())
        return 1 if failed else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
