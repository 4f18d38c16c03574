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
    return found


def cross_check(corpus: Corpus, origin: dict[tuple[str, str], tuple[str, Any]], seeds_dir: Path | None) -> None:
    texts = article_texts(corpus, seeds_dir)
    for claim_id in list(corpus.claims):
        claim = corpus.claims[claim_id]
        file, node = origin[("claims", claim_id)]
        problems = _claim_problems(claim, corpus, texts)
        corpus.problems.extend(Problem(file, line_of(node, field), field, msg) for field, msg in problems)
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
