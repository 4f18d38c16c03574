"""End to end: a feed item's quote becomes a proposed claim; once accepted it answers /quote with its passage
and appears in the next digest preview. With auto-accept, it answers without a review."""

from __future__ import annotations

import datetime as dt

import pytest_asyncio

from bot.adapters.commands import Commands
from bot.core.search.results import SearchAnswer
from bot.core.service import Core
from bot.core.store import Store
from bot.feeds.poller import open_poller
from bot.feeds.sink import IngestSink
from tests.conftest import copy_database
from tests.feeds.conftest import add_feed, hours_ago, rfc822
from tests.feeds.site import article_page, rss

QUOTE = "We will never accept a wall of tariffs between friends"
STORY = [
    f"Canadian Prime Minister Justin Trudeau said on Tuesday: “{QUOTE},” as talks on the dairy quota dispute "
    "opened in Ottawa.",
    "Officials from both governments said the next round of talks would take place in Washington.",
]


@pytest_asyncio.fixture
async def live(tmp_path, compiled_database, content_copy):
    async with Store(copy_database(compiled_database, tmp_path)) as store:
        core = Core(store, content_copy)
        await core.reload()
        yield core


def serve_story(site) -> None:
    site.put("/trudeau", article_page("Trudeau rejects a wall of tariffs", STORY))
    site.put("/rss", rss("Test Wire", [{"title": "Trudeau rejects a wall of tariffs", "link": site.url("/trudeau"),
                                        "guid": "trudeau-1", "date": rfc822(hours_ago(1))}]),
             content_type="application/rss+xml")


async def test_a_feed_quote_is_proposed_then_accepted_then_answers_and_reaches_the_digest(site, live, config):
    serve_story(site)
    await add_feed(live.store, site.url("/rss"), ("tariffs",))
    commands = Commands(live)
    async with open_poller(live.store, IngestSink(live.store, live.paths.data_dir, None), config) as poller:
        (outcome,) = await poller.poll_due()
    assert outcome.taken == 1 and outcome.claims >= 1

    _, before = await commands.quote(QUOTE)
    assert not isinstance(before, SearchAnswer) or all(QUOTE not in (h.view.claim.quote or "") for h in before.hits)
    _, proposed = await commands.review_list()
    quoted = [p for p in proposed if p["quote"] and QUOTE in p["quote"]]
    assert quoted, proposed

    await commands.review_accept([quoted[0]["id"]])
    _, answer = await commands.quote(QUOTE)
    assert isinstance(answer, SearchAnswer)
    hit = answer.hits[0]
    assert QUOTE in (hit.view.claim.quote or "") and hit.passage and QUOTE in hit.passage

    since = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    preview, _ = await commands.digest_preview(since=since)
    text = "\n".join(card.description + "\n".join(f.value for f in card.fields) for card in preview.pages)
    assert "We will never accept a wall of tariffs" in text or "Trudeau" in text


async def test_with_auto_accept_a_sure_feed_quote_answers_without_review(site, live, config):
    serve_story(site)
    await add_feed(live.store, site.url("/rss"))
    async with open_poller(live.store, IngestSink(live.store, live.paths.data_dir, 0.5), config) as poller:
        (outcome,) = await poller.poll_due()
    assert outcome.taken == 1
    _, answer = await Commands(live).quote(QUOTE)
    assert isinstance(answer, SearchAnswer) and QUOTE in (answer.hits[0].view.claim.quote or "")
