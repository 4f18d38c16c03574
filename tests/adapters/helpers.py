"""Asking the bot through the stand-in, and reading what it answered, for the adapter tests."""

from __future__ import annotations

import re
from typing import Any

from tests.discord_standin import DiscordStandin, InteractionRecord, payloads
from tests.discord_standin.records import CallbackRecord

ROUTE_WITH_MESSAGE = re.compile(r"/(interactions/\d+/[^/]+/callback|webhooks/\d+/[^/]+(/messages/.+)?|channels/\d+/messages.*)$")
RAW_PING = re.compile(r"@(everyone|here)\b|<@[!&]?\d+>")


async def ask(standin: DiscordStandin, name: str, options: Any = None, *, user: Any = payloads.MEMBER,
              **kwargs: Any) -> tuple[InteractionRecord, CallbackRecord]:
    record = await standin.send_interaction(payloads.slash_command(name, options, user=user, **kwargs),
                                            require_synced=True)
    return record, await record.wait_response()


async def complete(standin: DiscordStandin, name: str, options: Any, *, focused: str | None = None,
                   **kwargs: Any) -> list[dict[str, Any]]:
    record = await standin.send_interaction(payloads.autocomplete(name, options, focused=focused, **kwargs),
                                            require_synced=True)
    response = await record.wait_response()
    assert response.type == 8, response
    return response.data["choices"]


async def answered(record: InteractionRecord) -> dict[str, Any]:
    """The message the user finally sees: the response, or after a defer the follow-up that replaced it."""
    response = await record.wait_response()
    if response.type == 5:
        (followup,) = await record.wait_followups(1)
        return followup.message
    assert record.original_message is not None
    return record.original_message


def text_of(message: dict[str, Any]) -> str:
    """Everything a reader sees in a message: content and every embed part."""
    parts = [message.get("content") or ""]
    for embed in message.get("embeds") or []:
        parts += [embed.get("title") or "", embed.get("description") or "", (embed.get("footer") or {}).get("text", "")]
        for field in embed.get("fields") or []:
            parts += [field["name"], field["value"]]
    return "\n".join(parts)


def buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for row in message.get("components") or [] for c in row.get("components") or []]


def button(message: dict[str, Any], label: str) -> dict[str, Any]:
    return next(b for b in buttons(message) if b.get("label") == label)


def assert_never_pings(standin: DiscordStandin) -> None:
    """Every request that could carry a message said allowed_mentions: none."""
    checked = 0
    for request in standin.requests:
        if request.method in ("POST", "PATCH") and ROUTE_WITH_MESSAGE.search(request.path):
            body = request.body if isinstance(request.body, dict) else {}
            data = body.get("data", body) if "/callback" in request.path else body
            if "/callback" in request.path and body.get("type") in (1, 5, 6, 8, 9):
                continue  # pongs, defers and autocomplete carry no message
            assert data.get("allowed_mentions") == {"parse": []}, (request.path[:60], data)
            checked += 1
    assert checked, "no message was sent at all"


def assert_no_raw_pings(message: dict[str, Any]) -> None:
    """Belt and braces beside allowed_mentions: quoted mentions render inert in what we send."""
    assert not RAW_PING.search(message.get("content") or ""), message.get("content")
    for embed in message.get("embeds") or []:
        assert not RAW_PING.search(text_of({"embeds": [embed]})), embed
