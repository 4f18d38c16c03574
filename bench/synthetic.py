"""Synthetic claim corpora in the export's JSONL format, and corrupted queries with known answers.

The words follow a Zipf law over a real English vocabulary: the beat's own words first (from the content
and the seed articles), then the long tail of English taken from the Python standard library's prose. Names
carry accents (Núñez, Gutiérrez), figures are written the many ways reporters write them. Deterministic for
a given seed and Python installation.
"""

from __future__ import annotations

import itertools
import json
import random
import re
import sysconfig
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOPICS = ["tariffs", "migration-enforcement", "remain-in-mexico", "deportations", "cartels", "migrant-caravans",
          "asylum", "border-crossings", "southern-border", "diplomacy", "region", "public-opinion", "trade"]
FIRST = ["Ana", "Luis", "María", "José", "Carmen", "Jorge", "Lucía", "Andrés", "Sofía", "Ramón", "Elena", "Raúl",
         "Verónica", "Héctor", "Adriana", "Julián", "Mónica", "Iván", "Beatriz", "Óscar", "John", "Mary", "Robert",
         "Linda", "Michael", "Susan", "David", "Karen", "James", "Nancy", "Thomas", "Laura", "Kevin", "Sarah",
         "Brian", "Emily", "Gregory", "Rachel", "Patrick", "Megan", "Ignacio", "Rocío", "Joaquín", "Inés", "Tomás"]
LAST = ["Núñez", "Gutiérrez", "Hernández", "Ramírez", "Sánchez", "Martínez", "Pérez", "González", "Rodríguez",
        "López", "Díaz", "Jiménez", "Álvarez", "Muñoz", "Domínguez", "Vázquez", "Ibáñez", "Cárdenas", "Beltrán",
        "Galván", "Orozco", "Zúñiga", "Peña", "Ávila", "Quiñones", "Montaño", "Treviño", "Villaseñor", "Echeverría",
        "Larraín", "Smith", "Johnson", "Williams", "Brown", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
        "Moore", "Jackson", "Martin", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker", "Hall", "Young",
        "Kowalski", "O'Brien", "McAllister", "Fitzgerald", "Whitaker", "Blackwood", "Hargreaves", "Lindqvist"]
PLACES = ["Tijuana", "Ciudad Juárez", "Nuevo León", "Michoacán", "Querétaro", "Tapachula", "Oaxaca", "Yucatán",
          "Sinaloa", "Chihuahua", "Coahuila", "Tamaulipas", "Mexicali", "San Luis Potosí", "Mazatlán", "Cancún",
          "Veracruz", "Guanajuato", "Hermosillo", "Nogales", "El Paso", "San Diego", "Laredo", "Brownsville",
          "Chiapas", "Tabasco", "Zacatecas", "Puebla", "Morelia", "Mérida", "Acapulco", "Toluca", "Durango"]
VERBS = ["said", "argued", "warned", "announced", "reported", "insisted", "claimed", "told reporters",
         "stated", "noted", "estimated", "promised", "denied", "acknowledged", "pledged", "suggested"]
KINDS = ["direct_quote"] * 35 + ["paraphrase"] * 35 + ["statistic"] * 20 + ["action"] * 10
_WORD = re.compile(r"[A-Za-z][a-z]{2,13}")
_ACCENTS = str.maketrans("áéíóúÁÉÍÓÚñÑüÜ", "aeiouAEIOUnNuU")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.translate(_ACCENTS).lower()).strip("-")


def vocabulary(limit: int = 40_000) -> list[str]:
    """Words ranked by frequency: the beat's words (content, seeds), then English from installed Python prose."""
    domain: Counter[str] = Counter()
    for path in (ROOT / "data" / "claims").glob("*.yaml"):  # our words and the verbatim quotes
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.strip().startswith(("text:", "quote:")):
                domain.update(w.lower() for w in _WORD.findall(line.split(":", 1)[1]))
    for path in (ROOT.parent / "shared" / "seeds").glob("*.txt"):
        domain.update(w.lower() for w in _WORD.findall(path.read_text(encoding="utf-8", errors="replace")))
    general: Counter[str] = Counter()
    paths = sysconfig.get_paths()
    files = sorted(Path(paths["stdlib"]).rglob("*.py")) + sorted(Path(paths["purelib"]).rglob("*.py"))
    for path in files:
        if "test" in path.parts or "tests" in path.parts:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for block in re.findall(r'"""(.*?)"""|#([^\n]*)', text, re.S):
            general.update(w.lower() for w in _WORD.findall(block[0] or block[1]) if w[1:].islower())
    ranked = [w for w, _ in domain.most_common()]
    seen = set(ranked)
    ranked += [w for w, n in general.most_common() if w not in seen and n >= 2]
    return ranked[:limit]


@dataclass
class Corpus:
    path: Path
    size: int
    claims: list[dict]  # only what the queries need: id, speaker, speaker_name, text, quote, figures


class Generator:
    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        words = vocabulary()
        self.words = words
        self.cum = list(itertools.accumulate(1 / (rank + 2.7) ** 1.07 for rank in range(len(words))))
        names = sorted({f"{f} {s}" for f in FIRST for s in LAST})
        self.rng.shuffle(names)
        self.people = [(_slug(n), n) for n in names[:2000]]

    def phrase(self, low: int, high: int) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cum, k=self.rng.randint(low, high))

    def figure(self) -> tuple[str, str]:
        """(as written in the claim, the same figure written another way)."""
        r = self.rng
        n = r.randint(2, 99)
        forms = [
            (f"{n}%", f"{n} percent"), (f"{n} percent", f"{n}%"), (f"${n} million", f"{n} million dollars"),
            (f"{n} billion dollars", f"${n} billion"), (f"${n}.{r.randint(1, 9)} billion", None),
            (f"{r.randint(1, 99)},{r.randint(100, 999)}", None), (f"{n} per cent", f"{n}%"),
        ]
        written, other = r.choice(forms)
        if other is None:
            other = written.replace(",", "")
            if written.startswith("$"):
                other = written[1:] + " dollars"
        return written, other

    def claim(self, index: int, article: dict) -> dict:
        r = self.rng
        speaker_id, speaker_name = r.choice(self.people)
        surname = speaker_name.split(" ", 1)[1]
        kind = r.choice(KINDS)
        body = self.phrase(10, 22)
        if r.random() < 0.35:
            body.insert(r.randint(0, len(body)), r.choice(PLACES))
        if r.random() < 0.2:
            body.insert(r.randint(0, len(body)), r.choice(self.people)[1].split(" ", 1)[1])
        figures, other = [], None
        if kind == "statistic" or r.random() < 0.12:
            written, other = self.figure()
            body.insert(r.randint(0, len(body)), written)
            figures = [written]
        text = f"{surname} {r.choice(VERBS)} " + " ".join(body) + "."
        quote = " ".join(self.phrase(12, 24)).capitalize() + "." if kind == "direct_quote" else None
        year = r.randint(2015, 2025)
        precision = r.choices(["day", "month", "year"], [6, 3, 1])[0]
        said_on = f"{year}" + (f"-{r.randint(1, 12):02d}" if precision != "year" else "")
        if precision == "day":
            said_on += f"-{r.randint(1, 28):02d}"
        start = r.randint(0, 20000)
        return {
            "id": f"syn-{index}", "speaker": speaker_id, "speaker_name": speaker_name, "speaker_kind": "person",
            "speaker_role": None, "kind": kind, "text": text, "quote": quote, "said_on": said_on,
            "said_on_precision": precision, "said_on_basis": r.choice(["explicit", "relative", "publication"]),
            "figures": figures, "topics": r.sample(TOPICS, r.randint(1, 3)), "article": article["article"],
            "span": [start, start + len(quote or text)],
            "appearances": [{**article, "span": [start, start + len(quote or text)]}],
            "_other_figure": other,
        }

    def write(self, path: Path, size: int) -> Corpus:
        """Write `size` claims as JSONL; keep a sample of them in memory for the queries."""
        keep = []
        article = {}
        with path.open("w", encoding="utf-8") as out:
            for index in range(size):
                if index % 10 == 0:
                    title = " ".join(self.phrase(5, 9)).capitalize()
                    year = self.rng.randint(2015, 2025)
                    article = {"article": f"syn-article-{index // 10}", "title": title,
                               "published": f"{year}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}",
                               "published_precision": "day", "outlet": "Synthetic Wire"}
                claim = self.claim(index, article)
                other = claim.pop("_other_figure")
                out.write(json.dumps(claim, ensure_ascii=False) + "\n")
                if self.rng.random() < min(1.0, 20_000 / size):
                    keep.append({k: claim[k] for k in ("id", "speaker", "speaker_name", "text", "quote", "figures")}
                                | {"other_figure": other})
        return Corpus(path, size, keep)


# --- corrupted queries ----------------------------------------------------------------------------------


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    i = rng.randint(1, len(word) - 2)
    op = rng.choice(["swap", "drop", "double", "replace"])
    if op == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if op == "drop":
        return word[:i] + word[i + 1 :]
    if op == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice("aeiourstnl") + word[i + 1 :]


def _fragment(text: str, rng: random.Random, low: int, high: int) -> list[str]:
    tokens = text.rstrip(".").split()
    size = min(len(tokens), rng.randint(low, high))
    start = rng.randint(0, len(tokens) - size)
    return tokens[start : start + size]


def queries(corpus: Corpus, per_kind: int, words_by_frequency: list[str], seed: int = 11) -> list[dict]:
    """{kind, query, method, expect}: expect is a claim id (or a person id for 'person', None for 'unknown')."""
    rng = random.Random(seed)
    claims = corpus.claims
    out: list[dict] = []

    def add(kind: str, method: str, query: str, expect: str | None) -> None:
        out.append({"kind": kind, "method": method, "query": query, "expect": expect})

    pool = rng.sample(claims, min(len(claims), per_kind * 8))
    it = iter(pool)
    for _ in range(per_kind):
        c = next(it)
        add("fragment", "quote", " ".join(_fragment(c["quote"] or c["text"], rng, 5, 8)), c["id"])
    for _ in range(per_kind):
        c = next(it)
        words = _fragment(c["quote"] or c["text"], rng, 6, 9)
        for i in rng.sample(range(len(words)), min(2, len(words))):
            words[i] = _typo(words[i], rng)
        add("typo", "quote", " ".join(words), c["id"])
    accented = [c for c in claims if re.search(r"[áéíóúñü]", c["text"])]
    for c in rng.sample(accented, min(per_kind, len(accented))):
        words = c["text"].rstrip(".").split()
        at = next(i for i, w in enumerate(words) if re.search(r"[áéíóúñü]", w))
        lo = max(0, at - rng.randint(2, 5))
        add("accents", "quote", " ".join(words[lo : lo + 7]).translate(_ACCENTS).lower(), c["id"])
    for _ in range(per_kind):
        c = next(it)
        words = _fragment(c["quote"] or c["text"], rng, 5, 7)
        rng.shuffle(words)
        add("reordered", "quote", " ".join(words), c["id"])
    with_figures = [c for c in claims if c["figures"] and c["other_figure"]]
    for c in rng.sample(with_figures, min(per_kind, len(with_figures))):
        context = [w for w in c["text"].rstrip(".").split()[2:] if len(w) > 6 and not any(ch.isdigit() for ch in w)]
        words = rng.sample(context, min(2, len(context))) + [c["other_figure"]]
        add("figure", "search", " ".join(words), c["id"])
    rank = {w: i for i, w in enumerate(words_by_frequency)}
    for _ in range(per_kind):
        c = next(it)  # the words a reader remembers: the claim's less common ones, in any order
        words = sorted(sorted({w for w in (c["quote"] or c["text"]).rstrip(".").split() if len(w) > 5}),
                       key=lambda w: -rank.get(w.lower(), len(rank)))[:6]  # ties in a fixed order: a seed repeats a run
        add("keywords", "search", " ".join(rng.sample(words, min(4, len(words)))), c["id"])
    for _ in range(per_kind):
        c = next(it)
        surname = c["speaker_name"].split(" ", 1)[1]
        first = c["speaker_name"].split(" ", 1)[0]
        name = f"{first} {_typo(surname, rng) if len(surname) >= 7 else surname}".translate(_ACCENTS)
        add("person", "who", name, c["speaker"])
    for _ in range(per_kind):
        fake = "".join(rng.choice("bcdfgklmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(3, 4)))
        add("unknown", "search", f"{fake.capitalize()} {rng.choice(['tariffs', 'border', 'migrants', 'said'])}", None)
    return out
