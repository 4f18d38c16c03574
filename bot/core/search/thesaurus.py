"""General English for a question's words that neither the index nor the lexicon knows: synonyms, and spelling.

The lexicon (data/synonyms.yaml) covers the beat's own vocabulary and is kept tight by hand. A reporter's
question also uses everyday words no claim holds ("was the call genuine?" for a claim that says "sincere").
thesaurus.txt lists every single word WordNet 3.0 knows (77k), 37k of them with the synonyms of their common
senses, built once by scripts/build_thesaurus.py (nothing is downloaded or parsed from WordNet at run time).
The engine asks it only for words the index lacks in every form, so what a claim says in the reader's own words
still ranks first. The same list is the dictionary a slipped word is corrected against when no claim holds it:
"soldeirs" is "soldier", whose synonym "troops" a claim holds. It writes the words WordNet knows only as proper
nouns with their capital ("Ottawa"), so a question's first word is known to be a common word ("Regarding ...")
or a name.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from itertools import chain
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.core.analysis.terms import undoubled

PATH = Path(__file__).with_name("thesaurus.txt")
PLACES_PATH = Path(__file__).with_name("places.txt")  # scripts/build_places.py: WordNet's names of places

_table: dict[str, str] | None = None
_proper: frozenset[str] = frozenset()  # the words WordNet writes only with a capital (Ottawa, Honduras)
_buckets: dict[tuple[int, str], list[str]] | None = None  # the words by length and first letter, for correct()
_undoubled: dict[str, list[str]] | None = None  # the words by their letters written once, for correct()
_lock = threading.Lock()


def table() -> dict[str, str]:
    """word -> its synonyms, space-separated (split when asked: most are never asked). Read once per process."""
    global _table, _proper
    if _table is None:
        with _lock:
            if _table is None:
                loaded: dict[str, str] = {}
                proper: set[str] = set()
                try:
                    text = PATH.read_text(encoding="utf-8")
                except OSError:
                    text = ""  # a trimmed install: questions are answered without it
                for line in text.splitlines():
                    if line and not line.startswith("#"):
                        word, _, others = line.partition("\t")
                        if word[:1].isupper():  # a proper noun only
                            word = word.lower()
                            proper.add(word)
                        loaded[word] = others
                _proper = frozenset(proper)
                _table = loaded
    return _table


def is_common_word(word: str) -> bool:
    """Whether the dictionary holds the word (folded), or what it is a form of, as a common word, not only as a
    name: "ballpark", "regarding" and "notwithstanding" are; "ottawa" and "honduras" are names."""
    known = table()
    return any(form in known and form not in _proper for form in lemmas(word))


_places: frozenset[str] | None = None


def _place_names() -> frozenset[str]:
    global _places
    if _places is None:
        try:
            _places = frozenset(PLACES_PATH.read_text(encoding="utf-8").split())
        except OSError:
            _places = frozenset()  # a trimmed install: only a capital marks a name
    return _places


def is_place_name(word: str) -> bool:
    """Whether a folded word is the name of a place (WordNet's noun.location: "canada", "tijuana") and no common
    English word ("turkey", "china" are): typed in lower case, as in a chat, it is still that name."""
    return len(word) >= 4 and word in _place_names() and not is_common_word(word)


def load() -> None:
    """Read the file and index its words for correct(), ahead of the first question that needs them."""
    _by_length_and_letter()
    _by_undoubled()
    _place_names()


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


def is_word(word: str) -> bool:
    """Whether the dictionary holds the word or what it is a form of ("water", "selling"; not "tarrifs")."""
    known = table()
    return any(lemma in known for lemma in lemmas(word))


def synonyms(word: str) -> list[str]:
    """The synonyms of a word's common senses, most common sense first ([] for a word WordNet lacks)."""
    known = table()
    found: list[str] = []
    for lemma in lemmas(word):
        for other in known.get(lemma, "").split():
            if other != word and other not in found:
                found.append(other)
    return found


def correct(word: str) -> str | None:
    """The dictionary word a slipped word was meant to be ("soldeirs" -> soldier, "dorpped" -> drop, "forntier" ->
    frontier), or None: for a word of five letters or more that is no word, nor a form of one. One slip (two
    neighbouring letters swapped, one letter missing, extra or wrong, a doubled letter on the wrong letter), two
    in a word of eight letters or more; in the word as typed or in its stem. Among equally close words, one with
    the same letters (a swap) is taken."""
    if len(word) < 5 or not word.isalpha() or is_word(word):
        return None
    stems = [stem for stem in lemmas(word) if len(stem) >= 4]  # the word itself first
    # One slip in the word, then a doubled letter on the wrong letter in it or a stem (one slip, though two
    # edits: "tarrif" -> tariff, "ocurred" -> occur), then one slip in a stem ("arerst" -> arrest), then two.
    tries = chain((_closest(stem, 1) for stem in stems[:1]), (_doubling_moved(stem) for stem in stems),
                  (_closest(stem, 1) for stem in stems[1:]), (_closest(stem, 2) for stem in stems if len(stem) >= 8))
    return next((found for found in tries if found), None)


def _closest(stem: str, limit: int) -> str | None:
    # A slip rarely changes the first letter, unless it swaps the first two ("bseides").
    buckets = _by_length_and_letter()
    pool = [w for size in (len(stem) - 1, len(stem), len(stem) + 1) for first in {stem[0], stem[1]}
            for w in buckets.get((size, first), ())]
    found = process.extract(stem, pool, scorer=OSA.distance, score_cutoff=limit, limit=20)
    if not found:
        return None
    closest = min(distance for _, distance, _ in found)
    best = [w for w, distance, _ in found if distance == closest]
    return next((w for w in best if sorted(w) == sorted(stem)), best[0])


def _doubling_moved(stem: str) -> str | None:
    same = _by_undoubled().get(undoubled(stem), ())
    return min(same, key=lambda w: (abs(len(w) - len(stem)), w)) if same else None


def _by_undoubled() -> dict[str, list[str]]:
    global _undoubled
    if _undoubled is None:
        grouped: dict[str, list[str]] = defaultdict(list)
        for known in table():
            if len(known) >= 4 and known.isalpha():
                grouped[undoubled(known)].append(known)
        _undoubled = dict(grouped)
    return _undoubled


def _by_length_and_letter() -> dict[tuple[int, str], list[str]]:
    global _buckets
    if _buckets is None:
        buckets: dict[tuple[int, str], list[str]] = defaultdict(list)
        for known in table():
            buckets[(len(known), known[0])].append(known)
        _buckets = dict(buckets)
    return _buckets
