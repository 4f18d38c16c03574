"""The synonym lexicon in memory: words and phrases (data/synonyms.yaml) -> the others of their groups.

Built once per content version (SearchEngine.lexicon). A phrase ("hit back", "send back", "crack down") is
found in a question as a run of words whose first word may take any form ("hitting back", "sent back"), and in
a claim as the same run of its terms.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from bot.core.analysis.terms import STOPWORDS
from bot.core.search.forms import IRREGULAR, bases, forms

MAX_PHRASE = 4


class Lexicon(dict[str, tuple[str, ...]]):
    """term or phrase -> the terms and phrases that mean the same; `.heads` finds the phrases in a question."""

    def __init__(self, entries: Iterable[tuple[str, tuple[str, ...]]] = ()) -> None:
        super().__init__(entries)
        heads: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        for key in self:
            if " " in key:
                head, *rest = key.split()
                for form in head_forms(head):
                    heads[form].append((tuple(rest), key))
        for runs in heads.values():
            runs.sort(key=lambda run: -len(run[0]))  # the longest run first
        self.heads = dict(heads)
        self._expanded: dict[str, frozenset[str]] = {}
        # How many claims hold each form of each word of the lexicon (and each word of its phrases), read once
        # per content version (SearchEngine.lexicon): a question's synonyms then cost no read. None: not read.
        self.df: dict[str, int] | None = None

    def every_form(self) -> set[str]:
        """Every form of every word of the lexicon, and every word of its phrases' forms: what `df` counts."""
        out: set[str] = set()
        for key in self:
            for form in phrase_forms(key) if " " in key else forms(key):
                out.update(form.split())
        return out

    def expand(self, word: str) -> frozenset[str]:
        """The synonyms of a word or of its base, each in every form (kept: questions reuse their words); with
        `df` read, only the forms some claim holds."""
        found = self._expanded.get(word)
        if found is None:
            out: set[str] = set()
            for key in bases(word, 3):
                for other in self.get(key, ()):
                    out |= phrase_forms(other) if " " in other else forms(other)
            if self.df is not None:
                df = self.df
                out = {form for form in out if all(df.get(part, 0) for part in form.split())}
            found = self._expanded[word] = frozenset(out)
            if len(self._expanded) > 50_000:
                self._expanded.clear()
        return found

    @classmethod
    def from_groups(cls, groups: Iterable[Iterable[str]]) -> Lexicon:
        related: dict[str, set[str]] = defaultdict(set)
        for members in map(list, groups):
            for term in members:
                related[term].update(m for m in members if m != term)
        return cls((term, tuple(sorted(others))) for term, others in related.items())

    def phrases_in(self, words: list[str]) -> list[tuple[int, int, str]]:
        """(start, end, lexicon phrase) for each run of the words that is a phrase of the lexicon, left to right,
        not overlapping: "they hit back hard" -> [(1, 3, "hit back")]."""
        found: list[tuple[int, int, str]] = []
        i = 0
        while i < len(words):
            for rest, key in self.heads.get(words[i], ()):
                end = i + 1 + len(rest)
                if tuple(words[i + 1 : end]) == rest:
                    found.append((i, end, key))
                    i = end - 1
                    break
            i += 1
        return found


def head_forms(head: str) -> frozenset[str]:
    """The forms of a phrase's first word ("a", "in" or "per" take none; a short irregular verb does: "go it
    alone" -> going it alone, went it alone)."""
    if head in STOPWORDS or (len(head) < 3 and head not in IRREGULAR):
        return frozenset((head,))
    return forms(head)


def phrase_forms(phrase: str) -> frozenset[str]:
    """A phrase with its first word in each form: "send back" -> send back, sends back, sent back, sending back."""
    head, _, rest = phrase.partition(" ")
    return frozenset(f"{form} {rest}" for form in head_forms(head))
