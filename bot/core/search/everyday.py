"""Everyday English words that name no subject: pronouns and quantifiers, adverbs, light verbs, general
adjectives. A reporter's question is full of them ("what did Mexico say about everything it sells", "thrown
out right away", "who is making the call"), and a corpus of a few hundred claims may hold none of a given one.

Such a word, when the index lacks it in every form and synonym, is read as a small word (it weighs a tenth
and is not a subject the corpus lacks): it says how the question is put, not what it is about. A word the
index holds keeps half its weight (engine.EVERYDAY_HELD): in a corpus of a few hundred claims "wants" or
"nearly" is as rare as "bridges", yet says far less of what the question is about. The list is general usage
(the commonest words of English prose that are not nouns of a subject), not the words of any test question;
nouns that may be what a question is about ("steel", "water", "debt") never belong here, since a question about
something absent names them.
"""

from __future__ import annotations

from bot.core.search.filters import MONTHS

EVERYDAY_WORDS = frozenset(
    """
    everything anything something nothing everyone anyone someone noone everybody anybody somebody nobody
    whatever whoever whichever whenever wherever however another either neither enough plenty lot lots
    thing things stuff way ways kind kinds sort sorts bit bits part
    away ago already soon now today tonight yesterday tomorrow lately recently currently eventually finally
    instead even almost nearly quite rather somewhat pretty fairly often always never sometimes usually
    perhaps maybe probably possibly apparently reportedly supposedly basically simply merely exactly
    roughly approximately heard remember remembers remembered recall recalls recalled joking kidding throwback
    originally initially previously formerly ultimately really truly generally essentially literally seriously
    kinda sorta gonna wanna gotta lol lmao smh tbh imo imho idk btw fyi omg fr ngl ballpark
    anyway anyhow otherwise meanwhile besides though although unless since because whereas
    here there somewhere anywhere everywhere nowhere around along across ahead
    right straight much more less least far further like
    go goes going went gone come comes coming came get gets getting got gotten put puts putting
    make makes making made take takes taking took taken give gives giving gave given keep keeps
    seem seems seemed look looks looked looking want wants wanted wanting need needs
    use used using try tries tried trying see sees seeing saw seen know knows knew known
    think thinks thinking thought happen happens happening happened mean means meaning meant
    new old big small little large huge tiny great good bad better worse best worst
    real whole certain sure able likely unlikely possible impossible same different similar
    next last early earlier late later whole full half entire actual overall
    time times
    wonder wondering wondered curious remind reminds verify confirm clarify summarize summarise provide
    constantly continually repeatedly frequently occasionally rarely seldom honestly obviously clearly
    definitely certainly surely totally completely absolutely
    """.split()
)


def is_everyday(word: str) -> bool:
    """Whether the word (folded) is an everyday word. The forms are listed: an ending taken off could make
    another word of a subject ("goods" is not "good", "news" not "new")."""
    return word in EVERYDAY_WORDS


# Set phrases that only say how a question is put ("why people leave in the first place", "at the end of the
# day"): their words (place, end, day, time) could name a subject alone, so a phrase is read as small words
# only as the whole run, as folded.
EVERYDAY_PHRASES = tuple(
    tuple(phrase.split())
    for phrase in (
        "in the first place", "at the end of the day", "for the time being", "at the moment", "all of a sudden",
        "in the end", "after all", "once again", "all over again", "as a matter of fact", "in the meantime",
        "at the same time", "by the way", "more or less", "sooner or later", "from time to time",
        "every now and then", "at this point", "in any case", "for good", "in terms of", "when it comes to",
        "with regard to", "with respect to", "as far as", "so basically", "quick question", "quick one",
        # someone's view of a subject ("Fedirka's read on the spat", "her take on tariffs"): the subject is what
        # is asked about; that it is their view, the speaker's name says
        "read on", "take on", "line on", "view on", "views on", "thoughts on", "stance on", "position on",
        "verdict on", "opinion on", "opinion of", "perspective on", "angle on", "thinking on",
        # the asker's own framing: what they read, heard or remember is not what the question is about
        "i read", "i heard", "i remember", "i recall", "i saw", "i think", "i believe", "i wonder",
        "i was wondering", "im wondering", "remind me", "do you know", "can you tell me", "correct me if im wrong",
        "if i remember correctly", "if i recall correctly",
        # hearsay a fact-checker is checking: where they heard it is not what it is about
        "i keep hearing", "keep hearing", "on the radio", "on the news", "on tv", "on cable",
        "on fox", "on fox news", "on cnn", "on msnbc", "on pbs", "on npr", "on abc", "on cbs", "on nbc",
        "on univision", "on telemundo", "on the bbc", "on bbc", "on the evening news", "on the nightly news",
        # when, as the asker places it: now or then, not a subject
        "right now", "back then", "these days", "nowadays",
        # a fact-checker asking whether what they heard holds
        "is that accurate", "is that correct", "is that right", "is that true", "is this accurate", "is this true",
        "i want to check", "i want to know", "i need to know", "just checking", "double check", "fact check",
        "need to confirm", "need to verify", "want to confirm", "want to verify", "can you confirm",
        "can you verify", "please confirm", "please verify",
        # what the asker needs it for: their post, story or class is not what the question is about
        "for a post", "for a story", "for a piece", "for a segment", "for a thread", "for my story", "for my piece",
        "for my class", "for my students", "for class", "need details", "need the details",
        "for a client", "for my client", "for a client deck", "for the deck", "for my deck", "for a deck", "for a memo",
        "for my memo", "for the memo", "for a brief", "for my brief",
        # asking for the details of what the question names: the thing named is what it is about
        "the specifics of", "specifics of", "specifics on", "the details of", "details of", "details on",
        # how a plan was put, or what was wanted in exchange: not a subject ("supposed to kick in", "in return")
        "supposed to", "in return",
        # ... and in Spanish: a student's homework
        "es para una tarea", "para una tarea", "para mi tarea", "para la tarea", "para una clase", "para mi clase",
        # where the asker will use it on air: a show is not what the question is about
        "on the pod", "on the podcast", "on the show", "on my show", "on air", "on the air", "go to air",
        "go on air", "before air", "for the pod",
        "for the podcast", "for the show", "before we record", "for our package", "for the package", "for a package",
        "for tonight", "find me", "if you have them", "if you have it", "if you have one", "if you can",
        # a librarian relaying a patron's half-memory: who remembers it, and how well, is not what it is about
        "my patron", "a patron", "the patron", "half remembers", "half remember", "vaguely remembers",
        "vaguely remember", "around the time of",
        # the asker's audience: what viewers, callers or readers ask about is the subject, not who asks it
        "our viewers", "my viewers", "the viewers", "viewers keep", "viewers ask", "our callers", "my callers",
        "callers keep", "our listeners", "my listeners", "listeners keep", "our readers", "my readers",
        "readers keep", "our audience", "my audience", "our followers", "my followers", "our subscribers",
    )
)


_BY_FIRST_WORD: dict[str, list[tuple[str, ...]]] = {}
for _phrase in EVERYDAY_PHRASES:
    _BY_FIRST_WORD.setdefault(_phrase[0], []).append(_phrase)


# A word that places a time within a year or a month ("at the end of 2023", "the start of January", "the turn
# of the year"): the period is what it dates, and the claim says when in its date, not in these words.
TIME_FRAMES = frozenset("end start beginning close middle turn".split())
_PERIODS = frozenset({"year", "month", "decade", *MONTHS})
# A season before a year ("spring 2019", "the summer of 2024") places a time in it, as a month would.
SEASONS = frozenset("spring summer fall autumn winter".split())


def _is_year(word: str) -> bool:
    return len(word) == 4 and word.isdigit() and word[:2] in ("19", "20")


def _season_of_a_year(words: list[str], at: int) -> bool:
    """Whether words[at] is a season followed by a year, or by "of" and a year."""
    if words[at] not in SEASONS:
        return False
    after = words[at + 1 : at + 3]
    if after[:1] == ["of"]:
        after = after[1:]
    return bool(after) and _is_year(after[0])


def _dates_a_period(words: list[str], at: int) -> bool:
    """Whether words[at] ("end") is followed by "of" and a year, a month or "the year"."""
    if words[at] not in TIME_FRAMES or words[at + 1 : at + 2] != ["of"]:
        return False
    after = words[at + 2 : at + 4]
    if after[:1] == ["the"]:
        after = after[1:]
    return bool(after) and (after[0] in _PERIODS or (len(after[0]) == 4 and after[0].isdigit()))


def everyday_runs(words: list[str]) -> set[int]:
    """The positions of the words that make up an everyday phrase (EVERYDAY_PHRASES) in the run of words, and of
    the words that place a time in a period ("the end of 2023", "spring 2019")."""
    found: set[int] = set()
    for start, word in enumerate(words):
        for phrase in _BY_FIRST_WORD.get(word, ()):
            if tuple(words[start:start + len(phrase)]) == phrase:
                found.update(range(start, start + len(phrase)))
        if _dates_a_period(words, start):
            found.update((start, start + 1))
        elif _season_of_a_year(words, start):
            found.add(start)
    return found
