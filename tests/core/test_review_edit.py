"""`briefbot review edit` (and the console's `/review edit`): a proposed claim is changed in its file before
acceptance, validated like `briefbot check`; a bad speaker, date, kind or topic is one error line and the
file is left exactly as it was. Invented article text."""

from __future__ import annotations

import json
import os
from pathlib import Path

from typer.testing import CliRunner

from bot.adapters.cli import app
from bot.adapters.commands import Commands
from bot.adapters.line_syntax import run_line
from bot.core.content import load_corpus
from bot.core.ingest import Ingest, Overrides
from bot.core.service import Core

ARTICLE = """---
title: Ministers meet on border trade
published: 2025-03-14
outlet: Test Wire
---
Mexico's Economy Minister Marcelo Ebrard met U.S. trade officials on Thursday to discuss the tariff schedule.

"We will defend every single job in our factories, calmly and with facts in hand," Ebrard told reporters.
"""



async def proposed_quote(core: Core, tmp_path: Path):
    path = tmp_path / "ministers.md"
    path.write_text(ARTICLE, encoding="utf-8")
    summary = await Ingest(core.paths.data_dir, core.store).run([path], Overrides(), dry_run=False)
    [quote] = [p for p in summary.files[0].prepared.proposals if p.claim.kind == "direct_quote"]
    return quote.claim.id, summary.files[0].written


async def test_an_edit_changes_the_file_validates_and_goes_live_on_accept(ingest_core, tmp_path):
    claim_id, written = await proposed_quote(ingest_core, tmp_path)
    commands = Commands(ingest_core)
    _, data = await commands.review_edit(claim_id, said_on="2025-03-12", text="Ebrard vowed to defend factory jobs.",
                                         topics="tariffs, trade", speaker="marcelo-ebrard")
    assert data["error"] is None and set(data["changed"]) == {"said_on", "text", "topics"}
    text = written.read_text(encoding="utf-8")
    assert "said_on: '2025-03-12'" in text or 'said_on: "2025-03-12"' in text or "said_on: 2025-03-12" in text
    assert "Ebrard vowed to defend factory jobs." in text and "# Proposed by `briefbot ingest`" in text
    assert load_corpus(ingest_core.paths.data_dir, ingest_core.paths.briefings_dir, None).problems == []

    await commands.review_accept([claim_id])
    _, who = await commands.who("Ebrard")
    [view] = [v for v in who.claims if v.claim.id == claim_id]
    assert view.claim.text == "Ebrard vowed to defend factory jobs." and view.claim.said_on.iso() == "2025-03-12"
    assert view.claim.topics == ("tariffs", "trade") and view.claim.basis != "publication"


async def test_a_refused_edit_leaves_the_file_unchanged(ingest_core, tmp_path):
    claim_id, written = await proposed_quote(ingest_core, tmp_path)
    before = written.read_bytes()
    commands = Commands(ingest_core)
    for change, words in (({"speaker": "no-such-person"}, "unknown speaker 'no-such-person'"),
                          ({"said_on": "2025-13-40"}, "--said-on '2025-13-40'"),
                          ({"kind": "rumour"}, "--kind 'rumour' must be one of"),
                          ({"topics": "tariffs,nonsense"}, "unknown topic 'nonsense'"),
                          ({"text": "  "}, "--text is empty"),
                          ({}, "nothing to change")):
        _, data = await commands.review_edit(claim_id, **change)
        assert words in data["error"] and "\n" not in data["error"]
        assert written.read_bytes() == before
    _, data = await commands.review_edit("no-such-claim", text="x")
    assert "no proposed claim 'no-such-claim'" in data["error"]


async def test_the_console_edits_with_key_value_words(ingest_core, tmp_path):
    claim_id, written = await proposed_quote(ingest_core, tmp_path)
    commands = Commands(ingest_core)
    result = await run_line(commands, f'/review edit {claim_id} text:"Ebrard promised calm, factual answers" kind:paraphrase')
    assert result.data["changed"] == ["text", "kind"]
    assert "Ebrard promised calm, factual answers" in written.read_text(encoding="utf-8")
    result = await run_line(commands, f"/review edit {claim_id} --said-on 2025-03")
    assert result.data["changed"] == ["said_on"]
    refused = await run_line(commands, f"/review edit {claim_id} said_on:yesterday")
    assert refused.data["error"] and "Not changed" in refused.reply.pages[0].description
    odd = await run_line(commands, f"/review edit {claim_id} colour:blue")
    assert "Not understood" in odd.reply.pages[0].description


def test_the_cli_edit_prints_one_error_line_and_exits_one():
    env_data = Path(os.environ["BRIEFBOT_DATA_DIR"])
    article = env_data.parent / "ministers.md"
    article.write_text(ARTICLE, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(article)]).exit_code == 0
    listed = json.loads(runner.invoke(app, ["review", "--json"]).stdout)
    claim_id = next(c["id"] for c in listed if c["kind"] == "direct_quote")
    [proposed] = (env_data / "claims" / "proposed").glob("*.yaml")
    before = proposed.read_bytes()

    bad = runner.invoke(app, ["review", "edit", claim_id, "--speaker", "nobody-at-all"])
    assert bad.exit_code == 1 and "Traceback" not in bad.output
    assert bad.stderr.strip().count("\n") == 0 and "unknown speaker 'nobody-at-all'" in bad.stderr
    assert proposed.read_bytes() == before

    good = runner.invoke(app, ["review", "edit", claim_id, "--said-on", "2025-03-13", "--topics", "tariffs"])
    assert good.exit_code == 0, good.output
    assert "changed said_on, topics" in good.stdout and proposed.read_bytes() != before
    assert runner.invoke(app, ["check"]).exit_code == 0
