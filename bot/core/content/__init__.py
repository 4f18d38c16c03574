"""Content: the reviewable files in briefings/ and data/, loaded and validated into plain objects."""

from bot.core.content.loader import content_files, load_corpus

__all__ = ["content_files", "load_corpus"]
