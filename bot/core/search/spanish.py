"""A question written in Spanish, read in English: the beat's Spanish words as the English word a claim would use.

A Mexican reporter asks "¿en cuánto cayeron las detenciones según el canciller?"; the claims are in English. The
glossary (spanish.txt, general news Spanish written by hand, a few hundred words) maps each Spanish word to one
English word; its small words are stop words already (analysis.terms.STOPWORDS), and the lexicon takes the
English word on to its synonyms and forms. A word is read as Spanish only when it is not an English word
(thesaurus) nor a name, and is listed as written or, for a word of six letters or more, by its Snowball stem
(so one listed form stands for its plural and its verb's tenses: "detenciones", "cayeron" as listed,
"calificó" -> "califico" -> calific-). Nothing is read from the network; the file ships with the package.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

import snowballstemmer

from bot.core.analysis.terms import SPANISH_STOPWORDS, STOPWORDS, prepare, words

PATH = Path(__file__).with_name("spanish.txt")
STEMMED = 6  # a word this long or longer may be found by its stem; a shorter one ("bajo", "paso") only as listed
STEM_MIN = 4  # ... and only by a stem this long

_tables: tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]] | None = None
_lock = threading.Lock()
_local = threading.local()  # a Snowball stemmer keeps state between calls: one per thread (lookups run in a pool)


def _stem(word: str) -> str:
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("spanish")
    return stemmer.stemWord(word)


def tables() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """(form -> English words, stem -> English words), read once per process."""
    global _tables
    if _tables is None:
        with _lock:
            if _tables is None:
                exact: dict[str, tuple[str, ...]] = {}
                stems: dict[str, tuple[str, ...]] = {}
                try:
                    text = PATH.read_text(encoding="utf-8")
                except OSError:
                    text = ""  # a trimmed install: Spanish questions are read as typed
                for line in text.splitlines():
                    spanish, bar, english = line.partition("|")
                    if line.startswith("#") or not bar:
                        continue
                    meaning = tuple(words(prepare(english)))
                    for written in spanish.split():  # "trata_de_personas": a phrase, found only as the whole run
                        form = " ".join(words(prepare(written.replace("_", " "))))
                        exact.setdefault(form, meaning)
                        stem = _stem(form)
                        if " " not in form and len(form) >= STEMMED and len(stem) >= STEM_MIN:
                            stems.setdefault(stem, meaning)
                _tables = (exact, stems)
    return _tables


_ENGLISH_STOPWORDS = STOPWORDS - SPANISH_STOPWORDS


def reads_as_spanish(folded_words: list[str]) -> bool:
    """Whether a question's small words are mostly Spanish ("¿el gobierno y el Senado seguían con...?"), not
    English with a Spanish word or name in it ("what did the Senado say about remesas")."""
    spanish = sum(word in SPANISH_STOPWORDS for word in folded_words)
    return spanish >= 2 and spanish > sum(word in _ENGLISH_STOPWORDS for word in folded_words)


@lru_cache(maxsize=1 << 16)  # a question's words recur: stemming each costs ~15 µs
def english(word: str) -> tuple[str, ...]:
    """The English words for a folded Spanish word or phrase of the glossary ("detenciones" -> ("arrests",),
    "trata de personas" -> ("human", "trafficking")), or ()."""
    exact, stems = tables()
    found = exact.get(word)
    if found is None and len(word) >= STEMMED and " " not in word:
        stem = _stem(word)
        if len(stem) >= STEM_MIN:
            found = stems.get(stem)
    return found or ()
