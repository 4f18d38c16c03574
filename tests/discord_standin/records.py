"""What the stand-in saw, in a shape tests can assert on and await."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .limits import EPHEMERAL


@dataclass
class Violation:
    """A request real Discord would have rejected (or an interaction it would have failed)."""

    kind: str  # "invalid_body", "unknown_interaction", "already_acknowledged", "not_acknowledged", ...
    method: str
    path: str
    status: int
    message: str
    body: Any = None
    error: dict[str, Any] | None = None  # the Discord-shaped error body that was returned
    interaction_id: str | None = None

    def __str__(self) -> str:
        # Interaction tokens are ~200 chars: keep them out of failure messages.
        path = "/".join(seg if len(seg) < 40 else seg[:10] + "..." for seg in self.path.split("/"))
        return f"[{self.kind}] {self.method} {path} -> {self.status}: {self.message}"


@dataclass
class UploadedFile:
    field: str
    filename: str
    content_type: str | None
    data: bytes


@dataclass
class RequestRecord:
    method: str
    path: str
    query: dict[str, str]
    body: Any
    files: list[UploadedFile]
    status: int = 0


@dataclass
class CallbackRecord:
    """The initial response (POST /interactions/{id}/{token}/callback)."""

    type: int
    data: dict[str, Any]
    files: list[UploadedFile]
    received_at: float
    latency: float  # seconds from INTERACTION_CREATE being written to the socket until this callback arrived

    @property
    def flags(self) -> int:
        return self.data.get("flags") or 0

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & EPHEMERAL)

    @property
    def allowed_mentions(self) -> dict[str, Any] | None:
        return self.data.get("allowed_mentions")

    @property
    def embeds(self) -> list[dict[str, Any]]:
        return self.data.get("embeds") or []

    @property
    def components(self) -> list[dict[str, Any]]:
        return self.data.get("components") or []

    @property
    def content(self) -> str | None:
        return self.data.get("content")


@dataclass
class MessageRecord:
    """A message the bot created (followup or channel post): what it sent and what Discord stored."""

    body: dict[str, Any]
    message: dict[str, Any]
    files: list[UploadedFile]
    # True when this followup came right after a type-5 defer: Discord then edits the loading message
    # instead of creating a new one, and ignores the followup's ephemeral flag (documented behaviour).
    replaced_deferred: bool = False

    @property
    def flags(self) -> int:
        return self.message.get("flags") or 0

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & EPHEMERAL)


class Waitable:
    """Minimal 'wait until predicate' support; state changes call `_notify()`."""

    def __init__(self) -> None:
        self._waiters: list[asyncio.Future[None]] = []

    def _notify(self) -> None:
        for fut in self._waiters:
            if not fut.done():
                fut.set_result(None)
        self._waiters.clear()

    async def wait_for(self, predicate: Callable[[], Any], timeout: float, what: str) -> Any:  # noqa: ASYNC109
        deadline = time.perf_counter() + timeout
        while not (result := predicate()):
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise TimeoutError(f"timed out after {timeout}s waiting for {what}; {self._describe()}")
            fut = asyncio.get_running_loop().create_future()
            self._waiters.append(fut)
            try:
                await asyncio.wait_for(fut, remaining)
            except TimeoutError:
                pass
        return result

    def _describe(self) -> str:
        return ""


@dataclass(eq=False)
class InteractionRecord(Waitable):
    payload: dict[str, Any]
    sent_at: float = 0.0
    response: CallbackRecord | None = None
    response_message: dict[str, Any] | None = None  # message created by the initial response, if any
    original_message: dict[str, Any] | None = None  # current state of @original (component: the clicked message)
    original_deleted: bool = False
    edits: list[dict[str, Any]] = field(default_factory=list)  # PATCH @original bodies, in order
    followups: list[MessageRecord] = field(default_factory=list)
    errors: list[Violation] = field(default_factory=list)
    expired: bool = False  # no initial response within the deadline: token invalidated

    def __post_init__(self) -> None:
        Waitable.__init__(self)

    @property
    def id(self) -> str:
        return self.payload["id"]

    @property
    def token(self) -> str:
        return self.payload["token"]

    @property
    def latency(self) -> float | None:
        return self.response.latency if self.response else None

    async def wait_response(self, timeout: float = 5.0) -> CallbackRecord:  # noqa: ASYNC109
        """The accepted initial callback. Raises TimeoutError (listing any rejections) if none arrives."""
        return await self.wait_for(lambda: self.response, timeout, f"initial response to interaction {self.id}")

    async def wait_followups(self, n: int = 1, timeout: float = 5.0) -> list[MessageRecord]:  # noqa: ASYNC109
        await self.wait_for(lambda: len(self.followups) >= n, timeout, f"{n} followup(s)")
        return self.followups[:n]

    async def wait_edits(self, n: int = 1, timeout: float = 5.0) -> dict[str, Any]:  # noqa: ASYNC109
        """Waits for the n-th accepted edit of @original and returns the message as it now stands."""
        await self.wait_for(lambda: len(self.edits) >= n, timeout, f"{n} edit(s) of @original")
        assert self.original_message is not None
        return self.original_message

    async def wait_error(self, timeout: float = 5.0, kind: str | None = None) -> Violation:  # noqa: ASYNC109
        return await self.wait_for(
            lambda: next((e for e in self.errors if kind is None or e.kind == kind), None), timeout,
            f"a rejected request ({kind or 'any kind'})",
        )

    def _describe(self) -> str:
        got = f"response={self.response.type if self.response else None}, followups={len(self.followups)}"
        return got + (f", rejected: {'; '.join(map(str, self.errors))}" if self.errors else "")
