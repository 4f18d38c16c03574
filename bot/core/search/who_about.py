"""/who with more than a name: "Sheinbaum tariffs", "what did Sheinbaum say about tariffs", "the foreign
minister on troops". The words that name someone pick the person; the others are what they said it about.

Only tried when the whole text names no one: a name is never cut out of a longer name, and a person is
only taken from a run of words that matches one of their names (or role nouns) nearly exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.analysis.fold import fold
from bot.core.analysis.terms import deletion_keys
from bot.core.search.people import PeopleIndex, alias_key

LONGEST_NAME = 5  # words: "Mexico's Foreign Minister Juan Ramon de la Fuente" is found by its last words
NAME_SPAN_ACCEPT = 90.0  # a run of words must be a name (a one-letter slip allowed), not merely close to one
# The words that join a name to a subject in a question ("what did X say about Y", "X on Y", "X's view of Y").
CONNECTORS = frozenset("""
a about actually an and are as ask asked been did do does done had has have how is it its me on of over re
regarding said say saying says show stance tell than that the their them think thinks thought to told toward
towards view views was were what whats when where which who whom with why position positions comment
comments commented statement statements remarks remark claim claims anything something everything ever
""".split())
SAYING = frozenset("say said says saying tell told think thinks thought claim claimed argue argued".split())
JOINERS = SAYING | {"on", "about", "of", "regarding", "over"}  # between a name and a subject
# Words that name a role rather than a subject: "the Colombian leader" asks for a person, not for what the
# Colombian government said about leaders.
ROLE_WORDS = frozenset("""
president presidente secretary minister senator governor mayor ambassador general chancellor leader
commissioner director chief head boss diplomat envoy official spokesperson spokesman spokeswoman czar tsar
premier top
""".split())
# Words before a surname that still mean that person ("President Sheinbaum"); any other capitalised word there
# is more likely a first name ("Jill Biden" is not Joe Biden).
TITLES = frozenset("""
president presidente secretary minister senator sen governor gov mayor ambassador general gen mr mrs ms dr
foreign former vice chancellor representative rep speaker leader commissioner director
""".split())


@dataclass(frozen=True)
class PersonAndSubject:
    person: str  # the words naming the person, as typed ("the foreign minister")
    subject: str  # what they are asked about, as typed ("troops"); "" for everything they said
    score: float
    is_person: bool  # a person rather than a government or body: "Mexico's Sheinbaum" means Sheinbaum


def split_person_subject(text: str, people: PeopleIndex) -> PersonAndSubject | None:
    """The longest run of words that names someone, and the rest of the question (less the words that only
    join a name to a subject) as its subject. With a verb of saying ("what did Sheinbaum say about the US
    president"), the speaker is named before it: a name after it is what they spoke about."""
    tokens = text[:300].split()
    if len(tokens) < 2:
        return None
    verb = next((i for i, token in enumerate(tokens) if alias_key(token) in SAYING), None)
    for before in ((verb, None) if verb else (None,)):
        for size in range(min(LONGEST_NAME, len(tokens) - 1), 0, -1):
            found = [_candidate(tokens, start, size, people) for start in range(len(tokens) - size + 1)
                     if before is None or start + size <= before]
            best = max((c for c in found if c is not None), key=lambda c: (c.is_person, c.score), default=None)
            if best is not None:
                return best
    return None


def _candidate(tokens: list[str], start: int, size: int, people: PeopleIndex) -> PersonAndSubject | None:
    span = tokens[start:start + size]
    key = alias_key(" ".join(span))
    if not key or all(word in CONNECTORS for word in key.split()):
        return None
    if size == 1 and start > 0 and _given_name(tokens[start - 1]):
        return None
    if span[-1].endswith(("'s", "’s")) and start + size < len(tokens) and _content(tokens[start + size]):
        return None  # "Trump's tariffs", "Mexico's Sheinbaum" qualify what follows; "Ebrard's stance on" speaks
    if not _could_name(key, people):
        return None
    matches = people.match(" ".join(span), limit=1)
    if not matches or matches[0].score < NAME_SPAN_ACCEPT:
        return None
    rest = [word for word in tokens[:start] + tokens[start + size:] if _content(word)]
    if rest and start + size < len(tokens) and alias_key(tokens[-1]) in ROLE_WORDS \
            and not any(alias_key(token) in JOINERS for token in tokens):
        # "the Colombian leader", "the Homeland Security chief": the text ends on a role, so it asks for a person
        # the registry lacks, not for what the Colombian government said about leaders
        return None
    if matches[0].role and _names_a_government(tokens[start - 1:start] if tokens[start - 1:start] != ["the"]
                                               else [], people):
        return None  # "the US top diplomat": a role of the country before it, not Mexico's minister on "US"
    # "what did Ebrard say": nothing left but how the question is put; the subject is everything they said
    return PersonAndSubject(" ".join(span).strip(" ,;:?!."), " ".join(rest).strip(" ,;:?!."), matches[0].score,
                            people.kinds.get(matches[0].id) == "person")


def _names_a_government(span: list[str], people: PeopleIndex) -> bool:
    """Whether the word names a country's government ("US", "Colombian", "Mexico's")."""
    if not span or not alias_key(span[0]):
        return False
    found = people.match(span[0], limit=1)
    return bool(found) and found[0].score >= NAME_SPAN_ACCEPT and people.kinds.get(found[0].id) == "government"


def _could_name(key: str, people: PeopleIndex) -> bool:
    """Whether every word of the span is a word of some alias, as typed or one slip away: a cheap test that
    spares the fuzzy match for the many runs of a long question that name no one."""
    return all(token in people.by_token
               or (len(token) >= 4 and any(k in people.by_deletion for k in deletion_keys(token)))
               for token in key.split())


def _given_name(word: str) -> bool:
    """A capitalised word that may be a first name: not a title, not a question word, not a possessive or an
    acronym ("Mexico's Sheinbaum", "US envoy")."""
    if not word[:1].isupper() or word.endswith(("'s", "’s")) or word.replace(".", "").isupper():
        return False
    folded = fold(word)
    return folded not in TITLES and folded not in CONNECTORS


def _content(word: str) -> bool:
    parts = [part for part in fold(word).split() if part != "s"]  # "what's" folds to "what s"
    return any(part not in CONNECTORS for part in parts)
