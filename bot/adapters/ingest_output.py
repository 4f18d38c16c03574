"""What `briefbot ingest` prints: claims on stdout (table, YAML or JSON Lines), progress and summary on stderr."""

from __future__ import annotations

import io
import json
from typing import TextIO

from ruamel.yaml import YAML

from bot.core.ingest.proposals import claim_yaml, export_row
from bot.core.ingest.service import FileOutcome, IngestSummary
from bot.core.interchange import claim_record


def print_claims(outcome: FileOutcome, fmt: str, out: TextIO) -> None:
    prepared = outcome.prepared
    if prepared.error or outcome.already or prepared.article is None:
        return
    if fmt == "jsonl":
        for p in prepared.proposals:
            record = claim_record(export_row(p, prepared.article)) | {"confidence": p.confidence}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif fmt == "yaml":
        buffer = io.StringIO()
        YAML(typ="safe", pure=True).dump({"claims": [claim_yaml(p) for p in prepared.proposals]}, buffer)
        out.write(buffer.getvalue())
    else:
        out.write(f"{prepared.article.id} ({prepared.path})\n")
        for p in prepared.proposals:
            c = p.claim
            said = (c.quote or c.text).replace("\n", " ")
            out.write(f"  {p.confidence:.2f}  {c.kind:12}  {c.speaker:28}  {c.said_on.iso():10}  {said[:70]}\n")
    out.flush()


def progress_line(outcome: FileOutcome) -> str:
    prepared = outcome.prepared
    if prepared.error:
        return f"briefbot ingest: {prepared.path}: {prepared.error}"
    if outcome.already:
        return f"briefbot ingest: {prepared.path}: already ingested as {outcome.already}; nothing changed"
    return f"briefbot ingest: {prepared.path}: {len(prepared.proposals)} claims"


def summary_lines(summary: IngestSummary, dry_run: bool) -> list[str]:
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(summary.by_kind.items())) or "no claims"
    speakers = ", ".join(s.name for s in summary.new_speakers[:10]) or "none"
    lines = [f"briefbot ingest: {summary.articles} articles, {kinds}; new speakers: {speakers}"]
    if not dry_run:
        accepted = sum(f.accepted for f in summary.files)
        same = sum(1 for f in summary.files if f.already)
        lines.append(f"briefbot ingest: {accepted} accepted, {summary.to_review} to review (`briefbot review`)"
                     + (f", {same} already ingested" if same else ""))
    return lines
