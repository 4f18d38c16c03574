"""Ingest end to end: our own article in, proposed claims validated, reviewed, and answering /quote and /who
with their passage, in a store built from the real content (no seeds folder needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.adapters.cli import app
from bot.adapters.commands import Commands
from bot.adapters.line_syntax import run_line
from bot.core.content import load_corpus
from bot.core.ingest import Ingest, Overrides

ARTICLE = """---
title: Ministers meet on border trade
published: 2025-03-14
author: Test Writer
outlet: Test Wire
---
# Ministers meet on border trade

Mexico's Economy Minister Marcelo Ebrard met U.S. trade officials on Thursday to discuss the tariff schedule.

"We will defend every single job in our factories, calmly and with facts in hand," Ebrard told reporters
after the meeting.

He added that the two delegations would meet again before the end of the month.
"""
QUOTE = "We will defend every single job in our factories, calmly and with facts in hand"



@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "ministers.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


async def test_an_ingested_and_accepted_quote_answers_quote_and_who_with_its_passage(ingest_core, article):
    data_dir = ingest_core.paths.data_dir
    summary = await Ingest(data_dir, ingest_core.store).run([article], Overrides(), dry_run=False)
    [outcome] = summary.files
    assert outcome.written and outcome.written.parent == data_dir / "claims" / "proposed"
    corpus = load_corpus(data_dir, ingest_core.paths.briefings_dir, None)
    assert corpus.problems == []  # `briefbot check` validates the proposed file

    commands = Commands(ingest_core)
    _, listed = await commands.review_list()
    assert listed == sorted(listed, key=lambda c: c["confidence"])
    [quote] = [c for c in listed if c["kind"] == "direct_quote"]
    assert quote["quote"] == QUOTE and quote["speaker"] == "marcelo-ebrard" and quote["said_on"] == "2025-03-13"

    _, nothing = await commands.quote("defend every single job in our factories")
    assert not getattr(nothing, "hits", None) or nothing.hits[0].view.claim.id != quote["id"]

    await run_line(commands, f"/review accept {quote['id']}")
    _, found = await commands.quote("defend every single job in our factories")
    assert found.hits[0].view.claim.id == quote["id"]
    assert found.hits[0].passage == QUOTE  # from the stored text: no seeds folder involved
    _, who = await commands.who("Ebrard")
    assert who.person.id == "marcelo-ebrard" and quote["id"] in [v.claim.id for v in who.claims]

    _, after = await commands.review_list()
    assert quote["id"] not in [c["id"] for c in after]
    assert "status: accepted" in outcome.written.read_text(encoding="utf-8")


async def test_ingesting_the_same_text_again_changes_nothing(ingest_core, article):
    ingest = Ingest(ingest_core.paths.data_dir, ingest_core.store)
    first = await ingest.run([article], Overrides(), dry_run=False)
    written = first.files[0].written.read_text(encoding="utf-8")
    again = await ingest.run([article], Overrides(), dry_run=False)
    assert again.files[0].already == first.files[0].prepared.article.id
    assert again.files[0].written is None and first.files[0].written.read_text(encoding="utf-8") == written


async def test_apply_accepts_only_above_the_threshold(ingest_core, article):
    ingest = Ingest(ingest_core.paths.data_dir, ingest_core.store)
    summary = await ingest.run([article], Overrides(), dry_run=False, apply_at=0.88)
    sure = [p for p in summary.files[0].prepared.proposals if p.confidence >= 0.88]
    assert summary.files[0].accepted == len(sure) >= 1
    assert all(c.confidence < 0.88 for c in ingest.proposed())


async def test_rejected_claims_leave_the_review_list(ingest_core, article):
    ingest = Ingest(ingest_core.paths.data_dir, ingest_core.store)
    await ingest.run([article], Overrides(), dry_run=False)
    first = ingest.proposed()[0].claim.id
    _, data = await Commands(ingest_core).review_reject([first, "no-such-claim"])
    assert data["rejected"] == 1 and data["unknown"] == ["no-such-claim"]
    assert first not in [c.claim.id for c in ingest.proposed()]


def test_dry_run_jsonl_has_the_export_fields_plus_confidence_and_span(article, tmp_path):
    result = CliRunner().invoke(app, ["ingest", str(article), "--dry-run", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert lines and {"id", "speaker", "speaker_name", "kind", "text", "quote", "said_on", "said_on_precision",
                      "said_on_basis", "article", "span", "appearances", "origin", "confidence"} <= set(lines[0])
    quotes = [line for line in lines if line["kind"] == "direct_quote"]
    assert quotes and all(QUOTE in line["quote"] for line in quotes)
    assert not list(tmp_path.rglob("proposed"))  # a dry run writes nothing


def test_a_bad_file_is_one_error_line_and_exit_one(tmp_path):
    garbage = tmp_path / "garbage.txt"
    garbage.write_bytes(b"\0\1\2" * 1000)
    result = CliRunner().invoke(app, ["ingest", str(garbage), "--dry-run", "--published", "2025-01-01"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output and "not a text file" in result.output
