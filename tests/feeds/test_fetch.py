"""Fetching politely: who we are, conditional GET, redirects, errors, timeouts, the size limit, charsets."""

from __future__ import annotations

import time

import pytest

from bot.feeds.config import FeedConfig
from bot.feeds.errors import FetchError
from bot.feeds.fetch import Fetcher, decode_page


async def get(config: FeedConfig, url: str, **kwargs) -> object:
    async with Fetcher(config) as fetcher:
        return await fetcher.get(url, **kwargs)


async def test_the_user_agent_names_briefbot_and_its_version(site, config):
    site.put("/feed", "<rss/>")
    await get(config, site.url("/feed"))
    agent = site.hits("/feed")[0]["User-Agent"]
    assert agent.startswith("briefbot/") and len(agent.split("/")[1].split()[0]) > 0


async def test_an_etag_brings_a_304_and_no_body(site, config):
    site.put("/feed", "<rss/>", headers={"ETag": '"v1"', "Last-Modified": "Mon, 02 Mar 2026 09:00:00 GMT"})
    first = await get(config, site.url("/feed"))
    assert first.status == 200 and first.etag == '"v1"' and first.last_modified.startswith("Mon")
    again = await get(config, site.url("/feed"), etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.body == b""
    sent = site.hits("/feed")[1]
    assert sent["If-None-Match"] == '"v1"' and sent["If-Modified-Since"] == first.last_modified


async def test_a_redirect_is_followed_a_few_times_at_most(site, config):
    site.put("/old", status=301, headers={"Location": "/new"})
    site.put("/new", "here")
    fetched = await get(config, site.url("/old"))
    assert fetched.url.endswith("/new") and fetched.body == b"here"
    for hop in range(6):
        site.put(f"/loop{hop}", status=302, headers={"Location": f"/loop{hop + 1}"})
    with pytest.raises(FetchError) as caught:
        await get(config, site.url("/loop0"))
    assert caught.value.kind == "redirects"


async def test_only_http_and_https_even_after_a_redirect(site, config):
    with pytest.raises(FetchError) as caught:
        await get(config, "file:///etc/passwd")
    assert caught.value.kind == "bad_scheme"
    site.put("/sneaky", status=302, headers={"Location": "ftp://127.0.0.1/secret"})
    with pytest.raises(FetchError) as caught:
        await get(config, site.url("/sneaky"))
    assert caught.value.kind == "bad_scheme"


@pytest.mark.parametrize(("status", "kind"), [(404, "not_found"), (410, "gone"), (500, "http"), (503, "http")])
async def test_errors_have_a_kind(site, config, status, kind):
    site.put("/feed", "no", status=status)
    with pytest.raises(FetchError) as caught:
        await get(config, site.url("/feed"))
    assert caught.value.kind == kind


async def test_a_slow_server_times_out(site, config):
    site.put("/slow", "late", delay=5)
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        await get(config, site.url("/slow"))
    assert caught.value.kind == "timeout" and time.monotonic() - started < 3


async def test_nothing_listening_is_a_network_error(config):
    with pytest.raises(FetchError) as caught:
        await get(config, "http://127.0.0.1:9/feed")  # the discard port: nothing answers there
    assert caught.value.kind in ("network", "timeout")


async def test_a_10_mb_page_is_refused_and_reading_stops(site, config):
    site.put("/huge", stream=10 * 2**20)  # chunked, no Content-Length: only counting tells
    with pytest.raises(FetchError) as caught:
        await get(config, site.url("/huge"))
    assert caught.value.kind == "too_large"
    site.put("/declared", b"x" * (2 * 2**20))  # says its size: refused before reading
    with pytest.raises(FetchError) as caught:
        await get(config, site.url("/declared"))
    assert caught.value.kind == "too_large"


def test_pages_are_decoded_by_their_declared_charset():
    text = "“Sí”, dijo el secretario — ¿mañana?"
    cp1252 = f"<html><body><p>{text}</p></body></html>".encode("windows-1252")
    assert text in decode_page(cp1252, "text/html; charset=windows-1252")
    # no header: the meta tag; a page saying iso-8859-1 is read as browsers do (windows-1252: curly quotes)
    meta = f'<html><head><meta charset="iso-8859-1"></head><body>{text}</body></html>'.encode("windows-1252")
    assert text in decode_page(meta, "text/html")
    latin = '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">Año señor'.encode("latin-1")
    assert "Año señor" in decode_page(latin, "")
    # nothing declared: UTF-8, with a bad byte replaced rather than failing
    assert decode_page("mañana".encode() + b"\xff", "") == "mañana\ufffd"
