"""The lookups behind /who, /quote, /when, /search and /source: plain answers or NotFound, never an error."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar

from rapidfuzz import fuzz, process

from bot.core.analysis.fold import fold
from bot.core.analysis.terms import prepare, query_terms, terms, words
from bot.core.dates import PartialDate
from bot.core.models import Article, Briefing, BriefingItem, ClaimFilter, ClaimView, NotFound, Person
from bot.core.search import people as people_mod
from bot.core.search import spanish, thesaurus
from bot.core.search.engine import ACCEPT, BODY_KINDS, SearchEngine, names_written
from bot.core.search.filters import (
    KIND_CHOICES,
    may_fall_on,
    names_period,
    parse_bound,
    resolve_kind,
    split_day,
    split_period,
    split_questions,
)
from bot.core.search.forms import bases
from bot.core.search.results import (
    BriefingHit,
    Hit,
    PersonMatch,
    SearchAnswer,
    SourceAnswer,
    TimelineHit,
    WhoAnswer,
)
from bot.core.search.thresholds import (
    BRIEFING_IN_SEARCH,
    CLOSE_SHOWN,
    NAME_ACCEPT,
    NAME_SUGGEST,
    PERSON_ACCEPT,
    PERSON_IN_SEARCH,
    PERSON_SUGGEST,
    PERSON_TIE,
    YEARS_MISREMEMBERED,
)
from bot.core.search.topics import BriefingNames, rank_briefings
from bot.core.search.who_about import split_person_subject

if TYPE_CHECKING:
    from bot.core.search.engine import Group, Ranked, Ranking
    from bot.core.search.lexicon import Lexicon
    from bot.core.store import Store


T = TypeVar("T")
# (the person, the others it may mean, the date typed with it, or why no one)
Resolved = tuple[PersonMatch | None, list[PersonMatch], PartialDate | None, NotFound | None]
CANDIDATES_ON_A_DAY = 30  # claims (best first, suggestions included) checked against a day named without a year


RESOLVED_KEPT = 4_096  # names typed lately, with the person each means (a burst names the same few people)


class Lookups:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.engine = SearchEngine(store)
        self._resolved: OrderedDict[str, tuple[str, Resolved]] = OrderedDict()  # text -> (content, its person)

    def invalidate(self) -> None:
        self.engine.invalidate()
        self._resolved.clear()

    async def warm(self) -> None:
        """Build what lookups keep in memory (people, synonyms, briefing names) ahead of the first question."""
        await self.engine.people()
        await self.engine.lexicon()
        await self.briefing_names()
        thesaurus.load()  # read once per process (~0.1 s): not on the first question that needs it
        spanish.tables()  # the same for the Spanish glossaries (~0.4 s: 12,000 forms stemmed)

    async def per_content(self, name: str, build: Callable[[], Awaitable[T]]) -> T:
        """build(), kept until the content changes (in this process or, within a second, another's)."""
        await self.engine.refresh()
        return await self.engine.once(name, build)

    async def briefings(self) -> list[Briefing]:
        """Every briefing, parsed once per content version (autocomplete asks on each keystroke)."""
        return await self.per_content("briefings", self.store.briefings)

    async def briefing_names(self) -> BriefingNames:
        """The briefings' names folded for rank_briefings, once per content version."""
        return await self.per_content("briefing_names", self._build_briefing_names)

    async def _build_briefing_names(self) -> BriefingNames:
        return BriefingNames(await self.briefings())

    async def topic_names(self) -> BriefingNames:
        """The topics' names folded for the topic filter, once per content version."""
        return await self.per_content("topic_names", self._build_topic_names)

    async def _build_topic_names(self) -> BriefingNames:
        return BriefingNames(await self.store.topics())

    async def _timeline_entries(self) -> list[tuple[Briefing, BriefingItem, str, frozenset[str]]]:
        """Every briefing's timeline entries with their search terms (as text and as a set), made once per
        content version."""

        async def build() -> list[tuple[Briefing, BriefingItem, str, frozenset[str]]]:
            entries = []
            for briefing in await self.briefings():
                for item in briefing.timeline:
                    held = terms(item.text)
                    entries.append((briefing, item, " ".join(held), frozenset(held)))
            return entries

        return await self.per_content("timeline_entries", build)

    # --- people -----------------------------------------------------------------------------------------

    async def resolve_person(self, text: str) -> Resolved:
        """The person the text means (role nouns by date), the alternatives, the date typed, or why not; the
        same text means the same person until the content changes (/who, its filters and /search ask again)."""
        content = await self.engine.generation()
        kept = self._resolved.get(text)
        if kept is not None and kept[0] == content:
            self._resolved.move_to_end(text)
            return kept[1]
        resolved = await self._resolve_person(text)
        self._resolved[text] = (content, resolved)
        if len(self._resolved) > RESOLVED_KEPT:
            self._resolved.popitem(last=False)
        return resolved

    async def _resolve_person(self, text: str) -> Resolved:
        name, as_of = people_mod.split_date(people_mod.strip_question(text[:200]))
        if not people_mod.alias_key(name):
            return None, [], as_of, NotFound(text, "empty", "person")
        index = await self.engine.people()
        under = people_mod.split_leader(name) if as_of is None else None
        if under is not None:
            resolved = await self._resolve_under(index, text, *under)
            if resolved is not None:
                return resolved
        matches = index.match(name, as_of=as_of)
        body = people_mod.split_body_head(name)
        if body is not None and not (matches and matches[0].score >= people_mod.EXACT):  # "DHS acting director"
            resolved = await self._resolve_body_head(index, name, body, as_of)
            if resolved is not None:
                return resolved
        role_name, when = people_mod.split_role_time(name)
        if when and not (matches and matches[0].score >= people_mod.EXACT):  # "the former president" is registered
            resolved = await self._resolve_role_time(text, role_name, when, as_of)
            if resolved is not None:
                return resolved
        counts = await self.store.claim_counts(m.id for m in matches)
        matches = [dataclasses.replace(m, claim_count=counts.get(m.id, 0)) for m in matches]
        accepted = [m for m in matches if m.score >= PERSON_ACCEPT]
        close = tuple(dict.fromkeys(m.name for m in matches if m.score >= PERSON_SUGGEST))[:5]
        if not accepted:
            return None, [], as_of, NotFound(text, "no_match", "person", close)
        best = accepted[0]
        # Holders of one role noun are told apart by date; anything else this close is a different name.
        tied = [m for m in accepted if best.score - m.score <= PERSON_TIE
                and not (best.role and m.role and people_mod.alias_key(m.matched) == people_mod.alias_key(best.matched))]
        if len(tied) > people_mod.MAX_TIED:
            names = tuple(m.name for m in tied)[:5]
            return None, [], as_of, NotFound(text, "ambiguous", "person", names)
        if best.role is None or len(tied) > 1:
            best = sorted(tied, key=lambda m: (-m.score, -m.claim_count, m.name))[0]
        others = [m for m in accepted if m.id != best.id]
        return best, others, as_of, None

    async def _resolve_under(self, index: people_mod.PeopleIndex, text: str, role: str, leader: str
                             ) -> Resolved | None:
        """A role held while a leader was in office ("Biden's secretary of state", "the foreign minister under
        AMLO"): its holder then, the one who held it longest in the leader's latest term first, the others as
        alternatives. None when the leader is no person who led a country, or the rest names no role (then the
        text is resolved as typed); "no_holder" when the registry knows no holder from that time (the role's
        latest holder would be a wrong person)."""
        chief = next((m for m in index.match(leader) if m.score >= PERSON_ACCEPT), None)
        if chief is None or index.kinds.get(chief.id) != "person":
            return None
        terms = people_mod.terms_in_office(index.roles.get(chief.id, []))
        holders = [m for m in index.match(role) if m.role and m.score >= PERSON_ACCEPT and m.id != chief.id]
        if not terms or not holders:
            return None
        today = dt.date.today()
        served = []
        for holder in holders:
            start = holder.held_from.earliest if holder.held_from else dt.date.min
            end = holder.held_to.latest if holder.held_to else today
            for number, (began, ended, country) in enumerate(terms):
                days = (min(end, ended) - max(start, began)).days
                if days > 0 and people_mod.of_country(holder.role or "", country, index.leader_countries):
                    served.append((number, days, holder))
        if not served:
            return None, [], None, NotFound(text, "no_holder", "person", speaker=chief.name)
        served.sort(key=lambda item: (-item[0], -item[1], item[2].name))
        ordered = list(dict.fromkeys(holder.id for _, _, holder in served))
        counts = await self.store.claim_counts(ordered)
        by_id = {holder.id: dataclasses.replace(holder, claim_count=counts.get(holder.id, 0), under=chief.name)
                 for _, _, holder in served}
        best = dataclasses.replace(by_id[ordered[0]], matched=people_mod.strip_question(text[:200]))
        return best, [by_id[i] for i in ordered[1:]], None, None

    async def _resolve_body_head(self, index: people_mod.PeopleIndex, name: str, body: str,
                                 as_of: PartialDate | None) -> Resolved | None:
        """The head of a body the registry knows ("head of the SRE", "the DHS chief in 2019"): its head now, or
        the one in office at the date typed, the others as alternatives. None when the text names no agency or
        organisation, or the registry knows no head of it then (the text is then resolved as typed). `name`: the
        text without its question words and date ("the SRE chief"): the reply says the date apart."""
        found = next((m for m in index.match(body) if m.score >= PERSON_ACCEPT), None)
        if found is None or index.kinds.get(found.id) not in BODY_KINDS:
            return None
        heads = index.heads_of(found.id)
        if as_of is not None:
            heads = [h for h in heads if people_mod.held_during(h[2], h[3], as_of)]
        elif heads and heads[0][3] is not None:
            # Undated, the text means the head now; the registry's latest ended their term (McAleenan left DHS in
            # 2019): whoever came after is not in it, and naming him would be a wrong person.
            return None
        if not heads:
            return None
        ordered = list(dict.fromkeys(person for person, *_ in heads))
        counts = await self.store.claim_counts(ordered)
        by_id: dict[str, PersonMatch] = {}
        for person, title, start, end in heads:
            by_id.setdefault(person, PersonMatch(person, index.names.get(person, person), name, 100.0, title, start,
                                                 end, counts.get(person, 0)))
        return by_id[ordered[0]], [by_id[i] for i in ordered[1:]], as_of, None

    async def _resolve_role_time(self, text: str, name: str, when: str, as_of: PartialDate | None) -> Resolved | None:
        """A role dated by a word ("the former foreign minister", "Mexico's then president", "the current
        secretary of state"): the role's holder then. "former", "ex", "previous": the holder before the latest
        one the registry knows (the others as alternatives); "current", "then" (with no date): as the role alone.
        None when the rest names no role (then the name is resolved as typed)."""
        best, others, as_of, problem = await self._resolve_person(name if as_of is None else f"{name} {as_of.iso()}")
        if problem is not None or best is None or best.role is None:
            return None
        if when not in people_mod.EARLIER or as_of is not None:
            return best, others, as_of, None
        key = people_mod.alias_key(best.matched)
        holders = [best, *(m for m in others if m.role and people_mod.alias_key(m.matched) == key)]
        holders.sort(key=lambda m: m.held_from.earliest if m.held_from else dt.date.min, reverse=True)
        if len(holders) < 2:
            return None  # one holder known: no earlier one to name
        # the reply says what was typed ("the former foreign minister" means Bárcena), not the role alone
        before = dataclasses.replace(holders[1], matched=people_mod.strip_question(text[:200]))
        return before, [m for m in [best, *others] if m.id != before.id], as_of, None

    async def who(self, name: str, limit: int | None = None) -> WhoAnswer | SearchAnswer | NotFound:
        best, others, as_of, problem = await self.resolve_person(name)
        if problem is not None and problem.reason == "no_match":
            # "Sheinbaum tariffs", "what did the foreign minister say about troops": a person and a subject.
            about = await self.said_about(name, limit)
            if isinstance(about, SearchAnswer | WhoAnswer) or (about is not None and about.speaker):
                return about  # their claims (on it), or "nothing by them on that": the person is known
            # Named in an article but not in the registry (e.g. a former ambassador): the claims and passages
            # that mention the name, rather than a dead end. Never their own claims: we do not know them.
            return await self.mentions(name) or about or problem
        if problem is not None or best is None:
            return problem or NotFound(name, "empty", "person")
        return await self._who_answer(name, best, others, as_of, limit)

    async def _who_answer(self, name: str, best: PersonMatch, others: list[PersonMatch], as_of: PartialDate | None,
                          limit: int | None) -> WhoAnswer | NotFound:
        person, claims = await self._said_by(best.id, limit if limit is None or limit >= 0 else 0)
        if person is None:  # removed between resolving and reading
            return NotFound(name, "no_match", "person")
        # "the secretary of state" with no date means the holder as far as the index knows, not today's
        known_until = await self.per_content("latest_publication", self.store.latest_publication) \
            if best.role and as_of is None and best.under is None else None
        return WhoAnswer(
            person=person, matched=best.matched, claims=claims, score=best.score, total_claims=best.claim_count,
            role_at=best.role, held_from=best.held_from, held_to=best.held_to, as_of=as_of, known_until=known_until,
            alternatives=tuple(others[:5]),
        )

    async def said_about(self, text: str, limit: int | None = None) -> WhoAnswer | SearchAnswer | NotFound | None:
        """The claims of the person the text names that match the rest of it, best first (all of them, as /who,
        when the rest only asks: "what did Ebrard say"); None when no run of its words names anyone."""
        split = split_person_subject(text, await self.engine.people())
        if split is None:
            return None
        if not split.subject:
            best, others, as_of, problem = await self.resolve_person(split.person)
            if problem is not None or best is None:
                return problem
            return await self._who_answer(split.person, best, others, as_of, limit)
        found = await self.search(split.subject, speaker=split.person, limit=10)
        if isinstance(found, SearchAnswer):
            return dataclasses.replace(found, mode="said_about")
        if isinstance(found, NotFound) and found.what == "claim":
            speaker = (await self.resolve_person(split.person))[0]
            return dataclasses.replace(found, speaker=speaker.name if speaker else None)
        return found

    async def _said_by(self, person_id: str, limit: int | None) -> tuple[Person | None, list[ClaimView]]:
        """A person and their latest claims, read once per content version: "Sheinbaum", "claudia sheinbaum"
        and "the Mexican president" in one burst are one reading."""

        async def read() -> tuple[Person | None, list[ClaimView]]:
            person = await self.store.person(person_id)
            if person is None:
                return None, []
            return person, await self.store.claims_by_id(await self.store.person_claim_ids(person_id, limit))

        return await self.per_content(f"said_by:{person_id}:{limit}", read)

    async def mentions(self, name: str, limit: int = 10) -> SearchAnswer | None:
        """Claims whose text or source passage holds every word of the name (mode "mentions"), or None."""
        wanted = {q.text for q in query_terms(name) if not q.stop and not q.figure}
        if not wanted or any(len(word) < 3 for word in wanted):
            return None
        ranking = await self.engine.rank(name, names=False)
        holding = [r for r in ranking.results if wanted <= set(r.matched)]
        hits = await self._hits(holding[:limit], passages=True)
        # the name itself, written out: a typo-tolerant match ("lon" for "long") is no mention
        hits = [h for h in hits if wanted <= set(words(prepare(f"{h.view.claim.text} {h.passage or ''}")))]
        if not hits:
            return None
        return SearchAnswer(name, "mentions", tuple(hits), len(hits))

    async def suggest_people(self, text: str, limit: int = 25) -> list[tuple[str, str]]:
        index = await self.engine.people()
        return index.suggest(text, limit)

    # --- claims -----------------------------------------------------------------------------------------

    async def _hits(self, ranked: list[Ranked], passages: bool) -> list[Hit]:
        scores = {r.claim_id: r.score for r in ranked}
        views, spans, texts = await self.store.hits([r.claim_id for r in ranked], scores, passages)
        by_id = {r.claim_id: r for r in ranked}
        return [Hit(view, view.score or 0.0, texts.get(span) if span else None, by_id[view.claim.id].matched,
                    by_id[view.claim.id].person_held)
                for view, span in zip(views, spans, strict=True)]

    async def _rank_spelled(self, text: str, filters: ClaimFilter | None = None, *, names: bool = True) -> Ranking:
        """The ranking of the question; if nothing answers it but the question spelled as the index spells its
        slipped words does ("is Esteban Montezuma leaving?"), that one, with the corrections it made (the reply
        says how it read them). A typo makes every match a little less sure, so one slip in a long question in
        other words can otherwise push the right claim just under the bar."""
        ranking = await self.engine.rank(text, filters, names=names)
        if ranking.accepted:
            return ranking
        written = names_written(text)
        slips = _slips_of_the_index(ranking, written, await self.engine.lexicon()) if ranking.corrections else []
        corrections = [*slips, *_english_slips(ranking, written)]
        spelled = respelled(text, corrections) if corrections else None
        if spelled is None:
            return ranking
        again = await self.engine.rank(spelled, filters, names=names)
        if not again.accepted:
            return ranking
        again.corrections = [*corrections, *(c for c in again.corrections if c not in corrections)]
        return again

    async def _near_misses(self, ranking: Ranking) -> tuple[str, ...]:
        """The closest claims, as "did you mean" (the question spelled as the index spells it was already tried
        by _rank_spelled: had it found answers, they would be the answer)."""
        close = [r for r in ranking.results if r.score < ACCEPT][:3]
        views = await self.store.claims_by_id(r.claim_id for r in close)
        return tuple(f"{v.speaker_name}: {v.claim.text}" for v in views)

    async def quote(self, text: str, limit: int = 5) -> SearchAnswer | NotFound:
        if not query_terms(text):
            return NotFound(text, "empty", "quote")
        ranking = await self._rank_spelled(text, names=False)
        accepted = ranking.accepted
        if not accepted:
            return NotFound(text, "no_match", "claim",
                            await self._near_misses(ranking))
        hits = await self._hits(accepted[: max(limit, 1)], passages=True)
        return SearchAnswer(text, "quote", tuple(hits), len(accepted), corrections=tuple(ranking.corrections))

    async def when(self, event: str, limit: int = 10) -> SearchAnswer | NotFound:
        words_of, period = split_period(event)  # "tariff threat in June 2019": that period only ...
        if period is not None and query_terms(words_of):
            within = await self._when(event, words_of, period, limit)
            if not isinstance(within, NotFound):
                return within  # ... unless nothing then matches: the year may be part of the event's name
            return _naming(await self._when(event, event, None, limit), period, _figures(words_of))
        words_of, day = split_day(event)  # "first call 7 November": the claims dated that day, in any year
        if day is not None and query_terms(words_of):
            on_day = await self._when_on_day(event, words_of, day, limit)
            if on_day is not None:
                return on_day
        return await self._when(event, event, None, limit)

    async def _when_on_day(self, event: str, words_of: str, day: tuple[int, int], limit: int) -> SearchAnswer | None:
        """Claims about the words whose date can be that day. The date is strong evidence, so a claim that
        is only a near miss on the words alone (a suggestion) counts when its day matches."""
        month, day_of_month = day
        ranking = await self.engine.rank(words_of)
        hits = await self._hits(ranking.results[:CANDIDATES_ON_A_DAY], passages=False)
        dated = [h for h in hits if may_fall_on(h.view.claim.said_on, month, day_of_month)]
        on_the_day = [h for h in dated if h.view.claim.said_on.day is not None]
        if on_the_day:  # dated that very day: those, in date order
            dated = sorted(on_the_day, key=lambda h: (h.view.claim.said_on.earliest, -h.score))
        else:  # only known to the month: the best matches on the words first
            dated = [h for h in dated if h.score >= ACCEPT] or dated[:3]
        timeline = [t for t in await self._timeline(words_of, ranking)
                    if t.date is not None and may_fall_on(t.date, month, day_of_month)]
        if not dated and not timeline:
            return None
        shown = PartialDate(2000, month, day_of_month).human().rsplit(" ", 1)[0]  # "7 November"
        return SearchAnswer(event, "when", tuple(dated[: max(limit, 1)]), len(dated), timeline=tuple(timeline),
                            filters={"on": shown}, corrections=tuple(ranking.corrections))

    async def _when(self, event: str, words_of: str, period: PartialDate | None, limit: int) -> SearchAnswer | NotFound:
        if not query_terms(words_of):
            return NotFound(event, "empty", "event")
        filters = ClaimFilter(date_from=period.earliest.isoformat(), date_to=period.latest.isoformat()) if period else None
        ranking = await self._rank_spelled(words_of, filters)
        accepted = ranking.accepted[: max(limit, 1)]
        accepted.sort(key=lambda r: (r.said_sort, -r.score))
        hits = await self._hits(accepted, passages=False)
        timeline = await self._timeline(words_of, ranking)
        if period is not None:
            timeline = [t for t in timeline if t.date and t.date.earliest <= period.latest and period.earliest <= t.date.latest]
        if not hits and not timeline:
            return NotFound(words_of, "no_match", "event", await self._near_misses(ranking),
                            period=period.human() if period else None)
        return SearchAnswer(event, "when", tuple(hits), len(ranking.accepted), timeline=tuple(timeline),
                            filters={"in": period.human()} if period else {}, corrections=tuple(ranking.corrections))

    async def _timeline(self, event: str, ranking: Ranking) -> list[TimelineHit]:
        from bot.core.search.engine import Coverage  # the same coverage the claims are ranked with

        groups = ranking.groups
        if not groups:
            return []
        coverage = Coverage(groups)
        needle = " ".join(words(prepare(event[:300])))
        # An entry holding none of the words the query's terms may be spelled as (a phrase by its first
        # word) covers nothing: skip it without scoring.
        spelled = {alt.partition(" ")[0] for group in groups for alt in group.alts}
        found = []
        for briefing, item, body, held in await self._timeline_entries():
            if spelled.isdisjoint(held):
                continue
            cover, _ = coverage(body)
            if 75 * cover + 25 < ACCEPT:
                continue  # cannot reach ACCEPT whatever the similarity: skip the costlier comparison
            score = round(100 * (0.75 * cover + 0.25 * fuzz.partial_ratio(needle, body) / 100), 1)
            if score >= ACCEPT:
                found.append(TimelineHit(briefing.slug, briefing.title, item.date, item.text, item.claims, score))
        found.sort(key=lambda t: (t.date.earliest if t.date else PartialDate(1).earliest, -t.score))
        return found

    async def search(self, query: str, *, speaker: str | None = None, topic: str | None = None,
                     kind: str | None = None, date_from: str | None = None, date_to: str | None = None,
                     limit: int = 25) -> SearchAnswer | NotFound:
        options = {"speaker": speaker, "topic": topic, "kind": kind, "date_from": date_from, "date_to": date_to,
                   "limit": limit}
        answer = await self._search_in_parts(query, **options)
        if not isinstance(answer, NotFound) or answer.reason != "no_match" or speaker:
            return answer
        # "What did foreign minister Ebrard announce after Blinken's visit in December 2023?": Bárcena was foreign
        # minister then. A name and the role typed beside it that the person did not hold then disagree, and
        # one of them is remembered wrong: the question is asked again as the role alone (in the period named),
        # then as the name alone, and the reply says how it was read (the claims name their speakers).
        people = await self.engine.people()
        period = split_period(query)[1] or _year_named(query)
        for beside in people.roles_beside_names(query, period):
            # undated, a role noun is anyone who ever held it: the name alone is asked
            readings = [(beside.name, beside.role)]
            if period is not None:
                readings.insert(0, (f"{beside.role} in {period.human()}", beside.name))
            for read, dropped in readings:
                again = await self._search_in_parts(" ".join(query.replace(dropped, " ", 1).split()), **options)
                if isinstance(again, SearchAnswer) and again.hits:
                    return dataclasses.replace(again, query=query,
                                               corrections=((beside.typed, read), *again.corrections))
        return answer

    async def _search_in_parts(self, query: str, *, speaker: str | None, topic: str | None, kind: str | None,
                               date_from: str | None, date_to: str | None, limit: int) -> SearchAnswer | NotFound:
        answer = await self._search_asked(query, speaker=speaker, topic=topic, kind=kind, date_from=date_from,
                                          date_to=date_to, limit=limit)
        if isinstance(answer, NotFound) and answer.reason != "no_match":
            return answer
        # "How many intake sites are planned, and how much cash does each returnee get?": two questions in one,
        # each about its own claim; no claim holds enough of both. Each part is asked on its own, and their
        # answers are listed in turn, when every part has one: a part about something absent ("the governor's
        # buoy barrier, and did Mexico protest it?") makes the whole a question about it. Parts that ask nothing
        # of their own ("Who was it, and what day?", "I need someone for a segment.") are left out: what is left
        # may be one question, which their words had diluted.
        # A whole answered on its own wording stands; one answered only in other words may be the best match to the
        # blend of both parts, an answer to neither ("did the White House label the cartels FTOs, and what was
        # Palacio Nacional's response?" had got the tariff plan, which holds words of each).
        if isinstance(answer, SearchAnswer) and (not answer.hits or answer.hits[0].score > ACCEPT):
            return answer
        parts = split_questions(query)
        if not parts or (len(parts) == 1 and not isinstance(answer, NotFound)):
            return answer
        found = [await self._search_asked(part, speaker=speaker, topic=topic, kind=kind, date_from=date_from,
                                          date_to=date_to, limit=limit) for part in parts]
        answered = [a for a in found if isinstance(a, SearchAnswer) and a.hits]
        if len(answered) < len(found):
            return answer
        whole = [answer.hits[:1]] if isinstance(answer, SearchAnswer) else []
        hits = _in_turn([*whole, *(a.hits for a in answered)])[: max(1, min(limit, 100))]
        nearly = [(*answer.hits[1:], *answer.close)] if isinstance(answer, SearchAnswer) else []
        return SearchAnswer(query, "search", hits, len(hits),
                            corrections=tuple(dict.fromkeys(c for a in answered for c in a.corrections)),
                            close=_close(hits, _in_turn([*nearly, *(a.close for a in answered)]), limit))

    async def _search_asked(self, query: str, *, speaker: str | None, topic: str | None, kind: str | None,
                            date_from: str | None, date_to: str | None, limit: int) -> SearchAnswer | NotFound:
        limit = max(1, min(limit, 100))
        options = {"speaker": speaker, "topic": topic, "kind": kind, "limit": limit}
        if not (date_from or date_to):
            # "what did Sheinbaum say in November 2024": the period is a filter. If nothing said then matches,
            # the year may belong to the thing asked about ("$800 billion in 2024"): ask with the words instead.
            words_of, period = split_period(query)
            if period is not None:
                within = await self._search(words_of, **options, date_from=period.iso(), date_to=period.iso(),
                                            period=period)
                if not query_terms(words_of):
                    return within
                anytime = _naming(await self._search(query, **options, date_from=None, date_to=None), period,
                                  _figures(words_of))
                if isinstance(within, NotFound):
                    # nothing at any time either: the reply still says which period was asked about
                    if isinstance(anytime, NotFound) and anytime.reason == "no_match" and anytime.period is None:
                        return dataclasses.replace(anytime, period=period.human())
                    return anytime
                return _with_claims_about(within, anytime, period, limit)
        return await self._search(query, **options, date_from=date_from, date_to=date_to)

    async def _search(self, query: str, *, speaker: str | None, topic: str | None, kind: str | None,
                      date_from: str | None, date_to: str | None, limit: int,
                      period: PartialDate | None = None) -> SearchAnswer | NotFound:
        filters, shown, problem = await self._filters(speaker, topic, kind, date_from, date_to)
        if problem is not None:
            return problem
        if period is not None:
            shown.pop("from", None)
            shown.pop("to", None)
            shown["in"] = period.human()
        has_terms = bool(query_terms(query))
        if not has_terms and not filters.active:
            return NotFound(query, "empty", "search")
        if not has_terms:
            rows = await self.store.filtered_docs(filters, limit + 1)
            ranked = [_unranked(row) for row in rows]
            hits = await self._hits(ranked[:limit], passages=False)
            if not hits:
                return NotFound(query, "excluded", "claim")
            return SearchAnswer(query, "search", tuple(hits), len(ranked), filters=shown)
        ranking = await self._rank_spelled(query, filters)
        accepted = ranking.accepted
        answering = accepted[:limit]
        near = [r for r in ranking.results if r.score < ACCEPT][: max(0, min(limit, CLOSE_SHOWN) - len(answering))]
        found = await self._hits(answering + near if answering else answering, passages=False)  # one read for both
        answers = {r.claim_id for r in answering}  # a claim deleted meanwhile is simply missing from `found`
        hits = [h for h in found if h.view.claim.id in answers]
        close = [h for h in found if h.view.claim.id not in answers]
        people_hits: list[PersonMatch] = []
        briefing_hits: list[BriefingHit] = []
        if not filters.active:
            index = await self.engine.people()
            # Only a query no longer than a name can be (nearly) one: a long question is not, and scoring it
            # against every alias costs more than its whole ranking.
            if len(query.split()) <= index.longest + 1:
                people_hits = [m for m in index.match(query, limit=3, floor=PERSON_IN_SEARCH) if m.score >= PERSON_IN_SEARCH]
            briefing_hits = _briefing_hits(query, await self.briefing_names())
        if not hits and not people_hits and not briefing_hits:
            return NotFound(query, "no_match", "claim",
                            await self._near_misses(ranking))
        return SearchAnswer(query, "search", tuple(hits), len(accepted), tuple(people_hits), tuple(briefing_hits),
                            filters=shown, corrections=tuple(ranking.corrections), close=tuple(close))

    async def _filters(self, speaker: str | None, topic: str | None, kind: str | None, date_from: str | None,
                       date_to: str | None) -> tuple[ClaimFilter, dict[str, str], NotFound | None]:
        shown: dict[str, str] = {}
        speakers: tuple[str, ...] = ()
        if speaker and speaker.strip():
            best, _, _, problem = await self.resolve_person(speaker)
            if problem is not None or best is None:
                return ClaimFilter(), shown, problem
            speakers = (best.id,)
            shown["speaker"] = best.name
        topic_slug = None
        if topic and topic.strip():
            ranked = rank_briefings(topic, await self.topic_names(), limit=5) if fold(topic) else []
            if not ranked or ranked[0].score < NAME_ACCEPT:
                close = tuple(m.slug for m in ranked if m.score >= NAME_SUGGEST)[:3]
                return ClaimFilter(), shown, NotFound(topic, "no_match", "topic", close)
            topic_slug = ranked[0].slug
            shown["topic"] = topic_slug
        kind_value = None
        if kind and kind.strip():
            kind_value = resolve_kind(kind)
            if kind_value is None:
                return ClaimFilter(), shown, NotFound(kind, "no_match", "kind", KIND_CHOICES)
            shown["kind"] = kind_value
        bounds = []
        for label, value, last in (("from", date_from, False), ("to", date_to, True)):
            if value and value.strip():
                parsed = parse_bound(value)
                if parsed is None:
                    return ClaimFilter(), shown, NotFound(value, "bad_date", "date")
                shown[label] = parsed.iso()
                bounds.append((parsed.latest if last else parsed.earliest).isoformat())
            else:
                bounds.append(None)
        if bounds[0] and bounds[1] and bounds[0] > bounds[1]:  # "--from 2025 --to 2019": say so, not "no match"
            return ClaimFilter(), shown, NotFound(f"{shown['from']} {shown['to']}", "reversed", "date")
        filters = ClaimFilter(speakers, topic_slug, kind_value, bounds[0], bounds[1])
        return filters, shown, None

    # --- articles ---------------------------------------------------------------------------------------

    async def _articles(self, text: str, limit: int) -> list[tuple[str, str, float]]:
        typed = words(prepare(text[:300]))[:12]
        if not typed:
            return [(a, t, 0.0) for a, t, _ in await self.store.recent_articles(limit)]
        found: dict[str, tuple[str, str | None]] = {}
        exact = await self.store.article(text.strip())
        if exact is not None:
            found[exact.id] = (exact.title, exact.outlet)
        for every in (True, False):
            for article_id, title, outlet in await self.store.article_matches(typed, every, 100):
                found.setdefault(article_id, (title, outlet))
            if len(found) >= limit:
                break
        key = " ".join(typed)
        scored = []
        for article_id, (title, _outlet) in found.items():
            if article_id == text.strip():
                score = 100.0
            else:
                score = max(fuzz.WRatio(key, " ".join(words(title))), fuzz.WRatio(key, article_id.replace("-", " ")) - 2)
            scored.append((article_id, title, float(score)))
        scored.sort(key=lambda item: (-item[2], item[1]))
        return scored[:limit]

    async def suggest_articles(self, text: str, limit: int = 25) -> list[tuple[str, str]]:
        return [(article_id, title) for article_id, title, _ in await self._articles(text, limit)]

    async def source(self, article: str) -> SourceAnswer | NotFound:
        if not words(prepare(article)):
            return NotFound(article, "empty", "article")
        ranked = await self._articles(article, 6)
        if not ranked or ranked[0][2] < NAME_ACCEPT:
            close = tuple(title for _, title, score in ranked if score >= NAME_SUGGEST)[:3]
            return NotFound(article, "no_match", "article", close)
        article_id, title, score = ranked[0]
        found, claims, has_text = await self.per_content(f"source:{article_id}", lambda: self._read_source(article_id))
        if found is None:
            return NotFound(article, "no_match", "article")
        matched = article_id if article.strip() == article_id else title
        alternatives = tuple((a, t) for a, t, s in ranked[1:] if s >= NAME_ACCEPT)
        return SourceAnswer(found, claims, matched, score, has_text, alternatives)


    async def _read_source(self, article_id: str) -> tuple[Article | None, list[ClaimView], bool]:
        """An article, its claims in text order and whether its text is stored: the same for every asker."""
        found = await self.store.article(article_id)
        if found is None:
            return None, [], False
        claims: list[ClaimView] = await self.store.claims_for_article(article_id)
        return found, claims, await self.store.passage(article_id, 0, 1) is not None


def _briefing_hits(query: str, names: BriefingNames) -> list[BriefingHit]:
    """Briefings whose slug, title, alias or keyword is (nearly) the whole query: '/search tarifs' -> Tariffs."""
    key = fold(query[:200])
    best: dict[str, tuple[float, Briefing]] = {}
    # in rapidfuzz's loop, not Python's: every /search asks, and most questions are near no name at all
    for _, score, at in process.extract(key, names.choices, scorer=fuzz.ratio, score_cutoff=BRIEFING_IN_SEARCH,
                                        limit=None):
        best.setdefault(names.owners[at].slug, (score, names.owners[at]))  # best first: a briefing's best name
    hits = [BriefingHit(b.slug, b.title, round(float(score), 1)) for score, b in best.values()]
    return sorted(hits, key=lambda h: (-h.score, h.title))[:3]


_WORD_AS_TYPED = re.compile(r"[^\W\d_]+")


def _slips_of_the_index(ranking: Ranking, names: set[str], lexicon: Lexicon) -> list[tuple[str, str]]:
    """The index's corrections of words it lacks, but not of an English word written in lower case: "water" in
    "water treaty border" is what the question is about, not a slip for "later" (a name may be both a word and
    a slip: "Montezuma" for Moctezuma), nor of a word beside another that no claim holds: "tom homan" is
    someone absent, not "tom human". `names`: the question's words written with a capital."""
    beside_unknown = _beside_words_no_claim_holds(ranking.groups, lexicon)
    return [(typed, meant) for typed, meant in ranking.corrections
            if (typed in names or not thesaurus.is_word(typed)) and typed not in beside_unknown]


def _beside_words_no_claim_holds(groups: list[Group], lexicon: Lexicon) -> set[str]:
    """The question's words next to a word no claim holds in any form (nor as a name) and the lexicon does not
    know: with it, a run of words the index lacks, which is a name absent from the corpus rather than a slip
    ("tom homan"; but "Brasil complained" is Brazil: "complain" is a word of the beat no claim uses)."""
    def unknown(group: Group) -> bool:
        return not (group.alts or group.persons or group.term.stop or group.term.figure
                    or any(base in lexicon for base in bases(group.term.text, 3)))

    out: set[str] = set()
    for left, right in itertools.pairwise(groups):
        if unknown(left):
            out.add(right.term.text)
        if unknown(right):
            out.add(left.term.text)
    return out


def _english_slips(ranking: Ranking, names: set[str]) -> list[tuple[str, str]]:
    """(typed, meant) for the one word of the question that nothing matched at all, is no English word and is one
    slip from one ("soldeirs" -> soldier): the index corrects only to words claims hold, and a question in other
    words is made of words they do not. Names written with a capital are left as typed."""
    content = [g for g in ranking.groups if not g.term.stop and not g.term.figure]
    unmatched = [g for g in content if not g.alts and not g.persons]
    # One slip in a question whose other words are known: a run of words no claim holds ("zorblat quindex",
    # "Laken Riley Act") is about something absent, not mistyped.
    if len(unmatched) != 1 or len(content) < 3 or unmatched[0].term.text in names:
        return []
    typed = unmatched[0].term.text
    meant = thesaurus.correct(typed)
    return [(typed, meant)] if meant is not None and meant != typed else []


def respelled(text: str, corrections: list[tuple[str, str]]) -> str | None:
    """The question as typed with each corrected word replaced, capitals kept ("Is Esteban Montezuma leaving"
    -> "Is Esteban Moctezuma leaving"), or None when no word of it was corrected."""
    fixed = dict(corrections)
    changed = False

    def replace(match: re.Match[str]) -> str:
        nonlocal changed
        typed = match.group()
        used = fixed.get(fold(typed))
        if used is None:
            return typed
        changed = True
        return used.capitalize() if typed[:1].isupper() else used

    out = _WORD_AS_TYPED.sub(replace, text[:300])
    return out if changed else None


def _unranked(row) -> Ranked:
    from bot.core.search.engine import Ranked

    return Ranked(row[0], row[1], row[2], row[4], 100.0, ())


def _in_turn(lists: list[tuple[Hit, ...]]) -> tuple[Hit, ...]:
    """The hits of several answers taken in turn (the first of each, then the second of each, ...), each claim
    once."""
    merged: dict[str, Hit] = {}
    for hit in itertools.chain.from_iterable(itertools.zip_longest(*lists)):
        if hit is not None:
            merged.setdefault(hit.view.claim.id, hit)
    return tuple(merged.values())


def _with_claims_about(within: SearchAnswer, anytime: SearchAnswer | NotFound, period: PartialDate, limit: int
                       ) -> SearchAnswer:
    """The answers said in the period, after any claim said at another time that names the period in its text
    and matches the question at least as well as all of them: "how much trade did the US and Mexico do in
    2024" is the 2025 claim about 2024's $800 billion, not a 2024 claim that merely holds "trade"."""
    if isinstance(anytime, NotFound) or not within.hits:
        return within
    best = within.hits[0].score
    about = [h for h in anytime.hits if h.score >= best and not _said_in(h.view.claim.said_on, period)
             and names_period(f"{h.view.claim.text} {h.view.claim.quote or ''}", period, h.view.claim.said_on)]
    if not about:
        return within
    taken = {h.view.claim.id for h in about}
    hits = (*about, *(h for h in within.hits if h.view.claim.id not in taken))[:limit]
    return dataclasses.replace(within, hits=hits, total=within.total + len(about),
                               close=_close(hits, within.close, limit))


def _naming(answer: SearchAnswer | NotFound, period: PartialDate, figures: set[str]) -> SearchAnswer | NotFound:
    """Asked again with its period as words (nothing said in that period matched), a question is answered by a
    claim said at another time only on evidence of its own: its text names the period ("$800 billion in 2024"
    is a 2025 claim about 2024's trade), it holds a figure of the question, it is by or about the person or
    body (not a government) the question names ("did Petro refuse the planes in February 2025": January's
    refusal; "the Supreme Court ... in 2021": its 2022 ruling), or it matches on its
    own wording, not only in other words. A fact-checker's month may be off ("did the Border Patrol detain a
    quarter of a million in October 2023": November's claim answers, with its date), but "how many troops did
    Mexico send to the border in Feb 2025" is not answered by January's reception centres, which hold only "how
    many", "Mexico" and "border". A claim said in the period stays: the period's words, held by its date, may be
    what lifted it."""
    if isinstance(answer, NotFound):
        return answer
    hits = tuple(h for h in answer.hits if _said_in(h.view.claim.said_on, period) or h.score > ACCEPT
                 or figures & set(h.matched) or (h.person_held and _years_apart(h.view.claim.said_on, period))
                 or names_period(f"{h.view.claim.text} {h.view.claim.quote or ''}", period, h.view.claim.said_on))
    if len(hits) == len(answer.hits):
        return answer
    if not hits and not answer.people and not answer.briefings:
        return NotFound(answer.query, "no_match", "claim",
                        tuple(f"{h.view.speaker_name}: {h.view.claim.text}" for h in answer.hits[:3]),
                        period=period.human())
    kept = {h.view.claim.id for h in hits}
    dropped = tuple(h for h in answer.hits if h.view.claim.id not in kept)  # no evidence for another time: less sure
    return dataclasses.replace(answer, hits=hits, total=answer.total - len(dropped),
                               close=_close(hits, (*dropped, *answer.close), len(answer.hits) + len(answer.close)))


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _year_named(text: str) -> PartialDate | None:
    """The last year the text names, however it names it ("the year-end 2023 talks"), or None."""
    years = _YEAR.findall(text)
    return PartialDate(int(years[-1])) if years else None


def _close(hits: tuple[Hit, ...], nearly: tuple[Hit, ...], limit: int) -> tuple[Hit, ...]:
    """The close claims listed under an answer: each once, none of the answers, filling the answer up to
    CLOSE_SHOWN claims in all; none without an answer (that is "nothing found", with its suggestions)."""
    if not hits:
        return ()
    taken = {h.view.claim.id for h in hits}
    room = max(0, min(limit, CLOSE_SHOWN) - len(hits))
    return tuple(h for h in _in_turn([nearly]) if h.view.claim.id not in taken)[:room]


def _figures(text: str) -> set[str]:
    """The figures and numbers the question writes ("25%", "a quarter of a million", "around 400"), as its terms
    hold them; not a year."""
    return {q.text for q in query_terms(text)
            if q.figure or (q.text.isdigit() and not (len(q.text) == 4 and "1900" <= q.text <= "2100"))}


def _years_apart(said: PartialDate | None, period: PartialDate) -> bool:
    """Whether a claim was said within two years of the period: a year misremembered ("the Supreme Court ...
    in 2021", or "back in 2020", for its 2022 ruling), not another event years away (Trump's 2024 threat is
    no answer to his 2019 one). A month named in the claim's own year is no slip of the year: the claim is at
    most the month next to it ("Petro's refusal in February 2025" is January's), not another event of that
    year ("Blinken's visit in October 2023" is not his visit of December)."""
    if said is None:
        return False
    if period.month is not None and said.month is not None and said.year == period.year:
        return abs(said.month - period.month) <= 1
    return said.earliest - period.latest <= _MISREMEMBERED and period.earliest - said.latest <= _MISREMEMBERED


_MISREMEMBERED = dt.timedelta(days=YEARS_MISREMEMBERED * 366)


def _said_in(said: PartialDate | None, period: PartialDate) -> bool:
    return said is not None and said.earliest <= period.latest and period.earliest <= said.latest
