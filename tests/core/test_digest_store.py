"""The digest's store: settings, the delivery ledger, and item history that survives content recompiles."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest_asyncio

from bot.core.digest.compose import compose_digest
from bot.core.digest.models import BASELINE, DigestRun, DigestSettings, stamp
from bot.core.service import ContentPaths, Core
from bot.core.store import Store
from tests.conftest import copy_database

CLAIMS = "claims/trump-first-week-mexico.yaml"
EDITED = "trump-declares-border-national-emergency"
OLD_TEXT = "Trump declared a national emergency at the US southern border."
NEW_CLAIM = """  - id: digest-test-new-claim
    speaker: donald-trump
    speaker_role: President of the United States
    kind: action
    text: A claim added for the digest test.
    said_on: "2025-01-20"
    precision: day
    basis: public_record
    date_source: "The digest test, 20 Jan 2025"
    topics: [tariffs]
    appearances:
      - article: trump-first-week-mexico
        span: [0, 148]
"""


@pytest_asyncio.fixture
async def editable(tmp_path: Path, content_copy: ContentPaths, compiled_database: Path):
    """A core over a private copy of the content (edit it, then reload) and of the compiled database."""
    folder = tmp_path / "db"
    folder.mkdir()
    async with Store(copy_database(compiled_database, folder)) as store:
        core = Core(store, content_copy)
        await core.reload()
        yield core


async def history(store: Store, claim_id: str) -> tuple[str, str, str]:
    async with store.db.execute("SELECT fingerprint, first_seen, changed_at FROM claim_history WHERE claim_id = ?",
                                (claim_id,)) as cursor:
        return tuple(await cursor.fetchone())


def edit(paths: ContentPaths, old: str, new: str, file: str = CLAIMS) -> None:
    path = paths.data_dir / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


async def test_the_first_compile_dates_everything_at_the_baseline(core):
    fingerprint, first_seen, changed_at = await history(core.store, EDITED)
    assert fingerprint and first_seen == changed_at == BASELINE


async def test_history_survives_recompiles_and_marks_only_what_changed(editable: Core):
    store = editable.store
    before = await history(store, EDITED)
    untouched = await history(store, "trump-orders-troops-seal-border")
    assert (await editable.reload(force=True)).compiled  # delete-and-insert of every content claim
    assert await history(store, EDITED) == before and await history(store, "trump-orders-troops-seal-border") == untouched

    started = stamp(dt.datetime.now(dt.UTC))
    edit(editable.paths, OLD_TEXT, "Trump declared a national emergency at the southern border of the US.")
    edit(editable.paths, "claims:\n", "claims:\n" + NEW_CLAIM)
    report = await editable.reload()
    assert report.compiled and not report.problems
    fingerprint, first_seen, changed_at = await history(store, EDITED)
    assert fingerprint != before[0] and first_seen == BASELINE and changed_at >= started
    _, new_first, new_changed = await history(store, "digest-test-new-claim")
    assert new_first == new_changed >= started
    assert await history(store, "trump-orders-troops-seal-border") == untouched


async def test_a_changed_briefing_says_what_it_gained(editable: Core):
    started = stamp(dt.datetime.now(dt.UTC))
    path = editable.paths.briefings_dir / "tariffs.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("## Key points\n", "## Key points\n- A point added for the digest test. [trump-25-percent-tariff-threat]\n", 1),
                    encoding="utf-8")
    assert (await editable.reload()).compiled
    changes = {r["slug"]: r for r in await editable.store.digest_briefing_changes(started)}
    assert list(changes) == ["tariffs"]
    assert "A point added for the digest test." in changes["tariffs"]["added"]


async def test_settings_and_ledger_survive_a_recompile_and_a_reopen(editable: Core, tmp_path: Path):
    store = editable.store
    saved = await store.save_digest_settings(
        DigestSettings(42, 7, "08:30", "Europe/London", topics=("tariffs",), quiet_days="skip"))
    assert saved.active and saved.topics == ("tariffs",) and saved.quiet_days == "skip"
    await store.claim_digest_run(DigestRun(42, "2025-03-09", "pending", nonce="dabc", channel_id=7))
    await editable.reload(force=True)
    assert await store.digest_settings(42) == saved
    assert (await store.digest_run(42, "2025-03-09")).nonce == "dabc"
    path = store.path
    await store.close()
    async with Store(path) as again:
        assert await again.digest_settings(42) == saved
        assert (await again.digest_run(42, "2025-03-09")).status == "pending"


async def test_one_ledger_row_per_server_and_local_date(core):
    store = core.store
    run = DigestRun(1, "2025-11-02", "pending", nonce="d1", channel_id=5, items=(("claim", "c1", "f1"),))
    first, created = await store.claim_digest_run(run)
    again, created_again = await store.claim_digest_run(DigestRun(1, "2025-11-02", "pending", nonce="other"))
    assert created and not created_again and again.nonce == "d1" == first.nonce
    await store.record_digest_message(1, "2025-11-02", 1, 222)
    await store.record_digest_message(1, "2025-11-02", 0, 111)
    await store.finish_digest_run(1, "2025-11-02", "posted")
    done = await store.digest_run(1, "2025-11-02")
    assert done.status == "posted" and done.message_ids == (111, 222) and done.posted_at
    assert await store.digest_sent(1, "claim", ["c1", "c2"]) == {"c1": "f1"}
    assert await store.digest_sent(2, "claim", ["c1"]) == {}
    assert (await store.last_posted_digest(1)).run_date == "2025-11-02"
    assert await store.open_digest_runs() == []


async def test_pause_and_disable(core):
    store = core.store
    await store.save_digest_settings(DigestSettings(9, 3, "07:00", "UTC"))
    await store.pause_digest(9, "forbidden")
    paused = await store.digest_settings(9)
    assert paused.paused_reason == "forbidden" and not paused.active
    resumed = await store.save_digest_settings(DigestSettings(9, 3, "07:00", "UTC"))
    assert resumed.paused_reason is None and resumed.active
    assert await store.disable_digest(9) and not (await store.digest_settings(9)).active
    assert not await store.disable_digest(10)


async def test_a_posted_digest_is_never_composed_again(editable: Core):
    store = editable.store
    start = dt.datetime.now(dt.UTC)
    edit(editable.paths, "claims:\n", "claims:\n" + NEW_CLAIM)
    await editable.reload()
    settings = await store.save_digest_settings(DigestSettings(5, 1, "08:00", "UTC"))
    now = dt.datetime.now(dt.UTC)
    digest = await compose_digest(store, settings, now, since=start)
    assert [c.view.claim.id for g in digest.groups for c in g.items] == ["digest-test-new-claim"]
    await store.claim_digest_run(DigestRun(5, digest.local_date, "pending", until=stamp(now),
                                           items=tuple(digest.item_keys())))
    await store.finish_digest_run(5, digest.local_date, "posted")
    assert not (await compose_digest(store, settings, now, since=start)).groups  # sent: even an explicit window
    assert not (await compose_digest(store, settings, now + dt.timedelta(hours=1))).groups  # the window moved on


async def test_the_console_sets_shows_and_previews_a_digest(core):
    from bot.adapters.commands import Commands
    from bot.adapters.line_syntax import run_line

    commands = Commands(core)
    changed: list[int] = []
    commands.digest_listeners.append(changed.append)
    refused = await run_line(commands, "/digest set 77 123 24:00 UTC")
    assert "is not a time" in refused.reply.pages[0].description and changed == []
    done = await run_line(commands, '/digest set 77 <#123> 8:30 america/new_york topics:"tarifs, trade" quiet:skip')
    assert done.data["time"] == "08:30" and done.data["topics"] == ["tariffs", "trade"] and changed == [77]
    status = await run_line(commands, "/digest status 77")
    assert status.data["settings"]["timezone"] == "America/New_York" and status.data["next_run"]
    preview = await run_line(commands, "/digest preview 77 since:2025-01")
    assert preview.reply.ephemeral and preview.data["topics"] == ["tariffs", "trade"]
    off = await run_line(commands, "/digest off 77")
    assert off.data["was_set"] and not (await core.store.digest_settings(77)).active
    assert "Use /digest" in (await run_line(commands, "/digest")).reply.pages[0].description
