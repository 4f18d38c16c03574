"""A question written in Spanish, read in English: the beat's Spanish words as the English word a claim would use.

A Mexican reporter asks "¿en cuánto cayeron las detenciones según el canciller?"; the claims are in English. The
glossary (spanish.txt, general news Spanish written by hand, a few hundred words) maps each Spanish word to one
English word; its small words are stop words already (analysis.terms.STOPWORDS), and the lexicon takes the
English word on to its synonyms and forms. A word is read as Spanish only when it is not an English word
(thesaurus) nor a name, and is listed as written or, for a word of six letters or more, by its Snowball stem
(so one listed form stands for its plural and its verb's tenses: "detenciones", "cayeron" as listed,
"calificó" -> "califico" -> calific-). Nothing is read from the network; the files ship with the package.

Beyond the beat, everyday Spanish (spanish_everyday.txt): the commonest few thousand Spanish word forms of
general usage, grouped by lemma so that a verb's irregular forms are listed with it ("pierde", "perdió" under
"perder"), each glossed by hand with the English word a report would use; its small words ("cada", "aunque")
read as English small words. A question in Spanish is mostly such words ("¿cuánto dinero se pierde por día?"),
and one the glossary lacked was read as a word no claim holds. The beat's glossary is read first: where both
list a form, the beat's sense wins. scripts/spanish_everyday_candidates.py lists the words to gloss.

Chat Spanish (spanish_colloquial.txt, read with the everyday words): Mexican slang of work, money, the border and
crime ("chamba", "la migra", "el otro lado", "broncas"), texting spellings of small words ("q", "xq", "tmb") and the
misspellings chat is typed with ("deportasion", "aranseles"): forms none of the other files lists, written by hand
from general knowledge of colloquial Mexican Spanish, without vulgar words, slurs or forms that are English words.

Some Spanish words are spelt like English ones ("son", "van", "dice", "contra", "pueblo"): an English question
means the English word, a Spanish one the Spanish (spanish_homographs.txt, read only in a question whose small
words are mostly Spanish).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import snowballstemmer

from bot.core.analysis.terms import SPANISH_STOPWORDS, STOPWORDS, prepare, words

PATH = Path(__file__).with_name("spanish.txt")
EVERYDAY_PATH = Path(__file__).with_name("spanish_everyday.txt")
HOMOGRAPHS_PATH = Path(__file__).with_name("spanish_homographs.txt")
COLLOQUIAL_PATH = Path(__file__).with_name("spanish_colloquial.txt")
STEMMED = 6  # a word this long or longer may be found by its stem; a shorter one ("bajo", "paso") only as listed
STEM_MIN = 4  # ... and only by a stem this long

Table = dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Glossary:
    beat: Table  # spanish.txt: form -> English words
    beat_stems: Table  # ... by Snowball stem
    everyday: Table  # spanish_everyday.txt, read in a question asked in Spanish
    everyday_stems: Table
    homographs: Table  # spanish_homographs.txt: forms spelt like English words, only in Spanish, never stemmed


_glossary: Glossary | None = None
_lock = threading.Lock()
_local = threading.local()  # a Snowball stemmer keeps state between calls: one per thread (lookups run in a pool)


def _stem(word: str) -> str:
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("spanish")
    return stemmer.stemWord(word)


def tables() -> Glossary:
    """The glossary, read once per process."""
    global _glossary
    if _glossary is None:
        with _lock:
            if _glossary is None:
                beat, beat_stems = _read(PATH)
                everyday, everyday_stems = _read(EVERYDAY_PATH, COLLOQUIAL_PATH)
                homographs: Table = {}
                for form, meaning in _entries(HOMOGRAPHS_PATH):  # never stemmed: their stems are English too
                    homographs.setdefault(form, meaning)
                _glossary = Glossary(beat, beat_stems, everyday, everyday_stems, homographs)
    return _glossary


def _read(*paths: Path) -> tuple[Table, Table]:
    """Each form of the files and each stem, the first file's sense first where two list the same."""
    exact: Table = {}
    stems: Table = {}
    for form, meaning in _entries(*paths):
        exact.setdefault(form, meaning)
        if " " not in form and len(form) >= STEMMED and len(stem := _stem(form)) >= STEM_MIN:
            stems.setdefault(stem, meaning)
    return exact, stems


def _entries(*paths: Path) -> list[tuple[str, tuple[str, ...]]]:
    """(folded Spanish form, its English words) of each line of the files, in order."""
    out: list[tuple[str, tuple[str, ...]]] = []
    for line in _lines(*paths):
        spanish, bar, english = line.partition("|")
        if line.startswith("#") or not bar:
            continue
        meaning = tuple(words(prepare(english)))
        for written in spanish.split():  # "trata_de_personas": a phrase, found only as the whole run
            out.append((" ".join(words(prepare(written.replace("_", " ")))), meaning))
    return out


def _lines(*paths: Path) -> list[str]:
    out: list[str] = []
    for path in paths:
        try:
            out += path.read_text(encoding="utf-8").splitlines()
        except OSError:
            pass  # a trimmed install: Spanish questions are read as typed
    return out


_ENGLISH_STOPWORDS = STOPWORDS - SPANISH_STOPWORDS
# Small words only Spanish has, and that English text does not borrow ("un" is the UN, "mi" miles, "se" south-east):
# a word spelt like English beside one is Spanish ("solicitudes de asilo", "los gringos").
SMALL_WORDS_ONLY_SPANISH_HAS = frozenset(
    """de del la las los el que y por para con como cuando donde cuanto cuanta cuantos cuantas quien quienes
    sobre segun entre desde hasta hacia tras pero porque muy este esta estos estas ese eso esos esas hay al lo
    le les su sus una en""".split()) & SPANISH_STOPWORDS


def reads_as_spanish(folded_words: list[str]) -> bool:
    """Whether a question's small words are mostly Spanish ("¿el gobierno y el Senado seguían con...?"), not
    English with a Spanish word or name in it ("what did the Senado say about remesas")."""
    spanish = sum(word in SPANISH_STOPWORDS for word in folded_words)
    return spanish >= 2 and spanish > sum(word in _ENGLISH_STOPWORDS for word in folded_words)


@lru_cache(maxsize=1 << 16)  # a question's words recur: stemming each costs ~15 µs
def english(word: str, everyday: bool = False) -> tuple[str, ...]:
    """The English words for a folded Spanish word or phrase of the beat's glossary ("detenciones" ->
    ("arrests",), "trata de personas" -> ("human", "trafficking")), and with `everyday` (a question asked in
    Spanish) of everyday Spanish too ("pierde" -> ("lose",)), or (). A form as listed before any stem."""
    glossary = tables()
    found = glossary.beat.get(word) or (glossary.everyday.get(word) if everyday else None)
    if found is None and len(word) >= STEMMED and " " not in word:
        stem = _stem(word)
        if len(stem) >= STEM_MIN:
            found = glossary.beat_stems.get(stem) or (glossary.everyday_stems.get(stem) if everyday else None)
    if found is None and everyday and " " not in word:
        # a form no file lists, made of one that is: a verb with its pronouns joined on ("pararlos" is parar
        # them, "decirle" decir to him) or a diminutive ("tarjetita" a card, "debajito" under)
        for base in (*_without_pronoun(word), *_undiminished(word)):
            if found := english(base, everyday=True):
                break
    return found or ()


# Pronouns Spanish joins onto an infinitive or a gerund ("pararlos", "diciéndole", "llevárselo"), longest first.
_ENCLITICS = ("selos", "selas", "selo", "sela", "nos", "los", "las", "les", "lo", "la", "le", "se", "me", "te")
_DIMINUTIVE = re.compile(r"(?:(qu)|(gu)|(c)|)it([ao]s?)$")


def _without_pronoun(word: str) -> list[str]:
    """The infinitive or gerund under a verb with a pronoun joined on: "pararlos" -> "parar"."""
    for pronoun in _ENCLITICS:
        base = word[:-len(pronoun)]
        if word.endswith(pronoun) and len(base) >= 4 and (base.endswith(("ar", "er", "ir")) or base.endswith("ndo")):
            return [base]
    return []


def _undiminished(word: str) -> list[str]:
    """The word under its diminutive: "tarjetita" -> "tarjeta", "poquito" -> "poco", "chiquitos" -> "chicos"."""
    found = _DIMINUTIVE.search(word)
    if found is None or len(word) - len(found.group()) < 3:
        return []
    hard = "c" if found.group(1) else "g" if found.group(2) else ""  # "poquito": poco; "amiguito": amigo
    return [word[:found.start()] + hard + found.group(4)]


@lru_cache(maxsize=2)
def phrase_starts(everyday: bool = False) -> frozenset[str]:
    """The first words of the glossary's phrases ("trata" of "trata de personas"; with `everyday`, "otro" of "el
    otro lado" too): only a question holding one may hold a phrase."""
    glossary = tables()
    forms = [*glossary.beat, *(glossary.everyday if everyday else ())]
    return frozenset(form.split()[0] for form in forms if " " in form)


def listed(word: str) -> bool:
    """Whether a glossary lists the folded word as it is written (not only by its stem)."""
    glossary = tables()
    return word in glossary.beat or word in glossary.everyday


def english_in_spanish(word: str) -> tuple[str, ...]:
    """The English words for a Spanish word spelt like an English one ("son" -> ("are",), "dice" -> ("said",),
    "pueblo" -> ("town",)), to be read so only in a question asked in Spanish: as listed, never by stem (an
    English word's Spanish stem means nothing)."""
    glossary = tables()
    return glossary.beat.get(word) or glossary.everyday.get(word) or glossary.homographs.get(word, ())
