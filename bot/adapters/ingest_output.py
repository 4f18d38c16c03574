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
            record = claim_record(export_row(p, prepared.article)) | {"confidence": p.confidence,
                                                                      "duplicate_of": p.duplicate_of}
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
            if p.duplicate_of:
                out.write(f"        repeats {p.duplicate_of}: accepting adds this article as another source\n")
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
    new = summary.new_speakers
    speakers = ", ".join(s.name for s in new[:10]) + (f" and {len(new) - 10} more" if len(new) > 10 else "")
    lines = [f"briefbot ingest: {summary.articles} articles, {kinds}; new speakers: {speakers or 'none'};"
             f" {summary.duplicates} repeat a known claim"]
    if not dry_run:
        accepted = sum(f.accepted for f in summary.files)
        merged = sum(f.merged for f in summary.files)
        same = sum(1 for f in summary.files if f.already)
        lines.append(f"briefbot ingest: {accepted} accepted" + (f", {merged} added as sources" if merged else "")
                     + f", {summary.to_review} to review (`briefbot review`)"
                     + (f", {same} already ingested" if same else ""))
    if summary.errors:
        lines.append(f"briefbot ingest: {len(summary.errors)} of {len(summary.files)} files could not be read")
    return lines


class ProgressBar:
    """A bar on stderr (a terminal only) while many files are read; error lines print above it."""

    def __init__(self, total: int) -> None:
        import sys

        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.progress = Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                 TextColumn("{task.fields[name]}"), console=Console(stderr=True), transient=True,
                                 # claims printed to a terminal go above the bar; piped, stdout is left alone
                                 redirect_stdout=sys.stdout.isatty(), redirect_stderr=False)
        self.task = self.progress.add_task("ingest", total=total, name="")
        self.progress.start()

    def advance(self, outcome: FileOutcome, line: str | None = None) -> None:
        if line:
            self.progress.console.print(line, markup=False, highlight=False)
        self.progress.update(self.task, advance=1, name=outcome.prepared.path.name[:40])

    def stop(self) -> None:
        self.progress.stop()
