"""Text folding shared by indexing and querying: case, accents and punctuation never decide a match."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w%$.]+|(?<!\d)\.|\.(?!\d)|_")
_SPACES = re.compile(r"\s+")
# Characters NFKD does not decompose into a base letter + mark.
_EXTRA = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ı": "i", "’": "'", "‘": "'"})


def fold(text: str) -> str:
    """Lowercase, strip accents, keep letters, digits, %, $ and decimal points; single spaces."""
    text = unicodedata.normalize("NFKD", text.casefold().translate(_EXTRA))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("'", "")
    return _SPACES.sub(" ", _NON_WORD.sub(" ", text)).strip()
