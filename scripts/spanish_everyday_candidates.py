"""List the commonest Spanish words the glossaries lack, grouped by lemma, for a person to gloss in English (run
by hand; the bot reads only bot/core/search/spanish_*.txt, never these packages).

    pip install wordfreq==3.1.1 simplemma==2.0.0   # not dependencies of briefbot: this script alone uses them
    python3 scripts/spanish_everyday_candidates.py 25000 > /tmp/candidates.txt        # spanish_everyday.txt
    python3 scripts/spanish_everyday_candidates.py 25000 --english-homographs > ...   # spanish_homographs.txt

The words are the N commonest Spanish word forms of wordfreq (its list is drawn from subtitles, Wikipedia, news,
books and the web: general usage, not our corpus or any question), grouped by simplemma's lemma so that one line
stands for a verb's irregular forms ("pierde" and "perdió" are "perder"; the Snowball stem misses them). Left
out: forms under three letters, small words (analysis.terms.STOPWORDS), months (read as dates), and forms the
glossaries already read (so a longer list adds only what is new). English words are listed apart
(--english-homographs): they are read as Spanish only in a question asked in Spanish.

Each output line is `lemma form form ... |` in order of frequency; the gloss after the bar is one English word
as a claim would write it (an English small word for a Spanish small word: "cada | each"), and proper nouns,
place names, brands, abbreviations and vulgar words are struck out rather than glossed. The lines struck out
come back in a longer list: leave out the forms of the lists already glossed.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import simplemma  # noqa: E402
from wordfreq import top_n_list  # noqa: E402

from bot.core.analysis.terms import STOPWORDS  # noqa: E402
from bot.core.search.filters import MONTHS  # noqa: E402
from bot.core.search.spanish import english, english_in_spanish  # noqa: E402
from bot.core.search.thesaurus import is_word  # noqa: E402

WORD = re.compile(r"[a-záéíóúñü]{3,}")


def fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")


def glossed(form: str) -> bool:
    """Whether the glossaries read the form already (the beat's, everyday Spanish's, the homographs')."""
    return bool(english(form, everyday=True) or english_in_spanish(form))


def main(count: int, english_homographs: bool = False) -> None:
    lemmas: dict[str, list[str]] = {}
    for form in top_n_list("es", count):
        folded = fold(form)
        if (not WORD.fullmatch(form) or folded in STOPWORDS or folded in MONTHS  # a month is a date (filters.py)
                or is_word(folded) != english_homographs or glossed(folded)):
            continue
        lemma = fold(simplemma.lemmatize(form, lang="es").lower())
        forms = lemmas.setdefault(lemma, [])
        if folded not in forms:
            forms.append(folded)
    for lemma, forms in lemmas.items():
        plain = lemma not in STOPWORDS and is_word(lemma) == english_homographs and not glossed(lemma)
        written = [lemma] + [f for f in forms if f != lemma] if plain else forms
        print(" ".join(written) + " |")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000, "--english-homographs" in sys.argv)
