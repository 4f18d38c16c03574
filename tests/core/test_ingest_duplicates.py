"""The same statement in several articles is one claim with several sources: a verbatim or slightly
reworded quote is marked as a repeat when proposed, and accepting it adds a source to the claim it repeats
(curated, accepted earlier, or accepted in the same review), never a second claim. Invented articles only."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.adapters.cli import app
from bot.adapters.commands import Commands
from bot.adapters.line_syntax import run_line
from bot.core.content import load_corpus
from bot.core.ingest import Ingest, Overrides
from bot.core.ingest.duplicates import SAME_WORDING, similarity
from tests.conftest import SEEDS_DIR, needs_seeds

FIRST = """---
title: Ministers meet on border trade
published: 2025-03-14
outlet: Test Wire
---
Mexico's Economy Minister Marcelo Ebrard met U.S. trade officials on Thursday to discuss the tariff schedule.

"We will defend every single job in our factories, calmly and with facts in hand," Ebrard told reporters
after the meeting.
"""
SECOND = """---
title: Mexico promises a calm answer to tariffs
published: 2025-03-16
outlet: Other Daily
---
Economy Minister Marcelo Ebrard spoke to reporters in Washington on Thursday after the talks.

"We will defend every job in our factories calmly, with the facts in hand," Ebrard said.

"Tariffs on Mexican steel will hurt American workers before anyone else," Ebrard added.
"""
THIRD = """---
title: Avocado growers brace for duties
published: 2025-03-18
outlet: Farm Notes
---
Economy Minister Marcelo Ebrard visited growers in Michoacan on Monday.

"Tariffs on Mexican avocados will hurt American families at the grocery store," Ebrard said.
"""
CURATED_REPEAT = """---
title: Sheinbaum answers on borders
published: 2024-11-29
outlet: Test Wire
---
Mexican President Claudia Sheinbaum spoke about her call with the U.S. president-elect on Wednesday.

"We reiterate that Mexico's position is not to close borders but to build bridges between governments and \
between peoples," Sheinbaum wrote on X.
"""


@pytest.mark.parametrize(("a", "b"), [
    ("We will defend every single job in our factories, calmly and with facts in hand",
     "We will defend every single job in our factories, calmly and with facts in hand"),
    ("We will defend every single job in our factories, calmly and with facts in hand",
     "We will defend every job in our factories calmly, with the facts in hand"),
    ("Mexico will not accept impositions from any foreign government",
     "Mexico will not accept any imposition from a foreign government"),  # translated a little differently
    ("We will respond with tariffs of our own",
     "We will respond with tariffs of our own if necessary, and we will do it calmly"),  # part of the statement
    ("Hugs, not bullets", "Hugs not bullets"),
])
def test_the_same_statement_reworded_a_little_is_the_same(a, b):
    assert similarity(a, b) >= SAME_WORDING


@pytest.mark.parametrize(("a", "b"), [
    ("Tariffs on Mexican steel will hurt American workers", "Tariffs on Mexican avocados will hurt American families"),
    ("We are going to put a 25% tariff on everything coming from Mexico",
     "We are going to put a 35% tariff on everything coming from Mexico"),  # another figure
    ("The border is closed and it will stay closed", "The border is not closed and it will not be closed"),
    ("Migration is a humanitarian issue, not a security issue",
     "Migration must be addressed at its root causes, not with walls"),
    ("Hugs, not bullets", "Hugs, then bullets"),  # short: word for word or nothing
    ("The city of Tijuana needs more shelter beds before the summer",
     "The city of Juarez needs more shelter beds before the summer"),  # a name only one of them says
])
def test_different_statements_on_one_subject_are_not(a, b):
    assert similarity(a, b) < SAME_WORDING



def article(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def text_of(reply) -> str:
    return "\n".join(card.title + "\n" + card.description + "\n" + "\n".join(f.value for f in card.fields)
                     for card in reply.pages)


def quotes(summary) -> list:
    return [p for f in summary.files for p in f.prepared.proposals if p.claim.kind == "direct_quote"]


async def test_a_quote_repeated_in_a_second_article_becomes_a_second_source(ingest_core, tmp_path):
    ingest = Ingest(ingest_core.paths.data_dir, ingest_core.store)
    commands = Commands(ingest_core)
    [first] = quotes(await ingest.run([article(tmp_path, "a.md", FIRST)], Overrides(), dry_run=False))
    await commands.review_accept([first.claim.id])

    second = await ingest.run([article(tmp_path, "b.md", SECOND)], Overrides(), dry_run=False)
    defend, steel = sorted(quotes(second), key=lambda p: p.claim.appearances[0].start)
    assert defend.duplicate_of == first.claim.id and steel.duplicate_of is None
    written = second.files[0].written.read_text(encoding="utf-8")
    assert f"duplicate_of: {first.claim.id}" in written
    assert load_corpus(ingest_core.paths.data_dir, ingest_core.paths.briefings_dir, None).problems == []
    assert second.duplicates == 1
    _, listed = await commands.review_list()
    assert {c["id"]: c["duplicate_of"] for c in listed}[defend.claim.id] == first.claim.id

    _, outcome = await commands.review_accept([defend.claim.id])
    assert outcome["merged"] == 1 and outcome["accepted"] == 0

    reply, who = await commands.who("Ebrard")
    ebrard = [v for v in who.claims if v.claim.kind == "direct_quote"]
    assert [v.claim.id for v in ebrard] == [first.claim.id]  # one claim, not two
    assert {s.title for s in ebrard[0].sources} == {"Ministers meet on border trade",
                                                    "Mexico promises a calm answer to tariffs"}
    assert "+1 more" in text_of(reply)
    reply, found = await commands.quote("defend every job in our factories")
    assert found.hits[0].view.claim.id == first.claim.id
    assert "Ministers meet on border trade" in text_of(reply) and "Mexico promises a calm answer" in text_of(reply)
    assert "status: accepted" in second.files[0].written.read_text(encoding="utf-8")


async def test_a_different_quote_on_the_same_subject_is_its_own_claim(ingest_core, tmp_path):
    ingest = Ingest(ingest_core.paths.data_dir, ingest_core.store)
    summary = await ingest.run([article(tmp_path, "b.md", SECOND), article(tmp_path, "c.md", THIRD)], Overrides(),
                               dry_run=False)
    assert quotes(summary) and all(p.duplicate_of is None for p in quotes(summary))


async def test_two_articles_of_one_batch_accepted_together_in_any_order_make_one_claim(ingest_core, tmp_path):
    ingest = Ingest(ingest_core.paths.data_dir, ingest_core.store)
    summary = await ingest.run([article(tmp_path, "a.md", FIRST), article(tmp_path, "b.md", SECOND)], Overrides(),
                               dry_run=False)
    first, defend, _ = quotes(summary)
    assert defend.duplicate_of == first.claim.id

    commands = Commands(ingest_core)
    _, waiting = await commands.review_accept([defend.claim.id])  # its claim is still proposed: it waits
    assert waiting["waiting"] == {defend.claim.id: first.claim.id} and waiting["unknown"] == []
    _, outcome = await commands.review_accept([defend.claim.id, first.claim.id])
    assert (outcome["accepted"], outcome["merged"]) == (1, 1)
    _, who = await commands.who("Marcelo Ebrard")
    [view] = [v for v in who.claims if v.claim.kind == "direct_quote" and "defend" in v.claim.quote]
    assert len({s.article_id for s in view.sources}) == 2


async def test_a_repeat_of_a_rejected_claim_is_accepted_as_its_own(ingest_core, tmp_path):
    ingest = Ingest(ingest_core.paths.data_dir, ingest_core.store)
    summary = await ingest.run([article(tmp_path, "a.md", FIRST), article(tmp_path, "b.md", SECOND)], Overrides(),
                               dry_run=False)
    first, defend, _ = quotes(summary)
    commands = Commands(ingest_core)
    await commands.review_reject([first.claim.id])
    _, outcome = await commands.review_accept([defend.claim.id])
    assert (outcome["accepted"], outcome["merged"]) == (1, 0)
    _, found = await commands.quote("defend every job in our factories")
    assert found.hits[0].view.claim.id == defend.claim.id


async def test_a_curated_quote_quoted_again_gains_a_source_that_survives_a_recompile(ingest_core, tmp_path):
    ingest = Ingest(ingest_core.paths.data_dir, ingest_core.store)
    summary = await ingest.run([article(tmp_path, "s.md", CURATED_REPEAT)], Overrides(), dry_run=False)
    [repeat] = quotes(summary)
    assert repeat.duplicate_of == "sheinbaum-build-bridges"
    commands = Commands(ingest_core)
    await run_line(commands, f"/review accept {repeat.claim.id}")
    for _ in range(2):
        _, found = await commands.quote("not to close borders but to build bridges")
        view = found.hits[0].view
        assert view.claim.id == "sheinbaum-build-bridges"
        assert "Sheinbaum answers on borders" in {s.title for s in view.sources} and len(view.sources) >= 2
        assert view.claim.said_on.iso() == "2024-11-27"  # the curated date stays
        await ingest_core.reload(force=True)  # content recompiled: the added source stays


def test_dry_run_jsonl_shows_the_repeat_within_the_batch(tmp_path):
    paths = [str(article(tmp_path, "a.md", FIRST)), str(article(tmp_path, "b.md", SECOND))]
    result = CliRunner().invoke(app, ["ingest", *paths, "--dry-run", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    first = next(line for line in lines if line["article"].startswith("ministers") and line["kind"] == "direct_quote")
    repeats = [line for line in lines if line["duplicate_of"]]
    assert [line["duplicate_of"] for line in repeats] == [first["id"]]
    assert all("duplicate_of" in line for line in lines)
    assert "1 repeat a known claim" in result.stderr


async def test_the_claim_keeps_the_most_precise_date_its_sources_give(ingest_core, tmp_path):
    undated = FIRST.replace(" on Thursday", "")
    ingest = Ingest(ingest_core.paths.data_dir, ingest_core.store)
    commands = Commands(ingest_core)
    [first] = quotes(await ingest.run([article(tmp_path, "a.md", undated)], Overrides(), dry_run=False))
    assert first.claim.said_on.precision == "month"
    await commands.review_accept([first.claim.id])
    dated = SECOND.replace("with the facts in hand,\" Ebrard said.", "with the facts in hand,\" Ebrard said on Thursday.")
    defend = quotes(await ingest.run([article(tmp_path, "b.md", dated)], Overrides(), dry_run=False))[0]
    assert defend.duplicate_of == first.claim.id and defend.claim.said_on.precision == "day"
    await commands.review_accept([defend.claim.id])
    _, found = await commands.quote("defend every job in our factories")
    assert found.hits[0].view.claim.id == first.claim.id
    assert found.hits[0].view.claim.said_on == defend.claim.said_on


@needs_seeds
def test_the_sample_articles_quotes_show_as_repeats_of_the_curated_claims():
    """The five samples are the curated articles: a dry run (reading the compiled database) links their
    quotes to the curated claims instead of proposing them a second time."""
    result = CliRunner().invoke(app, ["ingest", *map(str, sorted(SEEDS_DIR.glob("*.txt"))), "--dry-run",
                                      "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    data, briefings = Path(os.environ["BRIEFBOT_DATA_DIR"]), Path(os.environ["BRIEFBOT_BRIEFINGS_DIR"])
    curated = set(load_corpus(data, briefings, None).claims)
    quoted = [line for line in lines if line["kind"] == "direct_quote"]
    linked = [line for line in quoted if line["duplicate_of"] in curated]
    assert len(linked) >= 0.75 * len(quoted)


async def test_check_names_a_malformed_repeat_link_and_review_still_accepts_the_claim(ingest_core, tmp_path):
    """A hand edit that points `duplicate_of` at the claim itself (or at nothing): `briefbot check` names the
    file and line; accepting it makes a claim of its own instead of waiting forever for itself."""
    ingest = Ingest(ingest_core.paths.data_dir, ingest_core.store)
    [first] = quotes(await ingest.run([article(tmp_path, "a.md", FIRST)], Overrides(), dry_run=False))
    written = (await ingest.run([article(tmp_path, "b.md", SECOND)], Overrides(), dry_run=False)).files[0].written
    lines = written.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip() == f"duplicate_of: {first.claim.id}")
    claim_start = max(i for i in range(at) if lines[i].lstrip().startswith("- id:"))
    defend_id = lines[claim_start].split(":", 1)[1].strip()
    lines[at] = lines[at].replace(first.claim.id, defend_id)
    written.write_text("\n".join(lines) + "\n", encoding="utf-8")

    problems = load_corpus(ingest_core.paths.data_dir, ingest_core.paths.briefings_dir, None).problems
    assert [(p.field, p.line, p.message) for p in problems] == [("duplicate_of", at + 1, "a claim cannot repeat itself")]
    assert problems[0].file.endswith(written.name)

    _, outcome = await Commands(ingest_core).review_accept([defend_id])
    assert outcome["accepted"] == 1 and not outcome["waiting"]
