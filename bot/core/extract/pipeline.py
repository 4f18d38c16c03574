"""The extraction pass: sentence by sentence, quotations first, then statistics, paraphrases and actions."""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Iterable

from bot.core.dates import PartialDate
from bot.core.extract import cues as cue_finder
from bot.core.extract import dating, opinion, quotes, sentences
from bot.core.extract.attribution import Attribution, attribute, compound_subjects, share_subjects
from bot.core.extract.figures import figures
from bot.core.extract.lexicon import IRREGULAR_PAST
from bot.core.extract.mentions import MentionFinder
from bot.core.extract.model import ArticleContext, Dating, ExtractedClaim, Extraction, Speaker
from bot.core.extract.names import Registry, flat, slug
from bot.core.models import Person

MIN_QUOTE_WORDS = 4  # shorter quoted words are terms ("border czar") unless a labelling verb gives them a speaker
CONFIDENCE = {"subject": 0.9, "inverted": 0.9, "according": 0.85, "agent": 0.8, "continued": 0.75,
              "article": 0.6, "passive": 0.2}
HOW_PENALTY = {"registry": 0.0, "name": 0.05, "role": 0.1, "pronoun": 0.1, "source": 0.1}


def article_speaker(context: ArticleContext, registry: Registry) -> Speaker:
    """Whom the article's own figures and analysis belong to: its author, or the piece itself."""
    for name in (context.author, context.title, context.outlet):
        if name and (known := registry.lookup(name)):
            return known
    if not context.author and context.title and (piece := registry.piece(context.title)):
        return piece
    if context.author:
        return Speaker(slug(context.author), context.author, "person", "author", known=False)
    name = context.outlet or context.title or "the article"
    return Speaker(slug(name), name, "organisation", known=False)


class _Pass:
    def __init__(self, text: str, context: ArticleContext, registry: Registry) -> None:
        self.text, self.flat, self.context = text, flat(text), context
        self.mentions = MentionFinder(registry)
        self.author = article_speaker(context, registry)
        self.out = Extraction()
        self.last_quote: tuple[Speaker, int, Dating | None] | None = None  # speaker, paragraph, dating
        self.last_said: dict[str, tuple[int, Dating]] = {}  # each speaker's last statement: paragraph, dating
        self.last_source: tuple[Attribution, int, int] | None = None  # the previous sentence's figures' source
        self.last_data: tuple[Attribution, int] | None = None  # the last named source of data, sentence number
        self.bare_data: Attribution | None = None  # this sentence's "the data showed", with no owner named
        self.interview = _INTERVIEW_LINE.search(text) is not None  # "Q: ..." / "A: ..." turns
        self.sentence_no = 0
        self.pending: list[tuple[sentences.Sentence, quotes.Quotation]] = []  # open quotes awaiting a speaker
        self.previous_date: tuple[int, Dating] | None = None  # the date the previous sentence gave, by paragraph
        self.sentence_date: tuple[int, Dating] | None = None
        self.previous_claims: tuple[int, int, int] = (-1, 0, 0)  # the previous sentence's paragraph and claims
        self.last_statement: tuple[Speaker, int, int] | None = None  # speaker, paragraph, sentence number
        self.enumeration: tuple[Speaker, int] | None = None  # whose points "First, ... Second, ..." list
        self.unheard = False  # the sentence reports words or views whose speaker was not found

    def run(self) -> Extraction:
        found_quotes = quotes.find(self.text)
        ranges = [(q.start - 1, q.end + 1) for q in found_quotes]
        starts = [q.start for q in found_quotes]
        for number, sentence in enumerate(sentences.split(self.text, ranges)):
            if sentences.is_heading(self.text, sentence, first=number == 0):
                continue
            sentence = sentences.without_dateline(self.text, sentence)
            first, last = bisect.bisect_left(starts, sentence.start), bisect.bisect_left(starts, sentence.end)
            self._sentence(sentence, found_quotes[first:last])
        seen = {c.speaker.id: c.speaker for c in self.out.claims if c.speaker and not c.speaker.known}
        self.out.new_speakers = list(seen.values())
        return self.out

    def _sentence(self, s: sentences.Sentence, inside: list[quotes.Quotation]) -> None:
        self.sentence_no += 1
        if self.interview and self._turn(s) == "Q":
            return  # "Q: Washington says the troops are there to stop smugglers.": the interviewer's question
        # "Meanwhile, ...", "Separately, ...": a new scene, not the day the sentence before named
        self.previous_date = None if _SCENE_CHANGE.match(s.text) else self.sentence_date
        stated = dating.resolve(self.text, s.start, s.end, None, self.context)
        # a day named sets the scene for the next sentence; a past month or year ("In 2014, ...") for the past-tense
        # narration that follows it in the paragraph
        self.sentence_date = (s.paragraph, stated) if stated and dating.sets_scene(stated, self.context) else None
        first_claim = len(self.out.claims)
        mentions = self.mentions.find(self.text, self.flat, s.start, s.end)
        outside = _outside(s.start, s.end, inside)
        attributions = [attribute(self.text, self.flat, c, mentions, s.start) for c in cue_finder.find(self.flat, outside)]
        # "Many in the party say ...": someone speaks whose name was not found (the verb is dropped below); an -ed
        # form may be an adjective ("the surge expected over the coming months")
        self.unheard = any(a.how == "none" and a.cue.base in _SAYING and not a.cue.word.endswith("ed")
                           for a in attributions)
        self.bare_data = next((a for a in attributions if a.mention is None and _DATA_SHOW.match(a.cue.base)), None)
        attributions = compound_subjects(self.text, share_subjects(self.text, attributions), mentions)
        named = next((a for a in attributions if a.mention and (a.cue.kind == "according" or _DATA_SHOW.match(
            a.cue.base))), None)
        if named is not None:
            self.last_data = (named, self.sentence_no)
        reporting = next((a for a in attributions if a.cue.kind != "action" and a.mention), None)
        quoted, labelled = self._quotes(s, inside, reporting, attributions)
        if not quoted:
            # a verb that gave a short quote its speaker ("what she described as 'sincere'") is spent on it
            self._statement(s, outside, [a for a in attributions if a.cue not in labelled])
        elif partial := self._partial_quote(inside, attributions):
            # "said it was important to “keep a cool head”": a paraphrase that ends in the speaker's words
            self._statement(s, outside, partial)
        if stated and stated.said_on.precision == "day" and _OPENS_WITH_DATE.match(s.text):
            self._date_back(s, stated, first_claim)
        made = self.out.claims[first_claim:]
        if self.sentence_date and made and not any(c.dating.said_on == self.sentence_date[1].said_on for c in made):
            # "X said he shut the shelter last Thursday": the day belongs to what was said, not to the scene
            self.sentence_date = None
        self.previous_claims = (s.paragraph, first_claim, len(self.out.claims))
        for mention in mentions:
            if mention.how in ("registry", "name"):
                self.mentions.memory.remember(mention.speaker)
        for claim in self.out.claims[-3:]:
            # the article's own voice is no antecedent: "He has floated ..." after an assessment is not the author
            if claim.speaker and claim.span[0] >= s.start and not (claim.speaker == self.author and claim.cue is None):
                self.mentions.memory.remember(claim.speaker)

    def _turn(self, s) -> str | None:
        """"Q" or "A" when the sentence is in a question-and-answer turn of an interview."""
        turn = _INTERVIEW_TURN.match(self.text, _line_start(self.text, s.start))
        return turn.group(1) if turn else None

    def _date_back(self, s, stated: Dating, first_claim: int) -> None:
        """"The government has reaffirmed its policy. On Friday, its foreign minister said ...": a sentence that
        opens with a day dates the undated statement just before it, by the same speaker or by the government
        that speaker serves (the lead sums up the occasion the next sentence details)."""
        paragraph, start, stop = self.previous_claims
        if paragraph != s.paragraph:
            return
        here = [c.speaker for c in self.out.claims[first_claim:] if c.speaker is not None]
        for i in range(start, stop):
            claim = self.out.claims[i]
            if claim.speaker is None or claim.dating.basis != "publication" or claim.speaker == self.author \
                    or not any(_same_side(claim.speaker, other) for other in here):
                continue
            self.out.claims[i] = dataclasses.replace(claim, dating=stated)

    # --- quotations -------------------------------------------------------------------------------

    def _partial_quote(self, inside, attributions: list[Attribution]) -> list[Attribution]:
        """The reporting cues that carry a paraphrase into a quote woven into the sentence: the quote follows
        a word, not a comma, colon or the sentence's start, and a few words of the reporter's own lie between."""
        for q in inside:
            before = self.text[max(0, q.start - 3):q.start - 1]
            if not re.search(r"\w\s?$", before):
                continue
            carriers = [a for a in attributions if a.mention is not None and a.cue.kind == "reporting"
                        and a.cue.end < q.start and len(_WORDS.findall(self.text, a.cue.end, q.start)) >= 3
                        and not re.search(r"[,:]\s*$", self.text[a.cue.end:a.cue.end + 3])]
            if carriers:
                return carriers[:1]
        return []

    def _quotes(self, s, inside, reporting: Attribution | None,
                attributions: list[Attribution]) -> tuple[bool, list]:
        """Quotes in the sentence; whether one is a full statement, and the labelling cues used up."""
        emitted, labelled = False, []
        for q in inside:
            # A quote that opens its sentence and is then attributed ("“No,” she said.") is a statement however
            # short; elsewhere a few quoted words are a term ("border czar") unless a labelling verb owns them.
            words = q.words(self.text)
            statement = words >= MIN_QUOTE_WORDS or (reporting is not None and q.start - 1 <= s.start) or (
                words >= 2 and _mostly_quote(s, q))  # "“We want dialogue.”" standing as its own sentence
            speaker, how, how_penalty = None, "subject", 0.0
            if statement:
                if reporting is not None:
                    speaker, how = reporting.mention.speaker, reporting.how
                    how_penalty = HOW_PENALTY[reporting.mention.how]
                elif self.interview and self.last_statement and self._turn(s) == "A" and _mostly_quote(s, q):
                    speaker, how = self.last_statement[0], "continued"  # "A: “…”": the interviewee answers
                elif self.last_quote and (q.continues or _mostly_quote(s, q)) and self.last_quote[1] >= s.paragraph - 1:
                    speaker, how = self.last_quote[0], "continued"
            else:
                label = next((a for a in attributions if a.cue.base in cue_finder.LABELLING and a.mention
                              and a.cue.end <= q.start <= a.cue.end + 40), None)
                if label is None:
                    continue
                speaker, how, how_penalty = label.mention.speaker, label.how, HOW_PENALTY[label.mention.how]
                labelled.append(label.cue)
            if speaker is None:
                if q.open_end:
                    self.pending.append((s, q))  # its speaker is named where the quote ends, paragraphs later
                continue
            cue_at = reporting.cue.start if reporting else None
            date = self._date(s, cue_at, speaker)
            confidence = CONFIDENCE[how] - how_penalty - (0 if statement else 0.15) - (0 if speaker.known else 0.05)
            if q.continues:
                for held_sentence, held in self.pending:
                    self._emit("direct_quote", speaker, held_sentence, (held.start, held.end), date, confidence - 0.1,
                               quote=self.text[held.start:held.end], cue=reporting.cue.word if reporting else None)
            self.pending = [] if not q.open_end else self.pending
            self._emit("direct_quote", speaker, s, (q.start, q.end), date, confidence,
                       quote=self.text[q.start:q.end], cue=reporting.cue.word if reporting else None)
            self.last_quote = (speaker, s.paragraph, date)
            emitted = emitted or statement
        return emitted, labelled

    # --- statistics, paraphrases, actions --------------------------------------------------------------

    def _statement(self, s, outside, attributions: list[Attribution]) -> None:
        found = [f for a, b in outside for f in figures(self.text, a, b, s.start)]
        attributed = _main_clause([a for a in attributions if a.mention is not None], self.text, s.start, s.end)
        reporting = [a for a in attributed if a.cue.kind != "action"]
        if found:
            said = [a for a in reporting if a.cue.kind != "possessive"]
            source = said[0] if said else None
            if source is None and self.last_source and self.last_source[1:] == (s.paragraph, self.sentence_no - 1):
                source = self.last_source[0]  # "According to X, ... 80,000. It also detained 400 ...": X's figures
            if source is None:
                source = self._data_named_before()
            deeds = [a for a in attributed if a.cue.kind == "action" and a.mention.how != "source" and (
                a.mention.speaker.known or a.mention.speaker.kind == "person")] if source is None else []
            if deeds:  # "Mexico deployed 10,000 troops": a named actor's deed, its figures with it
                for a in {(a.mention.speaker.id, a.cue.base): a for a in deeds}.values():
                    self._claim("action", s, a, found)
                self.last_source = None
                return
            self._claim("statistic", s, source, found)
            self.last_source = (source, s.paragraph, self.sentence_no) if source else None
            for a in reporting:  # "... 51.8 percent ..., given Trump's threat to close the border": his threat too
                if a.cue.kind == "possessive" and (source is None or a.mention.speaker != source.mention.speaker):
                    self._claim("paraphrase", s, a, ())
                    break
            return
        said_by: set[str] = set()
        if any(a.cue.kind == "reporting" and a.how in ("subject", "inverted") for a in reporting):
            # "Ebrard, asked about Trump's comments, said ...": the sentence reports Ebrard; Trump's comments are
            # its topic
            reporting = [a for a in reporting if a.cue.kind != "possessive"]
        first_said = reporting[0].cue.end if reporting else s.end
        for a in reporting:  # one paraphrase per speaker: "X said ... and Y warned ..." are two claims
            if a.mention.start > first_said and (_THAT_CLAUSE.match(self.text, first_said, a.mention.start)
                                                 or _RECOUNTED.search(self.flat, first_said, a.mention.start)):
                continue  # "she added that the U.S. had committed to ...": a statement inside what was said
            if a.mention.speaker.id not in said_by:
                said_by.add(a.mention.speaker.id)
                self._claim("paraphrase", s, a, ())
        if said_by and self.author.id not in said_by and opinion.contrast_after(
                self.flat, first_said, s.end, [a.cue.start for a in attributions]):
            self._claim("paraphrase", s, None, ())  # the writer's verdict on what was said: a claim of its own
        done: set[tuple[str, str]] = set()
        said_at = min((a.cue.end for a in reporting), default=s.end)
        # "Mexico deported 300 people, the minister said": what comes before a trailing attribution was said
        said_from = max((_trailing(self.text, s.start, a) for a in reporting), default=s.start)
        for a in attributed:  # one action per deed: "X signed A, imposed B and deported C" are three
            if a.cue.kind == "action" and a.mention.start >= said_at and a.how == "subject":
                continue  # "she added that Mexico had extradited 29 ...": a deed inside what was said
            if a.cue.kind == "action" and a.cue.end <= said_from:
                continue
            if a.cue.kind == "action" and a.mention.how == "source":
                continue  # unnamed people ("some farmers started ...") are sources of statements, not actors
            if a.cue.kind == "action" and (a.mention.speaker.id, a.cue.base) not in done:
                done.add((a.mention.speaker.id, a.cue.base))
                self._claim("action", s, a, ())
        if said_by or any(not base.startswith(cue_finder.DEED) for _, base in done):
            return  # a deed named by a noun ("the pressure from Trump's re-election makes ...") is background
        if self._enumerated(s):
            return
        passive = next((a for a in attributions if a.mention is None), None)
        if passive is not None:
            date = self._date(s, passive.cue.start, None)
            self._emit("paraphrase" if passive.cue.kind != "action" else "action", None, s, (s.start, s.end),
                       date, CONFIDENCE["passive"], cue=passive.cue.word)
        if not self.unheard and opinion.is_assessment(self.flat, s.start, s.end):
            # "The move is mainly directed at voters": a passive no one is named for, judged in the article's voice;
            # but "Many in the party, however, say ..." is someone's view whose name was not found, not the writer's
            self._claim("paraphrase", s, None, ())

    def _data_named_before(self) -> Attribution | None:
        """"..., according to CBP data. Agents recorded 8,700 ..., the data showed.": data with no owner are
        those a source was just named for (in the sentence before or the one before it)."""
        bare = self.bare_data
        if bare is None or self.last_data is None or self.sentence_no - self.last_data[1] > 2:
            return None
        return Attribution(bare.cue, self.last_data[0].mention, self.last_data[0].how)

    def _enumerated(self, s) -> bool:
        """"X outlined the commitments. First, ... Second, ...": points listed right after a statement, in its
        paragraph, are the speaker's."""
        ordinal = _ORDINAL.match(s.text)
        if ordinal is None:
            return False
        if ordinal.group(1).lower() == "first":
            last = self.last_statement
            self.enumeration = (last[0], s.paragraph) if last and last[1:] == (s.paragraph, self.sentence_no - 1) \
                else None
        if self.enumeration is None or self.enumeration[1] != s.paragraph:
            return False
        speaker = self.enumeration[0]
        self._emit("paraphrase", speaker, s, (s.start, s.end), self._date(s, None, speaker), CONFIDENCE["continued"] - 0.1)
        return True

    def _claim(self, kind: str, s, source: Attribution | None, found) -> None:
        """A claim carried by the whole sentence; ``source`` None: the article's own words."""
        speaker = source.mention.speaker if source else self.author
        how = source.how if source else "article"
        penalty = HOW_PENALTY[source.mention.how] if source else 0.0
        cue = source.cue if source else None
        if source is not None and (source.cue.kind == "according" or kind == "statistic" and _DATA_SHOW.match(cue.base)):
            # "Approval stood at 85% in February, according to a survey", "crossings fell 40% in April, Border
            # Patrol data showed": the dates before the source are the period counted; the source states the
            # figures when it is said to ("according to figures released on Monday"), else when the article does
            date = dating.resolve(self.text, s.start, s.end, cue.start, self.context, after_cue=True) \
                or dating.reported(self.context)
        elif kind == "statistic" and source is None:
            # the article's own figures: "In November alone, 250,000 detentions" dates the figure's period,
            # not a statement; the article states it when it appears
            date = dating.publication(self.context)
        else:
            date = self._date(s, cue.start if cue else None, speaker)
        confidence = CONFIDENCE[how] - penalty - (0 if speaker.known else 0.1) - (0.1 if kind == "action" else 0)
        if kind == "paraphrase" and source is None:
            confidence -= 0.15  # an assessment in the article's own voice: the weakest kind of claim
        aside = kind == "action" and cue is not None and _ASIDE.search(self.text, max(s.start, cue.start - 30), cue.start)
        self._emit(kind, speaker, s, (s.start, s.end), date, confidence,
                   figures=tuple(f[2] for f in found), cue=cue.word if cue else None, aside=bool(aside))

    # --- shared -----------------------------------------------------------------------------------

    def _date(self, s, cue_at: int | None, speaker: Speaker | None) -> Dating:
        stated = dating.resolve(self.text, s.start, s.end, cue_at, self.context)
        after = _DAY_AFTER.search(s.text)
        if after and (cue_at is None or s.start + after.start() < cue_at) and self.previous_date and self.previous_date[0] == s.paragraph \
                and self.previous_date[1].said_on.precision == "day":
            # "On Sunday, X said ... A day later, Y rejected it": counted from the day just named
            day = self.previous_date[1].said_on.earliest + dt.timedelta(days=0 if after.group("same") else 1)
            return Dating(PartialDate(day.year, day.month, day.day), "relative", after.group().strip())
        if stated is not None:
            # "On Nov. 7, X called Y. Days later, Y said ...": counted from the day named before, not publication
            return dating.counted_from(stated, self.previous_date[1]) if self.previous_date else stated
        if cue_at is not None and _PERFECT.search(self.text, max(s.start, cue_at - 40), cue_at):
            return dating.before_publication(self.context)  # "has said", "has since adopted": some time before
        last = self.last_said.get(speaker.id) if speaker is not None else None
        if last and last[0] >= s.paragraph - 1 and last[1].basis in ("explicit", "relative"):
            return last[1]  # "... he added": the same occasion as the speaker's statement before
        if self.previous_date and self.previous_date[0] == s.paragraph and (
                self.previous_date[1].said_on.precision == "day" or _simple_past(self.text, s.start, cue_at)):
            # "Tensions arose on Sunday. Petro said ...": the day just named; "In 2014, ... Obama asked": the year
            self.sentence_date = self.previous_date
            return self.previous_date[1]
        # the article's words appear when it does; another's undated words were said on or before that
        return dating.publication(self.context) if speaker in (None, self.author) else dating.reported(self.context)

    def _emit(self, kind, speaker, s, span, date: Dating, confidence: float, *, quote=None, figures=(), cue=None,
              aside=False):
        confidence = round(max(0.05, min(0.99, confidence - (0.05 if date.basis == "publication" else 0))), 2)
        self.out.claims.append(ExtractedClaim(kind, speaker, s.text, span, date, confidence, quote, figures, cue))
        if speaker is not None and not aside:  # a deed in an aside ("who took office in March") is no occasion
            self.last_said[speaker.id] = (s.paragraph, date)
            if kind in ("paraphrase", "direct_quote") and speaker != self.author:
                self.last_statement = (speaker, s.paragraph, self.sentence_no)


_WORDS = re.compile(r"\w+")
# a question-and-answer interview: "Q: ..." is the interviewer's turn, "A: ..." the interviewee's
_INTERVIEW_TURN = re.compile(r"([QA])\s?:\s")
_INTERVIEW_LINE = re.compile(r"^Q\s?:\s", re.M)


def _line_start(text: str, at: int) -> int:
    return text.rfind("\n", 0, at) + 1
# verbs that always report someone's words or views (not "revealed", which facts do too)
_SAYING = frozenset("say tell argue warn claim insist contend complain maintain assert allege predict believe expect "
                    "fear worry note add explain stress".split())
_ASIDE = re.compile(r"\b(?:who|which|whose)\s+(?:[\w’'-]+\s+){0,2}$")
# "AP reported on a call during which Trump emphasized ...": the scene the first speaker recounts, with what was
# said in it, is the first speaker's account
_RECOUNTED = re.compile(r"\b(?:during|in|at|after)\s+which\s+(?:[^,;]*,\s*)?$")
_THAT_CLAUSE = re.compile(r"\s+(?:[\w’'-]+\s+){0,3}?that\s+(?![^;]*,\s+(?:and|but|while|whereas)\s)[^;]*$")
_DATA_SHOW = re.compile(r"(?:data|figures|statistics|numbers|estimates|records|tallies) ")
_DAY_AFTER = re.compile(r"\b(?:(?:a|one) day (?:later|after)|the (?:next|following) day|"
                        r"(?P<same>hours (?:later|after)|later that day|the same day))\b", re.I)
_ORDINAL = re.compile(r"\W*(first|second|third|fourth|fifth|finally|lastly)(?:,|\s+(?:is|are|was|were)\b)", re.I)
_SCENE_CHANGE = re.compile(r"\W*(?:meanwhile|separately|elsewhere|in other news|by contrast|in contrast|"
                           r"on the other hand|at the same time)\b", re.I)
_PERFECT = re.compile(r"\b(?:has|have|’ve|'ve)\s+(?:(?:\w+ly|also|already|since|so far|long|once again|"
                      r"again|not|never|been|repeatedly)\s+){0,3}$", re.I)
def _simple_past(text: str, start: int, cue_at: int | None) -> bool:
    """The cue is a verb in the simple past ("asked", "responded"), not "has asked" or "says"."""
    if cue_at is None:
        return False
    word = re.match(r"[A-Za-z]+", text[cue_at:cue_at + 30])
    return bool(word) and (word.group().lower().endswith("ed") or word.group().lower() in _IRREGULAR_PAST) \
        and not _PERFECT.search(text, max(start, cue_at - 40), cue_at) \
        and not re.search(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$", text[max(start, cue_at - 30):cue_at])


_IRREGULAR_PAST = frozenset(IRREGULAR_PAST.values())
_SUBORDINATE = re.compile(r"^(?:\W*\w+\W+){0,2}?(?:before|after|when|as|while|since|until|once|if|unless|although|"
                         r"though|because|as long as)\b", re.I)


_CONDITIONAL = re.compile(r"^(?:\W*\w+\W+){0,2}?(?:if|unless|as long as|provided that|in case)\b", re.I)


def _main_clause(attributions: list[Attribution], text: str, start: int, end: int) -> list[Attribution]:
    """"Days before the U.S. threatened tariffs, the U.S. signed ...": the leading subordinate clause is
    background; its verbs count only when the main clause has none."""
    if not attributions:
        return attributions
    if _CONDITIONAL.match(text[start:start + 40]):
        comma = text.find(",", start, end)  # "If X imposes tariffs, ...": a hypothesis, not a deed
        return [a for a in attributions if comma >= 0 and a.cue.start > comma]
    comma = text.find(",", start, attributions[-1].cue.start)
    if comma < 0 or not _SUBORDINATE.match(text[start:comma]):
        return attributions
    main = [a for a in attributions if a.cue.start > comma]
    return main or attributions


_OPENS_WITH_DATE = re.compile(r"\W*(?:on\s+|late\s+|early\s+)?(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|"
                              r"sunday|yesterday)\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)",
                              re.I)


def _trailing(text: str, start: int, a: Attribution) -> int:
    """Where a trailing attribution (", the minister said", ", said Ruiz") begins, else the sentence's start."""
    at = a.cue.start if a.how == "inverted" else a.mention.start
    if a.how in ("subject", "inverted") and re.search(r",\s*(?:the\s+)?$", text[max(start, at - 8):at]):
        return at
    return start


def _same_side(speaker: Speaker, other: Speaker) -> bool:
    """The same speaker, or a government and a person whose role is in it ("Foreign Minister of Mexico")."""
    if speaker.id == other.id:
        return True
    if speaker.kind != "government" or other.kind != "person" or not other.role:
        return False
    country = re.sub(r"(?i)^(?:the\s+)?(?:government|administration)\s+of\s+(?:the\s+)?", "", speaker.name)
    return country != speaker.name and country.lower() in other.role.lower()


def _outside(start: int, end: int, inside: list[quotes.Quotation]) -> list[tuple[int, int]]:
    ranges, cursor = [], start
    for q in inside:
        ranges.append((cursor, max(cursor, q.start - 1)))
        cursor = min(end, q.end + 1)
    ranges.append((cursor, end))
    return [(a, b) for a, b in ranges if b > a]


def _mostly_quote(s: sentences.Sentence, q: quotes.Quotation) -> bool:
    return (min(q.end, s.end) - q.start) >= 0.7 * (s.end - s.start)


@functools.lru_cache(maxsize=8)
def _registry(people: tuple[Person, ...], as_of) -> Registry:
    return Registry(people, as_of)  # compiling every alias into one pattern is the costly part: once per set


def extract(text: str, context: ArticleContext, people: Iterable[Person] = ()) -> Extraction:
    """Claims proposed from one article's text; offsets index ``text`` exactly as given."""
    registry = _registry(tuple(people), context.published)
    return _Pass(text, _filed(text, context), registry).run()


def _filed(text: str, context: ArticleContext) -> ArticleContext:
    """A wire dateline's date ("June 3 (Reuters) -") is the day the story speaks from when it falls in the
    week up to the publication date: "on Wednesday" counts back from it, not from a later update."""
    found = sentences.dateline_day(text)
    if found is None:
        return context
    latest = (context.not_after or context.published).latest
    earliest = (context.not_before or context.published).earliest - dt.timedelta(days=7)
    for year in (latest.year, latest.year - 1):
        try:
            day = dt.date(year, *found)
        except ValueError:
            return context
        if earliest <= day <= latest:
            filed = PartialDate(day.year, day.month, day.day)
            return dataclasses.replace(context, published=filed, not_before=None, not_after=None)
    return context
