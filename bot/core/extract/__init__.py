"""Extraction: an article's text in, proposed claims out (who said what, and when). Pure: no I/O.

`extract(text, context, people)` splits sentences, finds quotations, reporting and action cues, resolves
speakers through the article's own mentions and the people registry as of the publication date, and dates
each claim from the text or bounds it by the publication date.
"""

from bot.core.extract.model import ArticleContext, Dating, ExtractedClaim, Extraction, Speaker
from bot.core.extract.pipeline import extract

__all__ = ["ArticleContext", "Dating", "ExtractedClaim", "Extraction", "Speaker", "extract"]
