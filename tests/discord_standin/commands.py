"""Registered application commands, and binding test payloads to them the way Discord does."""

from __future__ import annotations

import copy
from typing import Any

from .payloads import resolve_option
from .world import World, new_snowflake


class CommandRegistry:
    def __init__(self, world: World) -> None:
        self.world = world
        self.scopes: dict[str | None, list[dict[str, Any]]] = {}  # None = global, else guild ID
        self.syncs: list[tuple[str | None, list[dict[str, Any]]]] = []  # every accepted bulk overwrite

    def get(self, name: str, *, guild_id: str | None = None, type: int = 1) -> dict[str, Any] | None:
        return next((c for c in self.scopes.get(guild_id, []) if c["name"] == name and c["type"] == type), None)

    def overwrite(self, scope: str | None, body: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """PUT .../commands (already validated): replaces the scope; a surviving name keeps its ID, like Discord."""
        previous = {(c["type"], c["name"]): c["id"] for c in self.scopes.get(scope, [])}
        self.scopes[scope] = [self._stored(cmd, scope, previous) for cmd in body]
        self.syncs.append((scope, copy.deepcopy(body)))
        return self.scopes[scope]

    def _stored(self, cmd: dict[str, Any], scope: str | None, previous: dict[tuple[int, str], str]) -> dict[str, Any]:
        kind = cmd.get("type", 1)
        perms = cmd.get("default_member_permissions")
        out = {
            "id": previous.get((kind, cmd["name"])) or new_snowflake(),
            "application_id": self.world.application_id, "version": new_snowflake(), "type": kind,
            "name": cmd["name"], "description": cmd.get("description", ""),
            "default_member_permissions": None if perms is None else str(perms), "nsfw": bool(cmd.get("nsfw")),
            "contexts": cmd.get("contexts"), "integration_types": cmd.get("integration_types") or [0],
        }
        if cmd.get("options"):
            out["options"] = copy.deepcopy(cmd["options"])
        if scope is None:
            out["dm_permission"] = cmd.get("dm_permission", True)
        else:
            out["guild_id"] = scope
        return out

    def bind(self, payload: dict[str, Any], *, require: bool) -> None:
        """Fills what Discord derives from the registered command: data.id, data.guild_id (guild commands
        only), option types and `resolved`. Raises for payloads the Discord client could never produce."""
        data = payload["data"]
        kind, gid = data.get("type", 1), payload.get("guild_id")
        cmd = self.get(data["name"], guild_id=gid, type=kind) if gid else None
        scope = gid if cmd else None
        cmd = cmd or self.get(data["name"], type=kind)
        if cmd is None:
            if require:
                known = sorted({c["name"] for cs in self.scopes.values() for c in cs})
                raise LookupError(f"/{data['name']} was never synced to the stand-in (synced: {known})")
            return
        data["id"] = cmd["id"]
        data.pop("guild_id", None)
        if scope is not None:
            data["guild_id"] = scope  # tells discord.py's CommandTree to look among guild commands
        if kind == 1:
            resolved: dict[str, Any] = {}
            self._bind_options(f"/{data['name']}", cmd.get("options") or [], data.get("options") or [],
                               resolved, partial=payload["type"] == 4)
            if resolved:
                data.setdefault("resolved", {}).update(resolved)

    def _bind_options(self, where: str, schema: list[dict[str, Any]], given: list[dict[str, Any]],
                      resolved: dict[str, Any], *, partial: bool) -> None:
        by_name = {o["name"]: o for o in schema}
        for option in given:
            spec = by_name.get(option["name"])
            if spec is None:
                raise ValueError(f"{where} has no option {option['name']!r} (has {sorted(by_name)})")
            option["type"] = spec["type"]
            if spec["type"] in (1, 2):
                self._bind_options(f"{where} {spec['name']}", spec.get("options") or [],
                                   option.get("options") or [], resolved, partial=partial)
                continue
            if option.get("focused"):  # partial text being typed: always a string, never checked
                continue
            value = option["value"]
            if spec["type"] in (6, 7, 8, 9, 11):  # snowflake-valued options arrive as strings
                option["value"] = value = str(value)
                resolve_option(self.world, resolved, spec["type"], value)
            choices = [c["value"] for c in spec.get("choices") or []]
            if choices and value not in choices:
                raise ValueError(f"{where} {option['name']}={value!r} is not one of the choices {choices}")
        if not partial and not any(o.get("type") in (1, 2) for o in schema):  # autocomplete may omit required ones
            names = {g["name"] for g in given}
            missing = [o["name"] for o in schema if o.get("required") and o["name"] not in names]
            if missing:
                raise ValueError(f"{where} is missing required option(s) {missing}")
