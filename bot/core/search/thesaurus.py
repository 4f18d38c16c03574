"""General English synonyms for a question's words that neither the index nor the lexicon knows.

The lexicon (data/synonyms.yaml) covers the beat's own vocabulary and is kept tight by hand. A reporter's
question also uses everyday words no claim holds ("was the call genuine?" for a claim that says "sincere").
thesaurus.txt holds the common senses of about 45,000 English words from WordNet 3.0, built once by
scripts/build_thesaurus.py (nothing is downloaded or parsed from WordNet at run time). The engine asks it
only for words the index lacks in every form, so what a claim says in the reader's own words still ranks first.
"""

from __future__ import annotations

import threading
from pathlib import Path

PATH = Path(__file__).with_name("thesaurus.txt")

_table: dict[str, str] | None = None
_lock = threading.Lock()


def table() -> dict[str, str]:
    """word -> its synonyms, space-separated (split when asked: most are never asked). Read once per process."""
    global _table
    if _table is None:
        with _lock:
            if _table is None:
                loaded: dict[str, str] = {}
                try:
                    text = PATH.read_text(encoding="utf-8")
                except OSError:
                    text = ""  # a trimmed install: questions are answered without it
                for line in text.splitlines():
                    if line and not line.startswith("#"):
                        word, _, others = line.partition("\t")
                        loaded[word] = others
                _table = loaded
    return _table


def lemmas(word: str) -> list[str]:
    """The dictionary forms a word may come from: itself, its singular or base ("agencies" -> agency, "fled"
    is not guessed), a comparative's adjective ("stricter" -> strict, "bigger" -> big)."""
    out = [word]
    if word.endswith("ies") and len(word) > 4:
        out.append(word[:-3] + "y")
    if word.endswith("es") and len(word) > 4:
        out.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        out.append(word[:-1])
    for ending in ("ed", "ing", "er", "est"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            out += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # bigger -> big, stopped -> stop
            if stem.endswith("i"):
                out.append(stem[:-1] + "y")  # happier -> happy, carried -> carry
    return list(dict.fromkeys(out))


def synonyms(word: str) -> list[str]:
    """The synonyms of a word's common senses, most common sense first ([] for a word WordNet lacks)."""
    known = table()
    found: list[str] = []
    for lemma in lemmas(word):
        for other in known.get(lemma, "").split():
            if other != word and other not in found:
                found.append(other)
    return found
