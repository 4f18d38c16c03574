"""Reporting verbs, action verbs and "according to": where in a sentence an attribution hangs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.extract.lexicon import ACCORDING, ACTION, REPORTING, REPORTING_NOUNS, inflections

_FORMS: dict[str, tuple[str, str]] = {}
for _base in ACTION:
    for _form in inflections(_base):
        _FORMS[_form] = (_base, "action")
for _base in REPORTING:  # a verb on both lists ("declare") reports
    for _form in inflections(_base):
        _FORMS[_form] = (_base, "reporting")

_WORD = re.compile(r"[a-z]+")
_PROGRESSIVE = re.compile(r"\b(?:is|are|was|were|been)\s+(?:\w+ly\s+)?$")
_NOUNS = re.compile(r"(?:'s|s')\s+(?:(?:renewed|repeated|latest|new|earlier|recent|public)\s+)?(" + "|".join(REPORTING_NOUNS) + r")\b")
_TO_VERB = re.compile(r"\s+to\s+([a-z]+)")
_ACCORDING = re.compile(r"\b(?:" + "|".join(ACCORDING) + r")\b")
# Verbs that put a short quoted phrase in the speaker's mouth ("what she described as 'very sincere'").
LABELLING = frozenset({"describe", "call", "label", "characterize", "characterise", "term", "dub"})


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    base: str  # the verb's base form, or "according to"
    kind: str  # reporting | action | according | possessive ("Trump's threat")
    word: str  # the form as written ("warns", "said")


def find(flat_text: str, ranges: list[tuple[int, int]]) -> list[Cue]:
    out: list[Cue] = []
    for start, end in ranges:
        for m in _WORD.finditer(flat_text, start, end):
            if m.group() not in _FORMS:
                continue
            base, kind = _FORMS[m.group()]
            chained = _TO_VERB.match(flat_text, m.end(), end)
            if kind == "action" and chained and _FORMS.get(chained.group(1), ("", ""))[1] == "reporting":
                kind = "reporting"  # "continued to express", "agreed to announce": what they went on to say
            if kind == "action" and (m.group() == base or (m.group().endswith("ing") and not _PROGRESSIVE.search(
                    flat_text[max(start, m.start() - 12):m.start()]))):
                continue  # "demanded that Mexico increase", "deploying troops": not a deed done; "is deploying" is
            out.append(Cue(m.start(), m.end(), base, kind, m.group()))
        for m in _NOUNS.finditer(flat_text, start, end):
            out.append(Cue(m.start(1), m.end(1), m.group(1), "possessive", m.group(1)))
        for m in _ACCORDING.finditer(flat_text, start, end):
            out.append(Cue(m.start(), m.end(), "according to", "according", m.group()))
    return sorted(out, key=lambda c: c.start)
