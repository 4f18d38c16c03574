"""Who a cue belongs to: the subject before the verb, the name after it ("said Trump"), the X of
"according to X", or the agent of a passive ("was criticized by X"); a passive with no agent is nobody's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.extract.cues import Cue
from bot.core.extract.lexicon import AUXILIARY, IRREGULAR_PAST, PASSIVE_AUX
from bot.core.extract.mentions import Mention

_WORDS = re.compile(r"[\w’'-]+")
_APPOSITIVE = re.compile(r"^\s*,[^,;:\"“”]{2,120},\s*(?:who\s+)?(?:(?:has|have|had|also|already|once again)\s+)*$")
_RELATIVE = re.compile(r"^\s*,?\s*(?:who|which|that)\s+$")
_POSSESSIVE = re.compile(r"^(?:’s|'s|’|')")
# "..., said Trump" / "...,” said the minister": inversion follows a comma or a closing quote.
_INVERSION_BEFORE = re.compile(r"[,”\"’»]\s*$")


@dataclass(frozen=True)
class Attribution:
    cue: Cue
    mention: Mention | None  # None: passive with no agent
    how: str  # subject | inverted | according | agent | passive | none (no subject found)


_BE = frozenset("is are was were been being".split())  # before an -ing form (a passive was ruled out first)


def _gap_is_auxiliary(gap: str) -> bool:
    if any(mark in gap for mark in ".;:!?\"“”"):
        return False
    words = [w.lower() for w in _WORDS.findall(gap)]
    return all(w in AUXILIARY or w.endswith("ly") or w in _BE for w in words) and len(words) <= 4


def _passive(flat_text: str, cue: Cue, floor: int) -> bool:
    if cue.word.endswith("ing"):
        return False  # "has been increasing" is progressive: the subject is doing it
    words = [w for w in _WORDS.findall(flat_text[max(floor, cue.start - 40): cue.start])]
    while words and (words[-1].endswith("ly") or words[-1] in ("not", "also", "already", "been")):
        if words[-1] == "been":
            return True
        words.pop()
    return bool(words) and words[-1] in PASSIVE_AUX and cue.word.endswith(("ed", "id", "ld", "en", "ut", "nt"))


def attribute(text: str, flat_text: str, cue: Cue, mentions: list[Mention], floor: int) -> Attribution:
    if cue.kind == "according":
        after = [m for m in mentions if cue.end <= m.start <= cue.end + 60]
        return Attribution(cue, after[0] if after else None, "according" if after else "none")
    if cue.kind == "possessive":
        # "in response to Trump's threat": the owner said it. As a sentence's own subject ("Trump's rhetoric
        # is familiar") the noun is what the article discusses, not a statement it reports.
        # "Kent's statement that ..." reports its content wherever it stands.
        content = re.match(r"\s+that\b", flat_text[cue.end:cue.end + 6]) is not None
        owner = [m for m in mentions if m.end <= cue.start and re.fullmatch(
            r"(?:'s|s'|')?\s+(?:\w+\s+)?", flat_text[m.end:cue.start])
            and (content or _PREPOSITION_BEFORE.search(flat_text[max(floor, m.start - 16):m.start]))]
        return Attribution(cue, owner[-1] if owner else None, "subject" if owner else "none")
    if _passive(flat_text, cue, floor):
        agent = [m for m in mentions if cue.end <= m.start <= cue.end + 40
                 and re.search(r"\bby\s+(?:the\s+)?$", flat_text[cue.end:m.start])]
        return Attribution(cue, agent[0] if agent else None, "agent" if agent else "passive")
    before = [m for m in mentions if m.end <= cue.start and not _POSSESSIVE.match(text[m.end:m.end + 2])
              and not text[m.start:m.end].endswith(("’s", "'s"))]
    for mention in reversed(before):
        gap = text[mention.end:cue.start]
        if _gap_is_auxiliary(gap) or _APPOSITIVE.match(gap) or _RELATIVE.match(gap):
            return Attribution(cue, mention, "subject")
        if len(gap) > 140:
            break
    if cue.kind == "reporting" and cue.word.endswith(("ed", "id", "de", "en", "wn", "nt")):
        # a reduced passive with its agent: "the agreements made public by Minister Ruiz", "figures released by X"
        agent = [m for m in mentions if cue.end <= m.start <= cue.end + 60
                 and re.fullmatch(r"(?:\s+[a-z]+){0,2}\s+by\s+(?:the\s+)?(?:[\w.'-]+\s+){0,3}", flat_text[cue.end:m.start])]
        if agent:
            return Attribution(cue, agent[0], "agent")
    if cue.kind == "reporting" and not cue.word.endswith("ing") and _INVERSION_BEFORE.search(text[max(floor, cue.start - 4):cue.start]):
        after = [m for m in mentions if cue.end <= m.start <= cue.end + 6
                 and not _POSSESSIVE.match(text[m.end:m.end + 2])]
        if after and re.fullmatch(r"\s*(?:the\s*)?", flat_text[cue.end:after[0].start]):
            return Attribution(cue, after[0], "inverted")
    return Attribution(cue, None, "none")


_VERBS = ("reporting", "action")
_PAST = frozenset(IRREGULAR_PAST.values())


def _tense(word: str) -> str:
    """Coordinated verbs share a tense ("declared ..., directed ... and reinstated")."""
    if word.endswith("ed") or word in _PAST:
        return "past"
    return "present" if word.endswith("s") else "other"


_PREPOSITION_BEFORE = re.compile(r"\b(?:to|of|after|by|from|with|despite|amid|over|following|against)\s+$")
_COORDINATION = re.compile(r"^[^.;:!?]{0,150}$")
_ACRONYM = re.compile(r"\b(?:[A-Za-z]\.){2,}")


def share_subjects(text: str, attributions: list[Attribution]) -> list[Attribution]:
    """A verb with no subject of its own, coordinated with one that has ("declared ..., directed ... and
    reinstated ..."), shares that subject. A passive keeps none; a verb with no subject is dropped."""
    out: list[Attribution] = []
    for a in attributions:
        if a.how == "none":
            prev = next((p for p in reversed(out) if p.mention is not None and p.cue.kind in _VERBS), None)
            gap = _ACRONYM.sub("", text[prev.cue.end:a.cue.start]) if prev else ""
            if prev and a.cue.kind in _VERBS and _COORDINATION.match(gap) and re.search(r",|\band\b", gap) \
                    and _tense(a.cue.word) == _tense(prev.cue.word) != "other":
                out.append(Attribution(a.cue, prev.mention, prev.how))
            continue
        out.append(a)
    return out


_COMPOUND_GAP = re.compile(r"^\s*,?\s+(?:and|as well as)\s+(?:the\s+)?$")  # a bare comma is an aside, not a pair


def compound_subjects(text: str, attributions: list[Attribution], mentions: list[Mention]) -> list[Attribution]:
    """"The administration and the Senate have said ...": each subject of a coordinated pair said it."""
    out = list(attributions)
    for a in attributions:
        if a.mention is None or a.how != "subject":
            continue
        for m in reversed([m for m in mentions if m.end <= a.mention.start]):
            if not _COMPOUND_GAP.match(text[m.end:a.mention.start]) or m.speaker.id == a.mention.speaker.id:
                break
            out.append(Attribution(a.cue, m, "subject"))
            break
    return out
