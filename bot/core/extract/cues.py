"""Reporting verbs, action verbs and "according to": where in a sentence an attribution hangs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.extract.lexicon import (
    ACCORDING,
    ACTION,
    DEED_NOUNS,
    GUARDED_PHRASES,
    REPORTING,
    REPORTING_NOUNS,
    REPORTING_PHRASES,
    SPANISH_REPORTING,
    inflections,
)
from bot.core.extract.names import alternation

_FORMS: dict[str, tuple[str, str]] = {}
for _base in ACTION:
    for _form in inflections(_base):
        _FORMS[_form] = (_base, "action")
for _base in REPORTING:  # a verb on both lists ("declare") reports
    for _form in inflections(_base):
        _FORMS[_form] = (_base, "reporting")

for _form in SPANISH_REPORTING:
    _FORMS.setdefault(_form, ("say", "reporting"))
VERB_FORMS = frozenset(_FORMS)
_WORD = re.compile(r"[a-z]+")
# Only the words that are verb forms, found at C speed (a whole run of letters, as _WORD takes words): most of a
# sentence's words are not, and a Python loop over every word cost more than the rest of this module.
_VERB = re.compile(r"(?<![a-z])(?:" + alternation(_FORMS) + r")(?![a-z])")
# "Mexico should make it clear", "she may argue": advice or conjecture about saying, not a statement made.
_MODAL = re.compile(r"\b(?:should|must|might|may|could|would|will|shall|ought to|needs? to|has to|have to)\s+(?:\w+ly\s+)?(?:also\s+)?$")
_NEGATED = re.compile(r"(?:\bnot|n't|\bnever|\bdeclined to|\brefused to)\s+(?:\w+ly\s+)?$")
_PROGRESSIVE = re.compile(r"\b(?:is|are|was|were|been)\s+(?:(?:\w+ly|also|still|now|already)\s+){0,2}$")
_NOUNS = re.compile(r"(?=['sht])(?:'s|s'|\b(?:his|her|their))\s+(?:(?:renewed|repeated|latest|new|earlier|recent|public)\s+)?(" + "|".join(REPORTING_NOUNS) + r")\b")
# "Blinken's second visit", "after Trump's re-election": a deed named by a noun, its named owner's ("his visit"
# is left alone: a pronoun's owner is a guess, and a wrong actor is worse than none)
_DEEDS = re.compile(r"(?:'s|s')\s+(?:[a-z-]+\s+){0,2}?(" + "|".join(DEED_NOUNS) + r")\b")
DEED = "'s "  # a deed noun's cue base: "'s visit"
# "Kent's planned visit", "ahead of Ruiz's trip": a deed to come, not done
_TO_COME = re.compile(r"\b(?:planned|upcoming|expected|proposed|possible|potential|future|scheduled|"
                      r"anticipated|likely)\b|\bahead of\s+(?:[\w.'-]+\s+){0,4}$")
_UNREALISED = re.compile(r"\b(?:to|will|would|could|may|might|must|should|can|shall)\s+(?:not\s+|also\s+|still\s+)?be\s+"
                         r"(?:\w+ly\s+)?$")
_OWNERS = (" his ", " her ", " their ", " its ", " our ", " my ", " your ", "’s ", "'s ")
_PHRASES = re.compile(r"\b(?:" + "|".join(REPORTING_PHRASES) + r")\b")
_GUARDED = [(key, re.compile(rf"\b{phrase}\b")) for key, phrase in GUARDED_PHRASES]
_ANSWER = frozenset({"respond", "reply", "counter"})
_BY_DOING = re.compile(r"\s+(?:\w+ly\s+)?by\s+[a-z]+ing\b")
_TO_VERB = re.compile(r"\s+to\s+([a-z]+)")
# "pressure from Washington", "attacks on President Biden by the Republican Party"
_FROM = re.compile(r"\b(?=[ptdwca])(pressure|threats?|demands?|warnings?|criticism|attacks?)\s+"
                   r"(?:(?:on|against)\s+(?:[\w.'-]+\s+){1,3}?)?(?:from|by)\b")
_ACCORDING = re.compile(r"\b(?:" + "|".join(ACCORDING) + r")\b")
_FORCED = re.compile(r"\b(?:was|were|is|are|been|being)\s+(?:\w+ly\s+)?(?:forced|compelled|obliged|pressured|pushed|"
                     r"(?:among\s+)?the\s+(?:first|last|only)(?:\s+[\w-]+){0,3}?)\s+to\s+$")
_PREPOSITIONAL = frozenset({"given", "following", "regarding", "concerning", "including", "pending"})
_AUX_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being|has|have|had)\s+(?:\w+ly\s+)?$")
_AGREE_TO = re.compile(r"\s+(?:to|on|with)\s+(?!(?:" + "|".join(sorted({f for b in REPORTING for f in inflections(b)}))
                       + r")\b)")
_ADVOCATE = frozenset({"press", "push"})
_WELCOMED = re.compile(r"\s+(?:the|this|that|a|an|his|her|their|its)\s+(?:[\w-]+\s+){0,2}(?:decision|move|announcement|"
                       r"agreement|deal|news|plan|pause|ruling|proposal|step|talks|offer|statement|measures?|"
                       r"initiative|results?|report|verdict|outcome|ceasefire|truce)\b")
_FOR = re.compile(r"\s+(?:\w+ly\s+)?for\b")
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
        phrases = [(m.start(), m.end()) for m in _PHRASES.finditer(flat_text, start, end)]
        for key, pattern in _GUARDED:
            if flat_text.find(key, start, end) >= 0:
                phrases = sorted(phrases + [(m.start(), m.end()) for m in pattern.finditer(flat_text, start, end)])
        for a, b in phrases:  # the phrase's first word stands for it ("raised" of "raised concerns")
            word = _WORD.match(flat_text, a)
            if _MODAL.search(flat_text[max(start, a - 24):a]):
                continue
            out.append(Cue(a, word.end(), flat_text[a:b], "reporting", word.group()))
        for m in _VERB.finditer(flat_text, start, end):
            if any(a <= m.start() < b for a, b in phrases):
                continue
            base, kind = _FORMS[m.group()]
            if (" " + flat_text[max(start, m.start() - 7):m.start()]).endswith(_OWNERS):
                continue  # "her comments", "Mexico's promises": a noun, not a verb
            if m.group() in _PREPOSITIONAL and not _AUX_BEFORE.search(flat_text, max(start, m.start() - 24), m.start()):
                continue  # "given Trump's threat", "following the vote": prepositions, not verbs
            if kind == "reporting" and (_MODAL.search(flat_text[max(start, m.start() - 24):m.start()])
                                        or _NEGATED.search(flat_text[max(start, m.start() - 30):m.start()])):
                continue  # "did not immediately respond", "declined to comment": nothing was said
            chained = _TO_VERB.match(flat_text, m.end(), end)
            if kind == "action" and chained and _FORMS.get(chained.group(1), ("", ""))[1] == "reporting":
                kind = "reporting"  # "continued to express", "agreed to announce": what they went on to say
            if kind == "reporting" and base in _ANSWER and _BY_DOING.match(flat_text, m.end(), end):
                kind = "action"  # "Mexico responded by introducing a plan": the answer is a deed
            elif kind == "reporting" and base == "agree" and _AGREE_TO.match(flat_text, m.end(), end):
                kind = "action"  # "agreed to the policy", "agreed on a plan": consent is a deed
            elif kind == "action" and base in _ADVOCATE and _FOR.match(flat_text, m.end(), end):
                kind = "reporting"  # "pressed for closer ties", "pushed for a deal": a position stated
            elif kind == "action" and base == "welcome" and _WELCOMED.match(flat_text, m.end(), end):
                kind = "reporting"  # "welcomed the decision" is a reaction stated; "welcomed migrants" a deed
            if kind == "action" and _UNREALISED.search(flat_text, max(start, m.start() - 40), m.start()):
                continue  # "needs to be approved by the Senate", "would be deported": not a deed done
            if kind == "action" and m.group() == base and _FORCED.search(flat_text, max(start, m.start() - 60),
                                                                          m.start()):
                pass  # "was forced to negotiate", "was among the first leaders to congratulate": a deed done
            elif kind == "action" and (m.group() == base or (m.group().endswith("ing") and not _PROGRESSIVE.search(
                    flat_text[max(start, m.start() - 32):m.start()]))):
                continue  # "demanded that Mexico increase", "deploying troops": not a deed done; "is deploying" is
            out.append(Cue(m.start(), m.end(), base, kind, m.group()))
        for m in _NOUNS.finditer(flat_text, start, end):
            out.append(Cue(m.start(1), m.end(1), m.group(1), "possessive", m.group(1)))
        for m in _DEEDS.finditer(flat_text, start, end):
            if _TO_COME.search(flat_text, max(start, m.start() - 50), m.start(1)):
                continue
            out.append(Cue(m.start(1), m.end(1), DEED + m.group(1), "action", m.group(1)))
        for m in _FROM.finditer(flat_text, start, end):  # "under pressure from Washington": Washington's deed
            noun = m.group(1)
            kind = "action" if noun == "pressure" else "reporting"
            out.append(Cue(m.start(1), m.end(), f"{noun.rstrip('s')} from", kind, noun))
        for m in _ACCORDING.finditer(flat_text, start, end):
            out.append(Cue(m.start(), m.end(), "according to", "according", m.group()))
    return sorted(out, key=lambda c: c.start)
