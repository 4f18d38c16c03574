"""Issue 11, item 10: a content file whose new version does not load is served from its last good text (kept
in the store), and the problem says so; an empty content file is a problem, and the rest loads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.adapters.commands import Commands
from bot.core.content import load_corpus
from bot.core.content.loader import LastGood, load_content
from bot.core.service import ContentPaths, Core
from bot.core.store import Store
from tests.conftest import copy_database

CLAIMS_FILE = "data/claims/us-pressure-migration-2023.yaml"
A_CLAIM = "blinken-mexico-city-visit-dec-2023"  # one of that file's claims
BRIEFING_FILE = "briefings/tariffs.md"


def file_of(content: ContentPaths, label: str) -> Path:
    return content.data_dir.parent / label


def claim_ids(text: str) -> set[str]:
    return set(re.findall(r"^  - id: (\S+)$", text, re.M))


@pytest.fixture
async def store(tmp_path, compiled_database):
    """The real content compiled (by Core.reload, so its last good texts are kept), a private copy."""
    async with Store(copy_database(compiled_database, tmp_path)) as opened:
        yield opened


async def served(store: Store, ids) -> set[str]:
    return {view.claim.id for view in await store.claims_by_id(list(ids))}


def problems_of(report, label: str) -> list[str]:
    return [str(p) for p in report.problems if p.file == label]


async def test_a_yaml_typo_keeps_serving_the_last_good_version_and_says_so(store, content_copy):
    path = file_of(content_copy, CLAIMS_FILE)
    good = path.read_text(encoding="utf-8")
    ids = claim_ids(good)
    assert A_CLAIM in ids and await served(store, ids) == ids
    kept = await store.last_good_files()
    assert kept[CLAIMS_FILE].text == good

    broken = good.replace("  - id: " + A_CLAIM, "  - id: " + A_CLAIM + "\n  speaker: [unclosed", 1)
    path.write_text(broken, encoding="utf-8")
    report = await Core(store, content_copy).reload()

    assert report.compiled
    assert await served(store, ids) == ids  # none of that file's claims went offline
    (problem,) = [p for p in report.problems if p.file == CLAIMS_FILE]
    assert problem.line is not None and problem.line > broken.splitlines().index("  speaker: [unclosed")
    assert "new version broken" in problem.message and "invalid YAML" in problem.message
    assert f"sha256 {kept[CLAIMS_FILE].hash[:8]}" in problem.message
    assert f"good since {kept[CLAIMS_FILE].good_at}" in problem.message
    # The kept copy is still the good text, not the broken one, and since the same time.
    assert (await store.last_good_files())[CLAIMS_FILE] == kept[CLAIMS_FILE]

    # /admin reload says it, within the card's clipped lines.
    path.write_text(broken + "\n# touched\n", encoding="utf-8")
    result = await Commands(Core(store, content_copy)).admin_reload()
    card = result.reply.pages[0].description
    assert CLAIMS_FILE in card and "new version broken; serving the last good version" in card
    assert any("new version broken" in line for line in result.data["problems"])

    # Fixed: the new version is served, and becomes the last good one.
    fixed = good.replace(A_CLAIM, "blinken-visit-renamed")
    path.write_text(fixed, encoding="utf-8")
    report = await Core(store, content_copy).reload()
    assert not problems_of(report, CLAIMS_FILE)
    assert "blinken-visit-renamed" in await served(store, ["blinken-visit-renamed"])
    assert not await served(store, [A_CLAIM])
    assert (await store.last_good_files())[CLAIMS_FILE].text == fixed


async def test_a_broken_briefing_front_matter_is_served_from_its_last_good_version(store, content_copy):
    path = file_of(content_copy, BRIEFING_FILE)
    path.write_text(path.read_text(encoding="utf-8").replace("title:", "title: [unclosed", 1), encoding="utf-8")
    report = await Core(store, content_copy).reload()
    (problem,) = problems_of(report, BRIEFING_FILE)
    assert "new version broken" in problem and "invalid YAML" in problem
    assert "tariffs" in {b.slug for b in await store.briefings()}


async def test_a_file_that_parses_with_a_bad_record_keeps_todays_behaviour(store, content_copy):
    path = file_of(content_copy, CLAIMS_FILE)
    good = path.read_text(encoding="utf-8")
    ids = claim_ids(good)
    bad = good.replace('said_on: "2023-12-27"', 'said_on: "2023-13-27"', 1)  # the file's first claim
    path.write_text(bad, encoding="utf-8")
    report = await Core(store, content_copy).reload()
    problems = problems_of(report, CLAIMS_FILE)
    assert problems and not any("new version broken" in p for p in problems)
    assert any("said_on" in p for p in problems)
    assert await served(store, ids) == ids - {"mexico-hosts-us-delegation-dec-2023"}
    assert (await store.last_good_files())[CLAIMS_FILE].text == bad  # it loaded as a whole


async def test_a_broken_file_without_a_kept_version_is_offline_and_the_problem_says_so(store, content_copy):
    path = file_of(content_copy, "data/claims/new-article.yaml")
    path.write_text("claims:\n  - id: x\n    text: [unclosed\n", encoding="utf-8")
    report = await Core(store, content_copy).reload()
    (problem,) = problems_of(report, "data/claims/new-article.yaml")
    assert "invalid YAML" in problem and "no last good version is kept" in problem


async def test_the_kept_texts_follow_the_files(store, content_copy):
    before = await store.last_good_files()
    assert {CLAIMS_FILE, BRIEFING_FILE, "data/articles.yaml"} <= set(before)
    file_of(content_copy, BRIEFING_FILE).unlink()
    other = file_of(content_copy, "briefings/trade.md")
    other.write_text(other.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    await Core(store, content_copy).reload()
    after = await store.last_good_files()
    assert BRIEFING_FILE not in after  # its file is gone
    assert after[CLAIMS_FILE] == before[CLAIMS_FILE]  # unchanged text: same version, same good_at
    assert after["briefings/trade.md"].text.endswith("\n\n")


@pytest.mark.parametrize(("yaml_text", "md_text"), [("", ""), ("  \n\n", "\n  \n"),
                                                   ("# nothing here yet\n# still nothing\n", " "), ("---\n", "\t\n")])
async def test_an_empty_content_file_is_a_problem_and_the_rest_loads(store, content_copy, yaml_text, md_text):
    file_of(content_copy, "data/claims/empty.yaml").write_text(yaml_text, encoding="utf-8")
    file_of(content_copy, "briefings/empty.md").write_text(md_text, encoding="utf-8")
    report = await Core(store, content_copy).reload()
    assert problems_of(report, "data/claims/empty.yaml") == ["data/claims/empty.yaml: the file is empty"]
    assert problems_of(report, "briefings/empty.md") == ["briefings/empty.md: the file is empty"]
    ids = {c for f in content_copy.data_dir.glob("claims/*.yaml") for c in claim_ids(f.read_text(encoding="utf-8"))}
    assert A_CLAIM in ids and await served(store, ids) == ids
    assert report.counts["briefings"] == len(list(content_copy.briefings_dir.glob("*.md"))) - 1


def test_check_says_an_empty_file_and_a_broken_one(content_copy):
    file_of(content_copy, "data/people/empty.yaml").write_text("# to do\n", encoding="utf-8")
    path = file_of(content_copy, CLAIMS_FILE)
    path.write_text(path.read_text(encoding="utf-8") + "  - id: [unclosed\n", encoding="utf-8")
    corpus = load_corpus(content_copy.data_dir, content_copy.briefings_dir)  # what `briefbot check` runs
    messages = {str(p) for p in corpus.problems}
    assert "data/people/empty.yaml: the file is empty" in messages
    assert any(m.startswith(CLAIMS_FILE) and "invalid YAML" in m for m in messages)


def test_the_loader_stays_pure_it_takes_the_last_good_texts_as_plain_text(content_copy):
    path = file_of(content_copy, CLAIMS_FILE)
    good = path.read_text(encoding="utf-8")
    path.write_text("claims: [unclosed\n", encoding="utf-8")
    loaded = load_content(content_copy.data_dir, content_copy.briefings_dir, None, {CLAIMS_FILE: good})
    assert claim_ids(good) <= set(loaded.corpus.claims)
    assert loaded.served_old == {CLAIMS_FILE: LastGood(good)}
    assert CLAIMS_FILE not in loaded.good and "data/articles.yaml" in loaded.good
