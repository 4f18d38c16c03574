"""Quotations in running text: curly, straight and single marks, guillemets, and multi-paragraph quotes.

News style continues a quote into the next paragraph by leaving it open and opening the next paragraph
with a mark; that continuation is one quotation with one speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PAIRS = {"“": "”", "«": "»", "„": "“", "‘": "’", '"': '"'}
_ANY_MARK = re.compile("[" + "".join(_PAIRS) + "]")
_WORD = re.compile(r"\w+(?:[’'-]\w+)*")


@dataclass(frozen=True)
class Quotation:
    start: int  # first character inside the marks
    end: int  # the closing mark's offset (exclusive end of the content)
    continues: bool = False  # opens a paragraph that continues the previous paragraph's open quote
    open_end: bool = False  # left open at the paragraph's end: the next paragraph's quote continues it

    def words(self, text: str) -> int:
        return len(_WORD.findall(text[self.start:self.end]))


def _opens(text: str, i: int) -> bool:
    mark = text[i]
    before = text[i - 1] if i else " "
    if mark in "‘\"":
        # An apostrophe or inch mark is not an opening quote: it needs a space or bracket before it.
        return not before.isalnum() and i + 1 < len(text) and not text[i + 1].isspace()
    return True


def _closing(text: str, i: int, mark: str, limit: int) -> int:
    close = _PAIRS[mark]
    j = i + 1
    while j < limit:
        j = text.find(close, j, limit)
        if j < 0:
            return -1
        after = text[j + 1] if j + 1 < len(text) else " "
        if close in "’'" and after.isalnum():  # an apostrophe inside the quote ("don’t")
            j += 1
            continue
        if close == mark == '"' and j + 1 < limit and after.isalnum():
            j += 1
            continue
        return j
    return -1


def find(text: str) -> list[Quotation]:
    out: list[Quotation] = []
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    carried = False
    for index, (p_start, p_end) in enumerate(paragraphs):
        i, first = p_start, True
        was_carried, carried = carried, False
        while i < p_end:
            found = _ANY_MARK.search(text, i, p_end)
            if found is None:
                break
            if text[i:found.start()].strip():
                first = False
            i = found.start()
            mark = text[i]
            if _opens(text, i):
                close = _closing(text, i, mark, p_end)
                continues = was_carried and first
                if close < 0:
                    nxt = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
                    if nxt and text[nxt[0]] in _PAIRS and mark in "“«\"":
                        out.append(Quotation(i + 1, p_end, continues, open_end=True))
                        carried = True
                    break
                if close > i + 1:
                    end = close
                    while end > i + 1 and text[end - 1] in ", ":  # the comma before "she said" is punctuation
                        end -= 1
                    out.append(Quotation(i + 1, end, continues))
                i, first = close + 1, False
                continue
            first = False
            i += 1
    return out
