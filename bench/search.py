#!/usr/bin/env python3
"""Search benchmark: build synthetic corpora through `briefbot import`, then time and score lookups.

    .venv/bin/python bench/search.py [--sizes 10000,100000,1000000] [--per-kind 60]

For each size: the corpus is written as the export's JSONL and loaded with the real `briefbot import`
(build time, peak memory, database size); a fresh process opens the database and answers (start-up to
first answer, with nothing re-indexed), then runs corrupted queries of each kind (latency p50/p99,
recall@1/@5). The same queries go to two baselines: rapidfuzz `process.extract` over every claim text, and
plain FTS5 MATCH (bm25) over the raw texts. Databases and corpora live in bench/out/ (git-ignored); a corpus
already written for a size is reused.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

KINDS = ["fragment", "typo", "accents", "reordered", "figure", "keywords", "person", "unknown"]
TARGETS = {"p99_ms": {100_000: 10.0, 1_000_000: 30.0}, "startup_s": 2.0, "recall5": 0.95, "recall1": 0.85}


# --- the parent: orchestration and the table -----------------------------------------------------------


def run_child(args: list[str], env: dict[str, str] | None = None) -> tuple[str, str, float, float]:
    """Run a process; return stdout, stderr, wall seconds and peak RSS in MB (from wait4)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as errors:
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=errors, text=True,
                                env={**os.environ, **(env or {})}, cwd=ROOT)
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        errors.seek(0)
        err = errors.read()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:4])} failed ({proc.returncode}):\n{err[-3000:]}")
    return out, err, wall, usage.ru_maxrss / 1024


def db_env(db: Path) -> dict[str, str]:
    return {"BRIEFBOT_DATABASE_PATH": str(db), "BRIEFBOT_LOG_FILE": "", "BRIEFBOT_LOG_LEVEL": "WARNING"}


def size_label(n: int) -> str:
    return f"{n // 1_000_000}M" if n >= 1_000_000 and n % 1_000_000 == 0 else f"{n // 1000}k"


def prepare_corpus(size: int, per_kind: int) -> tuple[Path, Path]:
    import synthetic

    corpus_path = OUT / f"claims-{size}.jsonl"
    queries_path = OUT / f"queries-{size}-{per_kind}.json"
    if corpus_path.is_file() and queries_path.is_file():
        return corpus_path, queries_path
    started = time.perf_counter()
    generator = synthetic.Generator()
    corpus = generator.write(corpus_path, size)
    queries = synthetic.queries(corpus, per_kind, generator.words)
    queries_path.write_text(json.dumps(queries, ensure_ascii=False))
    print(f"  generated {size:,} claims in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return corpus_path, queries_path


def bench_size(size: int, per_kind: int, rapidfuzz_n: int, python: str, skip_baselines: bool = False) -> dict:
    label = size_label(size)
    print(f"[{label}] corpus", file=sys.stderr)
    corpus, queries = prepare_corpus(size, per_kind)
    db = OUT / f"search-{size}.sqlite3"
    for path in [*OUT.glob(f"search-{size}.sqlite3*"), *OUT.glob(f"search-{size}-plain-fts.sqlite3*")]:
        path.unlink()  # both built afresh from the corpus, every run
    print(f"[{label}] briefbot import", file=sys.stderr)
    briefbot = str(Path(python).with_name("briefbot"))
    _, err, build_s, build_mb = run_child([briefbot, "import", str(corpus)], db_env(db))
    print("  " + err.strip().splitlines()[-1], file=sys.stderr)
    checkpoint(db)
    db_mb = sum(p.stat().st_size for p in OUT.glob(f"search-{size}.sqlite3*")) / 2**20
    result = {"size": size, "build_s": build_s, "build_mb": build_mb, "db_mb": db_mb}
    print(f"[{label}] engine queries", file=sys.stderr)
    spawned = time.time()
    out, _, _, query_mb = run_child([python, __file__, "--worker", "engine", "--db", str(db), "--queries",
                                     str(queries)], db_env(db))
    engine = json.loads(out)
    engine["startup_s"] = engine.pop("first_answer_at") - spawned
    engine["peak_mb"] = query_mb
    rows = engine.pop("rows")
    engine["kinds"] = {kind: summarise([r for r in rows if r["kind"] == kind]) for kind in KINDS
                       if any(r["kind"] == kind for r in rows)}
    engine["kinds"]["all"] = summarise(rows)
    result["engine"] = engine
    all_queries = json.loads(queries.read_text())
    sample = baseline_sample(all_queries, 10**9)
    out, _, _, _ = run_child([python, __file__, "--worker", "ranking", "--db", str(db), "--queries", str(queries),
                              "--sample", ",".join(map(str, sample))], db_env(db))
    result["ranking"] = view(json.loads(out)["rows"])
    for worker, n in (("fts", 10**9), ("rapidfuzz", rapidfuzz_n)):
        sample = baseline_sample(all_queries, n)
        if skip_baselines:
            result[worker] = {"n": 0, "setup": "skipped"}
            continue
        print(f"[{label}] baseline {worker} ({len(sample)} queries)", file=sys.stderr)
        out, _, _, mb = run_child([python, __file__, "--worker", worker, "--db", str(db), "--corpus", str(corpus),
                                   "--queries", str(queries), "--sample", ",".join(map(str, sample))])
        base = json.loads(out)
        result[worker] = view(base["rows"]) | {"setup": base["setup"], "peak_mb": mb}
        result[f"engine_vs_{worker}"] = view([rows[i] for i in sample])
    return result


def checkpoint(db: Path) -> None:
    import sqlite3

    with sqlite3.connect(db) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def table(results: list[dict]) -> str:
    lines = ["## Build and start-up", "",
             "| claims | build (import) | database | build peak RSS | start-up to first answer | re-indexed at start | query peak RSS |",
             "|---|---|---|---|---|---|---|"]
    for r in results:
        e = r["engine"]
        lines.append(f"| {r['size']:,} | {r['build_s']:.1f} s | {r['db_mb']:.0f} MB | {r['build_mb']:.0f} MB |"
                     f" {e['startup_s']:.2f} s | {'yes' if e['recompiled'] else 'no'} | {e['peak_mb']:.0f} MB |")
    lines += ["", "## Queries by kind (briefbot search core)", "",
              "| claims | kind | n | p50 ms | p99 ms | recall@1 | recall@5 |", "|---|---|---|---|---|---|---|"]
    for r in results:
        for kind in [*KINDS, "all"]:
            s = r["engine"]["kinds"].get(kind)
            if s:
                note = " (answers NotFound)" if kind == "unknown" else ""
                lines.append(f"| {r['size']:,} | {kind}{note} | {s['n']} | {s['p50']:.2f} | {s['p99']:.2f} |"
                             f" {s['r1']:.3f} | {s['r5']:.3f} |")
    lines += ["", "## Against the baselines (same text queries: fragment, typo, accents, reordered, figure, keywords)", "",
              "| claims | method | n | p50 ms | p99 ms | recall@1 | recall@5 | unknown → nothing | setup |",
              "|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        if r.get("ranking"):
            k = r["ranking"]
            lines.append(f"| {r['size']:,} | briefbot ranking only (claim ids, as the baselines return) | {k['n']} |"
                         f" {k['p50']:.2f} | {k['p99']:.2f} | {k['r1']:.3f} | {k['r5']:.3f} | {k['neg']:.2f} | (the build above) |")
        for name, title in (("fts", "plain FTS5 MATCH (bm25)"), ("rapidfuzz", "rapidfuzz process.extract (WRatio)")):
            b = r[name]
            if not b.get("n"):
                continue
            e = r[f"engine_vs_{name}"]
            lines.append(f"| {r['size']:,} | briefbot search core | {e['n']} | {e['p50']:.2f} | {e['p99']:.2f} |"
                         f" {e['r1']:.3f} | {e['r5']:.3f} | {e['neg']:.2f} | (the build above) |")
            lines.append(f"| {r['size']:,} | {title} | {b['n']} | {b['p50']:.2f} | {b['p99']:.2f} | {b['r1']:.3f} |"
                         f" {b['r5']:.3f} | {b['neg']:.2f} | {b['setup']} |")
    return "\n".join(lines)


def verdict(results: list[dict]) -> str:
    lines = ["", "## Targets", ""]
    for r in results:
        e = r["engine"]
        alls = e["kinds"]["all"]
        checks = [(f"recall@5 {alls['r5']:.3f} ≥ 0.95", alls["r5"] >= TARGETS["recall5"]),
                  (f"recall@1 {alls['r1']:.3f} ≥ 0.85", alls["r1"] >= TARGETS["recall1"])]
        limit = TARGETS["p99_ms"].get(r["size"])
        if limit:
            checks.append((f"p99 {alls['p99']:.1f} ms ≤ {limit:.0f} ms", alls["p99"] <= limit))
        if r["size"] >= 1_000_000:
            checks.append((f"start-up {e['startup_s']:.2f} s ≤ 2 s", e["startup_s"] <= TARGETS["startup_s"]))
        checks.append(("nothing re-indexed at start-up", not e["recompiled"]))
        for name in ("fts", "rapidfuzz"):
            b = r[name]
            if b.get("n"):
                ours = r[f"engine_vs_{name}"]
                checks.append((f"recall@5 ahead of {name} on the same {b['n']} queries ({ours['r5']:.3f} vs"
                               f" {b['r5']:.3f})", ours["r5"] > b["r5"] and ours["r1"] > b["r1"]))
                checks.append((f"p50/p99 no slower than {name} ({ours['p50']:.2f}/{ours['p99']:.2f} vs"
                               f" {b['p50']:.2f}/{b['p99']:.2f} ms)", ours["p50"] <= b["p50"] and ours["p99"] <= b["p99"]))
        lines.append(f"- {r['size']:,}: " + "; ".join(f"{text} {'✓' if ok else '✗'}" for text, ok in checks))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--per-kind", type=int, default=60, help="queries per kind (default 60)")
    parser.add_argument("--rapidfuzz-n", type=int, default=0,
                        help="queries given to the rapidfuzz baseline (it scans every claim: default 360 at 10k,"
                             " 48 at 100k, 12 at 1M); plain FTS5 gets them all")
    parser.add_argument("--skip-baselines", action="store_true", help="time only briefbot's search core")
    parser.add_argument("--worker", choices=["engine", "ranking", "fts", "rapidfuzz"], help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--queries", help=argparse.SUPPRESS)
    parser.add_argument("--sample", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args)
    OUT.mkdir(parents=True, exist_ok=True)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    results = []
    started = time.perf_counter()
    for size in sizes:
        rapidfuzz_n = args.rapidfuzz_n or (10**9 if size <= 10_000 else 48 if size <= 100_000 else 12)
        results.append(bench_size(size, args.per_kind, rapidfuzz_n, sys.executable, args.skip_baselines))
    report = table(results) + "\n" + verdict(results)
    (OUT / "search-report.md").write_text(report + "\n")
    (OUT / "search-results.json").write_text(json.dumps(results, indent=2))
    print(report)
    print(f"\n(total {time.perf_counter() - started:.0f} s; report in bench/out/search-report.md)", file=sys.stderr)
    return 0


# --- the workers: one process each, so memory and start-up are their own ---------------------------------


TEXT_KINDS = {"fragment", "typo", "accents", "reordered", "figure", "keywords"}


def baseline_sample(queries: list[dict], n: int) -> list[int]:
    """Indexes of the text queries (and some unknowns) a baseline gets: the same ones for briefbot's view."""
    rng = random.Random(5)
    text = [i for i, q in enumerate(queries) if q["kind"] in TEXT_KINDS]
    unknown = [i for i, q in enumerate(queries) if q["kind"] == "unknown"]
    if n < len(text):
        text = sorted(rng.sample(text, n))
        unknown = sorted(rng.sample(unknown, min(len(unknown), max(4, n // 6))))
    return text + unknown


def summarise(rows: list[dict]) -> dict:
    """p50/p99 and recall; for 'unknown' queries a hit is answering nothing (rank None)."""
    times = [r["ms"] for r in rows]
    hits1 = [(r["rank"] == 0) if r["kind"] != "unknown" else r["rank"] is None for r in rows]
    hits5 = [(r["rank"] is not None and r["rank"] < 5) if r["kind"] != "unknown" else r["rank"] is None for r in rows]
    return {"n": len(rows), "p50": pct(times, 0.5), "p99": pct(times, 0.99),
            "r1": sum(hits1) / max(1, len(hits1)), "r5": sum(hits5) / max(1, len(hits5))}


def view(rows: list[dict]) -> dict:
    text = [r for r in rows if r["kind"] != "unknown"]
    unknown = [r for r in rows if r["kind"] == "unknown"]
    return summarise(text) | {"neg": sum(r["rank"] is None for r in unknown) / max(1, len(unknown))}


def rank_of(expect: str | None, found: list[str]) -> int | None:
    """None: answered nothing; 0..: position of the expected answer; 99: answered, but not with it."""
    if not found:
        return None
    return found.index(expect) if expect in found else 99


def worker(args: argparse.Namespace) -> int:
    queries = json.loads(Path(args.queries).read_text())
    if args.worker == "engine":
        result = asyncio.run(engine_worker(queries))
    elif args.worker == "ranking":
        result = asyncio.run(ranking_worker([queries[int(i)] for i in args.sample.split(",")]))
    else:
        picked = [queries[int(i)] for i in args.sample.split(",")]
        if args.worker == "fts":
            result = fts_worker(Path(args.db), Path(args.corpus), picked)
        else:
            result = rapidfuzz_worker(Path(args.corpus), picked)
    print(json.dumps(result))
    return 0


async def engine_worker(queries: list[dict]) -> dict:
    from bot.adapters.startup import content_paths
    from bot.core.models import NotFound
    from bot.core.service import Core
    from bot.core.store import Store
    from bot.infra.settings import load_settings

    settings = load_settings()
    async with Store(settings.database_path) as store:
        core = Core(store, content_paths(settings))
        report = await core.reload()  # unchanged content: nothing recompiled or re-indexed
        await core.quote(queries[0]["query"])
        first_at = time.time()
        rows = []
        for q in queries:
            method = getattr(core, q["method"])
            started = time.perf_counter()
            answer = await (method(q["query"], limit=5) if q["method"] != "who" else method(q["query"], limit=20))
            ms = (time.perf_counter() - started) * 1000
            found: list[str] = []
            if not isinstance(answer, NotFound):
                found = [answer.person.id] if q["method"] == "who" else [hit.view.claim.id for hit in answer.hits]
            rows.append({"kind": q["kind"], "ms": ms, "rank": rank_of(q["expect"], found)})
    return {"first_answer_at": first_at, "recompiled": report.compiled, "rows": rows}


async def ranking_worker(queries: list[dict]) -> dict:
    """The search core's ranking alone: query text -> ranked claim ids (no speaker, date or source read)."""
    from bot.adapters.startup import content_paths
    from bot.core.service import Core
    from bot.core.store import Store
    from bot.infra.settings import load_settings

    settings = load_settings()
    async with Store(settings.database_path) as store:
        core = Core(store, content_paths(settings))
        await core.reload()
        engine = core.lookups.engine
        await engine.rank(queries[0]["query"])
        rows = []
        for q in queries:
            started = time.perf_counter()
            ranking = await engine.rank(q["query"], names=q["method"] != "quote")
            ms = (time.perf_counter() - started) * 1000
            rows.append({"kind": q["kind"], "ms": ms, "rank": rank_of(q["expect"], [r.claim_id for r in ranking.accepted[:5]])})
    return {"rows": rows}


def _texts(corpus: Path) -> tuple[list[str], list[str]]:
    ids, texts = [], []
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            ids.append(record["id"])
            texts.append(record["text"] + (" " + record["quote"] if record.get("quote") else ""))
    return ids, texts


def fts_worker(db: Path, corpus: Path, queries: list[dict]) -> dict:
    """Plain FTS5: the raw texts, the default tokenizer, the query's words ANDed, ranked by bm25."""
    import sqlite3

    path = db.with_name(db.stem + "-plain-fts.sqlite3")
    started = time.perf_counter()
    fresh = not path.exists()
    con = sqlite3.connect(path)
    if fresh:
        con.execute("CREATE VIRTUAL TABLE plain USING fts5(id UNINDEXED, text)")
        ids, texts = _texts(corpus)
        con.executemany("INSERT INTO plain VALUES (?, ?)", zip(ids, texts, strict=True))
        con.commit()
    setup = f"FTS5 table built in {time.perf_counter() - started:.0f} s"
    rows = []
    for q in queries:
        words = re.findall(r"\w+", q["query"])
        match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
        started = time.perf_counter()
        found = [r[0] for r in con.execute(
            "SELECT id FROM plain WHERE plain MATCH ? ORDER BY rank LIMIT 5", (match,)).fetchall()] if words else []
        rows.append({"kind": q["kind"], "ms": (time.perf_counter() - started) * 1000,
                     "rank": rank_of(q["expect"], found)})
    return {"rows": rows, "setup": setup}


def rapidfuzz_worker(corpus: Path, queries: list[dict]) -> dict:
    """rapidfuzz process.extract (WRatio) over every claim text, preprocessed once."""
    from rapidfuzz import fuzz, process, utils

    started = time.perf_counter()
    ids, texts = _texts(corpus)
    processed = [utils.default_process(t) for t in texts]
    setup = f"texts loaded in {time.perf_counter() - started:.0f} s"
    rows = []
    for q in queries:
        started = time.perf_counter()
        found = process.extract(utils.default_process(q["query"]), processed, scorer=fuzz.WRatio, processor=None,
                                limit=5, score_cutoff=60)
        rows.append({"kind": q["kind"], "ms": (time.perf_counter() - started) * 1000,
                     "rank": rank_of(q["expect"], [ids[index] for _, _, index in found])})
    return {"rows": rows, "setup": setup}


if __name__ == "__main__":
    sys.exit(main())
