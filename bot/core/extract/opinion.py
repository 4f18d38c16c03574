"""Sentences in the article's own voice that assess or predict: the author's claims, not background.

A sentence is an assessment when it hedges, predicts or judges (modal verbs, evaluative adjectives and
adverbs); plain narration of events is not claimed for the author.
"""

from __future__ import annotations

import re

_MARKERS = re.compile(
    r"\b(?:may|might|could|should|must|would|will likely|likely|unlikely|probably|perhaps|appears?|seems?|"
    r"essential|necessary|crucial|critical|key to|vital|insufficient|significant|substantial|"
    r"risks?|rightly|wrongly|mainly|really|clearly|arguably|hope|need to|needs to|in fact|however|"
    r"challenge|dilemma|vulnerab\w+|pressure|implications?|consequences?|repercussions?)\b",
    re.I,
)
_MIN_WORDS = 8


def is_assessment(text: str, start: int, end: int) -> bool:
    sentence = text[start:end]
    if len(sentence.split()) < _MIN_WORDS or sentence.rstrip().endswith("?"):
        return False
    return len(_MARKERS.findall(sentence)) >= 2
