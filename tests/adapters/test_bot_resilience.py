"""Cooldowns, slow or failing answers, view time-outs and stale clicks: every interaction still gets a
friendly response in time, and nothing Discord would reject is sent."""

from __future__ import annotations

import asyncio

from bot.adapters.discord_bot import autocomplete
from bot.adapters.lookup_process import Lookup
from tests.adapters.helpers import answered, ask, assert_never_pings, button, buttons, complete, text_of
from tests.discord_standin import payloads

ERROR = "Something went wrong on my side. It has been logged; please try again."


async def test_cooldown_says_when_to_try_again(briefbot_factory):
    standin, _ = await briefbot_factory(cooldown_seconds=3)
    for _ in range(3):
        _, response = await ask(standin, "brief", {"topic": "tariffs"})
        assert response.type == 4 and not response.ephemeral
    _, refused = await ask(standin, "brief", {"topic": "tariffs"})
    assert refused.ephemeral and refused.content.startswith("Slow down a little: try again in ")
    seconds = int(refused.content.removeprefix("Slow down a little: try again in ").removesuffix(" s."))
    assert 1 <= seconds <= 9
    _, other_user = await ask(standin, "brief", {"topic": "tariffs"}, user=payloads.ADMIN)
    _, other_command = await ask(standin, "who", {"person": "Sheinbaum"})
    assert not other_user.ephemeral and not other_command.ephemeral  # per user, per command
    standin.assert_clean()


async def test_pages_time_out_with_their_buttons_disabled(briefbot_factory):
    standin, bot = await briefbot_factory(pager_timeout_seconds=0.3)
    record, _ = await ask(standin, "brief", {"topic": "tariffs"})
    message = await record.wait_edits(1, timeout=3)
    assert buttons(message) and all(b["disabled"] for b in buttons(message))
    assert message["embeds"] == record.response.embeds  # the answer stays; only the buttons go grey
    assert not bot.live_pagers
    assert_never_pings(standin)
    standin.assert_clean()


async def test_a_click_on_a_pager_the_bot_no_longer_holds_is_answered(briefbot):
    standin, bot = briefbot
    record, _ = await ask(standin, "brief", {"topic": "tariffs"})
    for pager in list(bot.live_pagers.values()):
        pager.stop()  # as after a restart
    message = record.original_message
    click = await standin.send_interaction(payloads.button_click(button(message, "▶")["custom_id"], message))
    response = await click.wait_response()
    assert response.ephemeral and "expired" in response.content
    standin.assert_clean()


async def test_a_failing_command_gets_a_friendly_private_error(briefbot, monkeypatch):
    standin, bot = briefbot

    async def broken(*args, **kwargs):
        raise RuntimeError("database is on fire")

    monkeypatch.setattr(bot.core, "who", broken)
    record, response = await ask(standin, "who", {"person": "Sheinbaum"})
    assert response.ephemeral and response.content == ERROR
    assert "fire" not in str(record.response.data)
    standin.assert_clean()


async def test_a_slow_answer_defers_first_and_then_arrives(briefbot, monkeypatch):
    standin, bot = briefbot
    real_quote = bot.core.quote

    async def slow(*args, **kwargs):
        await asyncio.sleep(2.2)
        return await real_quote(*args, **kwargs)

    monkeypatch.setattr(bot.core, "quote", slow)
    record, response = await ask(standin, "quote", {"text": "keep a cool head"})
    assert response.type == 5 and 1.2 < response.latency < 2.0
    message = await answered(record)
    assert message["embeds"][0]["title"] == "Best match: Claudia Sheinbaum"
    standin.assert_clean()


async def test_a_failure_after_deferring_still_tells_the_user(briefbot, monkeypatch):
    standin, bot = briefbot

    async def slow_then_broken(*args, **kwargs):
        await asyncio.sleep(1.7)
        raise RuntimeError("boom")

    monkeypatch.setattr(bot.core, "when", slow_then_broken)
    record, response = await ask(standin, "when", {"event": "tariffs"})
    assert response.type == 5
    assert (await answered(record))["content"] == ERROR
    standin.assert_clean()


async def test_a_failing_autocomplete_answers_with_no_choices(briefbot, monkeypatch):
    standin, bot = briefbot

    async def broken(*args, **kwargs):
        raise RuntimeError("index missing")

    monkeypatch.setattr(bot.core, "suggest_people", broken)
    assert await complete(standin, "who", {"person": "shein"}) == []
    standin.assert_clean()


async def test_a_slow_autocomplete_answers_with_no_choices_in_time(briefbot, monkeypatch):
    standin, bot = briefbot

    async def slow(*args, **kwargs):
        await asyncio.sleep(5)
        return []

    monkeypatch.setattr(autocomplete, "BUDGET", 0.2)
    monkeypatch.setattr(bot.core, "suggest_articles", slow)
    assert await complete(standin, "source", {"article": "trump"}) == []
    assert standin.response_latencies[-1] < 1
    standin.assert_clean()


async def test_a_command_the_bot_no_longer_has_gets_an_answer(briefbot):
    standin, _ = briefbot
    stale = payloads.slash_command("retired", {"time": "08:00"})
    record = await standin.send_interaction(stale, require_synced=False)
    response = await record.wait_response()
    assert response.ephemeral and "just updated" in response.content
    standin.assert_clean()


async def test_commands_work_in_direct_messages(briefbot):
    standin, _ = briefbot
    dm = payloads.slash_command("brief", {"topic": "cartels"}, guild_id=None)
    record = await standin.send_interaction(dm, require_synced=False)
    assert "Cartels" in text_of(await answered(record))
    standin.assert_clean()


async def test_many_people_at_once_all_get_answers_in_time(briefbot):
    standin, _ = briefbot
    asks = [("brief", {"topic": "tariffs"}), ("who", {"person": "Trump"}), ("quote", {"text": "build bridges"}),
            ("search", {"query": "fentanyl"}), ("when", {"event": "caravan"}), ("source", {"article": "ankasam"})]
    records = [await standin.send_interaction(payloads.slash_command(name, options), require_synced=True)
               for _ in range(10) for name, options in asks]
    responses = await asyncio.gather(*(record.wait_response() for record in records))
    assert all(response.type == 4 for response in responses)
    assert max(standin.response_latencies) < 2.0
    standin.assert_clean()


async def test_warm_up_answers_what_autocomplete_offers_before_anyone_asks(briefbot_factory):
    standin, bot = await briefbot_factory(warm_up=True)
    for key in [Lookup.of("topics"), Lookup.of("brief", "tariffs"), Lookup.of("who", "claudia-sheinbaum"),
                Lookup.of("source", "trump-first-week-mexico")]:
        assert bot.answers.peek(key) is not None, key
    misses = bot.answers.misses
    record, response = await ask(standin, "brief", {"topic": "tariffs"})
    assert response.embeds[0]["title"] == "Tariffs" and bot.answers.misses == misses
    standin.assert_clean()


async def test_crafted_option_values_get_an_answer(briefbot):
    """Discord's client sends strings and valid choices only; a crafted request may not."""
    standin, _ = briefbot
    crafted = [("brief", {"topic": 12}), ("who", {"person": 3.5}), ("search", {"query": True, "speaker": 7}),
               ("search", {"query": "tariffs", "kind": "bogus"})]
    for command, options in crafted:
        # A DM payload is not bound to the synced schema by the stand-in, so it reaches the bot as written.
        record = await standin.send_interaction(payloads.slash_command(command, options, guild_id=None),
                                                require_synced=False)
        message = await answered(record)
        assert message["content"] != ERROR and (message["embeds"] or message["content"])
    standin.assert_clean()


def test_cooldown_buckets_of_members_gone_quiet_are_forgotten():
    """A burst of many members leaves one bucket each; once a period has passed without them, they go
    (the check stays cheap however many members have ever asked)."""
    import datetime as dt
    from types import SimpleNamespace

    from bot.adapters.discord_bot.cooldowns import BURST, UserBuckets

    client = SimpleNamespace(settings=SimpleNamespace(cooldown_seconds=2))
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC).timestamp()

    def asking(user_id: int) -> SimpleNamespace:
        return SimpleNamespace(client=client, user=SimpleNamespace(id=user_id))

    buckets = UserBuckets()
    for user_id in range(500):
        bucket = buckets.bucket(asking(user_id), start)
        assert bucket.update_rate_limit(start) is None  # everyone's first question goes through
    assert len(buckets.buckets) == 500
    busy = buckets.bucket(asking(7), start)
    for _ in range(BURST - 1):
        busy.update_rate_limit(start)
    assert busy.update_rate_limit(start) is not None  # member 7 asked BURST + 1 times at once: wait
    later = start + BURST * 2 + 1  # a whole period later
    assert buckets.bucket(asking(9999), later).update_rate_limit(later) is None
    assert len(buckets.buckets) == 1  # only the member who just asked
