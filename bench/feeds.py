"""Feed polling at scale: 200 feeds of 20 items each on a local site (issue 14's benchmark).

    .venv/bin/python bench/feeds.py [--feeds 200] [--items 20] [--concurrency 8]

One local aiohttp site (tests/feeds/site.py, its own thread) serves every feed and article page. The store is
a fresh SQLite file; the sink is the placeholder that stores each article's text (ingest's extraction is not
measured here). Measured: a full poll cycle (every feed new: 200 feeds and 4,000 pages), then a cycle with
nothing new (every feed asked again with its ETag: 304s), articles stored per second, and the process's peak
memory. Every feed is on 127.0.0.1, so the fetcher's per-host limit (4 connections) paces the full cycle;
real feeds spread over many hosts. The site shares the process (and the GIL) with the poller.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.core.store import Store  # noqa: E402
from bot.feeds.config import FeedConfig  # noqa: E402
from bot.feeds.poller import open_poller  # noqa: E402
from bot.feeds.sink import TextOnlySink  # noqa: E402
from tests.feeds.site import Site, article_page, rss  # noqa: E402


def fill(site: Site, feeds: int, items: int) -> None:
    date = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)).strftime("%a, %d %b %Y %H:%M:%S +0000")
    for f in range(feeds):
        entries = []
        for i in range(items):
            path = f"/f{f}/story{i}"
            words = [f"“Story {f}-{i} is about tariffs and the border,” the minister said on Monday.",
                     f"Officials in outlet {f} said talks would resume; item {i} adds figures: {f * i}%."]
            site.put(path, article_page(f"Story {f}-{i}", words * 5))
            entries.append({"title": f"Story {f}-{i}", "link": site.url(path), "guid": f"f{f}-{i}", "date": date})
        site.put(f"/feed{f}.xml", rss(f"Outlet {f}", entries), content_type="application/rss+xml",
                 headers={"ETag": f'"feed{f}-v1"'})


async def cycle(poller, store: Store) -> tuple[float, list]:
    for feed in await store.feeds():  # every feed due now
        await store.save_feed_state(feed.id, next_poll_at=None)
    started = time.perf_counter()
    outcomes = await poller.poll_due()
    return time.perf_counter() - started, outcomes


async def main(feeds: int, items: int, concurrency: int) -> None:
    with Site() as site, tempfile.TemporaryDirectory() as folder:
        fill(site, feeds, items)
        config = FeedConfig(concurrency=concurrency, first_poll_window=dt.timedelta(days=2))
        async with Store(Path(folder) / "bench.sqlite3") as store:
            for f in range(feeds):
                await store.add_feed(site.url(f"/feed{f}.xml"), (), "2026-01-01T00:00:00Z")
            async with open_poller(store, TextOnlySink(store), config) as poller:
                full, first = await cycle(poller, store)
                quiet, second = await cycle(poller, store)
    taken = sum(o.taken for o in first)
    failed = sum(o.status == "failed" for o in first + second)
    unchanged = sum(o.status == "not_modified" for o in second)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("| feeds × items | full cycle | articles/s | nothing-new cycle (304s) | failed | peak RSS |")
    print("|---|---|---|---|---|---|")
    print(f"| {feeds} × {items} | {full:.1f} s ({taken} articles) | {taken / full:.0f} | {quiet:.2f} s "
          f"({unchanged}/{feeds} not modified) | {failed} | {peak:.0f} MB |")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    asyncio.run(main(args.feeds, args.items, args.concurrency))
