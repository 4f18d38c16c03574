"""Questions in other words for the search benchmark: the hand-written set (bench/questions.yaml), queries made
from claims by putting synonyms in and leaving words out, and questions about real people and topics that
are absent from the corpus (the right answer is nothing).

The generated kinds use data/synonyms.yaml, the lexicon the engine itself reads, so they measure the
machinery (forms, synonyms, dropped words, the acceptance rule), not how complete the lexicon is: the
hand-written questions measure that.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "bench" / "questions.yaml"
SYNONYMS = ROOT / "data" / "synonyms.yaml"
_WORD = re.compile(r"[A-Za-zÀ-ÿ]+(?:['’][a-z]+)?")
_SMALL = frozenset("a an the of to in on at by for and or but with from as is are was were be been it its that this"
                   " these those has have had will would could should may might than then so not no".split())

# Real people, places and subjects that the curated content does not cover (checked against its words): the
# harder unknowns. Each is asked alone or with a word of the beat, which the corpus does hold.
ABSENT = [
    "Justin Trudeau", "Javier Milei", "Nayib Bukele", "Keir Starmer", "Giorgia Meloni", "Nicolás Maduro",
    "Ursula von der Leyen", "Olaf Scholz", "Lula da Silva", "Gabriel Boric", "Xiomara Castro", "Daniel Ortega",
    "Dina Boluarte", "Bernardo Arévalo", "Ismael Zambada", "Ovidio Guzmán", "Genaro García Luna", "Elon Musk",
    "Pemex", "Tesla gigafactory", "dairy quotas", "steel safeguard", "softwood lumber", "avocado inspections",
    "water treaty", "Panama Canal", "Greenland", "Darién Gap", "electric vehicles", "judicial reform",
    "peso exchange rate", "minimum wage", "lithium nationalisation", "Tren Maya", "Dos Bocas refinery",
]
BEAT = ["tariffs", "border", "migrants", "deportation flights", "fentanyl", "asylum", "cartels", "trade",
        "sanctions", "security agreement", "visas", "remittances", "troops", "crackdown"]


def load_questions(path: Path = QUESTIONS) -> tuple[list[dict], list[dict]]:
    """(paraphrases, unknowns), each {query, expect, method, split}: every third of each list is held out, and every
    entry marked `held_out: true`; an entry of a later batch (`batch: N`, written and scored blind before any
    change made for it) is held out in a split of its own, `batch N`, so each batch's blind score stays apart."""
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))

    def split(i: int, item: dict) -> str:
        if item.get("batch"):
            return f"batch {item['batch']}"
        return "held-out" if i % 3 == 2 or item.get("held_out") else "train"

    def entries(items: list[dict], kind: str) -> list[dict]:
        return [{"kind": kind, "method": item.get("ask", "search"), "query": item["q"],
                 "expect": item.get("expect") or None, "split": split(i, item)}
                for i, item in enumerate(items)]

    return entries(data["paraphrases"], "paraphrase"), entries(data["unknowns"], "unknown-hand")


def slipped_queries(questions: list[dict], rng: random.Random) -> list[dict]:
    """Each hand-written question with one slip of the keyboard (two neighbouring letters swapped) in one of its
    longer words, as typed in a hurry: `paraphrase+slip` (same answer) and `unknown+slip` (still nothing)."""
    out = []
    for question in questions:
        long_words = [m for m in re.finditer(r"[A-Za-z]{7,}", question["query"])]
        if not long_words:
            continue
        word = rng.choice(long_words)
        at = rng.randrange(1, len(word.group()) - 2)
        text = word.group()
        slipped = text[:at] + text[at + 1] + text[at] + text[at + 2:]
        query = question["query"][: word.start()] + slipped + question["query"][word.end():]
        kind = "paraphrase+slip" if question["kind"] == "paraphrase" else "unknown+slip"
        out.append({**question, "kind": kind, "query": query, "split": None})
    return out


def load_lexicon(path: Path = SYNONYMS) -> dict[str, list[str]]:
    """word -> the other words and phrases of its groups (lower case, as written in the file)."""
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    out: dict[str, set[str]] = {}
    for group in data["synonyms"]:
        words = [str(w).lower() for w in [*group.get("words", ()), *group.get("phrases", ())]]
        for word in words:
            out.setdefault(word, set()).update(w for w in words if w != word)
    return {word: sorted(others) for word, others in out.items() if others}


def _swap(word: str, lexicon: dict[str, list[str]], rng: random.Random) -> str | None:
    """Another word for `word` (its plural or past kept when the synonym is a plain word), or None."""
    lower = word.lower()
    for base, ending in ((lower, ""), (lower[:-1], "s"), (lower[:-2], "ed"), (lower[:-1], "d")):
        if base in lexicon and len(base) >= 3:
            other = rng.choice(lexicon[base])
            return other + ending if ending and other.isalpha() and not other.endswith(("s", "e")) else other
    return None


def synonym_queries(claims: list[dict], lexicon: dict[str, list[str]], rng: random.Random, n: int,
                    drop: bool) -> list[dict]:
    """Runs of a claim's words with every word the lexicon knows replaced by another of its group (at least
    one); with `drop`, about a third of the other words are left out too (never all of the claim's words)."""
    out: list[dict] = []
    order = list(claims)
    rng.shuffle(order)
    for claim in order:
        if len(out) >= n:
            break
        tokens = _WORD.findall(claim["text"])[2:]  # past "Surname verb"
        if len(tokens) < 6:
            continue
        size = min(len(tokens), rng.randint(7, 10) if drop else rng.randint(5, 7))
        start = rng.randint(0, len(tokens) - size)
        window = tokens[start : start + size]
        swapped = 0
        words: list[str] = []
        for word in window:
            other = _swap(word, lexicon, rng) if word.lower() not in _SMALL else None
            if other is not None:
                words.append(other)
                swapped += 1
            elif drop and (word.lower() in _SMALL or rng.random() < 0.35):
                continue
            else:
                words.append(word)
        kept = [w for w in words if w.lower() not in _SMALL]
        if swapped == 0 or len(kept) < 3:
            continue
        out.append({"kind": "dropped" if drop else "synonyms", "method": "search", "query": " ".join(words),
                    "expect": [claim["id"]]})
    return out


def absent_queries(rng: random.Random, n: int, vocabulary: set[str] | None = None) -> list[dict]:
    """A real name or subject the corpus lacks, alone or with a word the corpus has. `vocabulary`: the
    words a synthetic corpus is made of; a subject with any of them is left out (it may be there by chance)."""
    subjects = [s for s in ABSENT if not vocabulary or not any(w.lower() in vocabulary for w in _WORD.findall(s))]
    out = []
    for _ in range(n):
        subject = rng.choice(subjects)
        extra = rng.sample(BEAT, rng.choice([0, 1, 1]))  # two words of the beat may fairly find a claim
        out.append({"kind": "absent", "method": "search", "query": " ".join([subject, *extra]), "expect": None})
    return out
