"""Sentences in the article's own voice that assess or predict: the author's claims, not background.

A sentence is an assessment when it judges with a word that only an assessment uses (a hedge such as
"unlikely" or "probably", an evaluative adverb such as "mainly" or "really", a verdict such as "insufficient"
or "necessary", a contrast drawn by the writer: "however"), or when it combines two weaker signs (modal verbs of
possibility, evaluative adjectives and nouns). Advice ("Mexico must", "should") is the writer's recommendation,
not a claim about the world, and plain narration of events is not claimed for the author.

The patterns read the folded text (lowercase, straight apostrophes): a case-blind search is several times slower.
"""

from __future__ import annotations

import re

from bot.core.extract.lexicon import IRREGULAR_PAST

_STRONG = re.compile(
    r"\b(?:unlikely|likely|probably|perhaps|arguably|mainly|largely|really|rightly|wrongly|ostensibly|"
    r"insufficient|inadequate|necessary|undeniable|inevitabl[ey]|key to|we hope|hope that)\b"
)
_WEAK_WORDS = (
    r"may|might|could|would|will likely|appears?|seems?|"
    r"essential|crucial|critical|vital|significant|significantly|substantial|clearly|in fact|massive|"
    r"risks?|challenge|dilemma|vulnerab\w+|pressure|implications?|consequences?|repercussions?|burdens?|"
    r"undermin\w+|jeopardi[sz]\w+"
).split("|")
# tried only at words that open with one of their first letters: an alternation tried at every word costs time
_WEAK = re.compile(r"\b(?=[" + "".join(sorted({w[0] for w in _WEAK_WORDS})) + r"])(?:" + "|".join(_WEAK_WORDS) + r")\b")
# "However, ...", "..., however, ...": the writer sets one fact against another, a judgement of its own; but
# "However, Mexico must ..." is advice, no claim about the world, and "However, the talks collapsed on Friday"
# narrates (a verb in the simple past: not after "has", "was" ...).
_CONTRAST = re.compile(r"\bhowever\b")
_SIMPLE_PAST = re.compile(r"\b(?<!has )(?<!have )(?<!had )(?<!was )(?<!were )(?<!been )(?<!be )(?<!is )(?<!are )"
                          r"(?:[a-z]{2,}ed|" + "|".join(sorted(set(IRREGULAR_PAST.values()))) + r")\b")
_ADVICE = re.compile(r"\b(?:must|should|ought to|needs? to)\b")
# "However, the ministry did not say when ...": the reporter noting what was not said, no judgement
_SILENCE = re.compile(r"\b(?:did not|didn't|does not|doesn't|declined to|refused to|would not|wouldn't)\s+"
                      r"(?:immediately\s+)?(?:say|comment|elaborate|respond|specify|disclose|confirm|explain)\b")
_MIN_WORDS = 8
_STATEMENT_END = re.compile(r"[.!][\"”')\]]*(?:\[\d+\])?\s*$")


def is_assessment(flat_text: str, start: int, end: int) -> bool:
    sentence = flat_text[start:end]
    if len(sentence.split()) < _MIN_WORDS or not _STATEMENT_END.search(sentence):
        return False  # a question, or a heading ("What the Dispute Is Really About") is no assessment
    if _SILENCE.search(sentence):
        return False
    if _STRONG.search(sentence) is not None or len(_WEAK.findall(sentence)) >= 2:
        return True
    return _CONTRAST.search(sentence) is not None and not _ADVICE.search(sentence) \
        and not _SIMPLE_PAST.search(sentence)


# "X promised to build a wall but has largely been unable to do so", "X demanded ..., but Y has limited ability
# to": a reported statement set against the writer's verdict on it. The verdict needs a judging word of its own;
# "X said talks would resume but gave no date" is narration.
_BUT = re.compile(r",?\s+but\s+")
_VERDICT = re.compile(r"\b(?:unable|inability|(?:limited|little|no)\s+(?:ability|capacity|means|choice|room))\b")


def contrast_after(flat_text: str, said_end: int, end: int, cue_starts: list[int]) -> bool:
    """After a reported statement ending at ``said_end``: a "but" clause with no speaker of its own that judges."""
    but = _BUT.search(flat_text, said_end, end)
    if but is None or any(start >= but.end() for start in cue_starts):
        return False
    clause = flat_text[but.end():end]
    return bool(_STRONG.search(clause) or _VERDICT.search(clause) or len(_WEAK.findall(clause)) >= 2)
