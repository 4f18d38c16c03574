"""Plain JSON-ready values from the models: what --json prints and what the store keeps as JSON."""

from __future__ import annotations

import dataclasses
from typing import Any

from bot.core.dates import PartialDate
from bot.core.models import Claim

# A claim's date as every JSON output names it: `briefbot export claims` (JSONL, CSV) and the --json answers.
DATE_FIELDS = ("said_on", "said_on_precision", "said_on_basis", "date_source", "date_phrase", "date_note",
               "not_before", "not_after")


def date_fields(said_on: str, precision: str, basis: str, date_source: str | None = None,
                date_phrase: str | None = None, date_note: str | None = None, not_before: str | None = None,
                not_after: str | None = None) -> dict[str, Any]:
    """A claim's date, how sure it is and where it comes from, under the names of DATE_FIELDS (ISO text)."""
    return {"said_on": said_on, "said_on_precision": precision, "said_on_basis": basis, "date_source": date_source,
            "date_phrase": date_phrase, "date_note": date_note, "not_before": not_before, "not_after": not_after}


def _iso(value: PartialDate | None) -> str | None:
    return value.iso() if value else None


def claim_plain(claim: Claim) -> dict[str, Any]:
    """A claim in JSON, in the export's order and with its names for the date (said_on_basis, not basis)."""
    plain: dict[str, Any] = {key: getattr(claim, key) for key in ("id", "speaker", "speaker_role", "kind", "text",
                                                                    "quote")}
    plain |= date_fields(claim.said_on.iso(), claim.precision, claim.basis, claim.date_source, claim.date_phrase,
                         claim.date_note, _iso(claim.not_before), _iso(claim.not_after))
    for f in dataclasses.fields(claim):  # figures, topics, appearances and any field added later
        if f.name not in plain and f.name != "basis":
            plain[f.name] = to_plain(getattr(claim, f.name))
    return plain


def to_plain(value: Any) -> Any:
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, Claim):
        return claim_plain(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    return value
