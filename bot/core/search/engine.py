"""Claim retrieval and ranking: candidates from the FTS5 index, re-ranked with rapidfuzz.

1. The query becomes terms (folded, figures normalised); each term gets its indexed spellings: itself, its
   other forms (forms.py), the words one or two typos away (symmetric-deletion table), its synonyms
   (data/synonyms.yaml), a completion for a half-typed last word.
2. Candidates: the rarest terms' posting lists (a fixed budget of postings, so a common word never makes a
   query slow) plus the claims that hold every term (FTS5 AND, cheap however common the words).
3. Ranking: coverage of the query's terms weighted by rarity (a word the index lacks weighs like the rarest
   word, so a question about something unknown cannot match well), blended with rapidfuzz's partial ratio
   for word order and fragments. Below ACCEPT a claim is only a suggestion, unless the question is asked in
   other words and the claim holds enough of it, in forms and synonyms, while the question names nothing the
   index lacks (_in_other_words).
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import math
import re
import time
import weakref
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field, replace
from operator import itemgetter
from typing import TYPE_CHECKING, TypeVar

from rapidfuzz import fuzz

from bot.core.analysis.fold import fold
from bot.core.analysis.terms import (
    STOPWORDS,
    QueryTerm,
    deletion_keys,
    fuzzy_candidate,
    max_typos,
    prepare,
    query_terms,
    slip_distance,
    undoubled,
    words,
)
from bot.core.extract.lexicon import REPORTING, REPORTING_NOUNS
from bot.core.models import ClaimFilter
from bot.core.search.everyday import everyday_runs, is_everyday
from bot.core.search.filters import MONTHS
from bot.core.search.forms import bases, derivations, forms, inflections
from bot.core.search.lexicon import Lexicon, phrase_forms
from bot.core.search.people import HEAD_WORDS, RUNNING_WORDS, PeopleIndex
from bot.core.search.spanish import SMALL_WORDS_ONLY_SPANISH_HAS, phrase_starts, reads_as_spanish
from bot.core.search.spanish import english as spanish_english
from bot.core.search.spanish import english_in_spanish as spanish_in_spanish
from bot.core.search.spanish import listed as spanish_listed
from bot.core.search.thesaurus import is_common_word as english_common_word
from bot.core.search.thesaurus import is_place_name
from bot.core.search.thesaurus import is_word as english_word
from bot.core.search.thesaurus import synonyms as english_synonyms
from bot.core.search.thresholds import CLAIM_ACCEPT as ACCEPT
from bot.core.search.thresholds import (
    CLAIM_LACKS_PLACE,
    CLAIM_LACKS_SUBJECT,
    CLEAR_LEAD,
    CLEAR_LEAD_COVER,
    CLEAR_LEAD_FLOOR,
    CLEAR_LEAD_UNKNOWN,
    LONG_QUESTION_WORDS,
    OTHER_WORDS_COVER,
    OTHER_WORDS_COVER_FLOOR,
    OTHER_WORDS_COVER_LEADING,
    OTHER_WORDS_HELD,
    OTHER_WORDS_LEAD,
    OTHER_WORDS_LONG,
    OTHER_WORDS_UNKNOWN,
    YEARS_MISREMEMBERED,
)
from bot.core.search.thresholds import CLAIM_SUGGEST as SUGGEST
from bot.core.search.thresholds import LONG_QUESTION_SUGGEST as LONG_SUGGEST

if TYPE_CHECKING:
    from bot.core.store import IndexReader, Store

T = TypeVar("T")

ENOUGH = 1_000  # postings of the rarest terms that make a good candidate pool ...
BUDGET = 20_000  # ... and the most read per query, however common the words
CANDIDATES = 50  # claims re-ranked per query (measured: 100 found no more answers, at 1.6x the cost)
RERANK = 12  # of which this many get the (costlier) sequence comparison
TIE_BREAKERS = 2  # commoner words checked against the claims holding the rare ones ...
TIE_BUDGET = 150_000  # ... as long as their lists add up to no more than this (about 1.5 ms)
SCAN_LIMIT = 1_500  # filters that leave this few claims are ranked whole, without the text index
TYPO_WEIGHT = {1: 0.85, 2: 0.7}
REAL_WORD_SLIP_DF = 5  # an English word the index lacks is read as a slip only for a word this many claims hold
REAL_WORD_SLIP_SHARE = 0.02  # ... and this share of all claims
RECHECK_SECONDS = 1.0  # how often the store is asked whether its content changed
PREFIX_WEIGHT = 0.8
FORM_WEIGHT = 0.9  # another form of the same word: threaten / threatened / threat
DERIVED_WEIGHT = 0.8  # a noun of the same verb: deported / deportee, enforce / enforcement
SYNONYM_WEIGHT = 0.8  # a word of the same synonym group (data/synonyms.yaml): levy for tariff
EVERYDAY_HELD = 0.5  # the weight kept by an everyday word (everyday.py) that some claims hold
THESAURUS_WEIGHT = 0.7  # a general English synonym (thesaurus.py) of a word neither index nor lexicon knows
THESAURUS_SYNONYMS = 12  # of its commonest senses' synonyms, at most this many are looked up
THESAURUS_SHARE = 0.34  # a claim holding more of the question than this through such synonyms is no answer alone
PHRASE_PART_WEIGHT = 0.5  # a word of a phrase the question holds ("hit back"), found without the rest
CONTEXT_WEIGHT = 0.7  # a word found only in the claim's source passage, not in the claim itself
OTHER_PERSON_CAP = ACCEPT - 0.1  # a person's claim that misses the other person the question names
SUBJECT_KEYWORDS = 3  # a question of at most this many keywords names its subject (thresholds.CLAIM_LACKS_SUBJECT)
MAX_NAME_SCAN = 300  # characters of the question read for capitalised names
# Words that date a role, read past when the question names one ("Mexico's then president", "the former
# foreign minister"): the role's holders are the people meant, as for the role alone.
ROLE_TIMES = frozenset("then former current sitting outgoing incoming ex".split())
# "Latin American", "Central American": a region's adjective, not the United States ("which Latin American
# president refused the flights" does not name a US president).
AMERICAS = frozenset("latin central south north".split())
# Words that ask for a percentage ("what share of Mexicans", "by what percentage"): a claim holding any
# percentage figure (76pct) holds them, as through a synonym.
PERCENT_WORDS = frozenset("share shares proportion proportions percentage percentages percent fraction rate rates".split())
# Words that name money ("how much cash do returnees get", "how many dollars", "the total value of trade", "what
# is it worth"): a claim holding any sum of money ("$100": usd100, "2 billion pesos": mxn2000000000) holds them,
# as through a synonym.
MONEY_WORDS = frozenset("money cash dollars dollar pesos peso value worth usd bn".split())  # "$bn": billions of dollars
# "Who said ...", "which analyst ...": the question asks for the speaker (the one person it names by name is then
# what was said about: engine._rerank).
WHO_ASKED = re.compile(r"\s*(?:who|which (?:\w+ ){0,2}(?:analyst|official|leader|commentator|columnist|expert|"
                       r"writer|author|person|politician|diplomat|minister|president|outlet))\b", re.IGNORECASE)
# "How many", "how much", "how large": the question asks for an amount. A claim holding a figure (not a year) or
# a number in words holds the word, weighing as a word a quarter of all claims hold; a claim holding none is no
# answer in other words ("how many Mexicans were deported in Trump's first hundred days" is not his first
# week's orders, though it holds "Mexicans", "Trump", "second term").
AMOUNT_ASKED = re.compile(r"\bhow (many|much|large|big|high)\b"
                          # "how much room / say / leverage does she have" asks how far, not for a figure
                          r"(?! (?:room|leeway|latitude|say|choice|freedom|control|influence|leverage|power|pressure|"
                          r"sense|difference|credit|blame)\b)"
                          # ... and in Spanish, "¿cuántos?", "¿de cuánto es la tarjeta?" (matched folded)
                          r"|\b(cuantos|cuantas|cuanto|cuanta)\b")
# ... and so does a word naming figures in a list of keywords ("AMLO approval numbers", "asylum stats 2023"): any
# figure of a claim holds it. Plurals only ("a number of" is not a count asked for); the singular "figure" is read
# by the words around it.
AMOUNT_WORDS = frozenset("numbers figures stats statistics tally amount amounts".split())
# "the dollar figure", "the figure for 2024 trade" ask for one, unless a person is meant ("a key figure", "the
# central figure") or a verb ("figure out"): the word before it and after it tell. So do the Spanish words the
# glossary reads as "figure" ("la cifra", "el número").
_FIGURE_WORD = re.compile(r"(?:\b(\w+)\s+)?\b(?:figure|cifras?|datos|numeros?)\b(?!\s+out\b)")
_FIGURE_OF_A_PERSON = frozenset("""key public central leading political prominent major senior top controversial
    pivotal main historical religious polarizing polarising powerful influential important notable divisive
    father mother towering heroic tragic""".split())
AMOUNT_SHARE = 0.25
# "How did Sheinbaum describe the call", "what words did she use": the question asks for someone's own words.
# The word that asks weighs double, and a claim that quotes its speaker verbatim (kind direct_quote) holds it.
WORDING_ASKED = re.compile(
    r"\bhow\b[^?.]{0,80}?\b(describe[sd]?|describing|"
    r"characteri[sz]e[sd]?|characteri[sz]ing|sum(?:med)?(?= up)|portray(?:ed)?|depict(?:ed)?|word(?:ed)?)\b"
    r"|\b(?:what|which) (words?|language|phrase)\b|\bin what (words|terms)\b"
    # "need a Sheinbaum soundbite on the call", "her exact words", "verbatim"
    r"|\b(soundbites?|verbatim)\b|\bsound (bites?)\b|\b(?:exact|own) (words)\b")
WORDING_WEIGHT = 2.0
WORDING_BESIDE = 1.0  # the least weight of a word held beside the words asking for someone's own (Coverage)
NUMBER_WORDS = frozenset("""two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty
    fifty sixty seventy eighty ninety hundred hundreds thousand thousands million millions billion billions dozen
    dozens half halved double doubled triple tripled quadrupled""".split())
# Months and days are written with a capital by grammar, not because they name a place or a body: "who won the
# vote last November" asks about a time, which a claim states as its date, not in its words.
CALENDAR_WORDS = frozenset(
    "january february march april may june july august september october november december"
    " jan feb mar apr jun jul aug sep sept oct nov dec"
    " monday tuesday wednesday thursday friday saturday sunday".split())


Conjunction = tuple[tuple[str, ...], ...]  # claims holding one term of every inner tuple
# A place or body the question names: its word, its weight, the bodies it names, its spellings joined to a
# neighbouring name ("o" of "O Brien" -> obrien).
Place = tuple[str, float, frozenset[str], frozenset[str]]


BODY_KINDS = frozenset({"agency", "organisation"})  # bodies named like a person: not governments, not "critics"


@dataclass
class Group:
    """One query term and the indexed terms that satisfy it."""

    term: QueryTerm
    alts: dict[str, float]  # indexed term -> how well it stands for the typed one (1 exact)
    df: int  # claims holding any of alts
    weight: float = 0.0
    persons: frozenset[str] = frozenset()  # a name in the query: claims by these people satisfy it too
    guessed: bool = False  # the index lacks the word in every form: alts are only typo corrections or completions
    percent: bool = False  # asks for a percentage: any percentage figure of a claim holds it (PERCENT_WORDS)
    money: bool = False  # names money: any sum of money of a claim holds it (MONEY_WORDS)
    near: tuple[str, float, float] | None = None  # a hedged number ("around 400"): its kind and the range that holds it
    amount: bool = False  # asks for an amount ("how many", "numbers"): any figure of a claim holds it (AMOUNT_ASKED)
    wording: bool = False  # asks for someone's words ("how did she describe"): a direct quote holds it
    when: str = ""  # a month ("-11") or a year ("2023") the question names: a claim said then holds it (_dated)
    english: bool = False  # the index lacks the word: alts are its general English synonyms (thesaurus.py)
    beat: bool = False  # a word of the beat's lexicon (data/synonyms.yaml) that no claim holds in any form or synonym

    @property
    def useful(self) -> bool:
        return bool(self.alts)

    @property
    def fts(self) -> tuple[str, ...]:
        """Terms for the FTS5 candidates: the one-word alternatives, and one word of each phrase (FTS5 without
        positions cannot match a phrase: the ranking checks the run of words)."""
        return tuple(dict.fromkeys(_phrase_word(alt) for alt in self.alts))


def _phrase_word(alt: str) -> str:
    """The word that finds a phrase's claims: its first that is not a small word ("odds" of "at odds", whose
    "at" most claims hold: walking its list cost a question 6-10 ms at 100k claims), else its first."""
    if " " not in alt:
        return alt
    parts = alt.split()
    return next((word for word in parts if word not in STOPWORDS), parts[0])


@dataclass(frozen=True)
class Ranked:
    rowid: int
    claim_id: str
    speaker_id: str
    said_sort: str
    score: float
    matched: tuple[str, ...]
    cover: float = 0.0  # the share of the question's weight the claim holds
    names_held: bool = True  # by or about every person the question names ("Blinken on flights" is not Petro's)
    names_missed: float = 0.0  # the weight of the names the question writes with a capital that the claim lacks
    # the question names a person or a body (not a government), and the claim is by or about them
    person_held: bool = False
    # the question writes a figure no claim holds ("10,000 troops"), and the claim holds no figure of that kind
    figure_missed: bool = False


@dataclass
class Ranking:
    results: list[Ranked] = field(default_factory=list)  # best first, score >= SUGGEST
    corrections: list[tuple[str, str]] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)

    @property
    def accepted(self) -> list[Ranked]:
        return [r for r in self.results if r.score >= ACCEPT]


class SearchEngine:
    """Caches what is cheap to keep (people, counts) and drops it when the store's content changes."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._generation: str | None = None
        self._docs = 0
        self._checked = 0.0
        self.cache: dict[str, object] = {}  # other derived data (briefings...), dropped with the rest
        self._building: dict[str, asyncio.Future] = {}  # what is being built now: one build, many waiters

    def invalidate(self) -> None:
        self._generation = None
        self._building.clear()
        self._checked = 0.0
        self.cache.clear()

    async def refresh(self) -> int:
        """Notice a recompile or import (this process's at once, another's within a second); returns the claim count."""
        if time.monotonic() - self._checked < RECHECK_SECONDS and self._generation is not None:
            return self._docs
        generation, docs = await self.store.search_state()
        self._checked = time.monotonic()
        if generation != self._generation:
            self._generation, self._docs = generation, docs
            self.cache.clear()
            self._building.clear()  # a build under way is for the old content
        return self._docs

    async def generation(self) -> str:
        """Which content the store holds now (checked at most once a second): caches key on it."""
        await self.refresh()
        return self._generation or ""

    async def people(self) -> PeopleIndex:
        await self.refresh()
        return await self.once("people", self._build_people)

    async def _build_people(self) -> PeopleIndex:
        return PeopleIndex(*await self.store.people_rows())

    def _forget(self, name: str, done: asyncio.Future) -> None:
        if self._building.get(name) is done:
            del self._building[name]

    async def once(self, name: str, build: Callable[[], Awaitable[T]]) -> T:
        """cache[name], built once for everyone asking at the same time (a burst on a fresh bot builds one
        index); a build that finishes after the content changed is not kept."""
        if name in self.cache:
            return self.cache[name]  # type: ignore[return-value]
        running = self._building.get(name)
        if running is None:
            generation = self._generation

            async def run() -> T:
                value = await build()
                if self._generation == generation:
                    self.cache[name] = value
                return value

            running = asyncio.ensure_future(run())
            self._building[name] = running
            running.add_done_callback(lambda done: self._forget(name, done))
        return await asyncio.shield(running)

    async def lexicon(self) -> Lexicon:
        """The synonym groups as term -> the other terms of its groups (a few hundred words, kept in memory)."""
        await self.refresh()
        return await self.once("lexicon", self._build_lexicon)

    async def _build_lexicon(self) -> Lexicon:
        groups: dict[int, list[str]] = defaultdict(list)
        for group_id, term in await self.store.synonym_rows():
            groups[group_id].append(term)
        return await self.with_frequencies(Lexicon.from_groups(groups.values()))

    async def with_frequencies(self, lexicon: Lexicon) -> Lexicon:
        """The lexicon with how many claims hold each form of its words, read once per content version."""
        lexicon.df = await self.store.read_index(_frequencies, sorted(lexicon.every_form()))
        return lexicon

    # --- ranking --------------------------------------------------------------------------------------

    async def rank(self, text: str, filters: ClaimFilter | None = None, *, names: bool = True,
                   candidates: int = CANDIDATES) -> Ranking:
        """The claims that answer the text, best first: the whole lookup runs in one read-pool job."""
        docs = await self.refresh()
        people = await self.people() if names else None
        lexicon = await self.lexicon()
        filters = filters if filters and filters.active else None
        return await self.store.read_index(_rank, text, filters, people, docs, candidates, lexicon)


def _frequencies(index: IndexReader, terms: list[str]) -> dict[str, int]:
    return index.term_frequencies(terms)


def _rank(index: IndexReader, text: str, filters: ClaimFilter | None, people: PeopleIndex | None, docs: int,
          candidates: int, lexicon: Lexicon | None = None) -> Ranking:
    groups, corrections = _groups(index, text, people, docs, lexicon)
    ranking = Ranking(corrections=corrections, groups=groups)
    if not any(not g.term.stop or g.persons for g in groups):
        return ranking  # only stop words ("the of and"): nothing was asked, so nothing is an answer
    if not any(g.alts or g.persons or g.percent or g.money or g.near for g in groups):
        return ranking  # no word of it is in the index in any form: no claim can hold any of it
    rows = None
    if filters is not None:
        scan = index.filtered_docs(filters, SCAN_LIMIT + 1)
        if len(scan) <= SCAN_LIMIT:
            rows = scan
    if rows is None:
        wanted = candidates * (6 if filters else 1)
        rows = index.search_docs(_first_stage(index, groups, wanted, docs), filters)
    ranking.results = _rerank(text, groups, rows, people, docs)
    return ranking


# --- query terms ----------------------------------------------------------------------------------------


def _groups(index: IndexReader, text: str, people: PeopleIndex | None, docs: int,
            lexicon: Lexicon | None = None) -> tuple[list[Group], list[tuple[str, str]]]:
    qterms = _spanish_read_in_english(_everyday_phrases_as_small_words(query_terms(text), text), text, people,
                                      index, lexicon)
    if not qterms or docs == 0:
        return [], []
    phrases = _phrases(qterms, text, lexicon) if lexicon and getattr(lexicon, "heads", None) else {}
    # Other forms of each word (tariff/tariffs, vow/vowed) are looked up with the words themselves, and so are
    # the synonyms of a phrase of the lexicon the question holds ("hit back" -> retaliate).
    forms = {q.text: inflections(q.text) for q in qterms if not q.figure and not q.stop and q.text.isalpha()}
    derived = {word: derivations(word) for word in forms}
    phrase_alts = {key: _phrase_alts(lexicon, key, typed) for key, (typed, _) in phrases.items()} if phrases else {}
    # The lexicon knows how many claims hold its words (read at reload); without that, the synonyms of each
    # word as typed are looked up in the same query (those of a typo's correction later).
    known_df = lexicon.df if lexicon is not None and getattr(lexicon, "df", None) is not None else None
    guesses = {word: _related(lexicon, word, {}) for word in forms} if lexicon and known_df is None else {}
    looked = {*(alt for q in qterms for alt in q.alternatives), *(form for group in forms.values() for form in group),
              *(form for group in derived.values() for form in group),
              *(() if known_df is not None else
                (word for alts in phrase_alts.values() for alt in alts for word in alt.split())),
              *(word for found in guesses.values() for term in found for word in term.split())}
    exact = index.term_frequencies(looked)
    if known_df is not None and phrase_alts:  # the words of the phrases and of their synonyms
        exact.update((word, known_df[word]) for alts in phrase_alts.values() for alt in alts
                     for word in alt.split() if word in known_df)
    qterms, phrase_groups = _merge_phrases(qterms, phrases, phrase_alts, exact)
    if people:
        qterms = _possessives_of_names(qterms, people)
    mentions = _mentions(qterms, people) if people else {}
    capitalised = names_written(text)
    folded = fold(text)
    amounts = {match.group(1) or match.group(2) for match in AMOUNT_ASKED.finditer(folded)}
    if any(match.group(1) not in _FIGURE_OF_A_PERSON for match in _FIGURE_WORD.finditer(folded)):
        amounts.add("figure")
    wording = {word for match in WORDING_ASKED.finditer(text.lower()) for word in match.groups() if word}
    keys: set[str] = set()
    for i, q in enumerate(qterms):
        if _may_have_typo(q, i in mentions, exact, forms.get(q.text, ())):
            keys |= deletion_keys(q.text)
    near = index.fuzzy_terms(keys) if keys else []
    corrections: list[tuple[str, str]] = []
    staged: list[tuple[QueryTerm, dict[str, float], bool]] = []
    for i, q in enumerate(qterms):
        if i in phrase_groups:
            alts = phrase_groups[i]
            staged.append((q, alts, bool(alts)))
            continue
        alts = {alt: 1.0 for alt in q.alternatives if alt in exact}
        weight = TYPO_WEIGHT[1] if alts else FORM_WEIGHT  # typed "vowed", the index has only "vow": that form
        named = i in mentions  # a name is taken as written
        for form in forms.get(q.text, ()) if not named else ():
            if form in exact:
                alts.setdefault(form, weight)
        for form in derived.get(q.text, ()) if not named else ():
            if form in exact:
                alts.setdefault(form, DERIVED_WEIGHT)
        known = bool(alts) or q.figure
        # An English word the index holds as a noun of its verb is taken as typed too: "treat" is treatment,
        # not a slip for "threat"; and so is a word of the lexicon: "cave" is backing down, not "have".
        kin = bool(alts) and q.text not in capitalised and english_word(q.text)
        lexical = lexicon is not None and q.text not in capitalised and any(b in lexicon for b in bases(q.text, 3))
        if not (kin or lexical) and _may_have_typo(q, i in mentions, exact, forms.get(q.text, ())):
            typos = []
            limit = max_typos(q.text)
            # An English word written in lower case is a slip only for a word many claims hold ("boarder" for
            # border), not for a rare one ("tank" is not "task", nor "selling" "spelling").
            floor = max(REAL_WORD_SLIP_DF, REAL_WORD_SLIP_SHARE * docs) \
                if q.text not in capitalised and english_word(q.text) else 0
            for term, df in near:
                if term != q.text and abs(len(term) - len(q.text)) <= limit and df >= floor:
                    distance = slip_distance(q.text, term, limit)
                    if distance <= limit:
                        # Of words as close, one that differs only in a doubled letter is the one meant:
                        # "imigration" is immigration, not migration.
                        typos.append((distance, undoubled(term) != undoubled(q.text), -df, term))
            for distance, _, _, term in sorted(typos)[:6]:
                alts.setdefault(term, TYPO_WEIGHT[distance])
            if typos and q.text not in exact:
                corrections.append((q.text, sorted(typos)[0][-1]))
        staged.append((q, alts, known))
    # The synonyms of every word (of the word as typed, a form of it or a typo's correction), in one lookup. A
    # person's name is taken as written; a country's is not: "Mexico" is held by "Mexican authorities".
    related: list[dict[str, float]] = [
        (_related(lexicon, q.text, alts) or _related_to_nouns(lexicon, derived.get(q.text, ()), alts))
        if lexicon and not q.figure and not q.stop and not _names_a_person(mentions.get(i), people)
        and i not in phrase_groups else {} for i, (q, alts, _) in enumerate(staged)]
    if known_df is not None:
        held = known_df
    else:
        wanted = {word for found in related for term in found for word in term.split()} - looked
        held = {**exact, **index.term_frequencies(wanted)} if wanted else exact
    near_df = dict(near)
    english = _english_synonyms(index, staged, related, mentions, phrase_groups, capitalised)
    asked_weight = _idf(docs, max(1, round(AMOUNT_SHARE * docs)))  # a word asking for an amount, or for words
    groups: list[Group] = []
    for i, ((q, alts, known), found) in enumerate(zip(staged, related, strict=True)):
        for term, weight in found.items():
            df = _df(term, held)
            if df:
                alts.setdefault(term, SYNONYM_WEIGHT * weight)
                near_df.setdefault(term, df)
                known = known or weight >= 1.0  # a synonym of the word as typed, not of a typo's guess
        for term, df in english.get(i, {}).items():
            alts.setdefault(term, THESAURUS_WEIGHT)
            near_df.setdefault(term, df)
            known = True  # a word of the language, said another way: not a name the corpus lacks
        if i == len(qterms) - 1 and not alts and not q.figure and len(q.text) >= 3 and q.text.isalpha():
            for term, _count in index.prefix_terms(q.text, 5):
                alts.setdefault(term, PREFIX_WEIGHT)
        if not alts and is_everyday(q.text):
            q = QueryTerm(q.text, q.alternatives, stop=True)  # how the question is put, not what it asks about
        dfs = [exact.get(a) or near_df.get(a) or (_df(a, exact) if " " in a else 0) for a in alts]
        percent = (q.text in PERCENT_WORDS and not q.figure) or q.proportion  # "what share", "eight in ten"
        # A percentage no claim holds is a fact-checker's figure remembered wrong ("down 67%?" for 76%): it asks
        # for a percentage, as "what share" does, at the weight of a word asking for an amount.
        misremembered = q.figure and not alts and not (q.approximate or q.proportion) \
            and any(_is_percentage(a) for a in q.alternatives)  # a hedged one has its own range (_near)
        percent = percent or misremembered
        amount = (q.text in amounts or q.text in AMOUNT_WORDS) and not q.figure
        worded = q.text in wording
        money = q.text in MONEY_WORDS and not q.figure
        near = _near(q.alternatives[0]) if q.approximate else None
        group = Group(q, alts, min(docs, sum(dfs)), persons=mentions.get(i, frozenset()),
                      guessed=bool(alts) and not known and not percent and not amount and not worded and not money,
                      percent=percent, money=money, english=bool(english.get(i)), when=_calendar(q, capitalised),
                      amount=amount, wording=worded, near=near,
                      beat=not alts and lexicon is not None and q.text in lexicon
                      and not _a_way_of_saying(q.text, lexicon))
        # A word no claim holds weighs as the rarest, even when its English synonyms are common words: the
        # question is about it ("judicial reform" is not any claim holding "legal" and "reform").
        # A phrase weighs as its rarest word ("remain in mexico" as "remain"), not as the commonest of its parts.
        typed = q.alternatives[0]
        main_df = exact.get(typed) or (i in phrase_groups and _df(typed, exact)) \
            or (0 if group.english else max(dfs, default=0))
        if i in phrase_groups:
            # A name written out weighs as the commonest way claims write it: "the United States" as the "US"
            # most claims hold, not as the few that spell it out.
            initials = "".join(word[0] for word in typed.split())
            main_df = max(main_df or 0, exact.get(initials, 0) if initials in alts else 0) or main_df
        group.weight = _idf(docs, main_df or 1) * (0.1 if q.stop else 1.0)
        if not alts and len(q.text) < 5 and not q.figure and q.text not in capitalised:
            group.weight *= 0.5  # a short word the index lacks is more likely a slip than a name ("Elon Musk" is one)
        if group.persons and not main_df:
            group.weight = _idf(docs, 1) * 0.7
        elif amount or misremembered:
            group.weight = asked_weight
        elif alts and not q.stop and is_everyday(q.text):
            group.weight *= EVERYDAY_HELD  # "wants", "nearly": a few claims hold them, they say little of the subject
        if worded:  # what the question asks for: at least as heavy as an amount asked, and twice that
            group.weight = max(group.weight, asked_weight) * WORDING_WEIGHT
        groups.append(group)
    return groups, corrections


def _english_synonyms(index: IndexReader, staged: list[tuple[QueryTerm, dict[str, float], bool]],
                       related: list[dict[str, float]], mentions: dict[int, frozenset[str]],
                       phrase_groups: dict[int, dict[str, float]], names: set[str]) -> dict[int, dict[str, int]]:
    """For each word the index lacks in every form and the lexicon cannot place ("was the call genuine?"): the
    forms of its common English synonyms that claims hold (sincere), with how many claims hold each; one read."""
    wanted: dict[int, set[str]] = {}
    for i, (q, _alts, known) in enumerate(staged):
        if known or related[i] or q.stop or q.figure or i in mentions or i in phrase_groups or not q.text.isalpha():
            continue
        if is_everyday(q.text) or q.text in names:
            continue  # "looking": how the question is put, a small word (not "seem"); "Musk" is a name, not a scent
        found = [s for s in english_synonyms(q.text) if s.isalpha()][:THESAURUS_SYNONYMS]
        if found:
            wanted[i] = {form for synonym in found for form in forms(synonym)}
    if not wanted:
        return {}
    held = index.term_frequencies(set().union(*wanted.values()))
    return {i: {form: held[form] for form in sorted(terms) if form in held} for i, terms in wanted.items()}


def _spanish_read_in_english(qterms: list[QueryTerm], text: str, people: PeopleIndex | None,
                             index: IndexReader | None = None, lexicon: Lexicon | None = None) -> list[QueryTerm]:
    """Each word of the Spanish glossary that is not an English word nor a name (one written with a capital, or
    an alias of the registry: "presidenta" is Sheinbaum), as the English words it means ("detenciones" ->
    arrests, "recorte" -> cut); the rest as typed. A word of a phrase the lexicon knows is left to the lexicon
    ("Estados Unidos" is the United States, not a state and a union)."""
    out: list[QueryTerm] = []
    names: set[str] | None = None
    skip = 0
    in_phrases: set[str] | None = None
    typed_words: list[str] | None = None  # the question's words, and whether it is asked in Spanish: worked
    in_spanish: bool | None = None  # out once, and only for a question that needs them

    def typed() -> list[str]:
        nonlocal typed_words
        if typed_words is None:
            typed_words = words(prepare(text[:MAX_NAME_SCAN * 2]))
        return typed_words

    def asked_in_spanish() -> bool:
        nonlocal in_spanish
        if in_spanish is None:
            in_spanish = reads_as_spanish(typed())
        return in_spanish

    for at, q in enumerate(qterms):
        if skip:
            skip -= 1
            continue
        if not q.figure and (q.text in phrase_starts() or (q.text in phrase_starts(True) and asked_in_spanish())):
            meaning, skip = _glossary_phrase(qterms, at, typed(), asked_in_spanish())
            if meaning:
                out.extend(QueryTerm(word, (word,), stop=word in STOPWORDS) for word in meaning)
                continue
        plain = not (q.stop or q.figure or not q.text.isalpha()) and (
            # a word of one or two letters only as chat Spanish writes it ("q", "xq", "EU"), in Spanish
            len(q.text) >= 3 or (asked_in_spanish() and bool(spanish_english(q.text, everyday=True))))
        homograph = plain and english_word(q.text)
        meaning = spanish_in_spanish(q.text) if homograph else spanish_english(q.text) if plain else ()
        # ... and by its stem, an English word too ("solicitude", a slip of "solicitudes" corrected into English)
        everyday = spanish_english(q.text, everyday=True) if plain and not meaning else ()
        if (homograph and meaning) or everyday:
            # "son", "dice", "pierde": everyday Spanish, read so only in a question asked in Spanish, or beside
            # a small word only Spanish has ("solicitudes de asilo filed in 2023", "los gringos")
            # ... or, for a word English lacks listed as typed, anywhere in a question with such a small word
            # ("Sheinbaum said something about la frontera, qué dijo exactamente?")
            meaning = (meaning or everyday) if asked_in_spanish() or _beside_spanish(qterms, at) or (
                not homograph and spanish_listed(q.text) and _holds_spanish_small_word(qterms)) else ()
        if meaning and lexicon is not None and getattr(lexicon, "heads", None):
            if in_phrases is None:
                in_phrases = {word for start, end, _ in lexicon.phrases_in(typed()) for word in typed()[start:end]}
            if q.text in in_phrases:
                meaning = ()
        if meaning and (homograph or not english_word(q.text)) \
                and not (people is not None and q.text in people.by_key):
            names = names_written(text) if names is None else names
            # Spanish writes institutions and programmes with a capital ("la Aduana", "el Programa Frontera
            # Sur"): in a question asked in Spanish such a word of the glossary is read in English, not taken
            # for a name the corpus lacks, unless it is a word of a registered name ("el Senado": the Senate of
            # Mexico, who speaks for itself)
            if q.text not in names or (asked_in_spanish() and not (people is not None and q.text in people.by_token)
                                       and _held_in_any_form(index, meaning)):
                out.extend(QueryTerm(word, (word,), stop=word in STOPWORDS) for word in meaning)
                continue
        out.append(q)
    if len(out) == len(qterms) and all(a is b for a, b in zip(out, qterms, strict=True)):
        return qterms
    seen: set[str] = set()
    return [q for q in out if q.figure or not (q.text in seen or seen.add(q.text))]


def _glossary_phrase(qterms: list[QueryTerm], at: int, typed: list[str], everyday: bool) -> tuple[tuple[str, ...], int]:
    """The English words of the glossary's phrase typed from qterms[at] on ("trata de personas": human
    trafficking; in a question asked in Spanish, "el otro lado" too), and how many terms after it the phrase
    spans. Read in the question's words, not its terms: a small word the question used before ("la delegación
    de Blinken ... trata de personas") is not repeated among its terms."""
    earlier = {q.text for q in qterms[:at]}
    for start in (i for i, word in enumerate(typed) if word == qterms[at].text):
        for size in (3, 2):
            phrase = typed[start:start + size]
            meaning = spanish_english(" ".join(phrase), everyday=everyday) if len(phrase) == size else ()
            if not meaning:
                continue
            after = at + 1
            for word in phrase[1:]:
                if after < len(qterms) and qterms[after].text == word and not qterms[after].figure:
                    after += 1
                elif word not in earlier:
                    break  # the phrase's word is neither next among the terms nor one seen before
            else:
                return meaning, after - at - 1
    return (), 0


def _holds_spanish_small_word(qterms: list[QueryTerm]) -> bool:
    """Whether the question writes a small word only Spanish has ("de", "los", "que") anywhere."""
    return any(q.text in SMALL_WORDS_ONLY_SPANISH_HAS for q in qterms)


def _beside_spanish(qterms: list[QueryTerm], at: int) -> bool:
    """Whether the word at `at` has a small word only Spanish has ("de", "los", "que") right before or after it."""
    return any(0 <= i < len(qterms) and qterms[i].text in SMALL_WORDS_ONLY_SPANISH_HAS for i in (at - 1, at + 1))


def _held_in_any_form(index: IndexReader | None, meaning: tuple[str, ...]) -> bool:
    """Whether some claim holds one of these English words in one of its forms ("senate"); one none holds
    ("gulf" for "el Golfo de América") leaves its Spanish word a name the corpus lacks."""
    if index is None:
        return False
    wanted = {form for word in meaning if word not in STOPWORDS for form in {word, *inflections(word)}}
    return bool(wanted) and bool(index.term_frequencies(wanted))


def _everyday_phrases_as_small_words(qterms: list[QueryTerm], text: str) -> list[QueryTerm]:
    """The words of a set phrase that says how the question is put ("in the first place") weigh as small
    words: "first" and "place" there are not what is asked about (unless the question uses them elsewhere
    too). Read in the words as written: the query terms are deduplicated ("at the end of the day")."""
    run = words(prepare(text[:MAX_NAME_SCAN * 2]))
    inside = everyday_runs(run)
    if not inside:
        return qterms
    small = {run[i] for i in inside} - {word for i, word in enumerate(run) if i not in inside}
    return [QueryTerm(q.text, q.alternatives, stop=True) if q.text in small and not q.figure else q
            for q in qterms]


def _df(term: str, dfs: dict[str, int]) -> int:
    """A term's document frequency; a phrase's is at most its rarest word's (0 when a word is missing)."""
    if " " not in term:
        return dfs.get(term, 0)
    return min((dfs.get(word, 0) for word in term.split()), default=0)


def _phrases(qterms: list[QueryTerm], text: str, lexicon: Lexicon) -> dict[str, tuple[str, list[int]]]:
    """The lexicon's phrases the question holds as a run of words ("sent back"): phrase -> (as typed, the
    indexes of its words among the query terms)."""
    position = {q.text: i for i, q in enumerate(qterms) if not q.figure}
    found: dict[str, tuple[str, list[int]]] = {}
    typed = words(prepare(text[:MAX_NAME_SCAN * 2]))
    # ... and those of the question read in English ("Quédate en México" -> remain in mexico)
    read = [q.text for q in qterms if not q.figure]
    for run in (typed, read) if read != typed[:len(read)] else (typed,):
        for start, end, key in lexicon.phrases_in(run):
            indexes = [position.get(word) for word in run[start:end]]
            if None not in indexes and key not in found:
                found[key] = (" ".join(run[start:end]), indexes)  # type: ignore[arg-type]
    return found


def _phrase_alts(lexicon: Lexicon, key: str, typed: str) -> dict[str, float]:
    """What stands for a phrase of the question: itself in each form, its synonyms (words and phrases) in each."""
    alts = {form: FORM_WEIGHT for form in phrase_forms(key)}
    alts[typed] = 1.0
    content = [word for word in typed.split() if word not in STOPWORDS]
    for word in content:  # a claim holding a word of it without the rest holds less ("hit" of "hit back"),
        alts.setdefault(word, PHRASE_PART_WEIGHT if len(content) > 1 else FORM_WEIGHT)  # unless it is the one
    for other in lexicon.get(key, ()):
        for form in phrase_forms(other) if " " in other else forms(other):
            alts.setdefault(form, SYNONYM_WEIGHT)
    return alts


def _merge_phrases(qterms: list[QueryTerm], phrases: dict[str, tuple[str, list[int]]],
                   phrase_alts: dict[str, dict[str, float]], dfs: dict[str, int],
                   ) -> tuple[list[QueryTerm], dict[int, dict[str, float]]]:
    """The query terms with each phrase the index can match (itself or a synonym) as one term in place of its
    words: "hit back" is one thing asked, not "hit" and "back"."""
    if not phrases:
        return qterms, {}
    replace_at: dict[int, tuple[QueryTerm, dict[str, float]]] = {}
    dropped: set[int] = set()
    for key, (typed, indexes) in phrases.items():
        alts = {alt: weight for alt, weight in phrase_alts[key].items() if _df(alt, dfs)}
        # A phrase of the beat no claim holds, nor a synonym, only some of its words ("national" of "national
        # guard", "guard" in no claim): the thing it names is absent, not half held by "national emergency".
        absent = _held_only_in_part(typed, alts, dfs)
        if absent:
            alts = {}
        # A small word is one term however often the question writes it: two phrases may share it ("not to
        # panic" and "put his name to"), not a word that says what is asked.
        taken = dropped | replace_at.keys()
        free = [i for i in indexes if i not in taken]
        if not (alts or absent) or not free or any(i in taken and not qterms[i].stop for i in indexes):
            continue
        replace_at[free[0]] = (QueryTerm(typed, (typed,)), alts)
        dropped.update(free[1:])
    out: list[QueryTerm] = []
    groups: dict[int, dict[str, float]] = {}
    for i, q in enumerate(qterms):
        if i in dropped:
            continue
        if i in replace_at:
            q, alts = replace_at[i]
            groups[len(out)] = alts
        out.append(q)
    return out, groups


_SAYING = frozenset(REPORTING) | frozenset(REPORTING_NOUNS)


def _a_way_of_saying(word: str, lexicon: Lexicon) -> bool:
    """Whether a word of the lexicon says how something was said ("complain", "objection": their group holds
    a verb or noun of saying): no claim holding it is how the question is put ("did Mexico complain about the
    rail closures": it "raised" them), not a subject the corpus lacks."""
    return word in _SAYING or any(other in _SAYING for other in lexicon.get(word, ()))


def _held_only_in_part(typed: str, alts: dict[str, float], dfs: dict[str, int]) -> bool:
    """Whether the claims hold only the typed phrase's own words, one at a time, and not all of them: no claim
    holds the phrase, a synonym of it, or one of its words in any form."""
    parts = typed.split()
    return bool(alts) and all(alt in parts for alt in alts) \
        and any(not any(dfs.get(form, 0) for form in (word, *inflections(word)))
                for word in parts if word not in STOPWORDS)


_TOKEN = re.compile(r"[^\W\d_][^\W_]*")


def names_written(text: str) -> set[str]:
    """Words written with a capital that grammar does not explain (not the first word, unless a capitalised word
    follows it: "Elon Musk tariffs", and not then when a colon or a comma ends it: "Verify: Sheinbaum ..."),
    folded: the question's names."""
    scanned = text[:MAX_NAME_SCAN]
    found = list(_TOKEN.finditer(scanned))
    tokens = [m.group() for m in found]
    out: set[str] = set()
    for i, token in enumerate(tokens):
        if token[0].isupper() and (i > 0 or (len(tokens) > 1 and tokens[1][0].isupper()
                                              and scanned[found[0].end():found[0].end() + 1] not in (":", ","))):
            out.update(words(prepare(token)))
    return out


_SENTENCE_END = re.compile(r"[.?!:;]\s*$")


def _sentence_starts(text: str, found: list[re.Match]) -> set[int]:
    """The positions (among the tokens) of the first word of each sentence: the text's first, and each after a
    full stop, a question or exclamation mark, a colon or a semicolon ("... with the US? Need it for a deck")."""
    starts = {0} if found else set()
    for i in range(1, len(found)):
        between = text[found[i - 1].end():found[i].start()]
        if _SENTENCE_END.search(between) and not (between.startswith(".") and _INITIAL.fullmatch(found[i - 1].group())):
            starts.add(i)
    return starts


_INITIAL = re.compile(r"[A-Z]|U\.?S|Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Pres|Sec|No")  # "U.S. Border Patrol", "Mr. Ebrard"


def _written_capitalised(text: str) -> set[str]:
    """The words written with a capital, the first word too, folded."""
    return {word for token in _TOKEN.findall(text[:MAX_NAME_SCAN]) if token[0].isupper()
            for word in words(prepare(token))}


def _related(lexicon: Lexicon, word: str, alts: dict[str, float]) -> dict[str, float]:
    """Synonyms of the word (or of a spelling it was matched by, or of its base) in every form: term -> weight.
    The lexicon lists base words (overwhelm, not overwhelmed): their forms are made here."""
    spellings = {word: 1.0, **alts}
    out: dict[str, float] = {}
    for spelled, weight in spellings.items():
        if weight < TYPO_WEIGHT[1]:
            continue  # a synonym of a looser kin (a noun of the verb, a two-typo guess) strays too far
        for form in lexicon.expand(spelled):
            if form not in spellings and weight > out.get(form, 0.0):
                out[form] = weight
    return out


def _related_to_nouns(lexicon: Lexicon, nouns: Iterable[str], alts: dict[str, float]) -> dict[str, float]:
    """For a verb no claim holds in any form, nor any synonym of it: the synonyms of its nouns, a step further
    (counted as a synonym of the verb itself, which it is: "why people emigrate" -> emigration -> migration)."""
    if alts:
        return {}
    return {form: 1.0 for noun in nouns for form in lexicon.expand(noun)}


def _first_stage(index: IndexReader, groups: list[Group], wanted: int, docs: int) -> list[int]:
    """Candidate claims (rowids) ranked by a rough score: the sum of the weights of the query terms they hold."""
    # A word known only through its English synonyms finds no candidates by itself: those synonyms are common
    # words ("legal" for "judicial"), weak evidence, and their long lists would cost the most to walk.
    content = ([g for g in groups if g.useful and not g.term.stop and not g.english]
               or [g for g in groups if g.useful and not g.term.stop] or [g for g in groups if g.useful])
    content.sort(key=lambda g: g.df)
    # the small words too, rarest first: each joins the AND below only while it still holds too many claims
    stops = sorted((g for g in groups if g.useful and g.term.stop and g not in content), key=lambda g: g.df)
    enough = max(100, min(ENOUGH, docs // 50))
    # A word the index lacks caps the score: if no claim can reach ACCEPT, fetch only near misses.
    reachable = 100 * (0.75 * sum(g.weight for g in groups if g.useful or g.persons or g.percent or g.money or g.amount
                                          or g.near)
                       / max(sum(g.weight for g in groups), 1e-9) + 0.25)
    small = reachable < ACCEPT
    parts: list[tuple[Conjunction, int]] = []
    weights: list[float] = []
    total = 0
    for group in content:
        rare = group.df <= enough and total + group.df <= BUDGET
        if parts and not rare:
            break  # the rarer terms found the candidates; common ones only count in the ranking
        limit = BUDGET if rare and not small else min(wanted * 10, BUDGET) if not small else wanted
        parts.append(((group.fts,), limit))
        weights.append(group.weight)
        total += min(group.df, limit)
    common_only = not content or min(g.df for g in content) > enough
    if not common_only:
        # Many claims may share the rare words: the next, commoner words tell them apart. FTS5 answers
        # "rare AND common" by walking the short list, so this stays cheap (very common words are left
        # to the ranking).
        lead = tuple(term for group in content[: len(parts)] for term in group.fts)
        taken = set(map(id, content[: len(parts)]))
        spent = 0
        for group in [g for g in content if id(g) not in taken][:TIE_BREAKERS]:
            spent += group.df  # FTS5 walks the common word's list: the cost grows with its length
            if spent > TIE_BUDGET:
                break
            parts.append(((lead, group.fts), BUDGET))
            weights.append(group.weight)
    scores: dict[int, float] = defaultdict(float)
    for rowid, part in index.postings(parts):
        scores[rowid] += weights[part]
    if len(content) > 1 and common_only:
        # No rare word to find the claim by: the claims holding every word. FTS5's AND walks the lists
        # together, and a very common word ("mexico", "the") makes that slow, so the rarer words go first
        # and a commoner one joins only while the claims holding them all are too many to rank whole. The small
        # words join in the same order ("with" before "and" before "the"): a rarer one narrows the claims more
        # for a shorter walk (1M claims: p99 27.6 -> 20.3 ms, the same claims found).
        ordered = [*content, *stops]
        take, held = 2, []
        while True:
            held = index.postings([(tuple(g.fts for g in ordered[:take]), wanted + 1)])
            if len(held) <= wanted or take == len(ordered):
                break
            take += 1
        bonus = sum(g.weight for g in ordered[:take]) + 0.5
        for rowid, _ in held[:wanted]:
            scores[rowid] += bonus
    persons = sorted({p for g in groups for p in g.persons})
    if persons:
        weight = sum(g.weight for g in groups if g.persons)
        for row in index.speaker_docs(persons, 200):
            scores[row[0]] += weight
    return [rowid for rowid, _ in heapq.nlargest(wanted, scores.items(), key=itemgetter(1))]


def _idf(docs: int, df: int) -> float:
    return math.log(1 + (docs - df + 0.5) / (df + 0.5))


def _may_have_typo(q: QueryTerm, is_name: bool, exact: dict[str, int], forms: frozenset[str] | set[str] = frozenset(),
                   ) -> bool:
    """A word the index lacks in every form (a word it has, or has in another form, is taken as typed: "walls"
    is wall, not calls; so is an everyday word: "goes" is not a slip for "does")."""
    return not (q.figure or q.stop or is_name or q.text in exact or is_everyday(q.text)) \
        and fuzzy_candidate(q.text) and not any(form in exact for form in forms)


def _names_a_person(persons: frozenset[str] | None, people: PeopleIndex | None) -> bool:
    """Whether a word of the question names a person (not a government or a body: those are places too)."""
    return bool(persons) and (people is None or any(people.kinds.get(p) == "person" for p in persons))


def _possessives_of_names(qterms: list[QueryTerm], people: PeopleIndex) -> list[QueryTerm]:
    """A person's name with the possessive typed without its apostrophe, as chat does ("trumps border czar",
    "sheinbaums post"), as the name: the word is no alias itself, and without its "s" it is a person's."""
    out = qterms
    for at, q in enumerate(qterms):
        name = q.text[:-1]
        if len(q.text) > 4 and q.text.endswith("s") and not q.figure and q.text not in people.by_key \
                and any(people.kinds.get(people.entries[i].person) == "person" and not people.entries[i].is_role
                        for i in people.by_key.get(name, ())):
            out = [*out[:at], QueryTerm(name, (name,)), *out[at + 1:]]
    return out


def _mentions(qterms: list[QueryTerm], people: PeopleIndex) -> dict[int, frozenset[str]]:
    """Query words that spell a registered name or role exactly ('AMLO', 'Lopez Obrador', 'foreign minister'):
    term index -> person ids (a role: its holders, when there are at most three)."""
    # A word that dates a role is read past: "Mexico's then president" is Mexico's president (its holders).
    kept = [i for i, q in enumerate(qterms) if q.text not in ROLE_TIMES] if len(qterms) > 1 else [0]
    texts = [qterms[i].text for i in kept]
    found: dict[int, frozenset[str]] = {}
    for size in (4, 3, 2, 1):
        for start in range(len(texts) - size + 1):
            span = kept[start : start + size]
            if any(i in found for i in span) or any(qterms[i].figure for i in span):
                continue
            key = " ".join(texts[start : start + size])
            if len(key) < 3 or key in STOPWORDS:
                continue
            if texts[start].startswith("america") and start and texts[start - 1] in AMERICAS:
                continue
            ids = frozenset(people.entries[j].person for j in people.by_key.get(key, ()))
            if 0 < len(ids) <= 3:
                head = _head_word(qterms, span[0], span[-1]) if all(people.kinds.get(p) in BODY_KINDS for p in ids) \
                    else None
                if head is not None:  # "the SRE chief", "head of the SRE": the body's heads are named, and so is it
                    ids = ids | frozenset(person for body in ids for person, *_ in people.heads_of(body))
                    span = [*span, head]
                for i in span:
                    found[i] = ids
    return found


def _head_word(qterms: list[QueryTerm], first: int, last: int) -> int | None:
    """The position of the word that makes a body's name its head's: "SRE chief", "head of the SRE"."""
    if last + 1 < len(qterms) and qterms[last + 1].text in HEAD_WORDS:
        return last + 1
    before = [q.text for q in qterms[max(0, first - 3):first]]
    for at in range(len(before) - 1):
        if before[at] in HEAD_WORDS and before[at + 1] == "of":
            return first - len(before) + at
    for at in range(len(before)):  # "the guy running Homeland Security", "whoever heads the SRE"
        if before[at] in RUNNING_WORDS and all(q in ("the", "of") for q in before[at + 1:]):
            return first - len(before) + at
    return None


class Coverage:
    """The share of the query's weight a claim's terms hold (each group counts its best-matching spelling)."""

    def __init__(self, groups: list[Group]) -> None:
        self.groups = groups
        self.weights = [g.weight for g in groups]
        self.total = sum(self.weights)
        self.spellings: dict[str, list[tuple[int, float]]] = defaultdict(list)  # indexed term -> (group, weight)
        # A phrase is a run of terms: its first word -> (" hit back ", group, weight), checked only in the claims
        # that hold that word.
        self.phrases: dict[str, list[tuple[str, int, float]]] = defaultdict(list)
        for i, group in enumerate(groups):
            for alt, weight in group.alts.items():
                if " " in alt:
                    self.phrases[alt.partition(" ")[0]].append((f" {alt} ", i, weight))
                else:
                    self.spellings[alt].append((i, weight))
        self.heads = self.phrases.keys()
        self.keys = self.spellings.keys()
        # In the source passage only the word itself or another form of it (or a phrase's word) counts, less:
        # not typos or synonyms.
        self.in_context = {term: [(i, weight * CONTEXT_WEIGHT) for i, weight in found
                                  if weight >= FORM_WEIGHT or weight == PHRASE_PART_WEIGHT]
                           for term, found in self.spellings.items()}
        self.named = [(i, g.persons) for i, g in enumerate(groups) if g.persons]
        self.percent = [i for i, g in enumerate(groups) if g.percent]
        self.money = [i for i, g in enumerate(groups) if g.money]
        self.near = [(i, *g.near) for i, g in enumerate(groups) if g.near]
        # an amount asked of money ("how much money does each returnee get") is a sum of money or a share of one
        # ("how much money was cut": 20 percent), not a count (the nine reception centres)
        self.amount = [i for i, g in enumerate(groups) if g.amount]
        self.wording = [i for i, g in enumerate(groups) if g.wording]
        # ... which a direct quote holds only beside a word of what it is about, held as typed, in another form
        # or a synonym (not as a slip's correction, and not a word most claims hold): "tom homan soundbites" is
        # not any quote holding "human"
        self.about = frozenset(i for i, g in enumerate(groups)
                               if not (g.term.stop or g.guessed or g.wording) and g.weight >= WORDING_BESIDE)
        self.texts = [g.term.text for g in groups]

    def __call__(self, body: str, speaker: str = "", own: int | None = None, rowid: int | None = None,
                 kind: str = "") -> tuple[float, tuple[str, ...]]:
        """`own`: how many leading terms of body are the claim's; the rest (its source passage) count less."""
        if not self.total:
            return 0.0, ()
        held, every = _doc_terms(body, own, rowid)
        best: dict[int, float] = {}
        get = best.get
        spellings, in_context = self.spellings, self.in_context
        for term in self.keys & every:  # C-level set work; the loop sees only matches
            for i, weight in spellings[term] if term in held else in_context.get(term, ()):
                if weight > get(i, 0.0):
                    best[i] = weight
        if self.phrases:
            heads = self.heads & every
            padded, limit = "", 0
            for head in heads:
                for pattern, i, weight in self.phrases[head]:
                    if not padded:
                        padded, limit = f" {body} ", _own_end(body, own)
                    at = padded.find(pattern)
                    if at < 0:
                        continue
                    if at >= limit:  # in the source passage
                        weight = weight * CONTEXT_WEIGHT if weight >= FORM_WEIGHT else 0.0
                    if weight > best.get(i, 0.0):
                        best[i] = weight
        for i, persons in self.named:
            if speaker in persons:
                best[i] = 1.0
        if self.percent and any(_is_percentage(term) for term in held):
            for i in self.percent:
                best[i] = max(best.get(i, 0.0), SYNONYM_WEIGHT)
        if self.money and any(_is_money(term) for term in held):
            for i in self.money:
                best[i] = max(best.get(i, 0.0), SYNONYM_WEIGHT)
        if self.near:
            for i, kind, low, high in self.near:
                if any(k == kind and low <= v <= high for k, v in _figures_of(held)):
                    best[i] = max(best.get(i, 0.0), SYNONYM_WEIGHT)
        if self.amount and (any(_is_money(term) or _is_percentage(term) for term in held) if self.money
                            else _holds_amount(held)):
            for i in self.amount:
                best[i] = 1.0
        if self.wording and kind == "direct_quote" and not self.about.isdisjoint(best):
            for i in self.wording:
                best[i] = 1.0
        weights = self.weights
        got = sum(weights[i] * weight for i, weight in best.items())
        texts = self.texts
        return got / self.total, tuple(texts[i] for i in sorted(best))


_MONTHS = {name: f"-{number:02d}" for name, number in MONTHS.items()}  # in English and Spanish ("febrero")
_MONTHS_ONLY_WITH_A_CAPITAL = frozenset("march mar may".split())  # also words: "migrants march", "may"
# Holidays of a fixed month, in English and Spanish: "right before Thanksgiving" is late November
_HOLIDAYS = {"thanksgiving": "-11", "halloween": "-10", "christmas": "-12", "xmas": "-12", "navidad": "-12",
             "nochebuena": "-12"}
_MONTHS_WRITTEN = "|".join(sorted((*_MONTHS, *MONTHS), key=len, reverse=True))  # English and Spanish, as a regex


def _calendar(q: QueryTerm, capitalised: set[str]) -> str:
    """The month ("-11") or year ("2023") a question's word names, or "": a claim says when in its date."""
    if q.figure or q.text.isdigit():  # a bare number is a word of its own ("2023"), not a figure
        return q.text if len(q.text) == 4 and q.text.isdigit() and "1900" <= q.text <= "2099" else ""
    month = _MONTHS.get(q.text, "") or _HOLIDAYS.get(q.text, "")
    if month and q.text in _MONTHS_ONLY_WITH_A_CAPITAL and q.text not in capitalised:
        return ""
    return month


def _dated(dated: list[tuple[str, str, float]], said_sort: str, cover: float, matched: tuple[str, ...],
           ) -> tuple[float, tuple[str, ...]]:
    """A claim said in the month or year the question names holds that word, as another form of it: "their
    late-November call" is the call of 27 November 2024, whose claim does not write the month."""
    for when, text, share in dated:
        if text in matched:
            continue
        said = said_sort[4:7] if when.startswith("-") else said_sort[:4]
        if said == when:
            cover += share * FORM_WEIGHT
            matched = (*matched, text)
    return cover, matched


_AMOUNTS: dict[frozenset[str], bool] = {}


def _holds_amount(held: frozenset[str]) -> bool:
    """Whether a claim's terms hold a figure that is not a year ("53", "usd100", "3500000", "76pct") or a number
    in words ("two caravans", "doubled"). Kept per set of terms (the same claims come back question after
    question)."""
    found = _AMOUNTS.get(held)
    if found is None:
        found = any(_is_amount(term) for term in held)
        if len(_AMOUNTS) >= _DOCS_MAX:
            _AMOUNTS.clear()
        _AMOUNTS[held] = found
    return found


def _is_amount(term: str) -> bool:
    if term in NUMBER_WORDS:
        return True
    if term.startswith("usd"):
        term = term[3:]
    if not term[:1].isdigit():
        return False
    return not (len(term) == 4 and term.isdigit() and 1900 <= int(term) <= 2100)


FIGURE_DF = 3  # a figure this few claims hold identifies what it counts (_by_its_figure) ...
FIGURE_MIN = 20  # ... when it is no small count ("two caravans", "10 days") ...
FIGURE_UNKNOWN = 0.4  # ... and the words no claim holds are less than this share of the question
BEAT_ABSENT = 2.0  # a word of the beat's lexicon no claim holds counts this many times among the words no claim holds
NEAR_SHARE = 0.15  # a hedged number ("around 400") is held by a claim's figure this close to it (370)
_FIGURE = re.compile(r"(usd|mxn)?(\d+(?:p\d+)?)(pct|pts)?")


def _figure_of(term: str) -> tuple[str, float] | None:
    """A figure term's kind and value: "76pct" -> ("pct", 76), "usd100" -> ("usd", 100), "370" -> ("", 370)."""
    found = _FIGURE.fullmatch(term)
    if found is None:
        return None
    return found[1] or found[3] or "", float(found[2].replace("p", "."))


def _near(term: str) -> tuple[str, float, float] | None:
    """The range of a hedged number ("around 400": 340-460), not for a year ("around 2019" is a date)."""
    figure = _figure_of(term)
    if figure is None or _is_year(*figure):
        return None
    kind, value = figure
    return kind, value * (1 - NEAR_SHARE), value * (1 + NEAR_SHARE)


def _is_year(kind: str, value: float) -> bool:
    return not kind and value.is_integer() and 1900 <= value <= 2100


_FIGURES: dict[frozenset[str], list[tuple[str, float]]] = {}


def _figures_of(held: frozenset[str]) -> list[tuple[str, float]]:
    """The figures of a claim's terms that are not years, kept per set of terms like _holds_amount's answer."""
    found = _FIGURES.get(held)
    if found is None:
        found = [f for term in held if term[:1].isdigit() or term[:3] in ("usd", "mxn")
                 for f in [_figure_of(term)] if f is not None and not _is_year(*f)]
        if len(_FIGURES) >= _DOCS_MAX:
            _FIGURES.clear()
        _FIGURES[held] = found
    return found


def _is_money(term: str) -> bool:
    """A sum of money's term: "usd100", "mxn2000000000"."""
    return term.startswith(("usd", "mxn")) and term[3:4].isdigit()


def _is_percentage(term: str) -> bool:
    """A percentage figure's term: "76pct", "63p7pct"."""
    return term.endswith("pct") and term[:1].isdigit()


_DOCS: dict[int, tuple[str, int | None, frozenset[str], frozenset[str]]] = {}  # hash -> body, own, its terms
_DOCS_MAX = 2_048  # about 8 kB each at most: a few MB, and every claim of a small corpus


def _doc_terms(body: str, own: int | None, rowid: int | None = None) -> tuple[frozenset[str], frozenset[str]]:
    """A claim's own terms and all its terms (with its source passage's), as sets: kept for the claims ranked
    lately (the same claims come back question after question), keyed by the claim's row (or the body's hash)
    and checked against the body itself."""
    key = rowid if rowid is not None else hash(body)
    cached = _DOCS.get(key)
    if cached is not None and cached[1] == own and cached[0] == body:
        return cached[2], cached[3]
    terms = body.split()
    every = frozenset(terms)
    held = frozenset(terms[:own]) if own is not None and own < len(terms) else every
    if len(_DOCS) >= _DOCS_MAX:
        _DOCS.clear()
    _DOCS[key] = (body, own, held, every)
    return held, every


def _own_end(body: str, own: int | None) -> int:
    """Where the claim's own terms end in f" {body} " (the source passage's terms follow)."""
    if own is None:
        return len(body) + 2
    if own == 0:
        return 0
    at = 0
    for _ in range(own):
        at = body.find(" ", at + 1)
        if at < 0:
            return len(body) + 2
    return at + 1


def _rerank(text: str, groups: list[Group], rows: list, people: PeopleIndex | None = None, docs: int = 0,
            ) -> list[Ranked]:
    staged = []
    coverage = Coverage(groups)
    dated = [(g.when, g.term.text, g.weight / coverage.total) for g in groups if g.when] if coverage.total else []
    stops = {g.term.text for g in groups if g.term.stop and not g.persons}
    for row in rows:
        rowid, claim_id, speaker_id, kind, said_sort, body, own, setting = row
        cover, matched = coverage(body, speaker_id, own, rowid, kind)
        if dated:
            cover, matched = _dated(dated, said_sort, cover, matched)
        if stops.issuperset(matched):
            continue  # it shares only stop words with the question: no evidence at all
        staged.append((cover, said_sort, rowid, claim_id, speaker_id, body, matched, own, setting))
    staged.sort(key=lambda item: (-item[0], -_day(item[1]), item[2]))
    needle = " ".join(words(prepare(text[:300])))[:300]
    named = _named(groups, people)
    total = sum(g.weight for g in groups)
    # A question of keywords only (no small words: "Canada fentanyl czar") names its subjects: its heavy words
    # that the index knows, or that are written with a capital ("Pemex"; a lower-case word the index lacks is
    # more likely a slip of the keyboard than the subject).
    # In a longer list of keywords a word no claim holds is more likely a slip onto another word ("sad" for said).
    # A word naming figures ("AMLO migration numbers") is one of them, however light: a claim without a figure
    # lacks it.
    subjects = [] if any(g.term.stop for g in groups) or len(groups) > SUBJECT_KEYWORDS else [
        g.term.text for g in groups if not g.persons and (g.amount or g.weight >= CLAIM_LACKS_SUBJECT * total
                                                          and (g.alts or g.term.text in _written_capitalised(text)))]
    mentioned = {p for g in groups for p in g.persons}
    bodies = _bodies_named(groups, people)
    named_people = {p for g in groups if g.term.text in named for p in g.persons}
    first_named = next((g.persons for g in groups if g.term.text in named), frozenset())
    # A body named before the one person the question names is its subject ("did the SRE say anything about
    # removals once Trump takes over": Trump dates it); its own claim need not name the person.
    lead = next((g.persons for g in groups if g.persons), frozenset())
    lead_body = lead if len({_person_key(a) for a in named.values()}) == 1 and people is not None \
        and lead.isdisjoint(first_named) \
        and not any(people.kinds.get(p) == "person" for p in lead) else frozenset()
    # "Who said the accords of Blinken's trip were vague?": asking who, the one person it names by name is what was
    # said about, not the speaker, and the claim need not name them (the columnist writes "the December deals").
    who = bool(WHO_ASKED.match(text))
    required = {} if len(named) == 1 and len(first_named) == 1 and who else named
    # "in AMLO's first six months", "under Trump": a person named to date the question; a claim made in their
    # time in office need not be by or about them.
    dating = _dating_names(text, required, groups, people) if required and people is not None else {}
    english = {g.term.text: g.weight * THESAURUS_WEIGHT for g in groups if g.english}
    places = _places(groups, text, named, docs)
    absent = _figure_kinds_absent(groups, text)
    aliases = _names_of(people) if people is not None and any(persons for _, _, persons, _ in places) else {}
    results = []
    for position, (cover, said_sort, rowid, claim_id, speaker_id, body, matched, own, setting) in enumerate(staged):
        if position < RERANK and needle:
            written = body.rsplit(" ", setting)[0] if setting else body  # the names of its setting are no text
            similarity = fuzz.partial_ratio(needle, written) if len(written) >= len(needle) \
                else fuzz.ratio(needle, written)
        else:
            similarity = cover * 100 * 0.8
        score = round(100 * (0.75 * cover + 0.25 * similarity / 100), 1)
        needed = required
        if dating:
            needed = {word: aliases for word, aliases in required.items()
                      if not any(start <= said_sort[:10] <= end for start, end in dating.get(word, ()))}
        names_held = not needed or _names_held(needed, matched, _doc_terms(body, own, rowid)[1],
                                              speaker_id in named_people,
                                              # asking who ("which Mexican president assured ..."), a
                                              # government's claim names no one: it does not speak for its
                                              # president
                                              [] if who else _administration(people, speaker_id, said_sort),
                                              by_first=speaker_id in first_named) or speaker_id in lead_body
        if not names_held and people and (people.kinds.get(speaker_id) == "person" or speaker_id in mentioned):
            # The question names someone, and this is another person's claim that does not mention them:
            # at most a suggestion ("Blinken on deportation flights" is not Petro's refusal). A government's
            # claim stays an answer: it may speak for the person named ("Trump tariffs" -> "the US threatened"),
            # unless the question names that government too ("Blinken on flights to Colombia" is not Bogota's).
            score = min(score, OTHER_PERSON_CAP)
        if english and cover and not (named and names_held) \
                and sum(english.get(m, 0.0) for m in matched) > THESAURUS_SHARE * cover * total:
            # Most of what it holds of the question is general synonyms of words no claim uses ("softwood lumber"
            # -> a trade deal, in timber): a suggestion, not an answer. A claim by or about the person the question
            # names has that evidence besides ("did Sheinbaum call the talk genuine" -> her "sincere").
            score = min(score, OTHER_PERSON_CAP)
            names_held = False
        if subjects and any(subject not in matched for subject in subjects):
            # It lacks what a short question is about ("Canada fentanyl czar" is not Trump's fentanyl claim).
            score = min(score, OTHER_PERSON_CAP)
            names_held = False  # and the rule for questions in other words does not make it an answer
        if named and names_held:
            matched = tuple(dict.fromkeys((*matched, *named)))  # named in its text by another alias: held
        missed = _places_missed(places, matched, body, aliases,
                                people.affiliations.get(speaker_id, frozenset()) if people else frozenset()) \
            if places else 0.0
        if missed >= CLAIM_LACKS_PLACE * total:
            # It lacks a place or body the question names ("Honduras deportation flights" are not Colombia's):
            # at most a suggestion, however much of the rest it holds.
            score = min(score, OTHER_PERSON_CAP)
            names_held = False
        figure_missed = bool(absent) and not _holds_figure_of(absent, _doc_terms(body, own, rowid)[0])
        results.append(Ranked(rowid, claim_id, speaker_id, said_sort, score, matched, cover, names_held, missed,
                              person_held=(bool(required) and names_held)
                              or any(speaker_id in ids or term in matched for term, ids in bodies.items()),
                              figure_missed=figure_missed))
    results.sort(key=lambda r: (-r.score, -_day(r.said_sort), r.rowid))
    # Every claim is weighed for the rules of questions in other words before the suggestion floor: a long
    # question dilutes each claim's score (its many words, its sequence seldom the claim's), so the one that
    # holds its words in other words can score under the floor. A clear lead needs to know which words are
    # names: without the people (a /quote) it is not weighed.
    results = _in_other_words(groups, results, lead=people is not None)
    # The same dilution would leave a long question without even a "did you mean": its closest claims are
    # offered from a lower floor.
    floor = LONG_SUGGEST if sum(not g.term.stop for g in groups) >= LONG_QUESTION_WORDS else SUGGEST
    return [r for r in results if r.score >= floor]


def _places(groups: list[Group], text: str, named: dict[str, list[set[str]]], docs: int) -> list[Place]:
    """The question's names of places and bodies: words written with a capital ("Ottawa", "Texas", "GOP",
    "Cuba"; the first word too), with how rare they are in all their spellings (a name most claims hold, the
    corpus's setting, is often left implicit: "sells to America" for "Mexican exports"). Left out: people
    (`_named`: a government's claim may speak for its president), slips (a word corrected to another), and
    an acronym the index lacks (as often another name of what it holds, "NAFTA" for the USMCA, as something
    absent; the words the index lacks are weighed apart). An acronym the index holds only as its name spelled
    out ("CBP": "Customs and Border Protection") is such an acronym too: a claim often speaks of the body by
    what it does ("US border enforcement data") rather than by its name."""
    # a place's name typed in lower case, as in a chat, is as much a name ("did canada hit back with tariffs")
    lower_case_places = {g.term.text for g in groups if not g.guessed and is_place_name(g.term.text)}
    capitalised = (_written_capitalised(text) | lower_case_places) - _city_of_a_place(text) \
        - _region_of_the_americas(text) - _common_first_word(text) - _where_the_asker_is(text)
    acronyms = _acronyms(text)
    joined = _joined_names(text)
    return [(g.term.text, _idf(docs, max(g.df, 1)) if docs else g.weight, g.persons,
             frozenset(joined.get(g.term.text, ()))) for g in groups
            if g.term.text in capitalised and g.term.text not in named and not g.term.stop and not g.guessed
            and g.term.text not in CALENDAR_WORDS and len(g.term.text) > 1
            and (g.persons or g.term.text not in acronyms or _held_as_a_word(g))]


# A number beside a month is a day ("Dec. 27", "27 November") or, after an apostrophe or "of", a year written
# short ("December '23", "november of 23"): a date, not a figure that identifies what it counts.
_DAY_OR_SHORT_YEAR = re.compile(
    rf"(?i)\b(?:{_MONTHS_WRITTEN})\.?,?\s+(?:of\s+)?'?(\d{{1,2}})\b|\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS_WRITTEN})\b"
    rf"|['\u2019](\d{{2}})\b")


def _figure_kinds_absent(groups: list[Group], text: str) -> frozenset[str]:
    """The kinds ("" a count, "pct", "usd") of the figures the question writes that no claim holds in any form
    and that identify what they count ("10,000 troops", "30 days", "2,500 a day"; not a day of a month or a
    year written short). A claim without a figure of that kind does not answer in other words: that figure is
    what the question is about, and the corpus does not record it. A claim with another figure of the kind
    may be the one that corrects it ("was it $150?": the claim says $100)."""
    absent = [(g.term.text, figure[0]) for g in groups
              if not (g.alts or g.percent or g.money) and _identifying(g.term)
              for figure in [_figure_of(g.term.alternatives[0])] if figure is not None]
    if not absent:
        return frozenset()
    dates = {number for found in _DAY_OR_SHORT_YEAR.finditer(text) for number in found.groups() if number}
    return frozenset(kind for typed, kind in absent if typed not in dates)


def _holds_figure_of(kinds: frozenset[str], held: frozenset[str]) -> bool:
    """Whether a claim's terms hold an identifying figure of one of the kinds: a count is a plain number that is
    not the value of one of its percentages or sums ("25%" is indexed as "25" too)."""
    figures = _figures_of(held)
    units = {value for kind, value in figures if kind}
    return any(kind in kinds and (kind or (value >= FIGURE_MIN and value not in units)) for kind, value in figures)


def _held_as_a_word(group: Group) -> bool:
    """Whether the index holds the word itself or a one-word synonym of it ("GOP": Republicans), not only a
    phrase that spells it out."""
    return any(" " not in alt for alt in group.alts)


def _joined_names(text: str) -> dict[str, set[str]]:
    """Each word written with a capital -> itself joined to the capitalised word before or after it: "O Brien"
    may be typed for "O'Brien", which the index holds as one word (obrien)."""
    names = [(folded[0] if len(folded) == 1 else "") if token[0].isupper() else ""
             for token in _TOKEN.findall(text[:MAX_NAME_SCAN]) for folded in [words(prepare(token))]]
    joined: dict[str, set[str]] = defaultdict(set)
    for a, b in itertools.pairwise(names):
        if a and b:
            joined[a].add(a + b)
            joined[b].add(a + b)
    return joined


def _city_of_a_place(text: str) -> set[str]:
    """{"city"} when the question names "X City" after a capitalised X: Mexico City is in Mexico, so a claim that
    holds Mexico (a trip to Mexico) does not lack the place; Mexico itself is still a place it must hold."""
    tokens = _TOKEN.findall(text[:MAX_NAME_SCAN])
    return {"city" for a, b in itertools.pairwise(tokens) if b == "City" and a[0].isupper()}


def _common_first_word(text: str) -> set[str]:
    """The first word of each of the question's sentences when grammar explains its capital: a common English
    word ("Ballpark, how many ...", "Notwithstanding the dispute ...", "... with the US? Need it for a deck"), not
    a name the dictionary knows only as one ("Ottawa", "Honduras")."""
    scanned = text[:MAX_NAME_SCAN]
    found = list(_TOKEN.finditer(scanned))
    out: set[str] = set()
    for i in sorted(_sentence_starts(scanned, found)):
        token = found[i].group()
        if not token[:1].isupper() or not token[1:].islower():
            continue
        word = token.lower()
        # the question's first word is a name when a name follows it ("Elon Musk tariffs"); a later sentence's
        # common first word is grammar's
        if english_common_word(word) and (i > 0 or word not in names_written(text)):
            out.add(word)
    return out


# "here in El Paso", "over here in Tucson": where the asker is, not a place a claim must name.
_HERE_IN = re.compile(r"(?i:\bhere (?:in|at|on)) ((?:[A-Z][\w'’.-]*\s?)+)")


def _where_the_asker_is(text: str) -> set[str]:
    """The words of the place the asker says they are in ("when they closed the bridge here in El Paso"): the
    question is about what happened there, and a claim about it need not name the asker's town."""
    if "here " not in text.lower():
        return set()
    return {word for found in _HERE_IN.finditer(text[:MAX_NAME_SCAN]) for word in words(prepare(found.group(1)))}


def _region_of_the_americas(text: str) -> set[str]:
    """{"south"} when the question writes "South American" (or Latin, Central, North): an adjective of the region,
    not a place of its own that a claim must hold ("which South American country" asks for a country)."""
    tokens = _TOKEN.findall(text[:MAX_NAME_SCAN])
    return {a.lower() for a, b in itertools.pairwise(tokens)
            if a.lower() in AMERICAS and b.lower().startswith("america")}


def _acronyms(text: str) -> set[str]:
    """The words written in capitals only ("NAFTA", "CBP"), or in capitals with a plural s ("NGOs", "OTMs"),
    folded."""
    return {word for token in _TOKEN.findall(text[:MAX_NAME_SCAN])
            if len(token) > 1 and (token.isupper() or (len(token) > 2 and token[-1] == "s" and token[:-1].isupper()))
            for word in words(prepare(token))}


def _places_missed(places: list[Place], matched: tuple[str, ...], body: str,
                   aliases: dict[str, list[set[str]]], affiliation: frozenset[str] = frozenset()) -> float:
    """The weight of the question's places and bodies the claim lacks: held as a word, through a synonym
    ("Washington" -> the US), as its speaker, by another of a body's names ("GOP" -> Republicans), or in the
    speaker's own titles and names in the registry (`affiliation`: "according to Geopolitical Futures" is held
    by its analyst's claims)."""
    missed = 0.0
    terms: set[str] | None = None
    for place, weight, persons, joined in places:
        if place in matched or place in affiliation:
            continue
        terms = terms if terms is not None else set(body.split())
        if joined & terms:
            continue
        if persons and any(alias and alias <= terms for person in persons for alias in aliases.get(person, ())):
            continue
        missed += weight
    return missed


def _bodies_named(groups: list[Group], people: PeopleIndex | None) -> dict[str, frozenset[str]]:
    """The bodies the question names that are not governments (a court, an agency, a think tank, a business
    group): its word -> their ids. A claim by one, or holding its name, is about it as a claim is about a
    person; a government is the setting of most claims ("Mexico", "the US") and says little."""
    if people is None:
        return {}
    return {g.term.text: g.persons for g in groups
            if g.persons and all(people.kinds.get(p) in BODY_KINDS for p in g.persons)}


def _named(groups: list[Group], people: PeopleIndex | None) -> dict[str, list[set[str]]]:
    """The people the question names: its word -> the words of each of their names ("amlo" -> lopez obrador).
    Only persons: "Mexico" also names the Mexican government, and a claim may say "Mexican" or "the US"."""
    if people is None:
        return {}
    named = {g.term.text: g.persons for g in groups
             if g.persons and all(people.kinds.get(p) == "person" for p in g.persons)}
    if not named:
        return {}
    names = _names_of(people)
    return {word: [alias for person in persons for alias in names.get(person, ())] for word, persons in named.items()}


_NAMES: weakref.WeakKeyDictionary[PeopleIndex, dict[str, list[set[str]]]] = weakref.WeakKeyDictionary()


def _names_of(people: PeopleIndex) -> dict[str, list[set[str]]]:
    """person id -> the words of each of their names (not role nouns), once per people index."""
    names = _NAMES.get(people)
    if names is None:
        names = defaultdict(list)
        for entry in people.entries:
            if not entry.is_role:
                names[entry.person].append(set(entry.key.split()))
        _NAMES[people] = names
    return names


def _names_held(named: dict[str, list[set[str]]], matched: tuple[str, ...], terms: frozenset[str],
                by_one: bool = False, administration: list[frozenset[str]] | None = None,
                by_first: bool = False) -> bool:
    """Whether the claim is by or mentions every person the question names (under any of their names), or is by
    the government they led when it was made (`administration`: the speaker's dated names then, "the López
    Obrador administration", so the Mexican government's claim of 2019 speaks for AMLO); of three or more people,
    all but one when it is by one of them: "on the phone with Sheinbaum, Trump slammed Biden" is Trump's claim
    about Biden, on a call the claim need not say was with her. Of two people, the other may be missing when the
    claim is by or about the one named first, the question's subject ("did Mexico's foreign minister claim, days
    after Trump won, ..." is the minister's claim; Trump dates it): not by the one named after ("AMLO's
    popularity in the tariff fight with Trump" is not Trump's tariff claim). `terms`: all the claim's terms."""
    held = set(matched)
    missing = [aliases for word, aliases in named.items() if word not in held]
    if not missing:
        return True
    lacking = {_person_key(aliases) for aliases in missing
               if not any(alias and (alias <= terms or any(alias <= words for words in administration or ()))
                          for alias in aliases)}
    if not lacking:
        return True
    people = {_person_key(aliases) for aliases in named.values()}
    first = _person_key(next(iter(named.values())))
    return not lacking or (len(lacking) == 1 and ((by_one and len(people) >= 3)
                                                  or (len(people) == 2 and (by_first or first not in lacking))))


# What a person named to date a question is followed by ("AMLO's first six months", "Trump's first week back",
# "the López Obrador administration") or follows ("under AMLO", "during Trump's first term").
_TERM_WORDS = frozenset("""months month weeks week days day years year term terms presidency administration
    government tenure mandate sexenio era""".split())
_TERM_BETWEEN = frozenset("first last early earliest final second opening few six half hundred back".split())
_DATING_BEFORE = frozenset("under during".split())


def _dating_names(text: str, named: dict[str, list[set[str]]], groups: list[Group],
                  people: PeopleIndex) -> dict[str, list[tuple[str, str]]]:
    """The words of the people the question names only to date it, each with the periods (ISO from, to) of that
    person's offices in the registry."""
    tokens = words(prepare(text[:MAX_NAME_SCAN]))
    persons = {g.term.text: g.persons for g in groups if g.term.text in named}
    name_words = set(named)
    out: dict[str, list[tuple[str, str]]] = {}
    for word in named:
        if word not in tokens:
            continue
        at = tokens.index(word)
        first, last = at, at
        while first > 0 and tokens[first - 1] in name_words:
            first -= 1
        while last + 1 < len(tokens) and tokens[last + 1] in name_words:
            last += 1
        before = tokens[max(0, first - 2):first]
        after = tokens[last + 1:last + 4]
        dates_it = bool(before) and (before[-1] in _DATING_BEFORE or (before[-1] == "the" and before[:1] and
                                                                   before[0] in _DATING_BEFORE))
        for token in after:
            if token in _TERM_WORDS:
                dates_it = True
                break
            if token not in _TERM_BETWEEN and not token.isdigit():
                break
        if dates_it:
            periods = [period for person in persons.get(word, ()) for period in _offices(people).get(person, ())]
            if periods:
                out[word] = periods
    return out


_NOT_IN_OFFICE = frozenset("elect former ex nominee candidate outgoing incoming".split())
_OFFICES: weakref.WeakKeyDictionary[PeopleIndex, dict[str, list[tuple[str, str]]]] = weakref.WeakKeyDictionary()


def _offices(people: PeopleIndex) -> dict[str, list[tuple[str, str]]]:
    """Person id -> (from, to) of each dated office in the registry, ISO, once per people index: the office held,
    not a time before or after it ("president elect", "former president", "nominee")."""
    found = _OFFICES.get(people)
    if found is None:
        found = defaultdict(list)
        for entry in people.entries:
            if entry.is_role and (entry.start or entry.end) and _NOT_IN_OFFICE.isdisjoint(entry.key.split()):
                period = (entry.start.earliest.isoformat() if entry.start else "",
                          entry.end.latest.isoformat() if entry.end else "9999")
                if period not in found[entry.person]:
                    found[entry.person].append(period)
        _OFFICES[people] = found
    return found


def _administration(people: PeopleIndex | None, speaker: str, said: str) -> list[frozenset[str]]:
    """The words of the speaker's dated names that held when the claim was made ("the López Obrador
    administration", 2018-2024), when the speaker is a government or body."""
    if people is None or not said[:4].isdigit():
        return []
    return [words for words, start, end in _administrations(people).get(speaker, ()) if start <= said <= end]


_ADMINISTRATIONS: weakref.WeakKeyDictionary[PeopleIndex, dict[str, list[tuple[frozenset[str], str, str]]]] = \
    weakref.WeakKeyDictionary()


def _administrations(people: PeopleIndex) -> dict[str, list[tuple[frozenset[str], str, str]]]:
    """Speaker id of a government or body -> (words, from, to) of each of its dated names that is another
    entry's ("the López Obrador administration"), once per people index. Dates are ISO, compared as text."""
    found = _ADMINISTRATIONS.get(people)
    if found is None:
        found = defaultdict(list)
        for entry in people.entries:
            if entry.is_role and people.kinds.get(entry.person) != "person" and (entry.start or entry.end):
                start = entry.start.earliest.isoformat() if entry.start else ""
                end = entry.end.latest.isoformat() if entry.end else "9999"
                found[entry.person].append((frozenset(entry.key.split()), start, end))
        _ADMINISTRATIONS[people] = found
    return found


def _person_key(aliases: list[set[str]]) -> frozenset[frozenset[str]]:
    """One person however many of the question's words name them ("Kamala" and "Harris")."""
    return frozenset(frozenset(alias) for alias in aliases)


def _in_other_words(groups: list[Group], results: list[Ranked], *, lead: bool = True) -> list[Ranked]:
    """A question in other words matches less of a claim's wording than one that quotes it, so its claim may
    score below ACCEPT. Such a claim answers when the evidence is of another kind: it holds several of the
    question's words (as typed, in another form or through a synonym), a fair share of its weight, it is
    among the best, and the words the index does not know at all are few (a question about someone or
    something absent names them, and those names are what it lacks)."""
    total = sum(g.weight for g in groups)
    unknown = sum(g.weight * (BEAT_ABSENT if g.beat else 1.0) for g in groups
                  if not g.term.stop and (not (g.alts or g.percent or g.when or g.near or g.wording) or g.guessed)
                  and not g.persons)  # a word asking for someone's own words is held by what they said verbatim
    if not results or not total:
        return results
    content = {g.term.text for g in groups if (not g.term.stop and not g.guessed) or g.persons}
    date_words = {g.term.text for g in groups if g.when}
    years = [g.term.text for g in groups if len(g.when) == 4]
    # an everyday word ("already", "wants") is held by many claims and says little of what was asked
    content -= {g.term.text for g in groups if is_everyday(g.term.text) and not g.persons}
    if unknown > OTHER_WORDS_UNKNOWN * total:
        return _answers_after(results, _by_its_figure(groups, results, content, unknown / total))
    # The bar is the best claim that could answer: one by or about the people the question names. Another
    # person's claim may share more of the question's words ("the policy making asylum seekers wait" in a
    # columnist's claim) without being what was asked ("did Trump revive ...").
    best = next((r.score for r in results if r.names_held), results[0].score)
    need = _other_words_cover(groups)
    # The best claim by a clear lead over every other needs a little less of the question's weight: being far
    # ahead is evidence of its own ("what was the idea of Sheinbaum in her message about puentes ...").
    runner_up = results[1].score if len(results) > 1 else 0.0
    if results[0].score < ACCEPT and results[0].score - runner_up >= CLEAR_LEAD:
        need = min(need, OTHER_WORDS_COVER_LEADING)
    lifted: list[Ranked] = []
    for result in results:
        if result.score >= ACCEPT:
            continue
        if best - result.score > OTHER_WORDS_LEAD:
            break
        if _lacks_the_amount_asked(groups, result) or result.figure_missed:
            continue  # its other words are the question's setting
        if years and not any(year in result.matched
                             or abs(int(year) - int(result.said_sort[:4])) <= YEARS_MISREMEMBERED for year in years):
            continue  # said years from a year the question names ("Harris's 2021 visit": a 2024 claim about her)
        # A date's words ("Jan", "20", "2025") are held by every claim said then: together they are one word held.
        held = sum(term in content and term not in date_words for term in result.matched) \
            + any(term in date_words for term in result.matched)
        # A question in other words changes the words more than the names: the names it writes with a capital
        # that the claim lacks count with the words no claim holds ("Ottawa retaliatory tariffs on American
        # whiskey" is not Mexico's answer to US tariffs).
        if held >= OTHER_WORDS_HELD and result.cover >= need and result.names_held \
                and unknown + result.names_missed <= OTHER_WORDS_UNKNOWN * total:
            lifted.append(result)
    if not lifted and lead:
        lifted = _clear_lead(groups, results, unknown, total)
    if not lifted:
        lifted = _by_its_figure(groups, results, content, unknown / total)
    return _answers_after(results, lifted)


def _other_words_cover(groups: list[Group]) -> float:
    """The share of the question's weight a claim must hold to answer it in other words. A long question (a
    podcast host's run-on, a staffer's formal request) spreads its weight over many words, most of them how it
    is put rather than what it asks; the share falls in proportion to its length beyond OTHER_WORDS_LONG words
    that are not small words, so a claim must hold about as much as it would of a question of that length."""
    content = sum(not g.term.stop for g in groups)
    if content <= OTHER_WORDS_LONG:
        return OTHER_WORDS_COVER
    return max(OTHER_WORDS_COVER_FLOOR, OTHER_WORDS_COVER * OTHER_WORDS_LONG / content)


def _answers_after(results: list[Ranked], lifted: list[Ranked]) -> list[Ranked]:
    """The lifted claims as answers, but after every claim that answers on its wording (at ACCEPT, in their own
    order)."""
    if not lifted:
        return results
    taken = {r.rowid for r in lifted}
    return ([r for r in results if r.score >= ACCEPT] + [replace(r, score=ACCEPT) for r in lifted]
            + [r for r in results if r.score < ACCEPT and r.rowid not in taken])


def _clear_lead(groups: list[Group], results: list[Ranked], unknown: float, total: float) -> list[Ranked]:
    """The one claim far ahead of every other, when it holds what the question is about: its heaviest word that
    is not a name, and a fair share of all such words. A question in other words may hold few of the claim's
    words ("bridges not walls"), but when one claim alone holds its rarest ones, that is evidence of its own.
    Not for a claim that misses a person or place the question names, nor when the question holds words no
    claim holds (it may be about something absent: "peso exchange rate visas" is not the visas given "in
    exchange" for aid)."""
    if not results or results[0].score >= ACCEPT:
        return []
    top = results[0]
    if _lacks_the_amount_asked(groups, top) or top.figure_missed:
        return []
    runner_up = results[1].score if len(results) > 1 else 0.0
    if top.score < CLEAR_LEAD_FLOOR or top.score - runner_up < CLEAR_LEAD or not top.names_held \
            or unknown + top.names_missed > CLEAR_LEAD_UNKNOWN * total:
        return []
    words = [g for g in groups if not g.term.stop and not g.persons and not g.guessed]
    weight = sum(g.weight for g in words)
    if not weight:
        return []
    matched = set(top.matched)
    heaviest = max(words, key=lambda g: g.weight)
    held = sum(g.weight for g in words if g.term.text in matched)
    if heaviest.term.text not in matched or held < CLEAR_LEAD_COVER * weight:
        return []
    return [top]


def _by_its_figure(groups: list[Group], results: list[Ranked], content: set[str], unknown: float) -> list[Ranked]:
    """The best claim holding a figure the question writes that few claims hold ("roughly 370 spots": Sánchez
    Cordero's count), with two more of its words and the people and places it names: a figure identifies what
    it counts, however the rest is worded ("which cabinet member counted roughly 370 spots where people slip
    across the Guatemala line"). Not a claim lacking a figure the question also writes that no claim holds
    (Ranked.figure_missed: "did Trump pause the 25% tariffs after Mexico agreed to send 10,000 troops" is not
    the 25% tariffs' announcement), nor when the words no claim holds (`unknown`, a share of the question's
    weight) are as much of it as FIGURE_UNKNOWN: the question is about them ("are Mexican steel and aluminum
    exempt from the 25% metals tariffs" is not the 25% tariffs on everything)."""
    figures = [g for g in groups if g.df <= FIGURE_DF and g.alts and _identifying(g.term)]
    if not figures or unknown >= FIGURE_UNKNOWN or not results or results[0].score >= ACCEPT:
        return []
    for result in results:
        if any(g.term.text in result.matched for g in figures):
            held = sum(term in content for term in result.matched)
            if held >= OTHER_WORDS_HELD and result.names_held and not result.names_missed and not result.figure_missed:
                return [result]
            return []
    return []


def _identifying(term: QueryTerm) -> bool:
    """A figure or a number that is not a year ("370", "25%", "$100"), not a small count ("2", "10")."""
    figure = _figure_of(term.alternatives[0]) if term.figure or term.text.isdigit() else None
    return figure is not None and not _is_year(*figure) and (figure[0] == "pct" or figure[1] >= FIGURE_MIN)


def _lacks_the_amount_asked(groups: list[Group], result: Ranked) -> bool:
    """The question asks for an amount ("how many") and the claim holds none: no answer in other words."""
    return any(g.amount and g.term.text not in result.matched for g in groups)


def _day(iso: str) -> int:
    """'2019-05-30' -> 20190530 (sorts like the date)."""
    return int(iso[:10].replace("-", "")) if iso[:4].isdigit() else 0
