"""/feeds through the command table and `briefbot feeds` in a terminal: add, list, remove, status, poll."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from bot.adapters.cli import app
from bot.adapters.commands import Commands
from bot.core.feeds import FeedProblem
from tests.feeds.conftest import hours_ago, rfc822
from tests.feeds.site import article_page, rss


def cards_text(result) -> str:
    return "\n".join(f"{c.title}\n{c.description}" for c in result.reply.pages)


async def test_add_checks_the_address_and_the_topics(core):
    commands = Commands(core)
    for bad, reason in (("ftp://example.com/rss", "bad_scheme"), ("not a url", "bad_url"),
                        ("https://", "bad_url")):
        result = await commands.feeds_add(bad)
        assert isinstance(result.data, FeedProblem) and result.data.reason == reason, bad
    result = await commands.feeds_add("https://example.com/rss", "tarifs")  # a typo still finds the topic
    assert result.data["topics"] == ["tariffs"] and "Feed added" in cards_text(result)
    unknown = await commands.feeds_add("https://example.com/other", "astronomy")
    assert unknown.data.reason == "unknown" and "astronomy" in cards_text(unknown)
    again = await commands.feeds_add("https://example.com/rss")
    assert again.data.reason == "exists" and "already followed" in cards_text(again)


async def test_list_status_remove(core):
    commands = Commands(core)
    assert "No feeds yet" in cards_text(await commands.feeds_list())
    added = (await commands.feeds_add("https://example.com/rss")).data
    assert "https://example.com/rss" in cards_text(await commands.feeds_list())
    await core.store.save_feed_state(added["id"], errors_in_a_row=5, last_error="http:503", paused_reason="http",
                                     last_poll="2026-03-01T10:00:00Z")
    status = await commands.feeds_status()
    words = cards_text(status)
    assert "paused after 5 failures in a row" in words and "HTTP 503" in words and "<t:" in words
    assert status.data[0]["paused_words"].startswith("paused after 5")
    resumed = await commands.feeds_add("https://example.com/rss")  # the same address again resumes it
    assert resumed.data["resumed"] and not (await core.store.feed(added["id"])).paused
    assert (await commands.feeds_remove(str(added["id"]))).data["removed"]
    gone = await commands.feeds_remove(str(added["id"]))
    assert gone.data.reason == "not_found" and "/feeds list" in cards_text(gone)


def test_the_cli_adds_polls_and_shows_status(site):
    site.put("/story", article_page("Bridges", ["“We will build bridges,” she said."]))
    site.put("/rss", rss("CLI Wire", [{"title": "Bridges", "link": site.url("/story"), "guid": "g1",
                                       "date": rfc822(hours_ago(1))}]), content_type="application/rss+xml")
    runner = CliRunner()
    added = runner.invoke(app, ["feeds", "add", site.url("/rss"), "--json"])
    assert added.exit_code == 0, added.output
    polled = runner.invoke(app, ["feeds", "poll", "--json"])
    assert polled.exit_code == 0, polled.output
    (outcome,) = json.loads(polled.stdout)
    assert outcome["status"] == "new" and outcome["taken"] == 1
    status = runner.invoke(app, ["feeds", "status"])
    assert status.exit_code == 0 and "CLI Wire" in status.output and "1 items seen" in status.output
    again = runner.invoke(app, ["feeds", "poll"])  # nothing is due until the interval passes
    assert again.exit_code == 0 and "No feed was due" in again.output
    refused = runner.invoke(app, ["feeds", "add", "file:///etc/passwd"])
    assert refused.exit_code == 1 and "http" in refused.output
    listed = json.loads(runner.invoke(app, ["feeds", "list", "--json"]).stdout)
    assert [f["title"] for f in listed] == ["CLI Wire"]
    removed = runner.invoke(app, ["feeds", "remove", str(listed[0]["id"])])
    assert removed.exit_code == 0 and "No longer following" in removed.output
