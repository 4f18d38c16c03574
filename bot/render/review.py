"""Wording for the review of ingested claims: what waits for a person, and what they decided."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bot.render.cards import Reply, paged
from bot.render.text import defuse_mentions


def proposed_reply(found: Sequence[Any], limit: int, repeats: Mapping[str, str] | None = None) -> Reply:
    """Proposed claims, lowest confidence first (ProposedClaim: claim, confidence); `repeats` maps a claim
    that repeats another (duplicate_of) to that claim."""
    repeats = repeats or {}
    lines = []
    for c in found[:limit]:
        same = f" (repeats `{repeats[c.claim.id]}`: accepting adds a source to it)" if c.claim.id in repeats else ""
        lines.append(defuse_mentions(f"`{c.claim.id}` {c.confidence:.2f} {c.claim.kind} — {c.claim.speaker},"
                                     f" {c.claim.said_on.iso()}: {c.claim.quote or c.claim.text}{same}"))
    footer = "review accept|reject ID…, review edit ID …"
    return Reply(paged(f"{len(found)} proposed claims", lines or ["Nothing to review."], footer=footer))


def reviewed_reply(count: int, verb: str, unknown: Sequence[str], *, merged: int = 0,
                   new_speakers: Sequence[str] = (), waiting: Mapping[str, str] | None = None) -> Reply:
    lines = [f"{count} claims {verb}."]
    if merged:
        lines.append(f"{merged} repeated a known claim: added to it as another source.")
    if new_speakers:
        lines.append("New in data/people/ingested.yaml: " + ", ".join(new_speakers) + ".")
    lines += [f"{cid} repeats {target}, still proposed: accept {target} first (or both together)."
              for cid, target in (waiting or {}).items()]
    lines += [f"No proposed claim {i}." for i in unknown]
    return Reply(paged("Review", [defuse_mentions(line) for line in lines]))


def edited_reply(claim_id: str, changed: Sequence[str], notes: Sequence[str], file: str) -> Reply:
    lines = [f"{claim_id}: changed {', '.join(changed)} in {file}.", *notes]
    return Reply(paged("Review", [defuse_mentions(line) for line in lines]))


def edit_refused_reply(message: str) -> Reply:
    return Reply(paged("Review", [defuse_mentions(f"Not changed: {message}")]))
