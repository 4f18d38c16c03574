"""Wording for the review of ingested claims: what waits for a person, and what they decided."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.render.cards import Reply, paged
from bot.render.text import defuse_mentions


def proposed_reply(found: Sequence[Any], limit: int) -> Reply:
    """Proposed claims, lowest confidence first (ProposedClaim: claim, confidence)."""
    lines = [defuse_mentions(f"`{c.claim.id}` {c.confidence:.2f} {c.claim.kind} — {c.claim.speaker},"
                             f" {c.claim.said_on.iso()}: {c.claim.quote or c.claim.text}") for c in found[:limit]]
    footer = "Accept with review accept ID…, reject with review reject ID…"
    return Reply(paged(f"{len(found)} proposed claims", lines or ["Nothing to review."], footer=footer))


def reviewed_reply(count: int, verb: str, unknown: Sequence[str]) -> Reply:
    lines = [f"{count} claims {verb}."] + [f"No proposed claim {i}." for i in unknown]
    return Reply(paged("Review", lines))
