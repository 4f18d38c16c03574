"""Every public command through real discord.py dispatch against the stand-in, as a plain member sees it."""

from __future__ import annotations

import re

import pytest

from tests.adapters.helpers import (
    answered,
    ask,
    assert_never_pings,
    assert_no_raw_pings,
    button,
    buttons,
    complete,
    text_of,
)
from tests.discord_standin import DEFAULT_WORLD, payloads

PUBLIC = {"brief", "topics", "who", "quote", "when", "search", "source", "help"}
DATE = re.compile(r"\b(19|20)\d\d\b")


async def test_every_command_is_synced_to_the_guild(briefbot):
    standin, _ = briefbot
    synced = {c["name"]: c for c in standin.commands[DEFAULT_WORLD.guild_id]}
    assert set(synced) == PUBLIC | {"admin", "digest", "feeds"}
    search = {o["name"]: o for o in synced["search"]["options"]}
    assert list(search) == ["query", "speaker", "topic", "kind", "from", "to"]
    assert search["query"]["required"] and not search["speaker"].get("required")
    assert search["speaker"]["autocomplete"] and search["topic"]["autocomplete"]
    assert [c["value"] for c in search["kind"]["choices"]] == ["direct_quote", "paraphrase", "statistic", "action"]
    for name in ("brief", "who", "source"):
        assert synced[name]["options"][0]["autocomplete"]
    standin.assert_clean()


async def test_brief_answers_with_pages_and_section_buttons(briefbot):
    standin, _ = briefbot
    record, response = await ask(standin, "brief", {"topic": "tariffs"})
    assert response.type == 4 and not response.ephemeral
    assert response.allowed_mentions == {"parse": []}
    (embed,) = response.embeds
    assert embed["title"] == "Tariffs" and "5%" in embed["description"]
    labels = [b["label"] for b in buttons(record.original_message)]
    assert labels[0] == "◀" and labels[1].startswith("1/") and labels[2] == "▶"
    assert {"Summary", "Key points", "Timeline", "Sources"} <= set(labels)
    assert button(record.original_message, "◀")["disabled"]
    assert response.latency < 1.0
    standin.assert_clean()


async def test_the_asker_pages_through_sections(briefbot):
    standin, _ = briefbot
    record, _ = await ask(standin, "brief", {"topic": "tariffs"})
    first = record.original_message
    next_page = await standin.send_interaction(payloads.button_click(button(first, "▶")["custom_id"], first))
    update = await next_page.wait_response()
    assert update.type == 7 and update.allowed_mentions == {"parse": []}
    assert "key points" in update.embeds[0]["title"]
    total = buttons(first)[1]["label"].split("/")[1]
    assert buttons(next_page.original_message)[1]["label"] == f"2/{total}"
    sources = button(next_page.original_message, "Sources")
    jump = await standin.send_interaction(payloads.button_click(sources["custom_id"], next_page.original_message))
    assert "sources" in (await jump.wait_response()).embeds[0]["title"]
    assert button(jump.original_message, "Sources")["style"] == 1  # the section being read is highlighted
    assert button(jump.original_message, "▶")["disabled"]  # sources is the last section
    standin.assert_clean()


async def test_someone_else_cannot_turn_the_pages(briefbot):
    standin, _ = briefbot
    record, _ = await ask(standin, "brief", {"topic": "tariffs"}, user=payloads.MEMBER)
    message = record.original_message
    click = await standin.send_interaction(
        payloads.button_click(button(message, "▶")["custom_id"], message, user=payloads.ADMIN))
    refusal = await click.wait_response()
    assert refusal.type == 4 and refusal.ephemeral
    assert "Only the person who ran this command" in refusal.content
    assert standin.messages[message["id"]]["embeds"] == message["embeds"]  # the page did not turn
    standin.assert_clean()


async def test_unknown_topic_suggests_close_ones(briefbot):
    standin, _ = briefbot
    record, response = await ask(standin, "brief", {"topic": "water treaty"})
    assert response.type == 4 and response.ephemeral
    text = text_of(record.original_message)
    assert "No briefing matches “water treaty”" in text and "Did you mean" in text
    standin.assert_clean()


async def test_topics_lists_every_briefing(briefbot):
    standin, bot = briefbot
    record, response = await ask(standin, "topics")
    text = text_of(await answered(record))
    for topic in await bot.core.topics():
        assert f"/brief {topic.slug}" in text
    standin.assert_clean()


async def test_help_lists_the_commands_privately(briefbot):
    standin, _ = briefbot
    record, response = await ask(standin, "help")
    assert response.ephemeral
    fields = [f["name"] for f in response.embeds[0]["fields"]]
    assert [f.split()[0] for f in fields] == ["/brief", "/topics", "/who", "/quote", "/when", "/search", "/source", "/help",
                                                "/digest", "/feeds", "/admin"]
    standin.assert_clean()


async def test_who_gives_roles_then_dated_sourced_statements_in_order(briefbot):
    standin, _ = briefbot
    record, response = await ask(standin, "who", {"person": "Sheinbaum"})
    assert response.type == 4 and not response.ephemeral
    assert response.embeds[0]["title"] == "Claudia Sheinbaum"
    assert "President of Mexico" in response.embeds[0]["description"]
    assert {"Person", "Claims"} <= {b["label"] for b in buttons(record.original_message)}
    claims = await standin.send_interaction(
        payloads.button_click(button(record.original_message, "Claims")["custom_id"], record.original_message))
    page = (await claims.wait_response()).embeds[0]
    assert "claims in date order" in page["title"]
    statements = [line for line in page["description"].split("\n") if line.startswith(("Quote", "Statement", "Figure", "Action"))]
    sources = [line for line in page["description"].split("\n") if line.startswith("   ")]
    assert len(statements) >= 3 and len(sources) == len(statements)
    assert all(DATE.search(line) and "“" in line for line in sources)  # each: when (how sure) · source
    standin.assert_clean()


async def test_quote_names_speaker_date_source_and_passage(briefbot):
    standin, _ = briefbot
    record, response = await ask(standin, "quote", {"text": "keep a cool head"})
    embed = response.embeds[0]
    assert embed["title"] == "Best match: Claudia Sheinbaum"
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert fields["When"].startswith("21 January 2025")
    assert "Trump's first week" in fields["Source"]
    standin.assert_clean()


async def test_when_lists_dated_claims_in_date_order(briefbot):
    standin, _ = briefbot
    record, response = await ask(standin, "when", {"event": "25% tariffs"})
    embed = response.embeds[0]
    assert embed["title"].startswith("When: 25% tariffs")
    assert "November 2024" in embed["description"] and "20 January 2025" in embed["description"]
    assert embed["description"].index("November 2024") < embed["description"].index("20 January 2025")
    standin.assert_clean()


async def test_search_with_every_filter(briefbot):
    standin, _ = briefbot
    options = {"query": "tariffs", "speaker": "donald-trump", "topic": "tariffs", "kind": "paraphrase",
               "from": "2019", "to": "2025-12"}
    record, response = await ask(standin, "search", options)
    text = text_of(await answered(record))
    assert "Filters: speaker Donald Trump" in text and "kind paraphrase" in text
    assert "matching claim" in text and "Donald Trump" in text
    standin.assert_clean()


async def test_search_with_a_bad_date_says_what_a_date_looks_like(briefbot):
    standin, _ = briefbot
    record, response = await ask(standin, "search", {"query": "tariffs", "from": "last spring"})
    assert response.ephemeral and "2019-06" in text_of(record.original_message)
    standin.assert_clean()


async def test_source_shows_the_article_and_its_claims(briefbot):
    standin, _ = briefbot
    record, response = await ask(standin, "source", {"article": "trump-first-week-mexico"})
    embed = response.embeds[0]
    assert embed["title"] == "Trump's first week: what his executive orders mean for Mexico"
    assert "Published 28 January 2025" in embed["description"]
    assert "Claims" in {b["label"] for b in buttons(record.original_message)}
    standin.assert_clean()


@pytest.mark.parametrize(("command", "option", "typed", "expected"), [
    ("brief", "topic", "tar", ("Tariffs", "tariffs")),
    ("who", "person", "shein", ("Claudia Sheinbaum", "claudia-sheinbaum")),
    ("source", "article", "first week", ("Trump's first week: what his executive orders mean for Mexico",
                                         "trump-first-week-mexico")),
])
async def test_autocomplete_offers_the_best_matches(briefbot, command, option, typed, expected):
    standin, _ = briefbot
    choices = await complete(standin, command, {option: typed})
    assert (choices[0]["name"], choices[0]["value"]) == expected
    standin.assert_clean()


async def test_search_filters_autocomplete_while_other_options_are_filled(briefbot):
    standin, _ = briefbot
    speakers = await complete(standin, "search", {"query": "tariffs", "speaker": "trum"}, focused="speaker")
    assert speakers[0]["value"] == "donald-trump"
    topics = await complete(standin, "search", {"query": "x", "speaker": "trump", "topic": "cart"}, focused="topic")
    assert topics[0]["value"] == "cartels"
    standin.assert_clean()


@pytest.mark.parametrize(("command", "option"), [
    ("brief", "topic"), ("who", "person"), ("source", "article"), ("search", "speaker"), ("search", "topic"),
])
async def test_autocomplete_with_nothing_typed_is_within_limits(briefbot, command, option):
    standin, _ = briefbot
    choices = await complete(standin, command, {option: ""})
    assert 1 <= len(choices) <= 25
    assert all(1 <= len(c["name"]) <= 100 and 1 <= len(c["value"]) <= 100 for c in choices)
    standin.assert_clean()


@pytest.mark.parametrize(("command", "options"), [
    ("quote", {"text": "@everyone @here <@123456789012345678> build bridges"}),
    ("brief", {"topic": "@everyone <@&123456789012345678>"}),
    ("who", {"person": "@here"}),
    ("search", {"query": "@everyone tariffs <@!123456789012345678>"}),
    ("when", {"event": "@everyone"}),
    ("source", {"article": "<@123456789012345678>"}),
])
async def test_mentions_in_what_is_typed_ping_nobody(briefbot, command, options):
    standin, _ = briefbot
    record, response = await ask(standin, command, options)
    assert response.allowed_mentions == {"parse": []}
    assert_no_raw_pings(await answered(record))
    assert_never_pings(standin)
    standin.assert_clean()
