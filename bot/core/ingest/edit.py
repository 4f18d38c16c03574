"""`briefbot review edit ID ...`: change a proposed claim in its file before it is accepted.

Every change is validated as `briefbot check` would (a known speaker, a real date, a claim kind, known
topics); a refused edit leaves the file as it was and says why in one line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.core.content.proposed import proposed_files, read_proposed
from bot.core.content.records import read_claim
from bot.core.content.yamlio import load_yaml_file
from bot.core.dates import PartialDate
from bot.core.ingest import proposed_yaml
from bot.core.ingest.registry import registry_people
from bot.core.models import CLAIM_KINDS


class EditRefused(Exception):
    """Why an edit was not made (one line); the file is unchanged."""


@dataclass(frozen=True)
class ClaimEdit:
    """What to change; None leaves a field as it is. `topics` replaces the list (empty: no topics)."""

    speaker: str | None = None
    said_on: str | None = None
    text: str | None = None
    kind: str | None = None
    topics: tuple[str, ...] | None = None

    def empty(self) -> bool:
        return all(value is None for value in (self.speaker, self.said_on, self.text, self.kind, self.topics))


@dataclass
class EditOutcome:
    claim_id: str
    file: str
    changed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def split_topics(text: str | None) -> tuple[str, ...] | None:
    if text is None:
        return None
    return tuple(t.strip() for t in text.split(",") if t.strip())


def topic_slugs(data_dir: Path) -> set[str]:
    node, problem = load_yaml_file(data_dir / "topics.yaml", "topics.yaml")
    items = node.get("topics") if isinstance(node, dict) and not problem else None
    return {str(t["slug"]) for t in items or [] if isinstance(t, dict) and t.get("slug")}


def edit_claim(data_dir: Path, claim_id: str, change: ClaimEdit) -> EditOutcome:
    """Apply `change` to the proposed claim `claim_id` in its file; EditRefused (file unchanged) when the
    claim is unknown or already accepted, or the result would not validate."""
    if change.empty():
        raise EditRefused("nothing to change: give --speaker, --said-on, --text, --kind or --topics")
    for path in proposed_files(data_dir):
        document = proposed_yaml.load(path)
        node = next((n for n in proposed_yaml.claim_nodes(document) if str(n.get("id")) == claim_id), None)
        if node is not None:
            outcome = EditOutcome(claim_id, str(path))
            _apply(data_dir, path, node, change, outcome)
            try:
                proposed_yaml.save(path, document)
            except OSError as exc:
                raise EditRefused(f"{path} cannot be written ({exc.strerror or exc})") from None
            return outcome
    raise EditRefused(f"no proposed claim {claim_id!r} (`briefbot review` lists them)")


def _apply(data_dir: Path, path: Path, node: Any, change: ClaimEdit, outcome: EditOutcome) -> None:
    if node.get("status") == "accepted":
        raise EditRefused(f"{outcome.claim_id} is already accepted (live); edit it in the store's content instead")
    if change.speaker is not None:
        speaker = change.speaker.strip()
        known = set(registry_people(data_dir)) | {p.id for p in read_proposed(path, path.name, set()).speakers}
        if speaker not in known:
            raise EditRefused(f"unknown speaker {speaker!r}: not in data/people nor this file's speakers"
                              " (use the person's id, e.g. claudia-sheinbaum)")
        if speaker != node.get("speaker"):
            node["speaker"] = speaker
            node.pop("speaker_role", None)  # the role the text gave the previous speaker
            outcome.changed.append("speaker")
    if change.said_on is not None:
        try:
            said_on = PartialDate.parse(change.said_on.strip())
        except ValueError as exc:
            raise EditRefused(f"--said-on {change.said_on!r}: {exc}") from None
        node["said_on"], node["precision"] = said_on.iso(), said_on.precision
        if node.get("basis") == "publication":
            node["basis"] = "explicit"  # a person gave the date: no longer only bounded by publication
        for key in ("date_note", "not_before", "not_after"):
            node.pop(key, None)
        outcome.changed.append("said_on")
    if change.text is not None:
        text = " ".join(change.text.split())
        if not text:
            raise EditRefused("--text is empty")
        node["text"] = text
        outcome.changed.append("text")
    if change.kind is not None:
        kind = change.kind.strip()
        if kind not in CLAIM_KINDS:
            raise EditRefused(f"--kind {kind!r} must be one of {', '.join(CLAIM_KINDS)}")
        if kind == "direct_quote" and not node.get("quote"):
            raise EditRefused("a direct_quote needs the quoted words, and this claim has none")
        if kind != node.get("kind"):
            node["kind"] = kind
            outcome.changed.append("kind")
    if change.topics is not None:
        unknown = [t for t in change.topics if t not in topic_slugs(data_dir)]
        if unknown:
            raise EditRefused(f"unknown topic {unknown[0]!r} (topics are the slugs in data/topics.yaml)")
        node["topics"] = list(change.topics)
        outcome.changed.append("topics")
    if node.get("duplicate_of") and {"speaker", "kind"} & set(outcome.changed):
        outcome.notes.append(f"no longer marked as a repeat of {node.pop('duplicate_of')}")
    _, problems = read_claim(node, path.name)
    if problems:
        first = problems[0]
        raise EditRefused(f"{first.field}: {first.message}" if first.field else first.message)
