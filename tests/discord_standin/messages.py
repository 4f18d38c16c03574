"""Message objects as Discord stores and returns them, and request bodies as discord.py sends them."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

from aiohttp import web

from .limits import COMPONENTS_V2, EPHEMERAL, LOADING
from .records import InteractionRecord, UploadedFile
from .world import World, iso, new_snowflake

SUPPRESS_EMBEDS = 1 << 2


class MessageStore:
    def __init__(self, world: World, base_url: Callable[[], str]) -> None:
        self.world = world
        self.base_url = base_url
        self.messages: dict[str, dict[str, Any]] = {}  # every message the bot created, by ID
        self.files: dict[str, UploadedFile] = {}  # attachment ID -> upload, served under /attachments/

    def create(self, channel_id: str, body: dict[str, Any], files: list[UploadedFile], *,
               record: InteractionRecord | None = None, flags: int | None = None, msg_type: int = 0) -> dict[str, Any]:
        mid = new_snowflake()
        message: dict[str, Any] = {
            "type": msg_type, "channel_id": channel_id, "content": body.get("content") or "",
            "attachments": self._attachments(channel_id, [], body.get("attachments"), files),
            "embeds": [{"type": "rich", **e} for e in body.get("embeds") or []],
            "mentions": [], "mention_roles": [], "pinned": False, "mention_everyone": False,
            "tts": bool(body.get("tts")), "timestamp": iso(), "edited_timestamp": None,
            "flags": (body.get("flags") or 0) if flags is None else flags,
            "components": copy.deepcopy(body.get("components") or []), "id": mid, "author": self.world.bot.user(),
        }
        if record is not None:
            message.update(self._interaction_fields(record))
        self.messages[mid] = message
        return message

    def edit(self, old: dict[str, Any], body: dict[str, Any], files: list[UploadedFile]) -> dict[str, Any]:
        """PATCH semantics: only the fields present change; ephemerality can't; any edit ends 'thinking...'."""
        new = copy.deepcopy(old)
        if "content" in body:
            new["content"] = body["content"] or ""
        if "embeds" in body:
            new["embeds"] = [{"type": "rich", **e} for e in body["embeds"] or []]
        if "components" in body:
            new["components"] = copy.deepcopy(body["components"] or [])
        if "attachments" in body or files:
            keep = body.get("attachments") if "attachments" in body else old.get("attachments", [])
            new["attachments"] = self._attachments(old["channel_id"], old.get("attachments", []), keep, files)
        flags = old.get("flags", 0) & (EPHEMERAL | COMPONENTS_V2)
        if body.get("flags") is not None:
            flags |= body["flags"] & (SUPPRESS_EMBEDS | COMPONENTS_V2)
        new["flags"] = flags & ~LOADING
        new["edited_timestamp"] = iso()
        if new["id"] in self.messages:
            self.messages[new["id"]] = new
        return new

    def _interaction_fields(self, record: InteractionRecord) -> dict[str, Any]:
        payload = record.payload
        invoker = (payload.get("member") or {}).get("user") or payload.get("user")
        meta: dict[str, Any] = {"id": record.id, "type": payload["type"], "user": invoker,
                                "authorizing_integration_owners": payload.get("authorizing_integration_owners", {})}
        fields: dict[str, Any] = {"application_id": self.world.application_id,
                                  "webhook_id": self.world.application_id, "interaction_metadata": meta}
        if payload["type"] == 2:
            command_type = payload["data"].get("type", 1)
            fields["type"] = 20 if command_type == 1 else 23  # CHAT_INPUT_COMMAND / CONTEXT_MENU_COMMAND
            meta.update(name=payload["data"]["name"], command_type=command_type)
            fields["interaction"] = {"id": record.id, "type": 2, "name": payload["data"]["name"], "user": invoker}
        elif payload.get("message"):
            meta["interacted_message_id"] = payload["message"]["id"]
        return fields

    def _attachments(self, channel_id: str, existing: list[dict[str, Any]], wanted: Any,
                     files: list[UploadedFile]) -> list[dict[str, Any]]:
        """attachments[] holds {id: N} for a new upload `files[N]`, or the ID of an attachment to keep."""
        out: list[dict[str, Any]] = []
        by_id = {a["id"]: a for a in existing}
        by_field = {f.field: f for f in files}
        used: set[str] = set()
        for item in wanted or []:
            key = str(item.get("id"))
            if key in by_id:
                out.append(by_id[key])
            elif (f := by_field.get(f"files[{key}]")) is not None:
                used.add(f.field)
                out.append(self._store_file(channel_id, f, item))
        # Uploads not listed in attachments[] are still attached.
        return out + [self._store_file(channel_id, f, {}) for f in files if f.field not in used]

    def _store_file(self, channel_id: str, f: UploadedFile, item: dict[str, Any]) -> dict[str, Any]:
        aid = new_snowflake()
        self.files[aid] = f
        name = item.get("filename") or f.filename
        url = f"{self.base_url()}/attachments/{channel_id}/{aid}/{name}"
        data = {"id": aid, "filename": name, "size": len(f.data), "url": url, "proxy_url": url,
                "content_type": f.content_type}
        if item.get("description"):
            data["description"] = item["description"]
        return data


async def read_body(request: web.Request) -> tuple[Any, list[UploadedFile]]:
    """JSON, or multipart/form-data with `payload_json` plus `files[n]` parts (discord.py's upload form).
    Raises ValueError for malformed JSON."""
    if request.content_type == "multipart/form-data":
        payload: Any = None
        fields: dict[str, str] = {}
        files: list[UploadedFile] = []
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            if part.filename is not None:
                data = await part.read()
                files.append(UploadedFile(part.name or "", part.filename, part.headers.get("Content-Type"), bytes(data)))
            elif part.name == "payload_json":
                payload = json.loads(await part.text())
            else:
                fields[part.name or ""] = await part.text()
        return (payload if payload is not None else fields or None), files
    raw = await request.read()
    return (json.loads(raw) if raw else None), []
