"""Writing the proposed-claims file, and changing a claim's review status in place (comments kept)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ruamel.yaml import YAML

from bot.core.ingest.proposals import article_yaml, claim_yaml, speaker_yaml

if TYPE_CHECKING:
    from bot.core.ingest.service import Prepared


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.width = 110
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def write(path: Path, prepared: Prepared, stamp: str) -> None:
    assert prepared.article is not None
    new = [s for s in prepared.extraction.new_speakers if any(p.speaker.id == s.id for p in prepared.proposals)]
    document = {
        "article": article_yaml(prepared.article, prepared.content_hash),
        "speakers": [speaker_yaml(s) for s in new],
        "claims": [claim_yaml(p) for p in sorted(prepared.proposals, key=lambda p: p.claim.appearances[0].start)],
    }
    buffer = io.StringIO()
    buffer.write(f"# Proposed by `briefbot ingest` from {prepared.path.name} on {stamp}. Review with"
                 " `briefbot review`:\n# accept or reject each claim (status), edit text, speaker or date first"
                 " if they are wrong.\n")
    _yaml().dump(document, buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".yaml.tmp")
    tmp.write_text(buffer.getvalue(), encoding="utf-8")
    tmp.replace(path)


def load(path: Path) -> Any:
    """The file as a round-trip document (comments kept); None when it does not parse."""
    try:
        return _yaml().load(path.read_text(encoding="utf-8"))
    except Exception:  # noqa: BLE001 - `briefbot check` reports a broken file; review skips it
        return None


def save(path: Path, document: Any) -> None:
    buffer = io.StringIO()
    _yaml().dump(document, buffer)
    tmp = path.with_suffix(".yaml.tmp")
    tmp.write_text(buffer.getvalue(), encoding="utf-8")
    tmp.replace(path)


def claim_nodes(document: Any) -> list[Any]:
    items = document.get("claims") if isinstance(document, dict) else None
    return [item for item in items or [] if isinstance(item, dict)]


def duplicate_links(path: Path) -> dict[str, str]:
    """claim id -> the claim it repeats (`duplicate_of`), for the claims of this file that have one."""
    return {str(item["id"]): item["duplicate_of"] for item in claim_nodes(load(path))
            if item.get("id") and isinstance(item.get("duplicate_of"), str) and item["duplicate_of"].strip()
            and item["duplicate_of"] != str(item["id"])}  # a malformed link (`briefbot check` names it): none


def set_status(path: Path, ids: set[str], status: str) -> set[str]:
    """Set the status of the given claim ids in this file; returns the ids it held."""
    document = load(path)
    changed: set[str] = set()
    for item in claim_nodes(document):
        if item.get("id") in ids:
            item["status"] = status
            changed.add(item["id"])
    if changed:
        save(path, document)
    return changed
