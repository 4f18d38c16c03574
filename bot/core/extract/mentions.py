"""Who a sentence names: registry aliases, new names with their titles, pronouns and role nouns.

Pronouns and role nouns resolve through the article's own mentions (the last person named, the last
holder of that title); new names are remembered by surname so "de la Fuente" later means the same person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.core.extract.lexicon import (
    DEMONYMS,
    GOVERNMENT_SOURCES,
    GROUP_PRONOUNS,
    NAME_PARTICLES,
    NOT_NAMES,
    ORGANISATION_HEADS,
    PERSON_PRONOUNS,
    ROLE_NOUNS,
    SOURCE_MODIFIERS,
    SOURCE_NOUNS,
    TITLES,
)
from bot.core.extract.model import Speaker
from bot.core.extract.names import Registry, alternation, flat, slug

_CAP = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w’'.-]*"
# "and" joins two capitalised halves of one body's name when what follows it ends the name with an organisation
# word ("Ways and Means Committee", "Customs and Border Protection")
_AND_BODY = re.compile(rf" and (?:{_CAP}\s+){{0,2}}{_CAP}")
_NAME = re.compile(rf"{_CAP}(?:\s+(?:(?:{'|'.join(NAME_PARTICLES)})\s+)*{_CAP})+")
_TITLE = re.compile(r"(?:(?:[A-Z][\w’']+(?:’s|'s)?\s+)?(?:" + "|".join(
    re.escape(t).replace(r"\ ", r"\s+") for t in sorted(TITLES, key=len, reverse=True)) + r")\s+)+$", re.I)
_TITLE_ENDS = frozenset(t.split()[-1].lower() for t in TITLES)
# Words that make up titles ("Interior Secretary", "Foreign Minister"): stripped off a new name, kept as its role.
TITLE_WORDS = frozenset(w for t in TITLES for w in t.split()) | frozenset(
    "interior economy finance trade defense defence homeland security state deputy acting chief foreign "
    "mexican american us u.s. colombian brazilian guatemalan canadian senior top".split())
# A capitalised name ending in one of these is a document or a place, never a speaker.
THINGS = frozenset(
    "agreement act plan program programme protocols protocol policy law treaty initiative strategy order "
    "border city state states river bridge street avenue hemisphere america day week".split())
_NATION = re.compile(r"[A-Z][a-z]+(?:an|ian|ese|ish|i)")
_COLLECTIVE = re.compile(r"\b(?:(?P<nation>[A-Z][a-z]+(?:an|ian|ese|ish|i))\s+(?:officials|authorities|administration|"
                         r"government)|[Tt]he\s+(?:government|administration|authorities))\b")
_COLLECTIVE_WORDS = ("officials", "authorities", "administration", "government")
_POSSESSIVE_HER = re.compile(r"\s+(?!(?:to|that|the|a|an|in|on|at|with|for|of|and|or|as|by|from|about|into|"
                             r"over|after|before|if|when|was|is|had|has|would|will)\b)[a-z]")
_PLURALS = frozenset(SOURCE_NOUNS.values())
# matched on the folded (lowercase) text: a case-blind alternation is several times slower
_SOURCE = re.compile(r"\b(" + alternation({*SOURCE_NOUNS, *_PLURALS}) + r")\b")
_AND_PLURAL = re.compile(r"\s+and\s+([a-z]+)\b")
_DETERMINERS = frozenset("a an one another the some many several other most few two three four".split())
_SOURCE_PLACE = re.compile(r"\s+(?:in|from|of|at)\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2}")
# Institutions named without their country ("the Senate", "the Foreign Ministry"), resolved through the
# government the sentence or the article is about.
_INSTITUTION = re.compile(r"the\s+((?:senate|congress|parliament|supreme court|foreign ministry|interior ministry|"
                          r"defense ministry|finance ministry|economy ministry|foreign office|chamber of deputies|"
                          r"house of representatives|central bank|treasury|army|navy|national guard|embassy|cabinet))\b")
# A country's body named in lowercase ("Mexico's defense ministry", "the country's central bank" is left alone).
# found from the possessive (a search that opens on a capital letter tries every capital in the text)
_OWNED_BODY = re.compile(r"(?<=[\w.])(?:’s|'s)\s+(?P<body>(?:[a-z-]+\s+){0,2}?"
                         r"(?:ministry|department|secretariat|agency|cabinet|embassy|central bank|army|navy|chamber|"
                         r"association|council|federation|confederation|union|institute|commission|regulator|"
                         r"military|armed forces|(?:attorney general|prosecutor)(?:’s|'s) office))\b")
_OWNER = re.compile(r"(?<![\w.’'-])(?:[A-Z][\w.]+\s+)?[A-Z][\w.]+$")
_OF_NAME = re.compile(rf"\s+of\s+(?:the\s+)?{_CAP}(?:\s+(?:and\s+)?{_CAP})*")
_HEAD_OF = re.compile(r"(?<![\w.’'-])(?:[A-Z][\w’'-]*\s+){0,3}(?P<head>[A-Z][a-z]+)\s+of\s+(?:the\s+)?$")
_AGED = re.compile(r"\bthe\s+\d{2,3}-year-old(?:\s+(?!(?:who|said|says|had|has|was|is)\b)[a-z]+)?\b")
_DESCRIPTION = re.compile(r"\b(?:a|an)\s+$")
_PARTISANS = frozenset("republican republicans democrat democrats conservative conservatives liberal liberals".split())
_BODY_HEADS = frozenset("ministry department agency embassy secretariat commission bureau institute".split())
# the last words of a public body's name that "the agency" may stand for ("Customs and Border Protection")
_PUBLIC_BODY_ENDS = frozenset("protection patrol service administration enforcement guard bureau department "
                              "institute commission secretariat ministry agency office".split())
_THE_BODY = re.compile(r"the\s+(" + "|".join(sorted(_BODY_HEADS)) + r")\b")
_WORD_BEFORE = re.compile(r"[\w'-]")


def _inside_word(flat_text: str, at: int) -> bool:
    """A match of a "the ..." pattern that starts inside a word ("breathe the ...") is none."""
    return at > 0 and _WORD_BEFORE.match(flat_text, at - 1) is not None
# a capitalised word, or a particle surname ("de la Fuente"), as the memory of new names keys them
_SURNAME = re.compile(rf"(?<![\w’'-])(?:(?:{'|'.join(NAME_PARTICLES)})\s+)*[A-ZÀ-ÖØ-ÞĀ-Ž][\w-]*(?:['’][A-Z]\w*)?")
_LED = re.compile(r"\s+(administration|government)\b")
_PRONOUN = re.compile(r"\b(?=[hist])(?:he|she|they|it|his|her)\b")  # on the folded text
# "In Brazil, officials demanded ...": officials of the place the sentence opens with.
_PLACED_OFFICIALS = re.compile(r"^\W*(?:\w+,?\s+)?[Ii]n\s+(?P<place>[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?),\s+"
                               r"(?P<who>(?:the\s+)?(?:officials|authorities|the\s+government|lawmakers))\b")
# matched on the folded text with a literal head ("the"), which the regex engine finds fast; a word boundary
# before it is checked by hand
_ROLE_NOUN = re.compile(r"the\s+(?:[\w-]+\s+)?(" + "|".join(ROLE_NOUNS) + r")\b")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    speaker: Speaker
    how: str  # name | registry | pronoun | role | source (an unnamed source: "officials", "a senior aide")


@dataclass
class Memory:
    """What the article has said so far, for the next sentence's pronouns and role nouns."""

    last_person: Speaker | None = None
    last_group: Speaker | None = None
    by_surname: dict[str, Speaker] = field(default_factory=dict)
    by_title: dict[str, Speaker] = field(default_factory=dict)
    by_head: dict[str, Speaker] = field(default_factory=dict)  # "ministry": the body last named so
    new: dict[str, Speaker] = field(default_factory=dict)

    subject_group: Speaker | None = None  # the body the last sentence opened with ("Mexico said ... It added")
    recent: list[Speaker] = field(default_factory=list)  # the last few persons named, oldest first
    genders: dict[str, str] = field(default_factory=dict)  # learnt from the pronouns that pointed at them

    def person_for(self, pronoun: str) -> Speaker | None:
        """"she": the latest person not known to be "he" (a pronoun that pointed at them taught it)."""
        gender = PERSON_PRONOUNS[pronoun]
        for speaker in reversed(self.recent):
            if self.genders.get(speaker.id, gender) == gender:
                return speaker
        return self.last_person

    def learn(self, speaker: Speaker, pronoun: str) -> None:
        if speaker.kind == "person" and pronoun in PERSON_PRONOUNS:
            self.genders.setdefault(speaker.id, PERSON_PRONOUNS[pronoun])

    def remember(self, speaker: Speaker) -> None:
        if speaker.kind == "person":
            self.last_person = speaker
            self.recent = [s for s in self.recent if s.id != speaker.id][-3:] + [speaker]
        else:
            self.last_group = speaker
            if _public_body(speaker):
                self.by_head["agency"] = speaker  # "CBP said ...", then "according to the agency"
        if speaker.role:
            for noun in ROLE_NOUNS:
                if noun in speaker.role.lower():
                    self.by_title[noun] = speaker


def _public_body(speaker: Speaker) -> bool:
    """A body "the agency" may stand for: an agency, a name ending like one, or one known by its initials."""
    if speaker.kind != "organisation":
        return speaker.kind == "agency"
    return speaker.name.rsplit(None, 1)[-1].lower() in _PUBLIC_BODY_ENDS or speaker.name.isupper()


def _title_before(text: str, start: int, end: int) -> str:
    """The words before a name where its title may end: also a title set off by commas with the name
    ("Mexico's Security Secretary, Omar García Harfuch, said"), so "the secretary" later is that name."""
    before = text[max(0, start - 60):start]
    if before.endswith(", ") and text[end:end + 1] == ",":
        return before[:-2] + " "
    return before


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
    # "Texas Governor Greg Abbott", "Commerce Secretary Howard Lutnick": everything up to the last title noun
    heads = [i for i, w in enumerate(words[:-2]) if w.lower() in _HEAD_TITLES]
    if heads:
        title += [w for w in words[:heads[-1] + 1] if not re.search(r"(?:’s|'s)$", w)]
        words = words[heads[-1] + 1:]
    return " ".join(words), " ".join(title) or None


_HEAD_TITLES = frozenset(t for t in TITLES if " " not in t) - {"former", "official", "officials", "then-president",
                                                             "candidate", "nominee", "analyst", "economist"}


class MentionFinder:
    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.memory = Memory()

    def find(self, text: str, flat_text: str, start: int, end: int) -> list[Mention]:
        found: list[Mention] = []
        taken: list[tuple[int, int]] = []
        for match in self.registry.matches(flat_text, start, end):
            led = _LED.match(flat_text, match.end) if match.speaker.kind == "person" else None
            if led:  # "the Joe Biden administration": the government that person led, when the registry dates it
                name = text[match.start:match.end].split()
                who = self.registry.lookup(f"the {' '.join(name)} {led.group(1)}") or self.registry.lookup(
                    f"the {name[-1]} {led.group(1)}")
                if who is not None:
                    found.append(Mention(match.start, led.end(), who, "role"))
                    taken.append((match.start, led.end()))
                    continue
            head = _HEAD_OF.search(text, max(start, match.start - 40), match.start) \
                if match.speaker.kind == "government" and flat_text.endswith(("of ", "of the "), start, match.start) \
                else None
            if head and head.group("head").lower() in ORGANISATION_HEADS:
                # "the Bank of Mexico", "the Attorney General's Office of Mexico": the body, not the government
                mention = self._body(text[head.start():match.end], head.start())
                found.append(mention)
                taken.append((mention.start, mention.end))
                continue
            found.append(Mention(match.start, match.end, match.speaker, "role" if match.by_role else "registry"))
            taken.append((match.start, match.end))
        owned = text.find("’s", start, end) >= 0 or text.find("'s", start, end) >= 0
        for match in _OWNED_BODY.finditer(text, start, end) if owned else ():
            # "Mexico's defense ministry said": the body, not the country; the registry's entry when it has one
            owner = _OWNER.search(text, max(start, match.start() - 40), match.start())
            if owner is None:
                continue
            nation, body, first = owner.group(), match.group("body"), owner.start()
            who = next((w for form in (f"{nation}'s {body}", f"{nation} {body}") if (w := self.registry.lookup(form))),
                       None) or self.memory.new.get(flat(f"{nation}'s {body}"))
            if who is None:
                name = f"{nation}'s {body}"
                who = Speaker(slug(name), name, "organisation", None, known=False)
                self.memory.new[flat(name)] = who
            inner = [i for i, m in enumerate(found) if first <= m.start < match.end()]
            for i in reversed(inner):
                del found[i], taken[i]
            found.append(Mention(first, match.end(), who, "name"))
            taken.append((first, match.end()))
        for match in _NAME.finditer(text, start, end):
            first, last = match.start(), match.end()
            if text.startswith(" and ", last) and (joined := _AND_BODY.match(text, last, end)) \
                    and joined.group().rsplit(None, 1)[-1].lower() in ORGANISATION_HEADS:
                last = joined.end()  # "the Ways and Means Committee", "Customs and Border Protection": one body
                inner = [i for i, (a, b) in enumerate(taken) if a < last and first < b]
                for i in reversed(inner):  # "U.S. Customs and Border Protection": the country is part of the name
                    del found[i], taken[i]
                mention = self._new_name(text, first, last)
                if mention:
                    found.append(mention)
                    taken.append((mention.start, mention.end))
                continue
            overlapping = [b for a, b in taken if a < last and first < b]
            if overlapping:  # "U.S. Commerce Secretary Howard Lutnick": the name after the known "U.S."
                tail = _NAME.search(text, max(overlapping), last)
                if tail is None and max(overlapping) < last and text[max(overlapping):last].strip().lower() \
                        in ORGANISATION_HEADS and text[max(overlapping):last].strip()[0].isupper():
                    # "the U.S. Embassy", "the Mexican Army": the country's body, one word after the country
                    lead = re.match(r"(?:[Tt]he\s+)?", text[first:last]).end()
                    of = _OF_NAME.match(text, last, end)  # "the U.S. Department of Agriculture"
                    last = of.end() if of else last
                    mention = self._body(text[first + lead:last].strip(), first + lead)
                    inner = [i for i, m in enumerate(found) if first <= m.start < last]
                    for i in reversed(inner):
                        del found[i], taken[i]
                    found.append(mention)
                    taken.append((mention.start, mention.end))
                    continue
                if tail is None or any(a < tail.end() and tail.start() < b for a, b in taken):
                    continue
                if tail.group().split()[-1].lower() in ORGANISATION_HEADS and self.registry.lookup(
                        text[first:tail.start()].strip()) is not None:
                    # "the U.S. Census Bureau" is one body, not the U.S. government: the whole name stands
                    inner = [i for i, m in enumerate(found) if first <= m.start and m.end <= tail.start()]
                    for i in reversed(inner):
                        del found[i], taken[i]
                else:
                    first = tail.start()
                last = tail.end()
            mention = self._new_name(text, first, last)
            if mention:
                found.append(mention)
                taken.append((mention.start, mention.end))
        if self.memory.by_surname:  # "Ebrard told reporters", "de la Fuente said": a surname met before
            for match in _SURNAME.finditer(text, start, end):
                at, stop = match.start(), match.end()
                who = self.memory.by_surname.get(flat_text[at:stop])
                if who is not None and not any(a < stop and at < b for a, b in taken):
                    found.append(Mention(at, stop, who, "name"))
                    taken.append((at, stop))
        for match in _THE_BODY.finditer(flat_text, start, end) if self.memory.by_head else ():
            # "The ministry said": the body last named with that word ("Mexico's foreign ministry ...")
            if any(a < match.end() and match.start() < b for a, b in taken) or _inside_word(flat_text, match.start()):
                continue
            holder = self.memory.by_head.get(match.group(1))
            if holder:
                found.append(Mention(match.start(), match.end(), holder, "role"))
                taken.append((match.start(), match.end()))
        for match in _AGED.finditer(flat_text, start, end) if flat_text.find("-year-old", start, end) >= 0 else ():
            # "the 62-year-old leader said": the person the article has just been about
            if self.memory.last_person and not any(a < match.end() and match.start() < b for a, b in taken):
                found.append(Mention(match.start(), match.end(), self.memory.last_person, "pronoun"))
                taken.append((match.start(), match.end()))
        for match in _ROLE_NOUN.finditer(flat_text, start, end):
            if any(a <= match.start() < b for a, b in taken) or _inside_word(flat_text, match.start()):
                continue
            holder = self.memory.by_title.get(match.group(1).lower())
            if holder:
                found.append(Mention(match.start(), match.end(), holder, "role"))
        collective = any(flat_text.find(word, start, end) >= 0 for word in _COLLECTIVE_WORDS)
        for match in _COLLECTIVE.finditer(text, start, end) if collective else ():  # most sentences have none
            if any(a <= match.start() < b for a, b in taken):
                continue
            who = self._collective(match)
            if who:
                found.append(Mention(match.start(), match.end(), who, "role"))
                taken.append((match.start(), match.end()))
        for match in _INSTITUTION.finditer(flat_text, start, end):
            if any(a < match.end() and match.start() < b for a, b in taken) or not text[match.start(1)].isupper() \
                    or _inside_word(flat_text, match.start()):
                continue  # "the Senate", not "the army of volunteers"
            who = self._institution(text[match.start(1):match.end(1)], [m for m in found if m.end <= match.start()])
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
        for match in _SOURCE.finditer(flat_text, start, end):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            mention = self._source(text, match, found, start)
            if mention:
                found.append(mention)
                taken.append((mention.start, mention.end))
        named = sorted(found, key=lambda m: m.start)
        for match in _PRONOUN.finditer(flat_text, start, end):
            word = match.group().lower()
            sure = word in PERSON_PRONOUNS and len({p.id for p in self.memory.recent}) == 1
            who = self.memory.person_for(word) if word in PERSON_PRONOUNS else (
                self.memory.last_group if word in GROUP_PRONOUNS else None)
            if word == "his" or (word == "her" and _POSSESSIVE_HER.match(text, match.end())):
                # "after Trump's re-election and his threats": a possessive after a person named in the sentence
                here = [m for m in named if m.end <= match.start() and m.speaker.kind == "person"
                        and self.memory.genders.get(m.speaker.id, PERSON_PRONOUNS[word]) == PERSON_PRONOUNS[word]]
                who, sure = (here[-1].speaker, True) if here else (who, sure)
            elif word in GROUP_PRONOUNS:
                # "Mexico has said it will ...", "... negotiate with Republicans as they had blocked ...": the
                # nearest group named earlier in the same sentence before the memory of earlier ones
                here = [m for m in named if m.end <= match.start() and m.speaker.kind != "person"]
                if here:
                    who = here[-1].speaker
                elif word == "it":
                    # "it" names a thing as often as a body: only the body the sentence before was about
                    who = self.memory.subject_group
            if who:
                if sure:  # a gender is learnt only where the pronoun could mean no one else
                    self.memory.learn(who, word)
                found.append(Mention(match.start(), match.end(), who, "pronoun"))
        found.sort(key=lambda m: m.start)
        for m in found:
            if m.speaker.kind != "person" and m.how in ("registry", "name"):
                for word in flat_text[m.start:m.end].split():
                    if word in _BODY_HEADS:
                        self.memory.by_head[word] = m.speaker
        opener = found[0] if found and found[0].start - start < 40 else None
        self.memory.subject_group = opener.speaker if opener and opener.speaker.kind != "person" and not re.search(
            r"\b(?:to|of|in|on|at|for|from|with|by|about|after|before|under|against)\s+(?:the\s+)?$",
            flat_text[max(start, opener.start - 16):opener.start]) else None
        return found

    def _body(self, name: str, start: int) -> Mention:
        name = name[:-1] if re.search(r"[a-z]\.$", name) else name  # the sentence's stop, not an abbreviation
        who = self.registry.lookup(name) or self.memory.new.get(flat(name))
        if who is None:
            who = Speaker(slug(name), name, "organisation", None, known=False)
            self.memory.new[flat(name)] = who
        return Mention(start, start + len(name), who, "name")

    def _source(self, text: str, match: re.Match[str], found: list[Mention], floor: int) -> Mention | None:
        """"A senior U.S. official", "economists", "officials in Mexico City": an unnamed source. Qualified by a
        known country ("U.S. officials", "officials in Mexico"), officials speak for its government."""
        noun = text[match.start(1):match.end(1)]
        singular = noun.lower() in SOURCE_NOUNS
        first = origin = match.start()
        origin = max(floor, origin - 60)
        words = list(re.finditer(r"[\w.’'-]+", text[origin:first]))
        qualifiers: list[str] = []
        determiner = None
        for word in reversed(words):
            w = word.group()
            if re.search(r"(?:’s|'s|s’|s')$", w) or w.lower() in ("his", "her", "their", "its"):
                return None  # "Kent's aides": the owner's people, left to the owner
            if w.lower() in _DETERMINERS:
                determiner = w.lower()
                break
            if w.lower() in SOURCE_MODIFIERS or (w[0].isupper() and w.lower() not in NOT_NAMES and len(qualifiers) < 3):
                qualifiers.insert(0, w)
                first = origin + word.start()
                continue
            break
        if noun.lower() == "people" and determiner is None and not qualifiers:
            return None  # "people" alone is anyone: a source only counted or qualified ("two people", "the people")
        if singular and determiner not in ("a", "an", "one", "another"):
            return None  # "the official" is a role noun for the article's memory, not a new source
        country = next((m.speaker for m in found if first <= m.start < match.start() and m.speaker.kind == "government"),
                       None)
        place, last = _SOURCE_PLACE.match(text, match.end()), match.end()
        if country is None and place:
            country = next((m.speaker for m in found if place.start() <= m.start < place.end()
                            and m.speaker.kind == "government"), None)
            last = place.end() if country is not None else last
        official = noun.lower() in GOVERNMENT_SOURCES or any(q.lower() in ("government", "administration")
                                                            for q in qualifiers)  # "a government source"
        if country is None and official:
            # "a senior Mexican official": the demonym names the country as "Mexican officials" does
            country = next((who for q in qualifiers if q[0].isupper() and (q.lower() in DEMONYMS or _NATION.fullmatch(q))
                            and (who := self.registry.lookup(f"{q} government")) and who.kind == "government"), None)
        if country is not None and official:
            return Mention(first, last, country, "role")
        if first == match.start() and qualifiers == [] and text[first].isupper() and noun.lower() not in _PLURALS:
            return None
        name = " ".join([*qualifiers, noun]).strip()
        if country is None and place and noun.lower() in _PLURALS:
            # "economists at Banorte", "lawmakers in Congress": where they speak from names them
            name, last = f"{name} {place.group().strip()}", place.end()
            return Mention(first, last, Speaker(slug(name), name[0].upper() + name[1:], "group", None, known=False),
                           "source")
        last = match.end()
        if noun.lower() in _PLURALS and (joined := _AND_PLURAL.match(text, last)) \
                and joined.group(1).lower() in _PLURALS:
            # "farmers and exporters say": one group speaks, not two that each said it
            name, last = f"{name} and {joined.group(1)}", joined.end()
        name = name[0].upper() + name[1:]
        # an unnamed source is a group even when one person speaks: no surname to remember, no alias to propose
        speaker = Speaker(slug(name), name, "group", None, known=False)
        return Mention(first, last, speaker, "source")

    def _institution(self, noun: str, before: list[Mention]) -> Speaker | None:
        """"The Mexican administration and the Senate": the Senate of the country the sentence (or, failing
        that, the article so far) is about, when the registry knows it ("Mexican Senate")."""
        government = next((m.speaker for m in reversed(before) if m.speaker.kind == "government"), None)
        if government is None and self.memory.last_group and self.memory.last_group.kind == "government":
            government = self.memory.last_group
        if government is None:
            return None
        of = re.match(r"(?:the\s+)?(?:government|administration)\s+of\s+(?:the\s+)?(.+)", government.name, re.I)
        nation = of.group(1) if of else government.name.split()[0]
        for form in (f"{nation} {noun}", f"{nation}'s {noun}", f"{noun} of {nation}", f"{noun} of the {nation}"):
            if found := self.registry.lookup(form):
                return found
        return None

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
        if known is None and len(words) <= 2:  # "Ebrard"; "García Harfuch" after "Omar García Harfuch"
            known = self.memory.by_surname.get(flat(name))
        if known is None:
            if _DESCRIPTION.search(text, max(0, start - 6), start) or words[-1].lower() in _PARTISANS:
                return None  # "Rand Paul, a Kentucky Republican, said": a description, not a second person
            if len(words) < 2 or not re.search(r"[a-z]", name) or words[-1].lower() in NOT_NAMES \
                    or words[-1].lower() in THINGS or words[-1].lower() in DEMONYMS:
                return None
            before = _title_before(text, start, start + len(name))
            # The title pattern is costly to try at every position; it can only match when the word just
            # before the name ends a title.
            last_word = before.rsplit(None, 1)[-1].lower() if before.strip() else ""
            title_match = _TITLE.search(before) if last_word in _TITLE_ENDS and before[-1:].isspace() else None
            role = title or (title_match.group().strip() if title_match else None)
            if words[-1].lower() in ORGANISATION_HEADS:  # "the Census Bureau", "the Foreign Ministry"
                known = Speaker(slug(name), name, "organisation", None, known=False)
                self.memory.new[flat(name)] = known
                return Mention(start, start + len(name), known, "name")
            known = Speaker(slug(name), name, "person", role, known=False)
            self.memory.new[flat(name)] = known
            surname = " ".join(w for w in words[1:] if w) if words[1].lower() in NAME_PARTICLES else words[-1]
            self.memory.by_surname[flat(surname)] = known
            if len(words) >= 3 and not any(w.lower() in NAME_PARTICLES for w in words) and len(words[-2]) > 2:
                # "Ricardo Trevilla Trejo" is "Trevilla" later: a Spanish name's first surname is the one used alone
                self.memory.by_surname.setdefault(flat(words[-2]), known)
                self.memory.by_surname.setdefault(flat(" ".join(words[-2:])), known)
        return Mention(start, start + len(name), known, "name")
