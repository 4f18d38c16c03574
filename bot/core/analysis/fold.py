"""The one text fold, shared by indexing and querying: case, accents and punctuation never decide a match.

FOLD_TABLE folds letters one character at a time (a str.translate table filled lazily, so it runs at C
speed); fold() is that plus the punctuation rule, for whole names and titles. Both must agree, so there is
only this one definition.
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w%$.]+|(?<!\d)\.|\.(?!\d)|_")
_SPACES = re.compile(r"\s+")
# Letters NFKD does not decompose into a base letter + mark.
_EXTRA = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ı": "i"}
_APOSTROPHES = "'’‘"


class _FoldTable(dict):
    """str.translate table built lazily, one character at a time."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in _APOSTROPHES:
            value = ""  # "Sheinbaum's" -> "sheinbaums", "O'Rourke" -> "orourke"
        else:
            lowered = "".join(_EXTRA.get(c, c) for c in char.casefold())
            value = "".join(c for c in unicodedata.normalize("NFKD", lowered) if not unicodedata.combining(c))
        self[code] = value
        return value


FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Lowercase, strip accents, keep letters, digits, %, $ and decimal points; single spaces."""
    return _SPACES.sub(" ", _NON_WORD.sub(" ", text.translate(FOLD_TABLE))).strip()
