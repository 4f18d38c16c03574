"""Extracted claims as reviewable records: claim models, the JSONL line `export claims` writes (plus
confidence), and the proposed-claims YAML file that `briefbot check` validates and `review` reads."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from bot.core.extract import ExtractedClaim, Speaker
from bot.core.extract.names import slug
from bot.core.models import Appearance, Article, Claim

MAX_TEXT = 1000
_STOP = set("the a an of to and in on for that this with is was has have be by it as at from said says".split())


@dataclass(frozen=True)
class Proposal:
    claim: Claim
    speaker: Speaker
    confidence: float
    status: str = "proposed"
    duplicate_of: str | None = None  # the claim this repeats: accepting it adds an appearance to that claim


def claim_id(article: Article, extracted: ExtractedClaim) -> str:
    """Speaker, kind and a few words, plus a short hash of where it sits: stable across re-runs."""
    words = [w for w in re.findall(r"[a-z0-9]+", slug(extracted.quote or extracted.text).replace("-", " "))
             if w not in _STOP][:4]
    stamp = hashlib.sha1(f"{article.id}:{extracted.span[0]}:{extracted.kind}:{extracted.speaker.id}".encode()).hexdigest()[:6]
    head = "-".join([slug(extracted.speaker.id)[:24], *words])[:52].strip("-")
    return f"{head}-{stamp}"


def proposals(article: Article, claims: list[ExtractedClaim]) -> list[Proposal]:
    """Attributed claims only: an unattributed passive has no speaker to review."""
    out = []
    for c in claims:
        if c.speaker is None:
            continue
        dating = c.dating
        claim = Claim(
            id=claim_id(article, c), speaker=c.speaker.id, kind=c.kind, text=_clip(c.text), said_on=dating.said_on,
            basis=dating.basis, appearances=(Appearance(article.id, c.span[0], c.span[1]),), quote=c.quote,
            speaker_role=c.speaker.role, not_before=dating.not_before, not_after=dating.not_after,
            figures=c.figures, date_phrase=dating.phrase,
            date_note=None if dating.basis != "publication" else "no date in the text; bounded by the publication date",
        )
        out.append(Proposal(claim, c.speaker, c.confidence))
    return out


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def export_row(p: Proposal, article: Article) -> dict[str, Any]:
    """The row `interchange.claim_record` reads, as the store would return it after acceptance."""
    c = p.claim
    return {
        "id": c.id, "speaker_id": c.speaker, "speaker_name": p.speaker.name, "speaker_kind": p.speaker.kind,
        "speaker_role": c.speaker_role, "kind": c.kind, "text": c.text, "quote": c.quote, "said_on": c.said_on.iso(),
        "precision": c.precision, "basis": c.basis, "date_source": c.date_source, "date_phrase": c.date_phrase,
        "date_note": c.date_note, "not_before": _iso(c.not_before), "not_after": _iso(c.not_after),
        "figures": list(c.figures), "topics": list(c.topics), "origin": "ingest",
        "appearances": [{"article_id": a.article, "start": a.start, "end": a.end, "title": article.title,
                         "outlet": article.outlet, "author": article.author, "published": article.published.iso(),
                         "precision": article.precision, "url": article.url} for a in c.appearances],
    }


def claim_yaml(p: Proposal) -> dict[str, Any]:
    c = p.claim
    record: dict[str, Any] = {"id": c.id, "status": p.status, "confidence": p.confidence}
    if p.duplicate_of:
        record["duplicate_of"] = p.duplicate_of
    record["speaker"] = c.speaker
    if c.speaker_role:
        record["speaker_role"] = c.speaker_role
    record |= {"kind": c.kind, "text": c.text}
    if c.quote:
        record["quote"] = c.quote
    record |= {"said_on": c.said_on.iso(), "precision": c.precision, "basis": c.basis}
    for key, value in (("date_phrase", c.date_phrase), ("date_note", c.date_note),
                       ("not_before", _iso(c.not_before)), ("not_after", _iso(c.not_after))):
        if value:
            record[key] = value
    if c.figures:
        record["figures"] = list(c.figures)
    record["topics"] = list(c.topics)
    record["appearances"] = [{"article": a.article, "span": [a.start, a.end]} for a in c.appearances]
    return record


def article_yaml(article: Article, content_hash: str) -> dict[str, Any]:
    record = {"id": article.id, "title": article.title, "file": article.file, "author": article.author,
              "outlet": article.outlet, "kind": article.kind, "published": article.published.iso(),
              "precision": article.precision, "not_before": _iso(article.not_before),
              "not_after": _iso(article.not_after), "url": article.url, "content_hash": content_hash}
    return {k: v for k, v in record.items() if v is not None}


def speaker_yaml(speaker: Speaker) -> dict[str, Any]:
    record: dict[str, Any] = {"id": speaker.id, "name": speaker.name, "kind": speaker.kind}
    if speaker.role:
        record["roles"] = [{"title": speaker.role, "from": None, "to": None}]
    record["aliases"] = [speaker.name.split()[-1]] if speaker.kind == "person" and " " in speaker.name else []
    return record


def _iso(value) -> str | None:
    return value.iso() if value else None
