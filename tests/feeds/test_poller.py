"""Polling feeds on the local site: new items reach the sink once, with their metadata; the backlog is not
taken; errors back off or pause a feed; a slow feed does not hold up the others."""

from __future__ import annotations

import asyncio
import datetime as dt
import time

from bot.feeds.poller import FeedPoller, open_poller
from bot.feeds.sink import TextOnlySink
from tests.feeds.conftest import RecordingSink, add_feed, hours_ago, rfc822
from tests.feeds.site import article_page, atom, rss

QUOTE = "“We will build bridges, not walls,” the foreign minister said on Monday."


def put_story(site, path: str, headline: str, extra: str = "") -> None:
    site.put(path, article_page(headline, [QUOTE + extra, "The talks continue next week in Washington."]))


def rss_item(site, path: str, title: str, hours: float = 1, **more: str) -> dict[str, str]:
    return {"title": title, "link": site.url(path), "guid": f"guid-{path}", "date": rfc822(hours_ago(hours)),
            **more}


async def test_an_rss_item_reaches_the_sink_with_its_metadata(site, store, poller, sink):
    put_story(site, "/story-1", "Bridges, not walls")
    site.put("/rss", rss("Test Wire", [rss_item(site, "/story-1", "Bridges, not walls",
                                                author="reporter@example.com (Ana Reyes)")]),
             content_type="application/rss+xml")
    feed_id = await add_feed(store, site.url("/rss"), ("migration",))
    (outcome,) = await poller.poll_due()
    assert (outcome.status, outcome.taken, outcome.claims) == ("new", 1, 2)
    (article,) = sink.articles
    assert article.title == "Bridges, not walls" and article.outlet == "Test Wire"
    assert article.url == site.url("/story-1") and article.topics == ("migration",)
    assert "Ana Reyes" in article.author and article.published is not None
    assert QUOTE in article.text
    for noise in ("SCRIPT TEXT", "NAVIGATION LINK", "FOOTER TEXT", "RELATED STORIES", "We use cookies"):
        assert noise not in article.text
    feed = await store.feed(feed_id)
    assert feed.title == "Test Wire" and feed.items_seen == 1 and feed.claims_added == 2
    assert feed.last_poll and feed.last_new_item and feed.errors_in_a_row == 0
    assert feed.next_poll_at > feed.last_poll  # the next poll is scheduled, not now


async def test_an_atom_entry_reaches_the_sink(site, store, poller, sink):
    put_story(site, "/atom-story", "Tariff talks")
    updated = hours_ago(2).strftime("%Y-%m-%dT%H:%M:%SZ")
    site.put("/atom", atom("Atom Desk", [{"title": "Tariff talks", "link": site.url("/atom-story"),
                                          "id": "urn:story:1", "updated": updated, "author": "Luis Ortega"}]),
             content_type="application/atom+xml")
    await add_feed(store, site.url("/atom"))
    (outcome,) = await poller.poll_due()
    assert outcome.taken == 1
    (article,) = sink.articles
    assert (article.title, article.author, article.outlet) == ("Tariff talks", "Luis Ortega", "Atom Desk")


async def test_an_item_is_taken_once_and_304_means_nothing_new(site, store, poller, sink):
    put_story(site, "/s", "Once")
    site.put("/rss", rss("Wire", [rss_item(site, "/s", "Once")]), headers={"ETag": '"e1"'})
    feed_id = await add_feed(store, site.url("/rss"))
    await poller.poll_due()
    feed = await store.feed(feed_id)
    (outcome,) = [await poller.poll_feed(feed)]  # due or not: poll it again now
    assert outcome.status == "not_modified" and site.hits("/rss")[-1]["If-None-Match"] == '"e1"'
    # the feed changes (a new ETag) but still lists the same item: not taken again
    site.put("/rss", rss("Wire", [rss_item(site, "/s", "Once")]), headers={"ETag": '"e2"'})
    outcome = await poller.poll_feed(await store.feed(feed_id))
    assert outcome.status == "nothing_new" and len(sink.articles) == 1 and len(site.hits("/s")) == 1


async def test_the_first_poll_does_not_take_the_backlog(site, store, poller, sink):
    for n in range(5):
        put_story(site, f"/old{n}", f"Old {n}", extra=f" Old story {n}.")
    put_story(site, "/fresh", "Fresh", extra=" Fresh story.")
    items = [rss_item(site, f"/old{n}", f"Old {n}", hours=72 + n) for n in range(5)]
    site.put("/rss", rss("Wire", [rss_item(site, "/fresh", "Fresh", hours=2), *items]))
    feed_id = await add_feed(store, site.url("/rss"))
    (outcome,) = await poller.poll_due()
    assert (outcome.taken, outcome.backlog) == (1, 5)
    assert [a.title for a in sink.articles] == ["Fresh"]
    assert not any(site.hits(f"/old{n}") for n in range(5))  # the backlog's pages are not even fetched
    assert (await store.feed(feed_id)).items_seen == 6


async def test_the_same_story_in_two_feeds_is_taken_once(site, store, poller, sink):
    # the wire story, republished at two addresses by two outlets, polled at the same moment
    put_story(site, "/outlet-a/story", "Wire story")
    put_story(site, "/outlet-b/story", "Wire story")
    site.put("/a", rss("Outlet A", [rss_item(site, "/outlet-a/story", "Wire story")]))
    site.put("/b", rss("Outlet B", [rss_item(site, "/outlet-b/story", "Wire story")]))
    for path in ("/a", "/b"):
        await add_feed(store, site.url(path))
    outcomes = await poller.poll_due()
    assert len(sink.articles) == 1
    assert sum(o.taken for o in outcomes) == 1 and sum(o.duplicates for o in outcomes) == 1
    # a third feed carrying a link already taken (under another GUID): known without fetching the page
    site.put("/c", rss("Outlet C", [{**rss_item(site, "/outlet-a/story", "Wire story"), "guid": "other-guid"}]))
    await add_feed(store, site.url("/c"))
    (outcome,) = await poller.poll_due()
    assert outcome.status == "nothing_new" and len(site.hits("/outlet-a/story")) == 1 and len(sink.articles) == 1


async def test_404_and_410_pause_a_feed_at_once(site, store, poller):
    site.put("/gone", "gone", status=410)
    missing = await add_feed(store, site.url("/missing"))
    gone = await add_feed(store, site.url("/gone"))
    outcomes = {o.feed_id: o for o in await poller.poll_due()}
    assert outcomes[missing].paused_reason == "not_found" and outcomes[gone].paused_reason == "gone"
    assert (await store.feed(gone)).last_error == "gone:410"
    assert await poller.poll_due() == []  # paused feeds are not polled


async def test_server_errors_back_off_then_pause(site, store, poller, config):
    site.put("/rss", "down", status=503)
    feed_id = await add_feed(store, site.url("/rss"))
    delays = []
    for attempt in range(1, config.pause_after + 1):
        outcome = await poller.poll_feed(await store.feed(feed_id))
        feed = await store.feed(feed_id)
        assert outcome.status == "failed" and feed.errors_in_a_row == attempt and feed.last_error == "http:503"
        last = dt.datetime.strptime(feed.last_poll, "%Y-%m-%dT%H:%M:%SZ")
        delays.append(dt.datetime.strptime(feed.next_poll_at, "%Y-%m-%dT%H:%M:%SZ") - last)
        assert feed.paused == (attempt == config.pause_after)
    assert delays[0] > config.poll_every and delays[1] > delays[0]  # exponential backoff
    assert (await store.feed(feed_id)).paused_reason == "http"


async def test_a_malformed_feed_backs_off_with_the_reason(site, store, poller):
    site.put("/broken", '<?xml version="1.0"?><rss version="2.0"><channel><title>Cut & off</titl',
             content_type="application/rss+xml")
    site.put("/html", "<html><body><p>Just a web page</p></body></html>")
    broken = await add_feed(store, site.url("/broken"))
    page = await add_feed(store, site.url("/html"))
    await poller.poll_due()
    feed = await store.feed(broken)
    assert feed.last_error.startswith("malformed") and not feed.paused and feed.errors_in_a_row == 1
    assert (await store.feed(page)).last_error == "not_a_feed"


async def test_a_slow_feed_does_not_hold_up_the_others(site, store, poller, sink):
    site.put("/slow", rss("Slow", []), delay=10)
    put_story(site, "/quick-story", "Quick")
    site.put("/quick", rss("Quick", [rss_item(site, "/quick-story", "Quick")]))
    slow = await add_feed(store, site.url("/slow"))
    quick = await add_feed(store, site.url("/quick"))
    started = time.monotonic()
    outcomes = {o.feed_id: o for o in await asyncio.wait_for(poller.poll_due(), 10)}
    assert time.monotonic() - started < 3  # bounded by the timeout (1 s), not the slow site (10 s)
    assert outcomes[slow].error.startswith("timeout") and outcomes[quick].taken == 1


async def test_a_page_too_large_or_missing_is_skipped_and_the_rest_is_taken(site, store, poller, sink):
    site.put("/huge", stream=10 * 2**20)
    put_story(site, "/fine", "Fine")
    site.put("/rss", rss("Wire", [rss_item(site, "/huge", "Huge"), rss_item(site, "/missing", "Missing"),
                                  rss_item(site, "/fine", "Fine")]))
    feed_id = await add_feed(store, site.url("/rss"))
    (outcome,) = await poller.poll_due()
    assert (outcome.taken, outcome.item_errors) == (1, 2) and [a.title for a in sink.articles] == ["Fine"]
    assert (await store.feed(feed_id)).errors_in_a_row == 0  # the feed itself is fine


async def test_a_windows_1252_page_arrives_as_text(site, store, poller, sink):
    quote = "“No aceptaremos aranceles”, dijo la secretaria — señal clara."
    page = f"<html><head><title>Aranceles</title></head><body><article><p>{quote}</p></article></body></html>"
    site.put("/es", page.encode("windows-1252"), content_type="text/html; charset=windows-1252")
    site.put("/rss", rss("Diario", [rss_item(site, "/es", "Aranceles")]))
    await add_feed(store, site.url("/rss"))
    await poller.poll_due()
    assert sink.articles[0].text == quote


async def test_a_sink_that_fails_does_not_stop_the_feed(site, store, config):
    class Broken(RecordingSink):
        async def add_article(self, article):
            raise RuntimeError("ingest bug")

    put_story(site, "/s", "S")
    site.put("/rss", rss("Wire", [rss_item(site, "/s", "S")]))
    feed_id = await add_feed(store, site.url("/rss"))
    async with open_poller(store, Broken(), config) as poller:
        (outcome,) = await poller.poll_due()
    assert outcome.status == "nothing_new" and outcome.item_errors == 1
    assert (await store.feed(feed_id)).errors_in_a_row == 0


async def test_the_placeholder_sink_stores_the_article_text(site, store, config):
    put_story(site, "/s", "Bridges, not walls")
    site.put("/rss", rss("Test Wire", [rss_item(site, "/s", "Bridges, not walls")]))
    await add_feed(store, site.url("/rss"))
    async with open_poller(store, TextOnlySink(store), config) as poller:
        (outcome,) = await poller.poll_due()
    assert outcome.taken == 1 and outcome.claims == 0
    found = await store.read(lambda conn: conn.execute(
        "SELECT title, outlet, body, origin FROM articles WHERE origin = 'feed'").fetchall())
    ((title, outlet, body, origin),) = found
    assert (title, outlet, origin) == ("Bridges, not walls", "Test Wire", "feed") and QUOTE in body


async def test_the_background_loop_polls_and_stops(site, store, sink, config):
    put_story(site, "/s", "S")
    site.put("/rss", rss("Wire", [rss_item(site, "/s", "S")]))
    await add_feed(store, site.url("/rss"))
    async with open_poller(store, sink, config) as poller:
        assert isinstance(poller, FeedPoller)
        poller.start(tick=0.05)
        for _ in range(100):  # bounded: at most 5 s
            if sink.articles:
                break
            await asyncio.sleep(0.05)
        await poller.stop()
    assert len(sink.articles) == 1


async def test_in_the_background_a_slow_feed_does_not_hold_up_a_feed_added_later(site, store, sink, config):
    site.put("/slow", rss("Slow", []), delay=10)  # times out after config.timeout (1 s)
    put_story(site, "/s", "Quick")
    site.put("/quick", rss("Quick", [rss_item(site, "/s", "Quick")]))
    slow = await add_feed(store, site.url("/slow"))
    async with open_poller(store, sink, config) as poller:
        poller.start(tick=0.05)
        await asyncio.sleep(0.2)  # the slow feed's poll is under way
        await add_feed(store, site.url("/quick"))
        for _ in range(100):  # bounded: at most 5 s
            if sink.articles:
                break
            await asyncio.sleep(0.05)
        assert sink.articles and (await store.feed(slow)).last_poll is None  # quick done, slow still waiting
        await poller.stop()
