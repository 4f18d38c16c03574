"""/digest through the Discord stand-in: settings, previews, exactly-once posting, failures, restarts and DST.

The scheduled tests run the real APScheduler against a clock moved by time-machine (ticking: the scheduler
still sleeps in real seconds, so each test travels to a moment just before the digest is due).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from bot.adapters.discord_bot.digest_delivery import digest_nonce
from bot.core.digest.models import DigestSettings
from tests.adapters.conftest import bot_settings, running_briefbot
from tests.adapters.helpers import answered, ask, assert_never_pings, text_of
from tests.discord_standin import DiscordStandin, payloads
from tests.discord_standin.payloads import opt
from tests.discord_standin.world import DEFAULT_WORLD, EVERYONE_PERMS

GUILD = int(DEFAULT_WORLD.guild_id)
CHANNEL = DEFAULT_WORLD.briefings_channel_id
REFUSAL = "Sorry, this command is for server managers (Manage Server permission)."
UTC = dt.UTC
ON_THIS_DATE = dt.datetime(2026, 1, 20, 10, 0, tzinfo=UTC)  # claims were said on 20 January 2025


def options(time: str = "08:30", timezone: str = "Europe/London", **more: str) -> list[dict]:
    return [opt("channel", CHANNEL, 7), opt("time", time), opt("timezone", timezone),
            *(opt(k, v) for k, v in more.items())]


async def digest(standin: DiscordStandin, subcommand: str, opts: list[dict] | None = None, user=payloads.ADMIN):
    record, response = await ask(standin, "digest", opts, subcommand=subcommand, user=user)
    return record, response, await answered(record)


def fixed_clock(bot, when: dt.datetime) -> None:
    bot.command_table.clock = lambda: when
    bot.digests.clock = lambda: when


def posted_embeds(standin: DiscordStandin) -> list[dict]:
    return [e for m in standin.channel_messages for e in m.message["embeds"]]


async def test_set_confirms_the_next_post_and_schedules_it(briefbot):
    standin, bot = briefbot
    _, response, message = await digest(standin, "set", options("08:30", "europe/london", quiet_days="skip"))
    assert response.ephemeral
    text = text_of(message)
    assert "<t:" in text and ":F>" in text and "Europe/London" in text and "08:30 on " in text
    stored = await bot.core.store.digest_settings(GUILD)
    assert (stored.channel_id, stored.time, stored.timezone, stored.quiet_days) == (int(CHANNEL), "08:30", "Europe/London", "skip")
    await standin_settle(bot)
    job_time = bot.digest_scheduler.next_run_time(GUILD)
    assert job_time.astimezone(ZoneInfo("Europe/London")).strftime("%H:%M") == "08:30"
    assert f"<t:{int(job_time.timestamp())}:F>" in text
    assert_never_pings(standin)
    standin.assert_clean()


async def standin_settle(bot) -> None:
    """Let the reschedule task the command started run."""
    import asyncio

    for _ in range(50):
        if bot.digest_scheduler.next_run_time(GUILD) is not None:
            return
        await asyncio.sleep(0.01)


async def ledger_settles(bot, day: str):
    """The ledger row once the delivery in flight has recorded its outcome: Discord has the message a moment
    before the bot has read the response and written the message id."""
    import asyncio

    loop = asyncio.get_running_loop()
    deadline = loop.time() + 5
    while True:
        run = await bot.core.store.digest_run(GUILD, day)
        if (run is not None and run.status != "pending") or loop.time() > deadline:
            return run
        await asyncio.sleep(0.01)


@pytest.mark.parametrize(("time", "zone", "said"), [
    ("24:00", "UTC", "is not a time"), ("8am", "UTC", "is not a time"),
    ("08:00", "Mars/Olympus", "not a time zone"), ("08:00", "Europe/Londn", "Europe/London"),
])
async def test_bad_values_get_a_clear_private_error(briefbot, time, zone, said):
    standin, bot = briefbot
    _, response, message = await digest(standin, "set", options(time, zone))
    assert response.ephemeral and said in text_of(message)
    assert await bot.core.store.digest_settings(GUILD) is None
    standin.assert_clean()


async def test_unknown_topics_are_refused(briefbot):
    standin, bot = briefbot
    _, _, message = await digest(standin, "set", options(topics="tariffs, bogus words"))
    assert "No topic matches “bogus words”" in text_of(message)
    assert await bot.core.store.digest_settings(GUILD) is None


@pytest.mark.parametrize("subcommand", ["set", "status", "preview", "now", "off"])
async def test_a_plain_member_is_refused_politely(briefbot, subcommand):
    standin, _ = briefbot
    opts = options() if subcommand == "set" else None
    record, response = await ask(standin, "digest", opts, subcommand=subcommand, user=payloads.MEMBER,
                                 member_permissions=EVERYONE_PERMS)
    assert response.type == 4 and response.ephemeral and response.content == REFUSAL
    assert not standin.channel_messages
    standin.assert_clean()


async def test_timezone_autocomplete_is_fuzzy(briefbot):
    from tests.adapters.helpers import complete

    standin, _ = briefbot
    choices = await complete(standin, "digest", options("08:30", "new york"), focused="timezone", subcommand="set",
                             user=payloads.ADMIN)
    assert choices[0]["value"] == "America/New_York"


async def test_preview_is_what_now_posts_and_now_posts_once(briefbot):
    standin, bot = briefbot
    fixed_clock(bot, ON_THIS_DATE)
    await digest(standin, "set", options("08:30", "UTC"))
    preview = await bot.command_table.digest_preview(GUILD)
    _, response, _ = await digest(standin, "preview")
    assert response.ephemeral
    _, _, reply = await digest(standin, "now")
    assert "posted" in text_of(reply)
    posted = posted_embeds(standin)
    shown = [{"title": c.title, "description": c.description} for c in preview.reply.fitted().pages]
    assert [{"title": e["title"], "description": e.get("description")} for e in posted] == shown
    assert "On this date" in text_of({"embeds": posted})
    assert all(e["footer"]["text"] == "briefbot digest · 2026-01-20" for e in posted)
    assert response.embeds[0]["title"] == posted[0]["title"]

    _, _, again = await digest(standin, "now")  # same local date: the ledger says it went
    assert "already posted" in text_of(again)
    assert len(standin.channel_messages) == 1
    run = await bot.core.store.digest_run(GUILD, "2026-01-20")
    assert run.status == "posted" and run.message_ids == (int(standin.channel_messages[0].message["id"]),)
    body = standin.channel_messages[0].body
    assert body["nonce"] == digest_nonce(GUILD, "2026-01-20") and len(body["nonce"]) <= 25 and body["enforce_nonce"]
    assert_never_pings(standin)
    standin.assert_clean()


async def test_on_this_date_is_never_sent_twice(briefbot):
    standin, bot = briefbot
    fixed_clock(bot, ON_THIS_DATE)
    await digest(standin, "set", options("08:30", "UTC"))
    first = await bot.command_table.compose_digest(GUILD)
    await bot.digests.deliver(GUILD, manual=True)
    fixed_clock(bot, ON_THIS_DATE + dt.timedelta(days=365))  # the same day a year on
    later = await bot.command_table.compose_digest(GUILD)
    assert first.on_this_date and not {v.claim.id for v in first.on_this_date} & {v.claim.id for v in later.on_this_date}


async def crash_after_posting(bot) -> None:
    """Post the digest but die before its message id is recorded (the row stays pending)."""
    store = bot.core.store

    async def crash(*args, **kwargs):
        raise RuntimeError("the process died here")

    store.record_digest_message = crash
    try:
        with pytest.raises(RuntimeError):
            await bot.digests.deliver(GUILD, manual=True)
    finally:
        del store.record_digest_message


async def test_a_crash_between_post_and_record_is_resent_with_the_same_nonce(briefbot):
    standin, bot = briefbot
    fixed_clock(bot, ON_THIS_DATE)
    await digest(standin, "set", options("08:30", "UTC"))
    await crash_after_posting(bot)
    assert (await bot.core.store.digest_run(GUILD, "2026-01-20")).status == "pending"
    first = standin.channel_messages[0].message

    await bot.digests.recover()  # what start-up does
    posts = [r for r in standin.requests if r.method == "POST" and r.path.endswith(f"/channels/{CHANNEL}/messages")]
    assert len(posts) == 2 and posts[0].body["nonce"] == posts[1].body["nonce"]  # resent, same nonce...
    assert len(standin.channel_messages) == 1  # ...and Discord gave the first message back
    run = await bot.core.store.digest_run(GUILD, "2026-01-20")
    assert run.status == "posted" and run.message_ids == (int(first["id"]),)
    standin.assert_clean()


async def test_an_old_pending_digest_is_found_in_the_channel_not_posted_again(briefbot):
    standin, bot = briefbot
    fixed_clock(bot, ON_THIS_DATE)
    await digest(standin, "set", options("08:30", "UTC"))
    await crash_after_posting(bot)
    standin.nonce_ttl = 0  # Discord has forgotten the nonce by now
    with time_machine.travel(dt.datetime.now(UTC) + dt.timedelta(minutes=30)):
        await bot.digests.recover()
    assert len(standin.channel_messages) == 1
    assert any(r.method == "GET" and r.path.endswith(f"/channels/{CHANNEL}/messages") for r in standin.requests)
    run = await bot.core.store.digest_run(GUILD, "2026-01-20")
    assert run.status == "posted" and run.message_ids == (int(standin.channel_messages[0].message["id"]),)
    standin.assert_clean()


@pytest.mark.parametrize(("status", "reason"), [(403, "lost permission"), (404, "was deleted")])
async def test_403_and_404_pause_the_server_and_status_says_why(briefbot, status, reason):
    standin, bot = briefbot
    fixed_clock(bot, ON_THIS_DATE)
    await digest(standin, "set", options("08:30", "UTC"))
    standin.channel_faults[CHANNEL] = status
    _, _, reply = await digest(standin, "now")
    assert "paused" in text_of(reply)
    _, _, shown = await digest(standin, "status")
    assert "Paused" in text_of(shown) and reason in text_of(shown)
    assert bot.digest_scheduler.next_run_time(GUILD) is None or not (await bot.core.store.digest_settings(GUILD)).active
    assert (await bot.core.store.digest_run(GUILD, "2026-01-20")).status == "failed"
    standin.channel_faults.clear()
    await digest(standin, "set", options("08:30", "UTC"))  # the admin fixed it: setting again resumes
    assert (await bot.core.store.digest_settings(GUILD)).active
    standin.assert_clean()


async def test_5xx_is_retried_then_recorded_as_failed(briefbot):
    standin, bot = briefbot
    fixed_clock(bot, ON_THIS_DATE)
    bot.digests.backoff = 0.01
    await digest(standin, "set", options("08:30", "UTC"))
    standin.channel_faults[CHANNEL] = [503, 503, 503]
    _, _, reply = await digest(standin, "now")
    assert "recorded as failed" in text_of(reply)
    run = await bot.core.store.digest_run(GUILD, "2026-01-20")
    assert run.status == "failed" and "503" in run.error
    standin.channel_faults[CHANNEL] = [503]  # one more blip: retried, then it goes through
    _, _, reply = await digest(standin, "now")
    assert "posted" in text_of(reply) and len(standin.channel_messages) == 1
    standin.assert_clean()


async def test_settings_survive_a_restart_and_a_content_recompile(standin, compiled_database, tmp_path):
    from tests.conftest import copy_database

    settings = bot_settings(copy_database(compiled_database, tmp_path), standin)
    async with running_briefbot(standin, settings) as bot:
        await digest(standin, "set", options("07:45", "America/Mexico_City", topics="tariffs"))
        await bot.core.reload(force=True)
        kept = await bot.core.store.digest_settings(GUILD)
    async with running_briefbot(standin, settings) as bot:
        assert await bot.core.store.digest_settings(GUILD) == kept
        assert kept.topics == ("tariffs",) and kept.timezone == "America/Mexico_City"
        assert bot.digest_scheduler.next_run_time(GUILD) is not None


@pytest.mark.parametrize(("zone", "hh_mm", "due_utc", "day"), [
    ("America/New_York", "02:30", dt.datetime(2026, 3, 8, 7, 0, tzinfo=UTC), "2026-03-08"),  # spring forward: 03:00 EDT
    ("America/New_York", "01:30", dt.datetime(2026, 11, 1, 5, 30, tzinfo=UTC), "2026-11-01"),  # fall back: the first 01:30
    ("Europe/London", "01:30", dt.datetime(2026, 3, 29, 1, 0, tzinfo=UTC), "2026-03-29"),  # spring forward: 02:00 BST
    ("Europe/London", "08:30", dt.datetime(2026, 6, 1, 7, 30, tzinfo=UTC), "2026-06-01"),  # summer time
])
async def test_the_scheduler_posts_at_the_right_local_time_across_dst(briefbot, zone, hh_mm, due_utc, day):
    standin, bot = briefbot
    with time_machine.travel(due_utc - dt.timedelta(seconds=1.5), tick=True):
        await digest(standin, "set", options(hh_mm, zone))
        await standin_settle(bot)
        assert bot.digest_scheduler.next_run_time(GUILD) == due_utc
        (posted,) = await standin.wait_channel_messages(1, timeout=8)
        arrived = dt.datetime.now(UTC)
        assert due_utc <= arrived < due_utc + dt.timedelta(seconds=5)
        assert posted.message["embeds"][0]["footer"]["text"] == f"briefbot digest · {day}"
        # The next firing is the next local date: never the repeated hour, never a second one that day.
        following = bot.digest_scheduler.next_run_time(GUILD)
        assert following.astimezone(ZoneInfo(zone)).date() > dt.date.fromisoformat(day)
        assert (await bot.digests.scheduled(GUILD)).status == "already"  # the ledger, had it fired again
    assert len(standin.channel_messages) == 1
    standin.assert_clean()


async def test_a_digest_missed_while_down_is_posted_once_on_start_within_grace(standin, compiled_database, tmp_path):
    from tests.conftest import copy_database

    settings = bot_settings(copy_database(compiled_database, tmp_path), standin)
    with time_machine.travel(dt.datetime(2026, 5, 4, 6, 0, tzinfo=UTC), tick=True):
        async with running_briefbot(standin, settings) as bot:
            await bot.core.store.save_digest_settings(DigestSettings(GUILD, int(CHANNEL), "08:00", "UTC"))
    with time_machine.travel(dt.datetime(2026, 5, 4, 10, 0, tzinfo=UTC), tick=True):  # 2 h late: within 6 h
        async with running_briefbot(standin, settings) as bot:
            await standin.wait_channel_messages(1, timeout=8)
            assert (await ledger_settles(bot, "2026-05-04")).status == "posted"
        async with running_briefbot(standin, settings) as bot:  # another restart the same day: nothing more
            await bot.digests.recover()
    with time_machine.travel(dt.datetime(2026, 5, 5, 15, 0, tzinfo=UTC), tick=True):  # 7 h late: missed
        async with running_briefbot(standin, settings) as bot:
            await bot.digests.recover()
            run = await bot.core.store.digest_run(GUILD, "2026-05-05")
            assert run.status == "missed" and "down" in run.error
            _, _, shown = await digest(standin, "status")
            assert "missed" in text_of(shown)
    assert len(standin.channel_messages) == 1
    standin.assert_clean()


async def test_a_long_digest_is_posted_in_several_messages_in_order_each_once(briefbot, tmp_path):
    """A busy day: more than one message's worth of new claims. Each part stays within Discord's limits,
    carries its own stable nonce, and `/digest now` again posts nothing more."""
    import json

    from bot.render.limits import EMBEDS_PER_MESSAGE

    standin, bot = briefbot
    fixed_clock(bot, dt.datetime.now(UTC) + dt.timedelta(hours=1))
    lines = [json.dumps({
        "id": f"busy-day-{i}", "speaker": "claudia-sheinbaum", "kind": "paraphrase", "said_on": "2025-01",
        "said_on_basis": "publication", "article": "busy-day-article", "span": [0, 10], "topics": ["tariffs"],
        "text": f"Statement {i}: Sheinbaum set out, at length and in detail, point number {i} of the government's "
                "response to the tariff threat, covering trade, migration, security and the talks to come." * 2,
    }) for i in range(40)]
    source = tmp_path / "busy.jsonl"
    source.write_text("\n".join(lines) + "\n")
    await bot.core.import_claims(source)
    await digest(standin, "set", options("08:30", "UTC"))
    preview = await bot.command_table.digest_preview(GUILD)
    _, _, reply = await digest(standin, "now")
    assert "posted" in text_of(reply)
    messages = [m.body for m in standin.channel_messages]
    assert len(messages) >= 2
    assert all(len(body["embeds"]) <= EMBEDS_PER_MESSAGE for body in messages)  # assert_clean checks the rest
    nonces = [body["nonce"] for body in messages]
    assert len(set(nonces)) == len(nonces) and all(len(n) <= 25 for n in nonces)
    posted = [(e["title"], e.get("description")) for body in messages for e in body["embeds"]]
    assert posted == [(c.title, c.description) for c in preview.reply.fitted().pages]  # every part, in order
    count = len(standin.channel_messages)
    _, _, again = await digest(standin, "now")
    assert "already posted" in text_of(again) and len(standin.channel_messages) == count
    assert_never_pings(standin)
    standin.assert_clean()
