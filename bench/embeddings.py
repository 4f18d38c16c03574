#!/usr/bin/env python3
"""Would small offline word embeddings earn their cost? Measured on the hand-written questions.

    .venv/bin/pip install wordllama        # not a dependency of briefbot: this bench only
    .venv/bin/python bench/embeddings.py

WordLlama's default model (256 dimensions, 16 MB of token embeddings inside its PyPI wheel, MIT) embeds a
text as the mean of its tokens' vectors: no download, well under a millisecond per question. Its loader
looks for the tokenizer the wheel ships in the wrong folder and then tries to download it; loading it from
the package's own folder with downloads disabled works offline, and this bench loads it with every network
connection refused, to show it.

Each claim is embedded as "speaker: text"; each question of bench/questions.yaml (the /search ones) as typed.
Three uses are measured against briefbot's search core, on the same questions:
- retrieval alone: the claims nearest the question (cosine), recall@1/@5, beside the core's;
- a second chance for "nothing found": among the core's top claims below the bar, the one nearest the
  question answers when its cosine reaches a threshold (questions in other words gained, unknowns lost);
- a veto: an answer whose cosine with the question is under a threshold is dropped (unknowns gained,
  questions in other words lost).
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

TOP_BELOW_BAR = 5  # the core's claims below the bar a second chance looks at
SECOND_CHANCE = (0.6, 0.65, 0.7)
VETO = (0.2, 0.3, 0.4)


def load_offline():
    """WordLlama's default model from its wheel, with every network connection refused."""
    import wordllama
    from wordllama import WordLlama

    def refuse(*args, **kwargs):
        raise OSError("network refused by bench/embeddings.py")

    connect, socket.socket.connect = socket.socket.connect, refuse
    try:
        started = time.perf_counter()
        model = WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)
        return model, time.perf_counter() - started
    finally:
        socket.socket.connect = connect


async def core_answers(questions: list[dict]) -> tuple[list[dict], dict[str, str]]:
    """For each question: the claims the core's reply lists (answers, then close ones), the answers alone, and
    its top ranked claims; and every claim as "speaker: text"."""
    from bot.adapters.startup import content_paths
    from bot.core.models import NotFound
    from bot.core.service import Core
    from bot.core.store import Store
    from bot.infra.settings import load_settings

    settings = load_settings()
    async with Store(settings.database_path) as store:
        core = Core(store, content_paths(settings))
        await core.reload()
        rows = []
        for question in questions:
            answer = await core.search(question["query"], limit=5)
            ranking = await core.lookups.engine.rank(question["query"])
            answers = [] if isinstance(answer, NotFound) else [h.view.claim.id for h in answer.hits]
            close = [] if isinstance(answer, NotFound) else [h.view.claim.id for h in answer.close]
            rows.append({**question, "answers": answers, "listed": answers + close,
                         "ranked": [r.claim_id for r in ranking.results]})
        ids = sorted({c for row in rows for c in row["ranked"]} | {c for q in questions for c in q["expect"] or ()})
        views = await store.claims_by_id(ids)
        everything = await store.claims_by_id(await _all_claim_ids(store))
        texts = {v.claim.id: f"{v.speaker_name}: {v.claim.text}" for v in [*views, *everything]}
    return rows, texts


async def _all_claim_ids(store) -> list[str]:
    from bot.core.models import ClaimFilter

    return [row[1] for row in await store.filtered_docs(ClaimFilter(), 100_000)]


def main() -> int:
    try:
        model, load_s = load_offline()
    except ImportError:
        print("bench/embeddings.py needs WordLlama: .venv/bin/pip install wordllama")
        return 0
    import numpy as np
    import other_words

    logging.disable(logging.INFO)  # the store's migrations of the scratch database
    paraphrases, unknowns = other_words.load_questions()
    questions = [q for q in paraphrases + unknowns if q["method"] == "search"]
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update({"BRIEFBOT_DATABASE_PATH": str(Path(tmp) / "embeddings.sqlite3"), "BRIEFBOT_LOG_FILE": "",
                           "BRIEFBOT_LOG_LEVEL": "WARNING"})
        rows, texts = asyncio.run(core_answers(questions))
    ids = sorted(texts)
    index = {claim: i for i, claim in enumerate(ids)}
    claims = model.embed([texts[c] for c in ids], norm=True)
    started = time.perf_counter()
    asked = model.embed([row["query"] for row in rows], norm=True)
    per_question_ms = (time.perf_counter() - started) * 1000 / len(rows)
    similarity = asked @ claims.T

    para = [i for i, row in enumerate(rows) if row["kind"] == "paraphrase"]
    unk = [i for i, row in enumerate(rows) if row["kind"] != "paraphrase"]

    def right(i: int, listed: list[str], k: int) -> bool:
        return any(c in rows[i]["expect"] for c in listed[:k])

    nearest = {i: [ids[j] for j in np.argsort(-similarity[i])[:5]] for i in para}
    lines = [f"# Offline word embeddings (WordLlama l2_supercat 256) on {len(para)} questions in other words and "
             f"{len(unk)} unknowns (/search)", "",
             f"Loaded offline (every connection refused) in {load_s:.2f} s; {len(ids)} claims embedded; "
             f"{per_question_ms:.3f} ms per question.", "",
             "| retrieval | recall@1 | recall@5 |", "|---|---|---|",
             f"| embeddings alone (cosine) | {sum(right(i, nearest[i], 1) for i in para) / len(para):.3f} |"
             f" {sum(right(i, nearest[i], 5) for i in para) / len(para):.3f} |",
             f"| briefbot search core (answers, then close claims) | "
             f"{sum(right(i, rows[i]['listed'], 1) for i in para) / len(para):.3f} |"
             f" {sum(right(i, rows[i]['listed'], 5) for i in para) / len(para):.3f} |", ""]

    def cosine(i: int, claim: str) -> float:
        return float(similarity[i, index[claim]]) if claim in index else 0.0

    lines += ["Second chance for \"nothing found\": of the core's top "
              f"{TOP_BELOW_BAR} claims below the bar, the nearest answers at this cosine (then the close claims)", "",
              "| cosine ≥ | questions in other words gained at recall@1 / @5 | unknowns now answered |", "|---|---|---|"]
    for bar in SECOND_CHANCE:
        gained1 = gained5 = lost = 0
        for i, row in enumerate(rows):
            if row["answers"] or not row["ranked"]:
                continue
            below = row["ranked"][:TOP_BELOW_BAR]
            best = max(below, key=lambda c, i=i: cosine(i, c))
            if cosine(i, best) < bar:
                continue
            if row["kind"] == "paraphrase":
                shown = [best, *(c for c in below if c != best)]
                gained1 += right(i, shown, 1)
                gained5 += right(i, shown, 5)
            else:
                lost += 1
        lines.append(f"| {bar} | +{gained1} / +{gained5} | {lost} of {len(unk)} |")
    lines += ["", "Veto: an answer whose cosine with the question is under the bar is dropped", "",
              "| cosine < | right answers dropped (questions in other words) | unknowns' answers dropped |",
              "|---|---|---|"]
    for bar in VETO:
        dropped = sum(1 for i in para if rows[i]["answers"] and right(i, rows[i]["answers"], 1)
                      and cosine(i, rows[i]["answers"][0]) < bar)
        fixed = sum(1 for i in unk if rows[i]["answers"] and cosine(i, rows[i]["answers"][0]) < bar)
        answered = sum(1 for i in unk if rows[i]["answers"])
        lines.append(f"| {bar} | {dropped} | {fixed} of the {answered} answered |")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
