"""Who the user means: names, surnames, nicknames and role nouns resolved through the people registry.

Aliases live in their own table and their own in-memory index, never in the claim index, so "AMLO" matches
the alias AMLO and nothing else. Role nouns ("the foreign minister") carry dates: with a date typed they mean
that date's holder, without one the latest holder, and the others are offered as alternatives.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.core.analysis.terms import deletion_keys, prepare, words
from bot.core.dates import PartialDate, parse_optional
from bot.core.search.filters import split_period
from bot.core.search.results import PersonMatch
from bot.core.search.thresholds import PERSON_ACCEPT as ACCEPT
from bot.core.search.thresholds import PERSON_SUGGEST as SUGGEST

MAX_TIED = 3  # more equally likely people than this: ask the user to be specific
_LEADING = {"the", "la", "el", "los", "las"}
_DATE_TAIL = re.compile(
    r"^(?P<name>.*?)[\s,(]+(?:(?:in|on|during|as of|at|from)\s+)?(?P<date>\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?)\)?\s*$",
    re.IGNORECASE,
)


def alias_key(text: str) -> str:
    """How an alias and a typed name are compared: folded words, no leading article, no possessive."""
    tokens = words(prepare(text))
    while len(tokens) > 1 and tokens[0] in _LEADING:
        tokens = tokens[1:]
    return " ".join(tokens)


_QUESTION = re.compile(r"^\s*(?:(?:who|what)(?:'s|’s|\s+(?:is|was|were|are))|tell\s+me\s+about|show\s+me)\s+",
                       re.IGNORECASE)


# A word that dates a role ("the former foreign minister", "Mexico's then president", "the ex-president").
_ROLE_TIME = re.compile(r"\b(former|ex|previous|past|then|current|sitting|incumbent|present)\b[-\s]+",
                        re.IGNORECASE)
EARLIER = frozenset({"former", "ex", "previous", "past"})  # ... the holder before the latest one
EXACT = 99.0  # a match this good is the registry's own alias ("the former president" is listed, dated)


def split_role_time(text: str) -> tuple[str, str]:
    """'the former foreign minister' -> ('the foreign minister', 'former'); no such word -> (text, '')."""
    found = _ROLE_TIME.search(text)
    if found is None:
        return text, ""
    return " ".join((text[: found.start()] + text[found.end() :]).split()), found.group(1).casefold()


# A role held while a leader was in office: "Biden's secretary of state", "the foreign minister under AMLO",
# "the interior minister in López Obrador's government".
_UNDER = re.compile(r"^(?P<role>.+?)\s+(?:under|in)\s+(?P<leader>.+?)(?:['’]s?\s+(?:government|administration|cabinet|"
                    r"presidency|term))?$", re.IGNORECASE)
_LEADERS_ROLE = re.compile(r"^(?P<leader>.+?)['’]s?\s+(?P<role>.+)$")
# The titles that make a person a leader whose time in office dates a role ("President of Mexico"; not
# "President-elect", "Vice President", "President of the Senate").
_HEAD_OF_GOVERNMENT = re.compile(r"^(?:President|Prime Minister) of (?!the Senate)", re.IGNORECASE)


# The one who heads a body, named by the body ("the DHS chief", "head of the SRE", "the guy running Homeland
# Security"): the body's text is resolved in the registry, its head by the titles of people's roles.
# The same words tell search a question names a body's head (engine._head_word).
HEAD_WORDS = frozenset("chief head boss leader director chair chairman chairwoman".split())
RUNNING_WORDS = frozenset("running heading leading runs heads leads ran headed led".split())
_HEAD = "(?:" + "|".join(sorted(HEAD_WORDS)) + ")"
_BODY_HEAD = (
    re.compile(rf"^(?:the\s+)?(?P<body>.+?)(?:['’]s)?\s+{_HEAD}$", re.IGNORECASE),
    re.compile(rf"^(?:the\s+)?{_HEAD}\s+of\s+(?P<body>.+)$", re.IGNORECASE),
    re.compile(r"^(?:the\s+)?(?:guy|man|woman|person|official|one)\s+(?:(?:who\s+)?(?:"
               + "|".join(sorted(RUNNING_WORDS)) + r")|in\s+charge\s+of)\s+(?P<body>.+)$", re.IGNORECASE),
)
# A title that heads what it names ("Acting Secretary of Homeland Security", "Secretary of Foreign Affairs of
# Mexico": a head's word, then "of"; not a deputy's or an under-secretary's)
_HEAD_TITLE = frozenset("secretary minister director commissioner chief head administrator chair chairman chairwoman "
                        "president".split())
_NOT_THE_HEAD = frozenset("deputy under undersecretary assistant vice associate".split())
# Words of a body's names that say what kind of body it is or where, not which one
_GENERIC = frozenset("department ministry secretariat secretaria secretary agency office bureau federal national "
                     "government of the and for de la el del los las y us u s united states america american mexico "
                     "mexican mexicos s".split())
_COUNTRY_WORDS = {"mexico": "mexico", "mexican": "mexico", "mexicos": "mexico", "us": "us", "american": "us",
                  "america": "us", "united": "us"}


def split_body_head(text: str) -> str | None:
    """"the DHS chief" -> 'DHS'; "head of the SRE" -> 'SRE'; "the guy running Homeland Security" ->
    'Homeland Security'; None when the text names no body's head (whether the rest is a body is for the
    registry to say)."""
    for pattern in _BODY_HEAD:
        found = pattern.match(text.strip())
        if found and found["body"].strip():
            return re.sub(r"^the\s+", "", found["body"].strip(), flags=re.IGNORECASE)
    return None


def split_leader(text: str) -> tuple[str, str] | None:
    """"Biden's secretary of state" -> ('secretary of state', 'Biden'); "the foreign minister under AMLO" ->
    ('the foreign minister', 'AMLO'); None when the text is not a role and a leader (whether the leader is one
    is for the registry to say)."""
    found = _UNDER.match(text.strip()) or _LEADERS_ROLE.match(text.strip())
    if found is None or not found["role"].strip() or not found["leader"].strip():
        return None
    return found["role"].strip(), found["leader"].strip()


def terms_in_office(roles: list[tuple[str, PartialDate | None, PartialDate | None]]
                    ) -> list[tuple[dt.date, dt.date, str]]:
    """When and where a person led a country (their dated roles as president or prime minister), earliest
    first: (start, end, the country in title words, "mexico", "us"); a term with no end runs to today."""
    return sorted((start.earliest, end.latest if end else dt.date.today(), _title_words(title[found.end():]))
                  for title, start, end in roles if start and (found := _HEAD_OF_GOVERNMENT.match(title)))


def of_country(title: str, country: str, countries: set[str]) -> bool:
    """Whether a role's title is of that country: it names it, or names none of the countries the registry's
    leaders led ("Secretary of Foreign Affairs of Mexico" is not Colombia's; "Acting Secretary of Homeland
    Security" names none)."""
    words = f" {_title_words(title)} "
    if f" {country} " in words:
        return True
    return not any(f" {other} " in words for other in countries)


def _title_words(title: str) -> str:
    """A title's words as compared for its country: folded, "the United States" and "U.S." as "us"."""
    text = " ".join(words(prepare(title)))
    text = re.sub(r"\b(?:the )?united states\b|\bu s\b", "us", text)
    return re.sub(r"^the ", "", text).strip()


def strip_question(text: str) -> str:
    """'who is Alicia Barcena?' -> 'Alicia Barcena': the name a question asks about."""
    return _QUESTION.sub("", text).strip().rstrip("?").strip() or text


def split_date(text: str) -> tuple[str, PartialDate | None]:
    """'the foreign minister in 2019' -> ('the foreign minister', 2019); 'Mexico's foreign minister in
    December 2023' -> ('Mexico's foreign minister', 2023-12)."""
    name, period = split_period(text)  # "in December 2023", "27 November 2024", "2019-06"
    if period is not None and name.strip():
        return name, period
    match = _DATE_TAIL.match(text.strip())  # "(2019)", "2019" after the name
    if not match or not match["name"].strip():
        return text, None
    raw = match["date"]
    parts = raw.split("-")
    iso = "-".join([parts[0], *(p.zfill(2) for p in parts[1:])])
    try:
        return match["name"].strip(), PartialDate.parse(iso)
    except ValueError:
        return text, None


def token_similarity(typed: str, known: str) -> float:
    if typed == known:
        return 100.0
    if min(len(typed), len(known)) >= 4:
        distance = OSA.distance(typed, known, score_cutoff=2)
        if distance == 1:
            return 90.0 if len(typed) >= 6 else 84.0  # short names: a one-letter slip may be another person
        if distance == 2 and len(typed) >= 9:
            return 86.0
    return min(fuzz.ratio(typed, known), 84.0)


@dataclass(frozen=True)
class _Alias:
    person: str
    text: str  # as in the registry
    key: str
    start: PartialDate | None
    end: PartialDate | None
    is_role: bool


@dataclass(frozen=True)
class RoleBesideName:
    """A name and the role noun typed beside it that the person did not hold at the time asked about."""

    name: str  # as typed: "Ebrard"
    role: str  # as typed: "foreign minister"
    typed: str  # the run of both as typed: "foreign minister Ebrard"


# Words that may sit between a name and its role: "Ebrard, as foreign secretary", "Bárcena, the foreign minister".
_BESIDE = frozenset({"as", "the", "then", "our"})
_TOKEN = re.compile(r"[^\W_]+")


def held_during(start: PartialDate | None, end: PartialDate | None, period: PartialDate) -> bool:
    """Whether a role held from `start` to `end` (open where None) overlaps the period."""
    return (start is None or start.earliest <= period.latest) and (end is None or end.latest >= period.earliest)


def _overlaps(entry: _Alias, period: PartialDate | None) -> bool:
    return period is None or held_during(entry.start, entry.end, period)


class PeopleIndex:
    """Every person and alias in memory (a few thousand at most); rebuilt when the content changes."""

    def __init__(self, people: list, aliases: list, roles: list) -> None:
        self.names: dict[str, str] = {row[0]: row[1] for row in people}
        self.kinds: dict[str, str] = {row[0]: row[2] for row in people}
        self.roles: dict[str, list[tuple[str, PartialDate | None, PartialDate | None]]] = defaultdict(list)
        for person_id, title, start, end in roles:
            self.roles[person_id].append((title, _date(start), _date(end)))
        # the countries the registry's leaders led, in title words ("mexico", "us"): what a role's title may name
        self.leader_countries = {country for held in self.roles.values() for *_, country in terms_in_office(held)}
        entries: list[_Alias] = []
        seen: set[tuple[str, str, bool, str | None]] = set()
        # One entry per spelling: keep the one written as in the display name ("López Obrador", not "Lopez-Obrador").
        aliases = sorted(aliases, key=lambda r: (r[5], r[1] not in self.names.get(r[0], ""), len(r[1]), r[1]))
        for person_id, alias, _folded, start, end, is_role in aliases:
            key = alias_key(alias)
            mark = (person_id, key, bool(is_role), start)
            if key and person_id in self.names and mark not in seen:
                seen.add(mark)
                entries.append(_Alias(person_id, alias, key, _date(start), _date(end), bool(is_role)))
        for person_id, name in self.names.items():  # imported people have no alias rows: their name is one
            key = alias_key(name)
            if key and (person_id, key, False, None) not in seen:
                entries.append(_Alias(person_id, name, key, None, None, False))
        self.entries = entries
        self._heads: dict[str, list[tuple[str, str, PartialDate | None, PartialDate | None]]] = {}  # heads_of's
        self.by_key: dict[str, list[int]] = defaultdict(list)
        self.by_token: dict[str, set[int]] = defaultdict(set)
        self.by_deletion: dict[str, set[str]] = defaultdict(set)
        for index, entry in enumerate(entries):
            self.by_key[entry.key].append(index)
            for token in entry.key.split():
                self.by_token[token].add(index)
        for token in self.by_token:
            if len(token) >= 4:
                for key in deletion_keys(token):
                    self.by_deletion[key].add(token)
        self.keys = [entry.key for entry in entries]
        # Each person's words of their role titles and names ("Senior Analyst, Geopolitical Futures"): a body or
        # place a question names is held by a claim of theirs ("according to Geopolitical Futures").
        said: dict[str, set[str]] = defaultdict(set)
        for person_id, name in self.names.items():
            for text in (name, *(title for title, _, _ in self.roles.get(person_id, ()))):
                said[person_id].update(words(prepare(text)))
        for entry in entries:
            if not entry.is_role:
                said[entry.person].update(entry.key.split())
        self.affiliations: dict[str, frozenset[str]] = {person: frozenset(held) for person, held in said.items()}
        self.longest = max((len(key.split()) for key in self.keys), default=0)  # words of the longest name
        self.surnames: dict[str, set[str]] = defaultdict(set)  # last word(s) of display names
        for person_id, name in self.names.items():
            if self.kinds.get(person_id) != "person":
                continue
            tokens = alias_key(name).split()
            for size in (1, 2):
                if len(tokens) > size:
                    self.surnames[" ".join(tokens[-size:])].add(person_id)

    # --- scoring -----------------------------------------------------------------------------------------

    def _candidates(self, key: str, prefix: bool) -> set[int]:
        found: set[int] = set(self.by_key.get(key, ()))
        for token in key.split():
            found |= self.by_token.get(token, set())
            if len(token) >= 4:
                for deletion in deletion_keys(token):
                    for known in self.by_deletion.get(deletion, ()):
                        found |= self.by_token[known]
        if prefix:
            last = key.split()[-1] if key else ""
            if len(last) >= 2:
                for token, indices in self.by_token.items():
                    if token.startswith(last):
                        found |= indices
        for _, _, index in process.extract(key, self.keys, scorer=fuzz.ratio, score_cutoff=70, limit=20):
            found.add(index)
        return found

    def _score(self, key: str, entry: _Alias, prefix: bool, floor: float = 0.0) -> float:
        """How well the typed key names the alias, 0-100. Under `floor` the exact figure does not matter (the
        caller drops it): a typed word like no word of the alias caps the word-by-word score at 75, so past a
        floor above that such an alias is scored on the whole spelling alone, and the rest of its words skipped."""
        if key == entry.key:
            return 100.0
        if (not entry.is_role and key in self.surnames and entry.person in self.surnames[key]
                and entry.key == alias_key(self.names[entry.person])):
            return 96.0  # the surname of the display name
        typed, known = key.split(), entry.key.split()
        sims = []
        used: set[int] = set()
        for token in typed:
            best, best_at = 0.0, -1
            for at, other in enumerate(known):
                sim = token_similarity(token, other)
                if prefix and token is typed[-1] and len(token) >= 2 and other.startswith(token):
                    sim = max(sim, 88.0)
                if sim > best:
                    best, best_at = sim, at
            if best < 70 and floor > 75:
                return fuzz.ratio(key, entry.key, score_cutoff=floor / 0.98) * 0.98
            sims.append(best)
            used.add(best_at)
        weight = sum(len(t) for t in typed)
        typed_match = sum(s * len(t) for s, t in zip(sims, typed, strict=True)) / weight
        if min(sims) < 70:
            typed_match *= 0.75
        cover = len(used - {-1}) / len(known)
        token_score = typed_match * (0.82 + 0.18 * cover)
        return max(fuzz.ratio(key, entry.key) * 0.98, token_score)

    def _plain(self, entry: _Alias) -> bool:
        """An alias made of words of the display name (not a nickname, title or listed misspelling)."""
        return set(entry.key.split()) <= set(alias_key(self.names[entry.person]).split())

    def roles_beside_names(self, text: str, period: PartialDate | None) -> list[RoleBesideName]:
        """Each person's name typed right beside a role noun of the registry that others held in the period asked
        about ("foreign minister Ebrard ... in December 2023": Bárcena was), or, when no period is named, that
        the person never held ("Olga Sánchez Cordero, as foreign secretary"). A fact-checker or a memoir writer
        remembers one of the two wrong; which one, the claims can tell."""
        tokens = [(m.start(), m.end(), " ".join(words(prepare(m.group())))) for m in _TOKEN.finditer(text[:500])]
        tokens = [t for t in tokens if t[2]]
        keys = [t[2] for t in tokens]
        roles = self._runs(keys, is_role=True, taken=set())
        taken = {i for start, end, _ in roles for i in range(start, end)}
        names = self._runs(keys, is_role=False, taken=taken)
        found = []
        for role_start, role_end, held in roles:
            for name_start, name_end, named in names:
                between = keys[name_end:role_start] if name_end <= role_start else keys[role_end:name_start]
                if len(between) > 2 or not set(between) <= _BESIDE:
                    continue
                persons = frozenset(e.person for e in named if self.kinds.get(e.person) == "person")
                holders = {e.person for e in held if _overlaps(e, period)}
                if not persons or not holders or holders <= persons:
                    continue  # they held it then, alone; or no one did, as far as the registry knows
                if any(e.person in persons for e in held) and period is None:
                    continue  # they held it once: undated, the role alone would mean its latest holder
                found.append(RoleBesideName(
                    text[tokens[name_start][0]:tokens[name_end - 1][1]],
                    text[tokens[role_start][0]:tokens[role_end - 1][1]],
                    text[tokens[min(role_start, name_start)][0]:tokens[max(role_end, name_end) - 1][1]]))
        return found

    def _runs(self, keys: list[str], *, is_role: bool, taken: set[int]) -> list[tuple[int, int, list[_Alias]]]:
        """The longest runs of words that are aliases (role nouns, or names), left to right, none overlapping."""
        out: list[tuple[int, int, list[_Alias]]] = []
        at = 0
        while at < len(keys):
            for size in range(min(self.longest, len(keys) - at), 0, -1):
                if taken & set(range(at, at + size)):
                    continue
                hits = [self.entries[i] for i in self.by_key.get(" ".join(keys[at:at + size]), ())
                        if self.entries[i].is_role == is_role]
                if hits:
                    out.append((at, at + size, hits))
                    at += size
                    break
            else:
                at += 1
        return out

    def heads_of(self, body: str) -> list[tuple[str, str, PartialDate | None, PartialDate | None]]:
        """(person id, title, from, to) of each role that heads the body, latest first: a title led by a head's
        word ("Secretary", "Commissioner") that holds the distinctive words of one of the body's names
        ("homeland security", "foreign"), of the body's country when its names say one. Kept per body: search
        asks on every question that names one with its head."""
        if body not in self._heads:
            self._heads[body] = self._find_heads(body)
        return self._heads[body]

    def _find_heads(self, body: str) -> list[tuple[str, str, PartialDate | None, PartialDate | None]]:
        names = [self.names.get(body, ""), *(e.text for e in self.entries if e.person == body and not e.is_role)]
        distinct, countries = [], set()
        for name in names:
            folded = words(prepare(name))
            countries |= {_COUNTRY_WORDS[w] for w in folded if w in _COUNTRY_WORDS}
            kept = frozenset(w for w in folded if w not in _GENERIC and w.isalpha())
            if kept and len(folded) > 1:  # an acronym alone ("SRE") is in no title
                distinct.append(kept)
        found = []
        for person, held in self.roles.items():
            if self.kinds.get(person) != "person":
                continue
            for title, start, end in held:
                folded = [w for w in words(prepare(title)) if w not in ("acting", "interim")]
                if len(folded) < 2 or folded[0] not in _HEAD_TITLE or folded[1] != "of" or _NOT_THE_HEAD & set(folded):
                    continue  # "Secretary of ...", "President of the Senate"; not "Minister (Justice) of the Court"
                if not any(kept <= set(folded[1:]) for kept in distinct):
                    continue
                if len(countries) == 1 and not of_country(title, next(iter(countries)), self.leader_countries):
                    continue
                found.append((person, title, start, end))
        return sorted(found, key=lambda h: h[2].earliest if h[2] else dt.date.min, reverse=True)

    def match(self, text: str, *, as_of: PartialDate | None = None, prefix: bool = False,
              limit: int = 10, floor: float = 0.0) -> list[PersonMatch]:
        """People the text may mean, best first, one entry per person (their best alias); only those scoring
        `floor` or more when one is given (search asks only whether a question is a name: 90)."""
        key = alias_key(text[:200])
        if not key:
            return []
        best: dict[str, tuple[float, _Alias]] = {}
        for index in self._candidates(key, prefix):
            entry = self.entries[index]
            score = self._score(key, entry, prefix, floor)
            if score < floor:
                continue  # a role's score only goes down from here (_role_score)
            if entry.is_role and score >= ACCEPT:
                score = _role_score(score, entry, as_of)
            current = best.get(entry.person)
            if current is None or score > current[0] or (
                score == current[0] and _preferred(entry, current[1], self._plain(entry), self._plain(current[1]))
            ):
                best[entry.person] = (score, entry)
        ranked = sorted(best.items(), key=lambda item: (-item[1][0], _recency(item[1][1]), self.names[item[0]]))
        return [self._person_match(person_id, score, entry) for person_id, (score, entry) in ranked[:limit]]

    def _person_match(self, person_id: str, score: float, entry: _Alias) -> PersonMatch:
        role = None
        if entry.is_role:
            role = self.role_during(person_id, entry.start, entry.end) or entry.text
        return PersonMatch(person_id, self.names[person_id], entry.text, round(score, 1), role, entry.start, entry.end)

    def role_during(self, person_id: str, start: PartialDate | None, end: PartialDate | None) -> str | None:
        """The person's registered role that overlaps the alias's period the most."""
        far_past, far_future = dt.date(1, 1, 1), dt.date(9999, 12, 31)
        lo = start.earliest if start else far_past
        hi = end.latest if end else far_future
        best, best_days = None, 0
        for title, role_start, role_end in self.roles.get(person_id, ()):
            overlap = (min(hi, role_end.latest if role_end else far_future)
                       - max(lo, role_start.earliest if role_start else far_past)).days
            if overlap > best_days:
                best, best_days = title, overlap
        return best

    def suggest(self, text: str, limit: int = 25) -> list[tuple[str, str]]:
        """Autocomplete: (id, display name) for what has been typed so far."""
        text = text[:200]
        if not alias_key(text):
            ordered = sorted(self.names.items(), key=lambda item: item[1].casefold())
            return ordered[:limit]
        found = self.match(text, prefix=True, limit=limit)
        return [(m.id, m.name) for m in found if m.score >= SUGGEST][:limit]


def _date(value: str | None) -> PartialDate | None:
    try:
        return parse_optional(value)
    except ValueError:
        return None


def _recency(entry: _Alias) -> tuple[int, str]:
    """Sort key: current holders first, then by latest start."""
    if not entry.is_role:
        return (0, "")
    ongoing = entry.end is None
    start = entry.start.earliest.isoformat() if entry.start else "0000"
    return (0 if ongoing else 1, "".join(chr(0x10FFFF - ord(c)) for c in start))


def _preferred(entry: _Alias, other: _Alias, plain: bool, other_plain: bool) -> bool:
    """Between two equally good aliases of one person: the later role, else part of the name, else shorter."""
    return ((_recency(entry), not plain, len(entry.text), entry.text)
            < (_recency(other), not other_plain, len(other.text), other.text))


def _role_score(score: float, entry: _Alias, as_of: PartialDate | None) -> float:
    """A role noun means its holder at the date asked (or now); other holders stay as alternatives."""
    if as_of is None:
        return score if entry.end is None else score - 2.0
    return score if held_during(entry.start, entry.end, as_of) else score - 10.0
