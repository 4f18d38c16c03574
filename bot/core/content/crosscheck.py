"""Checks across files: every reference resolves, dates fit their article, quotes match the text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.core.content.yamlio import line_of
from bot.core.models import Claim, Corpus, Problem


def article_texts(corpus: Corpus, seeds_dir: Path | None) -> dict[str, str]:
    texts: dict[str, str] = {}
    if seeds_dir is None or not seeds_dir.is_dir():
        return texts
    for article in corpus.articles.values():
        if article.file and (seeds_dir / article.file).is_file():
            texts[article.id] = (seeds_dir / article.file).read_text(encoding="utf-8")
    return texts


def _claim_problems(claim: Claim, corpus: Corpus, texts: dict[str, str]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if claim.speaker not in corpus.people:
        found.append(("speaker", f"unknown person {claim.speaker!r} (not in data/people)"))
    for topic in claim.topics:
        if topic not in corpus.topics:
            found.append(("topics", f"unknown topic {topic!r} (not in data/topics.yaml)"))
    for appearance in claim.appearances:
        article = corpus.articles.get(appearance.article)
        if article is None:
            found.append(("appearances", f"unknown article {appearance.article!r}"))
            continue
        if article.not_after and claim.said_on.after(article.not_after):
            found.append(("said_on", f"{claim.said_on} is after article {article.id!r} was published"))
        text = texts.get(article.id)
        if text is None:
            continue
        if appearance.end > len(text):
            found.append(("appearances", f"span {appearance.start}-{appearance.end} is past the end of {article.id!r}"))
        elif claim.quote and claim.quote not in text[appearance.start : appearance.end]:
            found.append(("quote", f"not found verbatim at span {appearance.start}-{appearance.end} of {article.id!r}"))
    found.extend(_date_phrase_problems(claim, texts))
    return found


def _squash(text: str) -> str:
    """For finding a phrase in a text: case, runs of white space and curly apostrophes do not count."""
    return " ".join(text.replace("\u2019", "'").split()).casefold()


def _date_phrase_problems(claim: Claim, texts: dict[str, str]) -> list[tuple[str, str]]:
    """A day worked out from the article needs the article's words it came from, and they must be there.

    Checked only against the texts we have (the seeds folder): without them there is nothing to hold it to.
    """
    ids = list(dict.fromkeys(a.article for a in claim.appearances if a.article in texts))
    if not ids:
        return []
    if claim.date_phrase:
        if not any(_squash(claim.date_phrase) in _squash(texts[article]) for article in ids):
            where = " or ".join(repr(article) for article in ids)
            return [("date_phrase", f"{claim.date_phrase!r} does not occur in the text of {where}")]
        return []
    if claim.basis == "relative" and claim.said_on.precision == "day":
        return [("date_phrase", "is required for a day worked out from the article (basis relative): the"
                                " article's words it came from, e.g. \"on Sunday\"; a day from outside the"
                                " article is basis public_record, with a date_source")]
    return []


def _line(node: Any, field: str) -> int | None:
    """The field's line; a missing date_phrase is asked for by the basis, so point there."""
    if field == "date_phrase" and isinstance(node, dict) and field not in node:
        field = "basis"
    return line_of(node, field)


def cross_check(corpus: Corpus, origin: dict[tuple[str, str], tuple[str, Any]], seeds_dir: Path | None) -> None:
    texts = article_texts(corpus, seeds_dir)
    for claim_id in list(corpus.claims):
        claim = corpus.claims[claim_id]
        file, node = origin[("claims", claim_id)]
        problems = _claim_problems(claim, corpus, texts)
        corpus.problems.extend(Problem(file, _line(node, field), field, msg) for field, msg in problems)
        if any(field in {"speaker", "appearances"} for field, _ in problems):
            del corpus.claims[claim_id]  # no trustworthy speaker or source: never show it
    for slug, briefing in corpus.briefings.items():
        file, citation_lines = origin[("briefings", slug)]
        cited = {c for item in briefing.key_points + briefing.timeline for c in item.claims} | set(briefing.claims)
        for claim_id in sorted(cited - corpus.claims.keys()):
            corpus.problems.append(
                Problem(file, citation_lines.get(claim_id), "claims", f"unknown claim id {claim_id!r}")
            )
        for topic in briefing.related:
            if topic not in corpus.topics:
                corpus.problems.append(Problem(file, None, "related", f"unknown topic {topic!r}"))
