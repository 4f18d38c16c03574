"""Discord's documented rate limits (discord.com/developers/docs/topics/rate-limits), off unless asked for.

- Global: 50 requests per second per bot token, across all routes. Interaction callbacks and webhook
  (interaction token) routes are not bound by it. Over it: 429 with `{"message", "retry_after", "global": true}`
  and the headers `X-RateLimit-Global: true`, `X-RateLimit-Scope: global` and `Retry-After`.
- Per route: Create Message (POST /channels/{channel.id}/messages) is bucketed per channel (its major
  parameter), 5 requests per 5 s. Every answer on that route carries `X-RateLimit-Limit`, `-Remaining`,
  `-Reset` (epoch seconds), `-Reset-After` (seconds) and `-Bucket`; over it: 429 with `"global": false`,
  `X-RateLimit-Scope: user` and `Retry-After`.
- Every 429 carries `Via: 1.1 google`, as Discord's do: discord.py treats a 429 without `Via` as a
  Cloudflare ban and raises instead of waiting.

Windows are fixed: a bucket's window opens with its first request and resets `per` seconds later. A 429 is a
violation only when the bot ignored a `retry_after` it had been given: the same request (method, path and
body) sent again before its retry_after elapsed, or any request to a blocked per-route bucket, arriving more
than `grace` seconds after the 429 went out (time enough for the bot to have read it: identical requests
sent together, before any answer came back, are not retries).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import time
from dataclasses import dataclass, field
from typing import Any

API = "/api/v10"
CREATE_MESSAGE = re.compile(r"^/api/v10/channels/(\d+)/messages$")
RATE_LIMITED = "You are being rate limited."
EARLY_TOLERANCE = 0.05  # seconds: a retry this close to its retry_after's end is on time (timer granularity)


@dataclass
class Window:
    limit: int
    per: float
    started: float = 0.0
    used: int = 0
    blocked_until: float = 0.0  # after a 429: when that 429's retry_after ends
    limited_at: float = 0.0  # when the latest 429 for this window went out

    def roll(self, now: float) -> None:
        if now >= self.started + self.per:
            self.started, self.used = now, 0

    def reset_after(self, now: float) -> float:
        return max(0.0, self.started + self.per - now)


@dataclass
class Limited:
    """What the stand-in did about one request: `status` 429 (with `body` and `headers`) or 0 (let it through,
    then add `headers` to the answer)."""

    status: int = 0
    body: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    ignored: str | None = None  # why this request ignored a retry_after (a violation), if it did


@dataclass
class RateLimits:
    global_limit: int = 50  # requests per second per bot
    global_per: float = 1.0
    message_limit: int = 5  # Create Message, per channel
    message_per: float = 5.0
    grace: float = 0.5  # seconds for a bot to read a bucket's 429 before new requests to it count as ignoring it
    clock: Any = time.monotonic

    def __post_init__(self) -> None:
        self.global_window = Window(self.global_limit, self.global_per)
        self.buckets: dict[str, Window] = {}
        self.bucket_hash = hashlib.sha1(b"POST /channels/{channel.id}/messages").hexdigest()[:16]
        self._retry_at: dict[str, tuple[float, float]] = {}  # request fingerprint -> (retry allowed at, 429 at)
        self.limited: list[tuple[float, str, str, bool]] = []  # (time, method, path, global) of every 429
        self.admitted = 0

    # -- the check ---------------------------------------------------------------------------------------------
    def check(self, method: str, path: str, body: Any) -> Limited:
        now = self.clock()
        if path.startswith((API + "/interactions/", API + "/webhooks/")):
            return Limited()  # interaction endpoints are not bound by the global limit
        print_ = _fingerprint(method, path, body)
        ignored = None
        if (seen := self._retry_at.pop(print_, None)) is not None:
            retry_at, limited_at = seen
            if limited_at + self.grace < now < retry_at - EARLY_TOLERANCE:
                ignored = f"sent again {retry_at - now:.3f}s before its retry_after ended"

        match = CREATE_MESSAGE.match(path) if method == "POST" else None
        bucket = None
        if match:
            bucket = self.buckets.setdefault(match.group(1), Window(self.message_limit, self.message_per))
            bucket.roll(now)
            if ignored is None and now < bucket.blocked_until - EARLY_TOLERANCE and now > bucket.limited_at + self.grace:
                ignored = f"sent to a rate-limited bucket {bucket.blocked_until - now:.3f}s before its reset"

        glob = self.global_window
        glob.roll(now)
        if glob.used >= glob.limit:
            return self._limit(now, method, path, print_, glob, is_global=True, ignored=ignored)
        if bucket is not None and bucket.used >= bucket.limit:
            return self._limit(now, method, path, print_, bucket, is_global=False, ignored=ignored)
        glob.used += 1
        self.admitted += 1
        if bucket is None:
            return Limited(ignored=ignored)
        bucket.used += 1
        return Limited(headers=self._bucket_headers(bucket, now), ignored=ignored)

    def _limit(self, now: float, method: str, path: str, print_: str, window: Window, *, is_global: bool,
               ignored: str | None) -> Limited:
        retry_after = max(0.001, math.ceil(window.reset_after(now) * 1000) / 1000)
        window.blocked_until = max(window.blocked_until, now + retry_after)
        window.limited_at = now
        self._retry_at[print_] = (now + retry_after, now)
        self.limited.append((now, method, path, is_global))
        headers = {"Retry-After": str(math.ceil(retry_after)), "Via": "1.1 google"}
        if is_global:
            headers.update({"X-RateLimit-Global": "true", "X-RateLimit-Scope": "global"})
        else:
            headers.update(self._bucket_headers(window, now))
            headers["X-RateLimit-Scope"] = "user"
        body = {"message": RATE_LIMITED, "retry_after": retry_after, "global": is_global}
        return Limited(429, body, headers, ignored)

    def _bucket_headers(self, window: Window, now: float) -> dict[str, str]:
        reset_after = window.reset_after(now)
        return {
            "X-RateLimit-Limit": str(window.limit),
            "X-RateLimit-Remaining": str(max(0, window.limit - window.used)),
            "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
            "X-RateLimit-Reset-After": f"{reset_after:.3f}",
            "X-RateLimit-Bucket": self.bucket_hash,
        }

    # -- figures -----------------------------------------------------------------------------------------------
    @property
    def global_429s(self) -> int:
        return sum(1 for *_, is_global in self.limited if is_global)

    @property
    def route_429s(self) -> int:
        return sum(1 for *_, is_global in self.limited if not is_global)


def _fingerprint(method: str, path: str, body: Any) -> str:
    raw = json.dumps(body, sort_keys=True, default=str) if body is not None else ""
    return hashlib.sha1(f"{method} {path} {raw}".encode()).hexdigest()
