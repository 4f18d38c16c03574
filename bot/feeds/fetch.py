"""Polite HTTP for feeds and pages: a named User-Agent, conditional GET, a timeout, a size limit read as a
stream, http(s) only, and a few redirects at most (each hop checked, so a redirect cannot lead to file: or
ftp:)."""

from __future__ import annotations

import asyncio
import codecs
import re
from dataclasses import dataclass
from types import TracebackType

import aiohttp
from yarl import URL

from bot.feeds.config import FeedConfig
from bot.feeds.errors import FetchError

SCHEMES = ("http", "https")
CHUNK = 64 * 1024
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.I)


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int  # 200, or 304 (not_modified: nothing new, no body)
    body: bytes
    content_type: str  # the header as sent ("text/html; charset=windows-1252"), or ""
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def checked_url(url: str) -> URL:
    """The URL if it is http(s) with a host; FetchError('bad_scheme') otherwise."""
    try:
        parsed = URL(url.strip())
    except (ValueError, TypeError):
        raise FetchError("bad_scheme", url[:100]) from None
    if parsed.scheme not in SCHEMES or not parsed.host:
        raise FetchError("bad_scheme", parsed.scheme or url[:100])
    return parsed


class Fetcher:
    """One aiohttp session for a poll (or the bot's life). Use `async with Fetcher(config) as fetcher:`."""

    def __init__(self, config: FeedConfig) -> None:
        self.config = config
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> Fetcher:
        # limit_per_host: many feeds on one site are fetched a few at a time, not all at once
        connector = aiohttp.TCPConnector(limit=max(self.config.concurrency * 2, 4), limit_per_host=4)
        self._session = aiohttp.ClientSession(
            connector=connector, headers={"User-Agent": self.config.agent}, auto_decompress=True,
        )
        return self

    async def __aexit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
                  accept: str = "*/*") -> Fetched:
        """GET within the timeout; FetchError with its kind for every failure (never an aiohttp error)."""
        try:
            return await asyncio.wait_for(self._get(url, etag, last_modified, accept), self.config.timeout)
        except TimeoutError:
            raise FetchError("timeout", f"{self.config.timeout:g}s") from None
        except aiohttp.ClientError as exc:
            raise FetchError("network", type(exc).__name__) from None
        except (UnicodeError, ValueError) as exc:  # a header or URL aiohttp cannot take
            raise FetchError("network", type(exc).__name__) from None

    async def _get(self, url: str, etag: str | None, last_modified: str | None, accept: str) -> Fetched:
        if self._session is None:
            raise RuntimeError("Fetcher is not open")
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        target = checked_url(url)
        for _hop in range(self.config.max_redirects + 1):
            async with self._session.get(target, headers=headers, allow_redirects=False) as response:
                if response.status in (301, 302, 303, 307, 308) and "Location" in response.headers:
                    target = checked_url(str(target.join(URL(response.headers["Location"]))))
                    continue
                return await self._read(response, target)
        raise FetchError("redirects", str(self.config.max_redirects))

    async def _read(self, response: aiohttp.ClientResponse, url: URL) -> Fetched:
        if response.status == 304:
            return Fetched(str(url), 304, b"", "", response.headers.get("ETag"), response.headers.get("Last-Modified"))
        if response.status == 404:
            raise FetchError("not_found", "404")
        if response.status == 410:
            raise FetchError("gone", "410")
        if response.status >= 400:
            raise FetchError("http", str(response.status))
        limit = self.config.max_bytes
        if (response.content_length or 0) > limit:
            raise FetchError("too_large", str(response.content_length))
        chunks, size = [], 0
        async for chunk in response.content.iter_chunked(CHUNK):
            size += len(chunk)
            if size > limit:  # stop reading: a lying or absent Content-Length changes nothing
                raise FetchError("too_large", f">{limit}")
            chunks.append(chunk)
        return Fetched(str(url), response.status, b"".join(chunks), response.headers.get("Content-Type", ""),
                       response.headers.get("ETag"), response.headers.get("Last-Modified"))


def _known_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def header_charset(content_type: str) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", content_type or "", re.I)
    return _known_codec(match.group(1)) if match else None


def decode_page(body: bytes, content_type: str = "") -> str:
    """A page's text: the charset the HTTP header declares, else the page's meta tag, else UTF-8 (bad bytes
    replaced). No guessing library: servers and pages that declare nothing are nearly always UTF-8."""
    if body.startswith(codecs.BOM_UTF8):
        return body[3:].decode("utf-8", "replace")
    meta = META_CHARSET.search(body[:4096])
    charset = header_charset(content_type) or _known_codec(meta.group(1).decode("ascii") if meta else None)
    if charset in ("iso8859-1", "ascii", "latin-1"):
        charset = "cp1252"  # as browsers do (WHATWG): "latin-1" pages use 0x80-0x9F for curly quotes
    return body.decode(charset or "utf-8", "replace")
