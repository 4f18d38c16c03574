"""Who a cue belongs to: the subject before the verb, the name after it ("said Trump"), the X of
"according to X", or the agent of a passive ("was criticized by X"); a passive with no agent is nobody's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.extract.cues import DEED, VERB_FORMS, Cue
from bot.core.extract.lexicon import (
    AUXILIARY,
    DEMONYMS,
    IRREGULAR_PAST,
    MONTHS,
    NOT_NAMES,
    PASSIVE_AUX,
    WEEKDAYS,
)
from bot.core.extract.mentions import Mention
from bot.core.extract.model import Speaker
from bot.core.extract.names import slug

_WORDS = re.compile(r"[\w’'-]+")
# one aside or a party tag and an aside ("Rep. X, R-Texas, whose district ..., said")
_APPOSITIVE = re.compile(r"^\s*(?:,\s*[DRI]-[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?,[^,;:\"“”]{2,120},\s*(?:who\s+)?"
                         r"(?:(?:has|have|had|also|already|once again)\s+)*$")
_RELATIVE = re.compile(r"^\s*,?\s*(?:who|which|that)\s+$")
_POSSESSIVE = re.compile(r"^(?:’s|'s|’|')")
# "..., said Trump" / "...,” said the minister": inversion follows a comma or a closing quote.
# "Sheinbaum's office said", "the ministry's spokesman said": they speak for the owner.
_SPOKESMAN = re.compile(r"(?:'s|')\s+(?:press\s+)?(?:office|spokesperson|spokesman|spokeswoman|press secretary|"
                        r"campaign|team|aides?|lawyers?|attorneys?)\b")
_HIS_OFFICE = re.compile(r"\s+(?:press\s+)?(?:office|spokesperson|spokesman|spokeswoman|press secretary|campaign|"
                         r"aides|lawyers?|attorneys?)\b")


def _office(flat_text: str, mention: Mention) -> re.Match[str] | None:
    """"Kent's office said", "his spokesman said": the owner speaks through them."""
    if mention.how == "pronoun":
        if flat_text[mention.start:mention.end] in ("his", "her", "their", "its"):
            return _HIS_OFFICE.match(flat_text, mention.end)
        return None
    return _SPOKESMAN.match(flat_text, mention.end)


_INVERSION_GAP = re.compile(r"\s*(?:(?:the|a|an|one|another)\s+)?(?:[A-Z][\w.’'-]*\s+){0,4}")
_INVERSION_BEFORE = re.compile(r"[,”\"’»]\s*$")
# ... and the name ends the clause ("..., said Trump." / "said the minister, who ..."); "..., said Mexico had
# been ..." is a subject of what was said.
_INVERSION_AFTER = re.compile(r"\s*(?:[,.;:!?)\]”\"’—–-]|$|\s(?:on|in|at|during|after|before|when|while|who|"
                              r"according|last|this|told|to|of|from|earlier|later|monday|tuesday|wednesday|"
                              r"thursday|friday|saturday|sunday|yesterday|today)\b)")


@dataclass(frozen=True)
class Attribution:
    cue: Cue
    mention: Mention | None  # None: passive with no agent
    how: str  # subject | inverted | according | agent | passive | none (no subject found)


_BE = frozenset("is are was were been being".split())  # before an -ing form (a passive was ruled out first)


_WHEN = re.compile(r"\b(?:(?:late|early)\s+)?(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                   r"(?:\s+(?:night|morning|afternoon|evening))?\b|"
                   r"\b(?:last|this|earlier this|later that)\s+(?:week|month|year|night|morning)\b|"
                   r"\b(?:yesterday|today|on\s+[a-z]{3,9}\.?\s+\d{1,2})\b", re.I)


# "people familiar with the talks said", "a person close to the president said": who the source is, not a clause
# ... and "critics of the measure, however, say", "supporters of the plan said": whose critics they are
_FAMILIAR = re.compile(r"^\s+(?:(?:familiar\s+)?with|close to|briefed on|involved in|knowledgeable about|of|with (?:direct )?"
                       r"knowledge of)\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:[\w’'-]+\s+){0,3}[\w’'-]+(?=\s*,|\s+$)")


_FAMILIAR_OPENERS = (" familiar", " with", " close", " briefed", " involved", " knowledgeable", " of ")
_PLACED = re.compile(r"^\s+in\s+(?:[A-Z][\w.’'-]*\s+){1,3}(?=\S|$)")


def _gap_is_auxiliary(gap: str) -> bool:
    gap = _WHEN.sub(" ", gap) if len(gap) < 40 else gap  # "Trump on Monday announced", "Ruiz last week said"
    gap = _TOGETHER.sub(" ", gap)  # "the two leaders both said", "X and Y jointly announced"
    if any(mark in gap for mark in ".;:!?\"“”"):
        return False
    gap = _CONSTRAINED.sub(" ", gap)  # "was forced to negotiate": the subject did it, under constraint
    words = [w.lower() for w in _WORDS.findall(gap)]
    return all(w in AUXILIARY or w.endswith("ly") or w in _BE for w in words) and len(words) <= 4


_TOGETHER = re.compile(r"\b(?:all|both|each|jointly|together)\b", re.I)
# "was forced to negotiate", "was among the first world leaders to congratulate": the subject did it
_CONSTRAINED = re.compile(r"\b(?:was|were|is|are|been|being)\s+(?:\w+ly\s+)?(?:forced|compelled|obliged|pressured|"
                          r"pushed|(?:among\s+)?the\s+(?:first|last|only)(?:\s+[\w-]+){0,3}?)\s+to\s*$", re.I)


_PASSIVE_ADVERBS = frozenset("not also already been just since then later never now first once again still "
                             "since all soon".split())  # "was just dismantled", "were then deported"


def _passive(flat_text: str, cue: Cue, floor: int) -> bool:
    if cue.word.endswith("ing"):
        return False  # "has been increasing" is progressive: the subject is doing it
    words = [w for w in _WORDS.findall(flat_text[max(floor, cue.start - 40): cue.start])]
    while words and (words[-1].endswith("ly") or words[-1] in _PASSIVE_ADVERBS):
        if words[-1] == "been":
            return True
        words.pop()
    return bool(words) and words[-1] in PASSIVE_AUX and cue.word.endswith(("ed", "id", "ld", "en", "ut", "nt"))


def attribute(text: str, flat_text: str, cue: Cue, mentions: list[Mention], floor: int) -> Attribution:
    if cue.base.endswith(" from"):  # "under pressure from X", "threats from X": X's, whatever the sentence's subject
        after = [m for m in mentions if cue.end <= m.start <= cue.end + 16
                 and re.fullmatch(r"\s+(?:the\s+)?", flat_text[cue.end:m.start])
                 and not _POSSESSIVE.match(text[m.end:m.end + 2])  # "pressure from Trump's re-election": not his
                 and not text[m.start:m.end].endswith(("’s", "'s"))]
        return Attribution(cue, after[0] if after else None, "according" if after else "none")
    if cue.base.startswith(DEED):  # "It was Blinken's second visit": the owner did it, whatever the clause
        owner = [m for m in mentions if m.end <= cue.start and re.fullmatch(
            r"(?:'s|s'|')?\s+(?:[\w-]+\s+){0,2}?", flat_text[m.end:cue.start])]
        return Attribution(cue, owner[-1] if owner else None, "subject" if owner else "none")
    if cue.kind == "according":
        after = [m for m in mentions if cue.end <= m.start <= cue.end + 60]
        source = after[0] if after else _one_word_source(text, cue.end)
        return Attribution(cue, source, "according" if source else "none")
    if cue.kind == "possessive":
        # "in response to Trump's threat": the owner said it. As a sentence's own subject ("Trump's rhetoric
        # is familiar") the noun is what the article discusses, not a statement it reports.
        # "Kent's statement that ..." reports its content wherever it stands.
        content = re.match(r"\s+that\b", flat_text[cue.end:cue.end + 6]) is not None
        owner = [m for m in mentions if m.end <= cue.start and re.fullmatch(
            r"(?:'s|s'|')?\s+(?:\w+\s+)?", flat_text[m.end:cue.start])
            and (content or _PREPOSITION_BEFORE.search(flat_text[max(floor, m.start - 60):m.start]))]
        return Attribution(cue, owner[-1] if owner else None, "subject" if owner else "none")
    if _passive(flat_text, cue, floor):
        agent = [m for m in mentions if cue.end <= m.start <= cue.end + 40
                 and re.search(r"\bby\s+(?:the\s+|an?\s+|one\s+)?$", flat_text[cue.end:m.start])]
        return Attribution(cue, agent[0] if agent else None, "agent" if agent else "passive")
    before = [m for m in mentions if m.end <= cue.start and (
        _office(flat_text, m) or (not _POSSESSIVE.match(text[m.end:m.end + 2])
                                  and not text[m.start:m.end].endswith(("’s", "'s"))))]
    for mention in reversed(before):
        office = _office(flat_text, mention)
        gap = text[office.end() if office else mention.end:cue.start]
        if gap.startswith(_FAMILIAR_OPENERS) and (mention.how == "source" or mention.speaker.kind == "group"):
            gap = _FAMILIAR.sub("", gap, count=1)
        elif gap.startswith(" in "):
            gap = _PLACED.sub(" ", gap, count=1)  # "the U.S. Embassy in Mexico City said"  # "officials close to the talks, who ..., said"
        if _gap_is_auxiliary(gap) or _APPOSITIVE.match(gap) or _RELATIVE.match(gap):
            if _object_before(text, flat_text, mention.start, floor):
                continue  # "sending migrants back to Mexico has created ...": Mexico is no subject
            if _describes_name_before(flat_text, mention, before, gap):
                continue  # "Human Rights First, a U.S.-based group, said": the group described spoke
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
        after = [m for m in mentions if cue.end <= m.start <= cue.end + 40
                 and not _POSSESSIVE.match(text[m.end:m.end + 2])]
        # "said the minister", "said Senator Ron Wyden", "said one farmer": an article or a title may stand between;
        # a body inside the title ("said Homeland Security Secretary Diane Carver") yields to the name ending it
        for mention in after:
            if not _INVERSION_GAP.fullmatch(text, cue.end, mention.start):
                break
            if _INVERSION_AFTER.match(flat_text, mention.end):
                return Attribution(cue, mention, "inverted")
    if cue.kind == "reporting" and (acronym := _acronym_subject(text, flat_text, cue, floor)):
        return Attribution(cue, acronym, "subject")
    return Attribution(cue, None, "none")


# "X, a U.S.-based group, said", "X, the state's migrant office, said": the aside describes the name before it
_DESCRIPTOR_BEFORE = re.compile(r",\s+(?:an?|the|one)\s+(?:[\w.’'-]+\s+){0,4}$")


def _describes_name_before(flat_text: str, mention: Mention, before: list[Mention], gap: str) -> bool:
    if gap.strip() != ",":
        return False
    opened = _DESCRIPTOR_BEFORE.search(flat_text, max(0, mention.start - 60), mention.start)
    return opened is not None and any(m.end <= opened.start() and flat_text[m.end:opened.start()].strip() == ""
                                      for m in before)


# A name right after a preposition or a verb is its object ("back to Mexico has created", "grants the
# government expanded tools"), never the subject of the verb that follows it; nor one after "of" ("X, the
# chairman of the Y Committee, said": X said it).
_OBJECT_OF = re.compile(r"\b(?:in|from|to|into|toward|towards|against|with|at|on|for|about|than|between|across|upon|of|"
                        r"aboard|around|near|outside|inside|through|via|behind|beyond|during|amid|among|within|"
                        r"(?P<verb>[a-z]+))\s+(?:the\s+)?$")


def _object_before(text: str, flat_text: str, start: int, floor: int) -> bool:
    m = _OBJECT_OF.search(flat_text, max(floor, start - 24), start)
    if not m:
        return False
    if text[m.start()].isupper():
        return False  # "Secretary of State Marco Rubio": a title word, not a verb or a preposition
    verb = m.group("verb")
    if verb is None and _PARTITIVE.search(flat_text, max(floor, m.start() - 12), m.start() + 3):
        return False  # "one of the officials said": a part of them spoke
    return verb is None or (verb in VERB_FORMS and not verb.endswith("ing") and verb not in _NOT_TRANSITIVE)


_NOT_TRANSITIVE = frozenset({"and", "or"})
_PARTITIVE = re.compile(r"\b(?:one|two|three|some|many|most|several|all|both|each|none|few|any)\s+of\b")
_VERBS = ("reporting", "action")
_PAST = frozenset(IRREGULAR_PAST.values())


def _tense(word: str) -> str:
    """Coordinated verbs share a tense ("declared ..., directed ... and reinstated")."""
    if word.endswith("ed") or word in _PAST:
        return "past"
    return "present" if word.endswith("s") else "other"


# "after Trump's threat", "after the election and his renewed threats": the noun is an object, not the subject.
_PREPOSITION_BEFORE = re.compile(r"\b(?:to|of|after|by|from|with|despite|amid|over|following|against|given|under|"
                                 r"regarding|about|on)\s+"
                                 r"(?:[^,.;:]{0,40}\s+and\s+)?$")
_COORDINATION = re.compile(r"^(?!.*\b(?:which|who|that|whose)\b)[^.;:!?]{0,150}$")  # "visas, which ... and granted"
_PARTICIPLE_GAP = re.compile(r"^(?!.*\b(?:which|who|whose)\b)[^.;:!?]{0,150}$")  # "said that ..., calling it ..."
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
            elif prev and a.cue.kind == "reporting" and a.cue.word.endswith("ing") \
                    and re.search(r",\s*(?:\w+ly\s+)?$", text[max(0, a.cue.start - 16):a.cue.start]) \
                    and _PARTICIPLE_GAP.match(gap):
                # "..., saying it came too late", "..., calling it a sign of respect": the main clause's subject
                out.append(Attribution(a.cue, prev.mention, prev.how))
            continue
        out.append(a)
    return out


# a bare comma is an aside, not a pair; titles may stand between ("X and Canadian Prime Minister Y")
_COMPOUND_GAP = re.compile(r"^\s*,?\s+(?:and|as well as)\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){0,4}$")


def compound_subjects(text: str, attributions: list[Attribution], mentions: list[Mention]) -> list[Attribution]:
    """"The administration and the Senate have said ...": each subject of a coordinated pair said it."""
    out = list(attributions)
    for a in attributions:
        if a.mention is None or a.how != "subject":
            continue
        joined, right = False, a.mention
        for m in reversed([m for m in mentions if m.end <= a.mention.start]):
            gap = text[m.end:right.start]
            # "A, B and C said": once "and" has joined the last two, a bare comma joins the ones before
            if not (_COMPOUND_GAP.match(gap) or (joined and _LIST_GAP.match(gap))) or m.speaker.id == right.speaker.id:
                break
            out.append(Attribution(a.cue, m, "subject"))
            joined, right = True, m
    return out


_LIST_GAP = re.compile(r"^\s*,\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){0,4}$")


# "according to Reuters", "according to the country's steel chamber, Canacero", "a Gallup poll": a source
# named in one capitalised word, which the mention finder leaves alone elsewhere (a lone capital is too often
# a sentence's first word or a place). Only in the phrase the cue opens, before its clause ends.
_ONE_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ][\w&’'-]{2,}(?![\w’'-]|\s+[A-ZÀ-ÖØ-Þ])")
_PHRASE_END = re.compile(r"[.;:!?\n]|,\s+(?!the\b)[a-z]+\s|\s(?:that|which|who|said|says|shows?|showed)\b")
_NOT_SOURCES = NOT_NAMES | DEMONYMS | frozenset(MONTHS) | frozenset(WEEKDAYS)


def _one_word_source(text: str, start: int) -> Mention | None:
    window = text[start:start + 80]
    end = _PHRASE_END.search(window)
    for match in _ONE_WORD.finditer(window, 0, end.start() if end else len(window)):
        name = match.group()
        if name.lower() not in _NOT_SOURCES:
            speaker = Speaker(slug(name), name, "organisation", None, known=False)
            return Mention(start + match.start(), start + match.end(), speaker, "name")
    return None


# "INEGI reported on Wednesday that ...", "..., CBP said.": a body known by its initials, which the mention
# finder leaves alone elsewhere (capitals are too often a treaty or a measure: "USMCA", "GDP"); only as the
# subject right before a reporting verb
_INITIALISM = re.compile(r"(?<![\w.’'-])[A-Z]{3,6}(?![\w.’'-])")


def _acronym_subject(text: str, flat_text: str, cue: Cue, floor: int) -> Mention | None:
    found = list(_INITIALISM.finditer(text, max(floor, cue.start - 40), cue.start))
    if not found:
        return None
    last = found[-1]
    name = last.group()
    gap = text[last.end():cue.start]
    if name.lower() in _NOT_SOURCES or "," in gap or not _gap_is_auxiliary(gap) \
            or _object_before(text, flat_text, last.start(), floor):
        return None
    return Mention(last.start(), last.end(), Speaker(slug(name), name, "organisation", None, known=False), "name")
