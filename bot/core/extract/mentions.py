"""Who a sentence names: registry aliases, new names with their titles, pronouns and role nouns.

Pronouns and role nouns resolve through the article's own mentions (the last person named, the last
holder of that title); new names are remembered by surname so "de la Fuente" later means the same person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.core.extract.lexicon import (
    GROUP_PRONOUNS,
    NAME_PARTICLES,
    NOT_NAMES,
    PERSON_PRONOUNS,
    ROLE_NOUNS,
    TITLES,
)
from bot.core.extract.model import Speaker
from bot.core.extract.names import Registry, flat, slug

_CAP = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w’'.-]*"
_NAME = re.compile(rf"{_CAP}(?:\s+(?:(?:{'|'.join(NAME_PARTICLES)})\s+)*{_CAP})+")
_TITLE = re.compile(r"(?:(?:[A-Z][\w’']+(?:’s|'s)?\s+)?(?:" + "|".join(
    re.escape(t).replace(r"\ ", r"\s+") for t in sorted(TITLES, key=len, reverse=True)) + r")\s+)+$", re.I)
# Words that make up titles ("Interior Secretary", "Foreign Minister"): stripped off a new name, kept as its role.
TITLE_WORDS = frozenset(w for t in TITLES for w in t.split()) | frozenset(
    "interior economy finance trade defense defence homeland security state deputy acting chief foreign "
    "mexican american us u.s. colombian brazilian guatemalan canadian senior top".split())
# A capitalised name ending in one of these is a document or a place, never a speaker.
THINGS = frozenset(
    "agreement act plan program programme protocols protocol policy law treaty initiative strategy order "
    "border city state states river bridge street avenue hemisphere america day week".split())
_COLLECTIVE = re.compile(r"\b(?:(?P<nation>[A-Z][a-z]+(?:an|ian|ese|ish|i))\s+(?:officials|authorities|administration|"
                         r"government)|[Tt]he\s+(?:government|administration|authorities))\b")
_PRONOUN = re.compile(r"\b(?:he|she|they|it|his|her)\b", re.I)
# "In Brazil, officials demanded ...": officials of the place the sentence opens with.
_PLACED_OFFICIALS = re.compile(r"^\W*(?:\w+,?\s+)?[Ii]n\s+(?P<place>[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?),\s+"
                               r"(?P<who>(?:the\s+)?(?:officials|authorities|the\s+government|lawmakers))\b")
_ROLE_NOUN = re.compile(r"\bthe\s+(?:(?:[A-Z]\w+|former|acting|then|new)\s+)?(" + "|".join(ROLE_NOUNS) + r")\b", re.I)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    speaker: Speaker
    how: str  # name | registry | pronoun | role


@dataclass
class Memory:
    """What the article has said so far, for the next sentence's pronouns and role nouns."""

    last_person: Speaker | None = None
    last_group: Speaker | None = None
    by_surname: dict[str, Speaker] = field(default_factory=dict)
    by_title: dict[str, Speaker] = field(default_factory=dict)
    new: dict[str, Speaker] = field(default_factory=dict)

    def remember(self, speaker: Speaker) -> None:
        if speaker.kind == "person":
            self.last_person = speaker
        else:
            self.last_group = speaker
        if speaker.role:
            for noun in ROLE_NOUNS:
                if noun in speaker.role.lower():
                    self.by_title[noun] = speaker


def _clean_name(name: str) -> tuple[str, str | None]:
    """The name without leading function words, titles and possessive places; and the title it had."""
    name = re.sub(r"(?:’s|'s)$", "", name.strip().rstrip("."))
    words = name.split()
    while words and words[0].lower() in NOT_NAMES:
        words.pop(0)
    title: list[str] = []
    while len(words) > 2 and (words[0].lower() in TITLE_WORDS or re.search(r"(?:’s|'s)$", words[0])):
        word = words.pop(0)
        if not re.search(r"(?:’s|'s)$", word):
            title.append(word)
    return " ".join(words), " ".join(title) or None


class MentionFinder:
    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.memory = Memory()

    def find(self, text: str, flat_text: str, start: int, end: int) -> list[Mention]:
        found: list[Mention] = []
        taken: list[tuple[int, int]] = []
        for match in self.registry.matches(flat_text, start, end):
            found.append(Mention(match.start, match.end, match.speaker, "role" if match.by_role else "registry"))
            taken.append((match.start, match.end))
        for match in _NAME.finditer(text, start, end):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            mention = self._new_name(text, match.start(), match.end())
            if mention:
                found.append(mention)
                taken.append((mention.start, mention.end))
        for match in _ROLE_NOUN.finditer(text, start, end):
            if any(a <= match.start() < b for a, b in taken):
                continue
            holder = self.memory.by_title.get(match.group(1).lower())
            if holder:
                found.append(Mention(match.start(), match.end(), holder, "role"))
        for match in _COLLECTIVE.finditer(text, start, end):
            if any(a <= match.start() < b for a, b in taken):
                continue
            who = self._collective(match)
            if who:
                found.append(Mention(match.start(), match.end(), who, "role"))
                taken.append((match.start(), match.end()))
        placed = _PLACED_OFFICIALS.match(text[start:end])
        if placed and not any(a <= start + placed.start("who") < b for a, b in taken):
            place = placed.group("place")
            who = self.registry.lookup(place) or self.registry.lookup(f"{place} government")
            if who and who.kind == "government":
                found.append(Mention(start + placed.start("who"), start + placed.end("who"), who, "role"))
                taken.append((start + placed.start("who"), start + placed.end("who")))
        for match in _PRONOUN.finditer(text, start, end):
            word = match.group().lower()
            who = self.memory.last_person if word in PERSON_PRONOUNS else (
                self.memory.last_group if word in GROUP_PRONOUNS else None)
            if who:
                found.append(Mention(match.start(), match.end(), who, "pronoun"))
        found.sort(key=lambda m: m.start)
        return found

    def _collective(self, match: re.Match[str]) -> Speaker | None:
        """"Mexican officials" speak for the Mexican government; "the government" for the last one named."""
        nation = match.group("nation")
        if nation:
            return self.registry.lookup(f"{nation} government")
        group = self.memory.last_group
        return group if group and group.kind == "government" else None

    def _new_name(self, text: str, start: int, end: int) -> Mention | None:
        raw = text[start:end]
        name, title = _clean_name(raw)
        if not name:
            return None
        start += raw.find(name)
        words = name.split()
        known = self.registry.lookup(name) or self.memory.new.get(flat(name))
        if known is None and len(words) == 1:
            known = self.memory.by_surname.get(flat(name))
        if known is None:
            if len(words) < 2 or not re.search(r"[a-z]", name) or words[-1].lower() in NOT_NAMES \
                    or words[-1].lower() in THINGS:
                return None
            title_match = _TITLE.search(text[max(0, start - 60):start])
            role = title or (title_match.group().strip() if title_match else None)
            known = Speaker(slug(name), name, "person", role, known=False)
            self.memory.new[flat(name)] = known
            surname = " ".join(w for w in words[1:] if w) if words[1].lower() in NAME_PARTICLES else words[-1]
            self.memory.by_surname[flat(surname)] = known
        return Mention(start, start + len(name), known, "name")
