"""The people registry as extraction reads it: aliases and dated role nouns, matched in running text.

Matching runs on a length-preserving fold (lowercase, accents off, curly apostrophes straight), so a
match's offsets are offsets into the text as read.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from bot.core.dates import PartialDate
from bot.core.extract.model import Speaker
from bot.core.models import Person


class _FlatTable(dict):
    """str.translate table filled on demand: one character out for every character in."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0] if code > 127 else char
        lowered = base.lower()
        value = "i" if char == "ı" else (lowered[0] if lowered else base)
        self[code] = value
        return value


_FLAT = _FlatTable({ord(k): v for k, v in {"’": "'", "‘": "'", "‐": "-", "–": "-", "—": "-", "\u00a0": " "}.items()})


def flat(text: str) -> str:
    """Lowercase, accents off, curly apostrophes straight, and offsets unchanged (one char for one)."""
    return text.translate(_FLAT)


def alternation(words: Iterable[str]) -> str:
    """A regular expression for any of ``words``, factored by shared prefixes ("adviser|advisers|advocate" ->
    "adv(?:isers?|ocate)"-like): the engine tries one branch per letter, not every word in turn."""
    by_first: dict[str, list[str]] = {}
    for word in words:
        by_first.setdefault(word[:1], []).append(word[1:])
    parts = []
    for first, rests in sorted(by_first.items()):
        if first == "":
            continue
        longer = [r for r in rests if r]
        optional = "?" if "" in rests else ""
        if not longer:
            parts.append(re.escape(first))
        elif len(longer) == 1:
            parts.append(f"{re.escape(first)}(?:{re.escape(longer[0])}){optional}")
        else:
            parts.append(f"{re.escape(first)}(?:{alternation(longer)}){optional}")
    return "|".join(parts)


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", flat(name)).strip("-")[:60] or "unknown"


@dataclass(frozen=True)
class RegistryMatch:
    start: int
    end: int
    speaker: Speaker
    by_role: bool  # matched a dated role noun ("the foreign minister"), not a name


def _active(start: PartialDate | None, end: PartialDate | None, on: PartialDate) -> bool:
    return (start is None or not on.before(start)) and (end is None or not on.after(end))


_HEAD = re.compile(r"\w+|.", re.S)  # an alias's first word (or its first mark)
_QUOTED_TITLE = re.compile(r"[\u201c\"\u00ab]([^\u201d\"\u00bb]{3,})[\u201d\"\u00bb]")


def _title_key(title: str) -> str:
    return re.sub(r"\W+", " ", flat(title).lower()).strip()


class Registry:
    """Aliases of every known speaker, and the role nouns that meant someone on the publication date."""

    def __init__(self, people: Iterable[Person], as_of: PartialDate) -> None:
        self._speakers: dict[str, Speaker] = {}
        self._pieces: dict[str, str] = {}  # a quoted title in a non-person's name ("Unsigned analysis “X”") -> id
        targets: dict[str, tuple[str, bool]] = {}
        for person in people:
            role = next((r.title for r in reversed(person.roles) if _active(r.start, r.end, as_of)), None)
            self._speakers[person.id] = Speaker(person.id, person.name, person.kind, role)
            if person.kind != "person":
                for quoted in _QUOTED_TITLE.findall(person.name):
                    self._pieces.setdefault(_title_key(quoted), person.id)
            for alias in (person.name, *person.aliases):
                key = flat(alias).strip()
                if len(key) >= 2 and key not in targets:
                    targets[key] = (person.id, False)
            for role_alias in person.role_aliases:
                if _active(role_alias.start, role_alias.end, as_of):
                    targets[flat(role_alias.alias).strip()] = (person.id, True)
        self._targets = targets
        # Aliases indexed by their first word, longest first: at each word start only the few that could begin
        # there are tried (one alternation of every alias is far slower on a long registry).
        by_head: dict[str, list[str]] = {}
        for key in sorted(targets, key=len, reverse=True):
            by_head.setdefault(_HEAD.match(key).group(), []).append(key)
        self._by_head = {head: re.compile("(?:" + "|".join(re.escape(k) for k in keys) + r")(?![\w-])")
                         for head, keys in by_head.items()}
        heads = sorted({k[0] for k in targets if not re.match(r"\w", k[0])})
        marks = "|[" + "".join(re.escape(h) for h in heads) + "]" if heads else ""
        self._starts = re.compile(r"(?<![\w'-])(?:\w+" + marks + ")")

    def speaker(self, person_id: str) -> Speaker | None:
        return self._speakers.get(person_id)

    def lookup(self, name: str) -> Speaker | None:
        found = self._targets.get(flat(name).strip())
        return self._speakers[found[0]] if found else None

    def piece(self, title: str) -> Speaker | None:
        """The registry's entry for an unsigned article itself: a name quoting its title, or the title's head
        before a colon or dash ("Trump's first week: what ..." is quoted as “Trump's first week”)."""
        head = re.split(r"\s*(?::|\s[-\u2013\u2014]\s)\s*", title, maxsplit=1)[0]
        for candidate in (title, head):
            found = self._pieces.get(_title_key(candidate))
            if found:
                return self._speakers[found]
        return None

    def matches(self, flat_text: str, start: int = 0, end: int | None = None) -> list[RegistryMatch]:
        """Every alias in flat_text[start:end], leftmost-longest, not overlapping, at word boundaries."""
        out: list[RegistryMatch] = []
        if not self._by_head:
            return out
        end = len(flat_text) if end is None else end
        cursor = start
        for m in self._starts.finditer(flat_text, start, end):
            at = m.start()
            if at < cursor:
                continue
            pattern = self._by_head.get(m.group())
            found = pattern.match(flat_text, at, end) if pattern else None
            if found:
                person_id, by_role = self._targets[found.group()]
                out.append(RegistryMatch(at, found.end(), self._speakers[person_id], by_role))
                cursor = found.end()
        return out
