#!/usr/bin/env python3
"""Search benchmark: questions in other words on the curated content, then synthetic corpora at scale.

    .venv/bin/python bench/search.py [--sizes 10000,100000,1000000] [--per-kind 60] [--seed N]

First the curated content (data/, briefings/, the seed articles): the hand-written questions of
bench/questions.yaml (questions in other words, with a held-out third, and questions about real people and
topics the corpus lacks, whose right answer is nothing), queries made from the claims with synonyms put in
and words left out, and names and subjects absent from the corpus. The same questions go to FTS5-AND,
FTS5-OR ranked by bm25 and tantivy (bm25 with fuzzy terms, when the package is installed), over the same
text the engine indexes (each claim with its source passage).

Then for each size: the corpus is written as the export's JSONL and loaded with the real `briefbot import`
(build time, peak memory, database size); a fresh process opens the database and answers (start-up to
first answer, with nothing re-indexed), then runs queries of each kind (latency p50/p99, recall@1/@5):
corrupted runs of a claim's words, synonyms and dropped words, real names absent from the corpus. The same
queries go to the baselines: plain FTS5 MATCH over the raw texts (words ANDed, and ORed with bm25), tantivy,
and rapidfuzz `process.extract` over every claim text. Databases and corpora live in bench/out/
(git-ignored); a corpus already written for a size is reused (its seed is fixed), the queries are drawn
afresh with the run's seed, printed in the report (`--seed` repeats a run).

`--parts` also measures what each part of the retrieval adds, by running the engine with parts switched off
(see ABLATIONS; `--lexicon-before FILE` is the synonym file the lexicon part is compared with).
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

KINDS = ["fragment", "typo", "accents", "reordered", "figure", "keywords", "synonyms", "dropped", "person",
         "unknown", "absent"]
NEGATIVE = {"unknown", "absent", "unknown-hand", "unknown+slip"}  # the right answer is nothing
TEXT_KINDS = {"fragment", "typo", "accents", "reordered", "figure", "keywords", "synonyms", "dropped"}
CURATED_ROWS = [("paraphrase", "train"), ("paraphrase", "held-out"), ("paraphrase+slip", None), ("synonyms", None),
                ("dropped", None), ("unknown-hand", "train"), ("unknown-hand", "held-out"), ("unknown+slip", None),
                ("absent", None)]
TARGETS = {"p99_ms": {100_000: 10.0, 1_000_000: 30.0}, "startup_s": 2.0, "recall5": 0.95, "recall1": 0.85,
           "paraphrase5": 0.9, "paraphrase1": 0.75, "nothing": 0.95}
METHODS = {"engine": "briefbot search core", "fts-and": "FTS5, words ANDed (bm25)", "fts-or": "FTS5, words ORed (bm25)",
           "tantivy": "tantivy (bm25 + fuzzy terms)", "rapidfuzz": "rapidfuzz process.extract (WRatio)"}
# Parts of the retrieval switched off in --parts runs, from nothing new to everything (engine_worker applies them).
ABLATIONS = {
    "before (lexicon, forms and rules of an earlier commit)": ("lexicon", "forms", "rule", "subject"),
    "+ lexicon (data/synonyms.yaml grown, phrases)": ("forms", "rule", "subject"),
    "+ word forms (irregular verbs, e/y/doubling, -ize/-ise, -ee/-ion/-ment) and question words": ("rule", "subject"),
    "+ acceptance rule for other words, names checked": ("subject",),
    "+ a keyword question's subject must be held (all parts)": (),
    "all parts but the lexicon (the synonym file compared with)": ("lexicon",),
    "all parts but the English thesaurus (WordNet synonyms of words no claim holds)": ("thesaurus",),
    "all parts but shares in words and hedged percentages": ("shares",),
    "all parts but half weight for everyday words claims hold": ("everyday",),
    "all parts but answering the question as the index spells a slipped word": ("respell",),
    "all parts but correcting a slip in a word no claim holds (the dictionary)": ("slips",),
    "all parts but a clear lead answering (one claim far ahead, holding the question's subject)": ("lead",),
}


QUESTION_WORDS = frozenset("many much several hundreds thousands dozens tens millions whether ever really actually".split())


def corpus_seed() -> int:
    import synthetic

    return synthetic.Generator.__init__.__defaults__[0]


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


def have_tantivy() -> bool:
    try:
        import tantivy  # noqa: F401
    except ImportError:
        return False
    return True


def prepare_corpus(size: int, per_kind: int, seed: int) -> tuple[Path, Path]:
    """The corpus (written once per size, seed fixed) and this run's queries (drawn with the run's seed)."""
    import other_words
    import synthetic

    corpus_path = OUT / f"claims-{size}.jsonl"
    sample_path = OUT / f"claims-{size}.sample.json"
    queries_path = OUT / f"queries-{size}-{per_kind}-{seed}.json"
    started = time.perf_counter()
    if corpus_path.is_file() and sample_path.is_file():
        corpus = synthetic.Corpus(corpus_path, size, json.loads(sample_path.read_text()))
        words = synthetic.vocabulary()
    else:
        generator = synthetic.Generator()
        corpus = generator.write(corpus_path, size)
        sample_path.write_text(json.dumps(corpus.claims, ensure_ascii=False))
        words = generator.words
        print(f"  generated {size:,} claims in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    rng = random.Random(seed)
    lexicon = other_words.load_lexicon()
    queries = synthetic.queries(corpus, per_kind, words, seed=seed)
    queries += other_words.synonym_queries(corpus.claims, lexicon, rng, per_kind, drop=False)
    queries += other_words.synonym_queries(corpus.claims, lexicon, rng, per_kind, drop=True)
    vocabulary = {w.lower() for w in words} | {w.lower() for c in corpus.claims for w in re.findall(r"\w+", c["text"])}
    queries += other_words.absent_queries(rng, per_kind, vocabulary)
    queries_path.write_text(json.dumps(queries, ensure_ascii=False))
    return corpus_path, queries_path


def engine_rows(python: str, db: Path, queries: Path, ablate: tuple[str, ...] = (), lexicon_before: str = "",
                sample: list[int] | None = None) -> dict:
    args = [python, __file__, "--worker", "engine", "--db", str(db), "--queries", str(queries)]
    if ablate:
        args += ["--ablate", ",".join(ablate), "--lexicon-before", lexicon_before]
    if sample is not None:
        args += ["--sample", ",".join(map(str, sample))]
    out, _, _, mb = run_child(args, db_env(db))
    result = json.loads(out)
    result["peak_mb"] = mb
    return result


def bench_size(size: int, per_kind: int, rapidfuzz_n: int, python: str, seed: int, skip_baselines: bool = False,
               parts: bool = False, lexicon_before: str = "", repeat: int = 1) -> dict:
    label = size_label(size)
    print(f"[{label}] corpus", file=sys.stderr)
    corpus, queries = prepare_corpus(size, per_kind, seed)
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
    engine = engine_rows(python, db, queries)
    engine["startup_s"] = engine.pop("first_answer_at") - spawned
    rows = engine.pop("rows")
    engine["kinds"] = {kind: summarise([r for r in rows if r["kind"] == kind]) for kind in KINDS
                       if any(r["kind"] == kind for r in rows)}
    engine["kinds"]["all"] = summarise(rows)
    result["engine"] = engine
    if parts:
        result["parts"] = {}
        for _ in range(repeat):  # the parts in turn, `repeat` times: a busy machine slows them alike
            for name, ablate in ABLATIONS.items():
                print(f"[{label}] engine queries without {', '.join(ablate) or 'nothing'}", file=sys.stderr)
                result["parts"].setdefault(name, []).append(engine_rows(python, db, queries, ablate, lexicon_before)["rows"])
        result["parts"] = {name: part_summary(runs) for name, runs in result["parts"].items()}
    all_queries = json.loads(queries.read_text())
    sample = baseline_sample(all_queries, 10**9, seed)
    out, _, _, _ = run_child([python, __file__, "--worker", "ranking", "--db", str(db), "--queries", str(queries),
                              "--sample", ",".join(map(str, sample))], db_env(db))
    result["ranking"] = view(json.loads(out)["rows"])
    baselines = [("fts", 10**9), ("rapidfuzz", rapidfuzz_n)] + ([("tantivy", 10**9)] if have_tantivy() else [])
    for worker, n in baselines:
        sample = baseline_sample(all_queries, n, seed)
        if skip_baselines:
            continue
        print(f"[{label}] baseline {worker} ({len(sample)} queries)", file=sys.stderr)
        out, _, _, mb = run_child([python, __file__, "--worker", worker, "--db", str(db), "--corpus", str(corpus),
                                   "--queries", str(queries), "--sample", ",".join(map(str, sample))])
        base = json.loads(out)
        for method, method_rows in base["rows"].items():
            result[method] = view(method_rows) | {"setup": base["setup"], "peak_mb": mb,
                                                  "kinds": by_kind(method_rows)}
        result[f"engine_vs_{worker}"] = view([rows[i] for i in sample]) | {"kinds": by_kind([rows[i] for i in sample])}
    return result


def bench_curated(per_kind: int, python: str, seed: int, skip_baselines: bool, parts: bool,
                  lexicon_before: str) -> dict:
    """The hand-written questions and the generated ones on the curated content, engine and baselines."""
    import other_words

    print("[curated] questions", file=sys.stderr)
    rng = random.Random(seed)
    paraphrases, unknowns = other_words.load_questions()
    claims = curated_claims()
    lexicon = other_words.load_lexicon()
    queries = paraphrases + unknowns
    queries += other_words.slipped_queries(paraphrases + unknowns, random.Random(f"slip {seed}"))  # own draws
    queries += other_words.synonym_queries(claims, lexicon, rng, per_kind, drop=False)
    queries += other_words.synonym_queries(claims, lexicon, rng, per_kind, drop=True)
    queries += other_words.absent_queries(rng, per_kind)
    path = OUT / f"curated-queries-{seed}.json"
    path.write_text(json.dumps(queries, ensure_ascii=False))
    db = OUT / "curated.sqlite3"
    for old in OUT.glob("curated.sqlite3*"):
        old.unlink()
    print("[curated] engine (compiles the content first)", file=sys.stderr)
    result: dict = {"n": len(queries)}
    rows = engine_rows(python, db, path)["rows"]
    result["engine"] = rows
    if parts:
        result["parts"] = {}
        for name, ablate in ABLATIONS.items():
            part_rows = rows if not ablate else engine_rows(python, db, path, ablate, lexicon_before)["rows"]
            result["parts"][name] = part_summary([part_rows])
    if not skip_baselines:
        workers = ["fts"] + (["tantivy"] if have_tantivy() else [])
        for worker in workers:
            print(f"[curated] baseline {worker}", file=sys.stderr)
            out, _, _, _ = run_child([python, __file__, "--worker", worker, "--db", str(db), "--corpus", "curated",
                                      "--queries", str(path), "--sample", ",".join(map(str, range(len(queries))))])
            result.update(json.loads(out)["rows"])
    return result


def curated_claims() -> list[dict]:
    from ruamel.yaml import YAML

    claims = []
    for path in sorted((ROOT / "data" / "claims").glob("*.yaml")):
        for claim in YAML(typ="safe").load(path.read_text(encoding="utf-8"))["claims"]:
            claims.append({"id": claim["id"], "text": claim["text"], "quote": claim.get("quote")})
    return claims


def checkpoint(db: Path) -> None:
    import sqlite3

    with sqlite3.connect(db) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def cell(rows: list[dict]) -> str:
    """'r@1 / r@5' for questions with an answer, 'nothing x/n' for those without."""
    if not rows:
        return "—"
    if rows[0]["kind"] in NEGATIVE:
        return f"nothing {sum(r['rank'] is None for r in rows)}/{len(rows)}"
    s = summarise(rows)
    return f"{s['r1']:.2f} / {s['r5']:.2f}"


def curated_table(curated: dict, seed: int) -> str:
    methods = [m for m in ("engine", "fts-and", "fts-or", "tantivy") if m in curated]
    lines = [f"## Curated content: questions in other words (seed {seed})", "",
             "Each cell: recall@1 / recall@5, or for questions whose right answer is nothing, how many answered"
             " nothing. `paraphrase` and `unknown-hand` are bench/questions.yaml (held-out: every third), `+slip`"
             " the same questions (every batch) with two neighbouring letters of one long word swapped;"
             " `synonyms` and `dropped` are made from the claims; `absent` are real names and subjects the corpus"
             " lacks, alone or with words of the beat.", "",
             "| kind | n | " + " | ".join(METHODS[m] for m in methods) + " |",
             "|---|---|" + "---|" * len(methods)]
    for kind, split in curated_rows(curated["engine"]):
        def pick(rows: list[dict], kind: str = kind, split: str | None = split) -> list[dict]:
            return [r for r in rows if r["kind"] == kind and (split is None or r.get("split") == split)]

        chosen = pick(curated["engine"])
        if not chosen:
            continue
        label = f"{kind} ({split})" if split else kind
        lines.append(f"| {label} | {len(chosen)} | " + " | ".join(cell(pick(curated[m])) for m in methods) + " |")
    hand = [r for r in curated["engine"] if r["kind"] == "paraphrase"]
    if hand and "answers_rank" in hand[0]:
        alone = summarise([{**r, "rank": r["answers_rank"]} for r in hand])
        lines += ["", f"briefbot counts the claims its reply lists: the answers, then, under an answer of fewer than"
                  f" five, the closest claims below the bar, marked less sure (never without an answer: the unknown"
                  f" rows are unchanged). Its answers alone, on the {len(hand)} hand-written questions in other words:"
                  f" recall@1 {alone['r1']:.3f}, recall@5 {alone['r5']:.3f}; with the close claims: recall@5"
                  f" {summarise(hand)['r5']:.3f}."]
    times = [r["ms"] for r in curated["engine"]]
    lines += ["", f"briefbot on these {len(times)} questions: p50 {pct(times, 0.5):.2f} ms, p99 {pct(times, 0.99):.2f} ms."]
    return "\n".join(lines)


def curated_rows(rows: list[dict]) -> list[tuple[str, str | None]]:
    """CURATED_ROWS, each hand-written kind followed by its later batches (`batch N`: scored blind, kept apart)."""
    batches = sorted({(r["kind"], r["split"]) for r in rows if (r.get("split") or "").startswith("batch ")})
    out: list[tuple[str, str | None]] = []
    for kind, split in CURATED_ROWS:
        out.append((kind, split))
        if split == "held-out":
            out += [b for b in batches if b[0] == kind]
    return out


MISS_KINDS = ("paraphrase", "unknown-hand", "absent", "unknown+slip", "dropped", "synonyms")


def misses(curated: dict, kinds: tuple[str, ...] = MISS_KINDS) -> str:
    """The questions the engine gets wrong (hand-written, slipped and generated): a question with an answer whose
    claim is not first (and where it came), or a question about what the corpus lacks that got an answer; with
    the claims it returned."""
    lines = ["", "## Misses (hand-written questions)", ""]
    for r in curated["engine"]:
        if r["kind"] not in kinds:
            continue
        wrong = r["rank"] is not None if r["kind"] in NEGATIVE else r["rank"] != 0
        if not wrong:
            continue
        where = ("answered" if r["kind"] in NEGATIVE else "nothing found" if r["rank"] is None
                 else "answered, not with it" if r["rank"] == 99 else f"rank {r['rank'] + 1}")
        lines.append(f"- [{r['kind']} {r['split']}] {r['query']!r}: {where}; expected {r['expect']}; got {r['found']}")
    return "\n".join(lines)


def part_summary(runs: list[list[dict]]) -> dict:
    """Recall of the first run; p50 and p99 as the median over the runs."""
    rows = runs[0]
    out: dict = {"runs": len(runs)}
    for key, field in (("p50", "ms"), ("p99", "ms"), ("cpu50", "cpu_ms"), ("cpu99", "cpu_ms")):
        q = 0.5 if key.endswith("50") else 0.99
        out[key] = pct([pct([r.get(field, r["ms"]) for r in run], q) for run in runs], 0.5)
    for kind, split in [*CURATED_ROWS, ("synonyms", None), ("dropped", None), ("unknown", None)]:
        chosen = [r for r in rows if r["kind"] == kind and (split is None or r.get("split") == split)]
        if chosen:
            out[f"{kind}:{split}" if split else kind] = cell(chosen)
    for kind in ("paraphrase", "unknown-hand"):  # the blind batches together
        chosen = [r for r in rows if r["kind"] == kind and (r.get("split") or "").startswith("batch ")]
        if chosen:
            out[f"{kind}:batches"] = cell(chosen)
    return out


def parts_table(curated: dict | None, results: list[dict]) -> str:
    lines = ["## What each part adds", "",
             "Curated content: recall@1 / recall@5 on the hand-written questions (train, held-out) and the generated"
             " ones; unknowns answered nothing. Synthetic corpora: p50/p99 over every kind, and the generated"
             " kinds.", ""]
    if curated and curated.get("parts"):
        lines += ["| part | paraphrase train | paraphrase held-out | paraphrase batches | paraphrase+slip | synonyms |"
                  " dropped | unknown-hand (all) | unknown+slip | absent |",
                  "|---|---|---|---|---|---|---|---|---|---|"]
        for name, s in curated["parts"].items():
            hand = _merge_nothing(s.get("unknown-hand:train", "—"), s.get("unknown-hand:held-out", "—"))
            hand = _merge_nothing(hand, s["unknown-hand:batches"]) if "unknown-hand:batches" in s else hand
            lines.append(f"| {name} | {s.get('paraphrase:train', '—')} | {s.get('paraphrase:held-out', '—')} |"
                         f" {s.get('paraphrase:batches', '—')} | {s.get('paraphrase+slip', '—')} |"
                         f" {s.get('synonyms', '—')} | {s.get('dropped', '—')} | {hand} | {s.get('unknown+slip', '—')} |"
                         f" {s.get('absent', '—')} |")
    for r in results:
        if not r.get("parts"):
            continue
        runs = next(iter(r["parts"].values()))["runs"]
        lines += ["", f"Synthetic {r['size']:,} claims (latency: the median of {runs} run{'s' if runs > 1 else ''}):", "",
                  "| part | p50 ms | p99 ms | CPU p50 ms | CPU p99 ms | synonyms | dropped | absent | unknown |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for name, s in r["parts"].items():
            lines.append(f"| {name} | {s['p50']:.2f} | {s['p99']:.2f} | {s['cpu50']:.2f} | {s['cpu99']:.2f} |"
                         f" {s.get('synonyms', '—')} |"
                         f" {s.get('dropped', '—')} | {s.get('absent', '—')} | {s.get('unknown', '—')} |")
    return "\n".join(lines)


def _merge_nothing(a: str, b: str) -> str:
    try:
        (x, n), (y, m) = (tuple(map(int, v.split()[1].split("/"))) for v in (a, b))
    except (IndexError, ValueError):
        return f"{a}; {b}"
    return f"nothing {x + y}/{n + m}"


def table(results: list[dict]) -> str:
    lines = ["## Build and start-up", "",
             "| claims | build (import) | database | build peak RSS | start-up to first answer | re-indexed at start | query peak RSS |",
             "|---|---|---|---|---|---|---|"]
    for r in results:
        e = r["engine"]
        lines.append(f"| {r['size']:,} | {r['build_s']:.1f} s | {r['db_mb']:.0f} MB | {r['build_mb']:.0f} MB |"
                     f" {e['startup_s']:.2f} s | {'yes' if e['recompiled'] else 'no'} | {e['peak_mb']:.0f} MB |")
    lines += ["", "## Queries by kind (briefbot search core)", "",
              "Every worker, the baselines' too, collects garbage as the bot and its lookup process do"
              " (bot/infra/runtime.py's GC thresholds).", "",
              "| claims | kind | n | p50 ms | p99 ms | recall@1 | recall@5 |", "|---|---|---|---|---|---|---|"]
    for r in results:
        for kind in [*KINDS, "all"]:
            s = r["engine"]["kinds"].get(kind)
            if s:
                note = " (answers NotFound)" if kind in NEGATIVE else ""
                lines.append(f"| {r['size']:,} | {kind}{note} | {s['n']} | {s['p50']:.2f} | {s['p99']:.2f} |"
                             f" {s['r1']:.3f} | {s['r5']:.3f} |")
    lines += ["", "## Against the baselines (same text queries: fragment, typo, accents, reordered, figure, keywords,"
              " synonyms, dropped; and the unknown and absent ones)", "",
              "| claims | method | n | p50 ms | p99 ms | recall@1 | recall@5 | synonyms r@5 | dropped r@5 |"
              " unknown → nothing | setup |",
              "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        if r.get("ranking"):
            k = r["ranking"]
            lines.append(f"| {r['size']:,} | briefbot ranking only (claim ids, as the baselines return) | {k['n']} |"
                         f" {k['p50']:.2f} | {k['p99']:.2f} | {k['r1']:.3f} | {k['r5']:.3f} | | | {k['neg']:.2f} |"
                         " (the build above) |")
        for worker, methods in (("fts", ("fts-and", "fts-or")), ("tantivy", ("tantivy",)), ("rapidfuzz", ("rapidfuzz",))):
            if f"engine_vs_{worker}" not in r:
                continue
            e = r[f"engine_vs_{worker}"]
            lines.append(f"| {r['size']:,} | briefbot search core | {e['n']} | {e['p50']:.2f} | {e['p99']:.2f} |"
                         f" {e['r1']:.3f} | {e['r5']:.3f} | {_r5(e, 'synonyms')} | {_r5(e, 'dropped')} |"
                         f" {e['neg']:.2f} | (the build above) |")
            for method in methods:
                b = r[method]
                lines.append(f"| {r['size']:,} | {METHODS[method]} | {b['n']} | {b['p50']:.2f} | {b['p99']:.2f} |"
                             f" {b['r1']:.3f} | {b['r5']:.3f} | {_r5(b, 'synonyms')} | {_r5(b, 'dropped')} |"
                             f" {b['neg']:.2f} | {b['setup']} |")
    return "\n".join(lines)


def _r5(view_: dict, kind: str) -> str:
    s = view_.get("kinds", {}).get(kind)
    return f"{s['r5']:.3f}" if s else ""


def verdict(results: list[dict], curated: dict | None) -> str:
    lines = ["", "## Targets", ""]
    if curated:
        para = [r for r in curated["engine"] if r["kind"] == "paraphrase"]
        negatives = [r for r in curated["engine"] if r["kind"] == "unknown-hand"]
        checks = []
        for split in ("train", "held-out"):
            s = summarise([r for r in para if r["split"] == split])
            checks += [(f"paraphrase {split} recall@5 {s['r5']:.2f} ≥ 0.9", s["r5"] >= TARGETS["paraphrase5"]),
                       (f"recall@1 {s['r1']:.2f} ≥ 0.75", s["r1"] >= TARGETS["paraphrase1"])]
        nothing = sum(r["rank"] is None for r in negatives) / max(1, len(negatives))
        checks.append((f"hand-written unknowns answered nothing {nothing:.2f} ≥ 0.95", nothing >= TARGETS["nothing"]))
        for method in ("fts-or", "tantivy"):
            if method in curated:
                ours, theirs = summarise(para), summarise([r for r in curated[method] if r["kind"] == "paraphrase"])
                checks.append((f"paraphrase recall@5 ahead of {method} ({ours['r5']:.2f} vs {theirs['r5']:.2f})",
                               ours["r5"] > theirs["r5"]))
        lines.append("- curated: " + "; ".join(f"{text} {'✓' if ok else '✗'}" for text, ok in checks))
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
        for worker, methods in (("fts", ("fts-and", "fts-or")), ("tantivy", ("tantivy",)), ("rapidfuzz", ("rapidfuzz",))):
            if f"engine_vs_{worker}" not in r:
                continue
            ours = r[f"engine_vs_{worker}"]
            for method in methods:
                b = r[method]
                checks.append((f"recall@5 ahead of {method} on the same {b['n']} queries ({ours['r5']:.3f} vs"
                               f" {b['r5']:.3f})", ours["r5"] > b["r5"] and ours["r1"] > b["r1"]))
                checks.append((f"p50/p99 no slower than {method} ({ours['p50']:.2f}/{ours['p99']:.2f} vs"
                               f" {b['p50']:.2f}/{b['p99']:.2f} ms)", ours["p50"] <= b["p50"] and ours["p99"] <= b["p99"]))
        lines.append(f"- {r['size']:,}: " + "; ".join(f"{text} {'✓' if ok else '✗'}" for text, ok in checks))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000", help="synthetic corpus sizes ('' for none)")
    parser.add_argument("--per-kind", type=int, default=60, help="queries per kind (default 60)")
    parser.add_argument("--seed", type=int, default=None, help="the queries' seed (default: a new one each run)")
    parser.add_argument("--rapidfuzz-n", type=int, default=0,
                        help="queries given to the rapidfuzz baseline (it scans every claim: default 360 at 10k,"
                             " 48 at 100k, 12 at 1M); plain FTS5 gets them all")
    parser.add_argument("--skip-baselines", action="store_true", help="time only briefbot's search core")
    parser.add_argument("--no-curated", action="store_true", help="skip the curated content's questions")
    parser.add_argument("--parts", action="store_true", help="also run the engine with each part switched off")
    parser.add_argument("--misses", action="store_true",
                        help="list the hand-written questions the engine gets wrong (with what it returned)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each part at each size (--parts; default 3)")
    parser.add_argument("--lexicon-before", default="",
                        help="the synonym file the lexicon part is compared with (--parts; default: the last"
                             " commit's data/synonyms.yaml, read with git show)")
    parser.add_argument("--worker", choices=["engine", "ranking", "fts", "rapidfuzz", "tantivy"], help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--queries", help=argparse.SUPPRESS)
    parser.add_argument("--sample", help=argparse.SUPPRESS)
    parser.add_argument("--ablate", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args)
    OUT.mkdir(parents=True, exist_ok=True)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1, 100_000)
    lexicon_before = args.lexicon_before
    if args.parts and not lexicon_before:
        lexicon_before = str(OUT / "synonyms-before.yaml")
        shown = subprocess.run(["git", "show", "HEAD:data/synonyms.yaml"], cwd=ROOT, capture_output=True, text=True,
                               check=True)
        Path(lexicon_before).write_text(shown.stdout)
    print(f"seed {seed} (queries; synthetic corpora: seed {corpus_seed()})", file=sys.stderr)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    started = time.perf_counter()
    curated = None if args.no_curated else bench_curated(args.per_kind, sys.executable, seed, args.skip_baselines,
                                                         args.parts, lexicon_before)
    results = []
    for size in sizes:
        rapidfuzz_n = args.rapidfuzz_n or (10**9 if size <= 10_000 else 48 if size <= 100_000 else 12)
        results.append(bench_size(size, args.per_kind, rapidfuzz_n, sys.executable, seed, args.skip_baselines,
                                  args.parts, lexicon_before, max(1, args.repeat)))
    parts = []
    header = [f"# Search benchmark (seed {seed}; synthetic corpora seed {corpus_seed()};"
              f" tantivy {'installed' if have_tantivy() else 'not installed: pip install tantivy to add it'})", ""]
    if curated:
        parts.append(curated_table(curated, seed))
    if args.parts:
        parts.append(parts_table(curated, results))
    if results:
        parts.append(table(results))
    report = "\n".join(header) + "\n\n".join(parts) + "\n" + verdict(results, curated)
    if args.misses and curated:
        report += "\n" + misses(curated)
    (OUT / "search-report.md").write_text(report + "\n")
    (OUT / "search-results.json").write_text(json.dumps({"seed": seed, "curated": curated, "sizes": results}, indent=2))
    print(report)
    print(f"\n(total {time.perf_counter() - started:.0f} s; report in bench/out/search-report.md)", file=sys.stderr)
    return 0


# --- the workers: one process each, so memory and start-up are their own ---------------------------------


def baseline_sample(queries: list[dict], n: int, seed: int = 5) -> list[int]:
    """Indexes of the text queries (and some unknowns) a baseline gets: the same ones for briefbot's view."""
    rng = random.Random(seed)
    text = [i for i, q in enumerate(queries) if q["kind"] in TEXT_KINDS]
    unknown = [i for i, q in enumerate(queries) if q["kind"] in NEGATIVE]
    if n < len(text):
        text = sorted(rng.sample(text, n))
        unknown = sorted(rng.sample(unknown, min(len(unknown), max(4, n // 6))))
    return text + unknown


def summarise(rows: list[dict]) -> dict:
    """p50/p99 and recall; for the unknown kinds a hit is answering nothing (rank None)."""
    times = [r["ms"] for r in rows]
    hits1 = [(r["rank"] == 0) if r["kind"] not in NEGATIVE else r["rank"] is None for r in rows]
    hits5 = [(r["rank"] is not None and r["rank"] < 5) if r["kind"] not in NEGATIVE else r["rank"] is None for r in rows]
    return {"n": len(rows), "p50": pct(times, 0.5), "p99": pct(times, 0.99),
            "r1": sum(hits1) / max(1, len(hits1)), "r5": sum(hits5) / max(1, len(hits5))}


def by_kind(rows: list[dict]) -> dict:
    return {kind: summarise([r for r in rows if r["kind"] == kind]) for kind in {r["kind"] for r in rows}}


def view(rows: list[dict]) -> dict:
    text = [r for r in rows if r["kind"] not in NEGATIVE]
    unknown = [r for r in rows if r["kind"] in NEGATIVE]
    return summarise(text) | {"neg": sum(r["rank"] is None for r in unknown) / max(1, len(unknown))}


def rank_of(expect: str | list[str] | None, found: list[str]) -> int | None:
    """None: answered nothing; 0..: position of (the first of) the expected answer(s); 99: answered, but not with it."""
    if not found:
        return None
    wanted = set(expect) if isinstance(expect, list) else {expect}
    return next((i for i, item in enumerate(found) if item in wanted), 99)


def worker(args: argparse.Namespace) -> int:
    import gc

    from bot.infra.runtime import GC_THRESHOLDS

    gc.set_threshold(*GC_THRESHOLDS)  # every worker collects garbage as the bot and its lookup process do
    queries = json.loads(Path(args.queries).read_text())
    if args.worker == "engine":
        picked = [queries[int(i)] for i in args.sample.split(",")] if args.sample else queries
        ablate = tuple(a for a in args.ablate.split(",") if a)
        result = asyncio.run(engine_worker(picked, ablate, args.lexicon_before))
    elif args.worker == "ranking":
        result = asyncio.run(ranking_worker([queries[int(i)] for i in args.sample.split(",")]))
    else:
        picked = [queries[int(i)] for i in args.sample.split(",")]
        ids, texts = curated_docs(Path(args.db)) if args.corpus == "curated" else _texts(Path(args.corpus))
        if args.worker == "fts":
            result = fts_worker(Path(args.db), ids, texts, picked)
        elif args.worker == "tantivy":
            result = tantivy_worker(ids, texts, picked)
        else:
            result = rapidfuzz_worker(ids, texts, picked)
    print(json.dumps(result))
    return 0


def apply_ablation(ablate: tuple[str, ...], lexicon_before: str) -> None:
    """Switch parts of the retrieval off in this process (the --parts runs): the code of the last commit."""
    from bot.core.search import engine
    from bot.core.search import forms as forms_mod

    if "forms" in ablate:
        def old_inflections(word: str) -> set[str]:
            bases = {word, *forms_mod.stems(word, 4)}
            return {f for base in bases for f in (base, *(base + end for end in forms_mod.SUFFIXES))} - {word}

        engine.inflections = old_inflections
        engine.bases = lambda word, shortest=4: {word, *forms_mod.stems(word, shortest)}
        engine.forms = lambda base: {base, *(base + end for end in forms_mod.SUFFIXES)}
        engine.derivations = lambda word: frozenset()
        from bot.core.analysis import terms as terms_mod

        terms_mod.STOPWORDS = terms_mod.STOPWORDS - QUESTION_WORDS
    if "subject" in ablate:
        engine.CLAIM_LACKS_SUBJECT = 2.0  # no word weighs twice the question: the rule never applies
    if "rule" in ablate:
        engine._in_other_words = lambda groups, results, **_: results
        engine._named = lambda groups, people: {}  # and no cap for another person's claim,
        engine.names_written = lambda text: set()  # nor full weight for a short capitalised name,
        engine._places = lambda groups, text, named, docs: []  # nor a cap for a claim lacking the place named,
        engine.is_everyday = lambda word: False  # and everyday words the index lacks weigh as other words
    if "lead" in ablate:
        engine._clear_lead = lambda groups, results, unknown, total: []
    if "thesaurus" in ablate:
        engine.english_synonyms = lambda word: []
    if "shares" in ablate:
        from bot.core.analysis import terms as terms_mod

        terms_mod.proportions = lambda folded: []
        terms_mod._HEDGE = re.compile(r"(?!)")
    if "everyday" in ablate:
        engine.EVERYDAY_HELD = 1.0
    if "respell" in ablate:
        from bot.core.search.lookups import Lookups

        async def as_typed(self, text, filters=None, *, names=True):
            return await self.engine.rank(text, filters, names=names)

        Lookups._rank_spelled = as_typed
    if "slips" in ablate:
        from bot.core.search import lookups

        lookups._english_slips = lambda ranking, names: []
    if "lexicon" in ablate:
        from ruamel.yaml import YAML

        from bot.core.analysis.terms import terms
        from bot.core.search.lexicon import Lexicon

        groups = [[" ".join(terms(str(w))) for w in [*g.get("words", ()), *g.get("phrases", ())]]
                  for g in YAML(typ="safe").load(Path(lexicon_before).read_text())["synonyms"]]

        async def old_lexicon(self) -> Lexicon:
            return Lexicon.from_groups(groups)

        engine.SearchEngine._build_lexicon = old_lexicon


async def engine_worker(queries: list[dict], ablate: tuple[str, ...] = (), lexicon_before: str = "") -> dict:
    from bot.adapters.startup import content_paths
    from bot.core.models import NotFound
    from bot.core.service import Core
    from bot.core.store import Store
    from bot.infra.settings import load_settings

    apply_ablation(ablate, lexicon_before)
    settings = load_settings()
    async with Store(settings.database_path) as store:
        core = Core(store, content_paths(settings))
        report = await core.reload()  # unchanged content: nothing recompiled or re-indexed
        await core.quote(queries[0]["query"])
        first_at = time.time()
        rows = []
        for q in queries:
            method = getattr(core, q["method"])
            started, cpu = time.perf_counter(), time.process_time()
            answer = await (method(q["query"], limit=5) if q["method"] != "who" else method(q["query"], limit=20))
            ms = (time.perf_counter() - started) * 1000
            cpu_ms = (time.process_time() - cpu) * 1000  # every thread of this process: robust to a busy machine
            found: list[str] = []  # the claims the reply lists: the answers, then the close ones under them
            answers = 0
            if not isinstance(answer, NotFound):
                found = [answer.person.id] if q["method"] == "who" else [hit.view.claim.id for hit in answer.hits]
                answers = len(found)
                found += [hit.view.claim.id for hit in getattr(answer, "close", ())]
            rows.append({"kind": q["kind"], "split": q.get("split"), "ms": ms, "cpu_ms": cpu_ms,
                         "rank": rank_of(q["expect"], found), "answers_rank": rank_of(q["expect"], found[:answers]),
                         "query": q["query"], "expect": q["expect"], "found": found[:5]})
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


def curated_docs(db: Path) -> tuple[list[str], list[str]]:
    """The curated claims as the engine indexes them (text, quote, figures and source passage, folded words)."""
    import sqlite3

    with sqlite3.connect(db) as conn:
        found = conn.execute("SELECT claim_id, body FROM search_docs ORDER BY rowid").fetchall()
    return [r[0] for r in found], [r[1] for r in found]


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def fts_worker(db: Path, ids: list[str], texts: list[str], queries: list[dict]) -> dict:
    """Plain FTS5: the texts, the default tokenizer (diacritics removed), ranked by bm25; the query's words
    ANDed (what FTS5 does with a plain query) and ORed (any word)."""
    import sqlite3

    path = db.with_name(db.stem + "-plain-fts.sqlite3")
    started = time.perf_counter()
    fresh = not path.exists() or db.stem == "curated"
    if fresh and path.exists():
        path.unlink()
    con = sqlite3.connect(path)
    if fresh:
        con.execute("CREATE VIRTUAL TABLE plain USING fts5(id UNINDEXED, text, tokenize='unicode61 remove_diacritics 2')")
        con.executemany("INSERT INTO plain VALUES (?, ?)", zip(ids, texts, strict=True))
        con.commit()
    setup = f"FTS5 table built in {time.perf_counter() - started:.0f} s"
    out: dict[str, list] = {"fts-and": [], "fts-or": []}
    for q in queries:
        words = _words(q["query"])
        quoted = ['"' + w.replace('"', '""') + '"' for w in words]
        for method, joiner in (("fts-and", " "), ("fts-or", " OR ")):
            started = time.perf_counter()
            found = [r[0] for r in con.execute("SELECT id FROM plain WHERE plain MATCH ? ORDER BY rank LIMIT 5",
                                               (joiner.join(quoted),)).fetchall()] if words else []
            out[method].append({"kind": q["kind"], "split": q.get("split"), "ms": (time.perf_counter() - started) * 1000,
                                "rank": rank_of(q["expect"], found)})
    return {"rows": out, "setup": setup}


def _fold(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def tantivy_worker(ids: list[str], texts: list[str], queries: list[dict]) -> dict:
    """tantivy, as a user would set it up: English stemming, bm25 over the ORed words plus each word with
    one typo (fuzzy terms), accents folded on both sides."""
    import tantivy

    started = time.perf_counter()
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("body", stored=False, tokenizer_name="en_stem")
    schema = builder.build()
    index = tantivy.Index(schema)
    writer = index.writer(heap_size=200_000_000, num_threads=1)
    for i, text in enumerate(texts):
        writer.add_document(tantivy.Document(id=ids[i], body=_fold(text)))
    writer.commit()
    index.reload()
    searcher = index.searcher()
    setup = f"tantivy index built in {time.perf_counter() - started:.0f} s"
    rows = []
    for q in queries:
        words = " ".join(w for w in _words(_fold(q["query"])))
        started = time.perf_counter()
        found: list[str] = []
        if words:
            exact = index.parse_query(words, ["body"])
            fuzzy = index.parse_query(words, ["body"], fuzzy_fields={"body": (False, 1, True)})
            query = tantivy.Query.boolean_query([(tantivy.Occur.Should, exact), (tantivy.Occur.Should, fuzzy)])
            found = [searcher.doc(address)["id"][0] for _, address in searcher.search(query, 5).hits]
        rows.append({"kind": q["kind"], "split": q.get("split"), "ms": (time.perf_counter() - started) * 1000,
                     "rank": rank_of(q["expect"], found)})
    return {"rows": {"tantivy": rows}, "setup": setup}


def rapidfuzz_worker(ids: list[str], texts: list[str], queries: list[dict]) -> dict:
    """rapidfuzz process.extract (WRatio) over every claim text, preprocessed once."""
    from rapidfuzz import fuzz, process, utils

    started = time.perf_counter()
    processed = [utils.default_process(t) for t in texts]
    setup = f"texts loaded in {time.perf_counter() - started:.0f} s"
    rows = []
    for q in queries:
        started = time.perf_counter()
        found = process.extract(utils.default_process(q["query"]), processed, scorer=fuzz.WRatio, processor=None,
                                limit=5, score_cutoff=60)
        rows.append({"kind": q["kind"], "ms": (time.perf_counter() - started) * 1000,
                     "rank": rank_of(q["expect"], [ids[index] for _, _, index in found])})
    return {"rows": {"rapidfuzz": rows}, "setup": setup}


if __name__ == "__main__":
    sys.exit(main())
