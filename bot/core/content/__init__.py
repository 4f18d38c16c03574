"""Content: the reviewable files in briefings/ and data/, loaded and validated into plain objects."""

from bot.core.content.crosscheck import article_texts
from bot.core.content.loader import content_files, content_hash, load_corpus

__all__ = ["article_texts", "content_files", "content_hash", "load_corpus"]
