"""Build bot/core/search/pertainyms.txt from Princeton WordNet 3.0 (run by hand; the bot only reads the result).

    python3 scripts/build_pertainyms.py /path/to/wordnet-3.0 > bot/core/search/pertainyms.txt

WordNet's pertainyms: an adjective and the noun it pertains to ("presidential president", "hemispheric
hemisphere", "consular consulate"), one pair per line, single words in lower case. A question's adjective
finds a claim's noun and back, as a looser kin than the word's own forms (forms.derivations): "Washington's
hemispheric primacy" is about the hemisphere. WordNet's files are as in scripts/build_thesaurus.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

PERTAINYM = "\\"


def _synsets(wordnet: Path) -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = {}
    for pos, letter in (("noun", "n"), ("verb", "v"), ("adj", "a"), ("adv", "r")):
        for line in (wordnet / f"data.{pos}").read_text(encoding="latin-1").splitlines():
            if not line.startswith(" "):
                fields = line.split()
                out[(fields[0], letter)] = [fields[4 + 2 * i] for i in range(int(fields[3], 16))]
    return out


def main(wordnet: Path) -> None:
    synsets = _synsets(wordnet)
    pairs: set[tuple[str, str]] = set()
    for line in (wordnet / "data.adj").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split()
        words = [fields[4 + 2 * i] for i in range(int(fields[3], 16))]
        at = 4 + 2 * len(words)
        for k in range(int(fields[at])):
            symbol, offset, pos, source_target = fields[at + 1 + 4 * k: at + 5 + 4 * k]
            source, target = int(source_target[:2], 16), int(source_target[2:], 16)
            if symbol != PERTAINYM or not source or not target:
                continue
            adjective = words[source - 1].split("(")[0]  # "galactic(a)": a marker of position
            noun = synsets[(offset, "a" if pos == "s" else pos)][target - 1]
            if adjective.isalpha() and noun.isalpha() and adjective.islower() and noun.islower() and adjective != noun:
                pairs.add((adjective, noun))
    print("\n".join(f"{adjective} {noun}" for adjective, noun in sorted(pairs)))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
