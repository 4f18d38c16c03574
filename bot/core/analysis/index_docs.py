"""What the search index holds for a claim, and the typo keys of new terms (pure: the store writes them)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from bot.core.analysis.terms import deletion_keys, fuzzy_candidate, terms
from bot.core.models import Claim


@dataclass(frozen=True)
class IndexDoc:
    """One row of search_docs: the claim's searchable terms plus the columns filters use."""

    claim_id: str
    speaker_id: str
    kind: str
    said_sort: str  # earliest day the date allows
    said_last: str  # latest day the date allows
    body: str  # space-separated terms (what FTS5 indexes and the ranker reads): the claim's own, then its context
    own: int | None = None  # how many leading terms of body are the claim's own (None: all of them)
    setting: int = 0  # how many trailing terms of body are the names its paragraph set it in


def claim_terms(claim: Claim) -> list[str]:
    """Our words, the verbatim quote and the figures, as search terms (order kept for phrase scoring)."""
    parts = [claim.text]
    if claim.quote:
        parts.append(claim.quote)
    parts.extend(claim.figures)
    out: list[str] = []
    for part in parts:
        out.extend(terms(part))
    return out


def index_doc(claim: Claim) -> IndexDoc:
    return IndexDoc(
        claim_id=claim.id, speaker_id=claim.speaker, kind=claim.kind,
        said_sort=claim.said_on.earliest.isoformat(), said_last=claim.said_on.latest.isoformat(),
        body=" ".join(claim_terms(claim)),
    )


def with_context(doc: IndexDoc, passages: Iterable[str], setting: Iterable[str] = ()) -> IndexDoc:
    """The doc with the words of its source passages after its own: a question worded like the article
    (rather than like our summary) still finds the claim, at CONTEXT_WEIGHT (bot.core.search.engine); then
    the words of the names its paragraph set it in that none of those holds (`setting`, counted apart: they
    are no text to compare a question's wording with)."""
    extra = [term for passage in passages for term in terms(passage)]
    held = {*doc.body.split(), *extra}
    names = [term for term in dict.fromkeys(term for name in setting for term in terms(name)) if term not in held]
    if not extra and not names:
        return doc
    own = doc.own if doc.own is not None else len(doc.body.split())
    return replace(doc, body=" ".join([doc.body, *extra, *names]).strip(), own=own, setting=len(names))


def document_frequencies(bodies: Iterable[str]) -> Counter[str]:
    """How many of the bodies hold each term (each body counted once per term)."""
    counts: Counter[str] = Counter()
    for body in bodies:
        counts.update(set(body.split()))
    return counts


def fuzzy_rows(new_terms: Iterable[str]) -> list[tuple[str, str]]:
    """(key, term) rows for the typo table: every one-deletion variant of every long enough word."""
    return [(key, term) for term in new_terms if fuzzy_candidate(term) for key in deletion_keys(term)]
