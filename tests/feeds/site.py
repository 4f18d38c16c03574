"""A local web site for the feed tests: aiohttp.web on 127.0.0.1, in its own thread and event loop (so a
slow page never blocks the test, and sync CLI tests can use it too). No other network is touched."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


@dataclass
class Page:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (a slow server)
    stream: int = 0  # >0: send this many bytes of filler in chunks, with no Content-Length (a huge page)


class Site:
    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []  # (path, headers) as received
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._serve, name="feed-test-site", daemon=True)
        self.port = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def put(self, path: str, body: str | bytes = b"", *, status: int = 200, content_type: str = "text/html; charset=utf-8",
            headers: dict[str, str] | None = None, delay: float = 0.0, stream: int = 0) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.pages[path] = Page(data, status, {"Content-Type": content_type, **(headers or {})}, delay, stream)

    def hits(self, path: str) -> list[dict[str, str]]:
        return [headers for seen, headers in self.requests if seen == path]

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        self.requests.append((request.path, dict(request.headers)))
        page = self.pages.get(request.path)
        if page is None:
            return web.Response(status=404, text="no such page")
        if page.delay:
            await asyncio.sleep(page.delay)
        etag = page.headers.get("ETag")
        if etag and request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        if page.stream:
            response = web.StreamResponse(status=page.status, headers=page.headers)
            await response.prepare(request)
            chunk = b"x" * 65536
            sent = 0
            try:
                while sent < page.stream:
                    await response.write(chunk)
                    sent += len(chunk)
            except (ConnectionResetError, RuntimeError):
                pass  # the client stopped reading at its limit, as it should
            return response
        return web.Response(body=page.body, status=page.status, headers=page.headers)

    def _serve(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(self._main())

    async def _main(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        runner = web.AppRunner(app, shutdown_timeout=0.5)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self._stop = asyncio.Event()
        self._ready.set()
        await self._stop.wait()
        await runner.cleanup()
        # a slow page still sleeping: cancel it here, so no task outlives the loop
        pending = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)

    def __enter__(self) -> Site:
        self._thread.start()
        assert self._ready.wait(10), "the test site did not start"
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)
        self._loop.close()


def rss(title: str, items: list[dict[str, str]]) -> str:
    """An RSS 2.0 feed; each item: title, link, guid, date (RFC 822), author, description."""
    entries = "".join(
        "<item>"
        + "".join(f"<{tag}>{item[key]}</{tag}>" for key, tag in (("title", "title"), ("link", "link"),
                  ("guid", "guid"), ("date", "pubDate"), ("author", "author"), ("description", "description"))
                  if key in item)
        + "</item>"
        for item in items
    )
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>http://example.invalid/</link><description>test</description>{entries}</channel></rss>")


def atom(title: str, entries: list[dict[str, str]]) -> str:
    """An Atom 1.0 feed; each entry: title, link, id, updated (RFC 3339), author."""
    body = "".join(
        f"<entry><title>{e['title']}</title><link href=\"{e['link']}\"/><id>{e['id']}</id>"
        f"<updated>{e['updated']}</updated><author><name>{e.get('author', 'Staff')}</name></author></entry>"
        for e in entries
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>{title}</title>'
            f"<id>urn:test:{title}</id><updated>2026-01-01T00:00:00Z</updated>{body}</feed>")


def article_page(headline: str, paragraphs: list[str]) -> str:
    """An article as news sites serve it: navigation, scripts, a cookie banner and a footer around it."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><title>{headline} | The Daily Test</title>"
        '<meta property="article:published_time" content="2026-03-02T09:30:00Z">'
        '<meta name="author" content="Page Author">'
        "<script>var tracking = 'SCRIPT TEXT SHOULD NOT APPEAR';</script><style>p { color: red }</style></head>"
        "<body><header><nav><a href='/'>Home</a> <a href='/world'>NAVIGATION LINK</a></nav></header>"
        f"<div class='cookie'>We use cookies</div><main><article><h1>{headline}</h1>{body}"
        "<aside>RELATED STORIES</aside></article></main>"
        "<footer>FOOTER TEXT © The Daily Test</footer><script>more()</script></body></html>"
    )
