"""A speaker the registry lacks, proposed by ingest, is written to data/people/ingested.yaml when a claim of
theirs is accepted, and /who answers for them at once (no restart), and still after a recompile. Invented text."""

from __future__ import annotations

from bot.adapters.commands import Commands
from bot.core.content import load_corpus
from bot.core.ingest import Ingest, Overrides
from bot.core.search.results import WhoAnswer

ARTICLE = """---
title: Tijuana shelters run out of beds
published: 2025-02-12
outlet: Border Notes
---
Tijuana Mayor Rosalinda Quinteros Vela said on Monday that the city's shelters were full.
"""



async def test_an_accepted_claim_by_a_new_speaker_makes_them_answerable(ingest_core, tmp_path):
    data_dir = ingest_core.paths.data_dir
    path = tmp_path / "shelters.md"
    path.write_text(ARTICLE, encoding="utf-8")
    summary = await Ingest(data_dir, ingest_core.store).run([path], Overrides(), dry_run=False)
    [speaker] = summary.new_speakers
    [claim] = [p.claim for p in summary.files[0].prepared.proposals if p.claim.speaker == speaker.id]
    commands = Commands(ingest_core)
    _, before = await commands.who("Rosalinda Quinteros Vela")
    assert not isinstance(before, WhoAnswer)

    _, outcome = await commands.review_accept([claim.id])
    assert outcome["new_speakers"] == [speaker.id]
    registry = (data_dir / "people" / "ingested.yaml").read_text(encoding="utf-8")
    assert f"id: {speaker.id}" in registry and "Tijuana Mayor" in registry
    assert load_corpus(data_dir, ingest_core.paths.briefings_dir, None).problems == []  # `briefbot check`

    for _ in range(2):
        _, who = await commands.who("Rosalinda Quinteros Vela")
        assert isinstance(who, WhoAnswer) and who.person.id == speaker.id
        assert [v.claim.id for v in who.claims] == [claim.id]
        assert [r.title for r in who.person.roles] == ["Tijuana Mayor"]
        await ingest_core.reload(force=True)  # the registry file is content now: compiled, roles not doubled

    _, by_surname = await commands.who("Quinteros Vela")
    assert isinstance(by_surname, WhoAnswer) and by_surname.person.id == speaker.id


async def test_a_second_article_by_the_same_new_speaker_adds_no_second_entry(ingest_core, tmp_path):
    data_dir = ingest_core.paths.data_dir
    ingest = Ingest(data_dir, ingest_core.store)
    commands = Commands(ingest_core)
    for number, day in ((1, "Monday"), (2, "Tuesday")):
        path = tmp_path / f"shelters-{number}.md"
        path.write_text(ARTICLE.replace("on Monday", f"on {day}").replace("run out", f"run out ({number})"),
                        encoding="utf-8")
        summary = await ingest.run([path], Overrides(), dry_run=False)
        ids = [p.claim.id for p in summary.files[0].prepared.proposals]
        await commands.review_accept(ids)
    registry = (data_dir / "people" / "ingested.yaml").read_text(encoding="utf-8")
    assert registry.count("name: Rosalinda Quinteros Vela") == 1
    assert load_corpus(data_dir, ingest_core.paths.briefings_dir, None).problems == []
