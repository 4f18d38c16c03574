"""Sentences in the article's own voice that assess or predict: the author's claims, not background.

A sentence is an assessment when it judges with a word that only an assessment uses (a hedge such as
"unlikely" or "probably", an evaluative adverb such as "mainly" or "really", a verdict such as "insufficient"
or "necessary", a contrast drawn by the writer: "however"), or when it combines two weaker signs (modal verbs of
possibility, evaluative adjectives and nouns). Advice ("Mexico must", "should") is the writer's recommendation,
not a claim about the world, and plain narration of events is not claimed for the author.
"""

from __future__ import annotations

import re

_STRONG = re.compile(
    r"\b(?:unlikely|likely|probably|perhaps|arguably|mainly|largely|really|rightly|wrongly|ostensibly|"
    r"insufficient|inadequate|necessary|undeniable|inevitabl[ey]|key to|we hope|hope that)\b",
    re.I,
)
_WEAK = re.compile(
    r"\b(?:may|might|could|would|will likely|appears?|seems?|"
    r"essential|crucial|critical|vital|significant|substantial|clearly|in fact|"
    r"risks?|challenge|dilemma|vulnerab\w+|pressure|implications?|consequences?|repercussions?)\b",
    re.I,
)
_MIN_WORDS = 8
_STATEMENT_END = re.compile(r"[.!][\"”’)\]]*(?:\[\d+\])?\s*$")


def is_assessment(text: str, start: int, end: int) -> bool:
    sentence = text[start:end]
    if len(sentence.split()) < _MIN_WORDS or not _STATEMENT_END.search(sentence):
        return False  # a question, or a heading ("What the Dispute Is Really About") is no assessment
    return _STRONG.search(sentence) is not None or len(_WEAK.findall(sentence)) >= 2
