"""Builders for INTERACTION_CREATE payloads, shaped as Discord (API v10) sends them over the gateway.

    slash_command("brief", {"topic": "tariffs"}, user=ADMIN)
    autocomplete("brief", {"topic": "tar"}, focused="topic")
    button_click("confirm", message=record.original_message)

Options may be a dict (types inferred: str 3, int 4, bool 5, float 10) or a list of `opt(...)` for
explicit types (user 6, channel 7, role 8, ...). When the command was synced to the stand-in,
`send_interaction` also fixes option types from the registered schema, fills `data.id`/`data.guild_id`
and the `resolved` objects, exactly as Discord would.
"""

from __future__ import annotations

import base64
import copy
import secrets
from typing import Any

from .world import DEFAULT_WORLD, Person, World, new_snowflake

ADMIN = DEFAULT_WORLD.admin  # has the Moderator role: MANAGE_GUILD (0x20) among others
MEMBER = DEFAULT_WORLD.member  # only @everyone's basic permissions
OWNER = DEFAULT_WORLD.owner  # guild owner: every permission bit
ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024  # unboosted guild
_GUILD = object()  # sentinel: "the world's guild"
Options = dict[str, Any] | list[dict[str, Any]] | None


def opt(name: str, value: Any, type: int | None = None, *, focused: bool = False) -> dict[str, Any]:
    """One chat-input option as Discord sends it. `type` is inferred from `value` when omitted."""
    if type is None:
        type = 5 if isinstance(value, bool) else 4 if isinstance(value, int) else 10 if isinstance(value, float) else 3
    option: dict[str, Any] = {"name": name, "type": type, "value": value}
    if focused:
        option["focused"] = True
    return option


def slash_command(
    name: str,
    options: Options = None,
    *,
    subcommand: str | None = None,
    user: Person | str = MEMBER,
    member_permissions: int | str | None = None,
    guild_id: Any = _GUILD,
    channel_id: str | None = None,
    locale: str = "en-US",
    command_id: str | None = None,
    resolved: dict[str, Any] | None = None,
    world: World = DEFAULT_WORLD,
) -> dict[str, Any]:
    """APPLICATION_COMMAND (type 2) for a CHAT_INPUT command. `subcommand` may be "sub" or "group sub".
    `guild_id=None` makes it a DM interaction (user instead of member, context 1)."""
    data = _command_data(name, _options(options), subcommand, command_id, resolved)
    return _interaction(2, data, user, member_permissions, guild_id, channel_id, locale, world)


def autocomplete(
    name: str,
    options: Options = None,
    *,
    focused: str | None = None,
    subcommand: str | None = None,
    user: Person | str = MEMBER,
    member_permissions: int | str | None = None,
    guild_id: Any = _GUILD,
    channel_id: str | None = None,
    locale: str = "en-US",
    world: World = DEFAULT_WORLD,
) -> dict[str, Any]:
    """APPLICATION_COMMAND_AUTOCOMPLETE (type 4). Exactly one option carries `focused: true` (default: the
    last one); its value is the partial text typed so far, always a string."""
    opts = _options(options)
    if not opts:
        raise ValueError("autocomplete needs at least the focused option")
    target = next((o for o in opts if o["name"] == focused), None) if focused else opts[-1]
    if target is None:
        raise ValueError(f"focused option {focused!r} is not among {[o['name'] for o in opts]}")
    target["focused"] = True
    target["value"] = str(target["value"])
    data = _command_data(name, opts, subcommand, None, None)
    return _interaction(4, data, user, member_permissions, guild_id, channel_id, locale, world)


def button_click(
    custom_id: str,
    message: dict[str, Any],
    *,
    user: Person | str = MEMBER,
    member_permissions: int | str | None = None,
    locale: str = "en-US",
    world: World = DEFAULT_WORLD,
) -> dict[str, Any]:
    """MESSAGE_COMPONENT (type 3) for a button, carrying the full message the button was on
    (e.g. `record.original_message` or `followup.message` from the stand-in)."""
    data = {"custom_id": custom_id, "component_type": 2}
    return _component(data, message, user, member_permissions, locale, world)


def select_menu(
    custom_id: str,
    values: list[str],
    message: dict[str, Any],
    *,
    component_type: int = 3,
    user: Person | str = MEMBER,
    locale: str = "en-US",
    world: World = DEFAULT_WORLD,
) -> dict[str, Any]:
    """MESSAGE_COMPONENT (type 3) for a string select (component_type 3) or entity selects (5-8)."""
    data = {"custom_id": custom_id, "component_type": component_type, "values": list(values)}
    return _component(data, message, user, None, locale, world)


def modal_submit(
    custom_id: str,
    values: dict[str, str],
    *,
    message: dict[str, Any] | None = None,
    user: Person | str = MEMBER,
    locale: str = "en-US",
    world: World = DEFAULT_WORLD,
) -> dict[str, Any]:
    """MODAL_SUBMIT (type 5): text inputs keyed by custom_id, each in its own action row."""
    rows = [{"type": 1, "components": [{"type": 4, "custom_id": k, "value": v}]} for k, v in values.items()]
    channel = message["channel_id"] if message else None
    payload = _interaction(5, {"custom_id": custom_id, "components": rows}, user, None, _GUILD, channel, locale, world)
    if message is not None:
        payload["message"] = copy.deepcopy(message)
    return payload


# -- shared pieces -------------------------------------------------------------------------------
def interaction_token(interaction_id: str) -> str:
    """Real tokens are long base64url strings starting with base64('interaction:')."""
    raw = f"interaction:{interaction_id}:{secrets.token_urlsafe(120)}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def resolve_option(world: World, resolved: dict[str, Any], option_type: int, value: str) -> None:
    """Adds the `resolved` entries Discord attaches for user/channel/role/mentionable option values."""
    person = world.person(value)
    if option_type in (6, 9) and person is not None:
        resolved.setdefault("users", {})[value] = person.user()
        member = {**world.member_payload(person, with_user=False), "permissions": str(world.permissions_of(person))}
        resolved.setdefault("members", {})[value] = member
    elif option_type in (8, 9):
        role = next((r for r in world.roles() if r["id"] == value), None)
        if role is not None:
            resolved.setdefault("roles", {})[value] = role
    elif option_type == 7 and world.channel(value) is not None:
        resolved.setdefault("channels", {})[value] = world.interaction_channel(value, world.bot)


def _options(options: Options) -> list[dict[str, Any]]:
    if options is None:
        return []
    if isinstance(options, dict):
        return [opt(k, v) for k, v in options.items()]
    return copy.deepcopy(list(options))


def _command_data(name: str, options: list[dict[str, Any]], subcommand: str | None, command_id: str | None,
                  resolved: dict[str, Any] | None) -> dict[str, Any]:
    parts = (subcommand or "").split()
    if len(parts) > 2:
        raise ValueError("subcommand is 'sub' or 'group sub'")
    if parts:  # the innermost wrapper is the subcommand (type 1), an outer one the group (type 2)
        options = [{"name": parts[-1], "type": 1, **({"options": options} if options else {})}]
        if len(parts) == 2:
            options = [{"name": parts[0], "type": 2, "options": options}]
    data: dict[str, Any] = {"id": command_id or new_snowflake(), "name": name, "type": 1}
    if options:
        data["options"] = options
    if resolved:
        data["resolved"] = resolved
    return data


def _person(user: Person | str, world: World) -> Person:
    if isinstance(user, Person):
        return user
    return {"admin": world.admin, "member": world.member, "owner": world.owner}[user]


def _component(data: dict[str, Any], message: dict[str, Any], user: Person | str, perms: int | str | None,
               locale: str, world: World) -> dict[str, Any]:
    payload = _interaction(3, data, user, perms, _GUILD, message["channel_id"], locale, world)
    payload["message"] = copy.deepcopy(message)
    return payload


def _interaction(itype: int, data: dict[str, Any], user: Person | str, perms: int | str | None, guild_id: Any,
                 channel_id: str | None, locale: str, world: World) -> dict[str, Any]:
    person = _person(user, world)
    iid = new_snowflake()
    payload: dict[str, Any] = {
        "id": iid, "application_id": world.application_id, "type": itype, "data": data,
        "token": interaction_token(iid), "version": 1, "locale": locale,
        "app_permissions": str(world.permissions_of(world.bot)), "entitlements": [], "entitlement_sku_ids": [],
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
    }
    if guild_id is None:  # DM with the bot
        cid = channel_id or new_snowflake()
        payload.update(
            context=1, user=person.user(), channel_id=cid, authorizing_integration_owners={"0": "0"},
            channel={"id": cid, "type": 1, "last_message_id": None, "flags": 0, "recipients": [person.user()]},
        )
        return payload
    gid = world.guild_id if guild_id is _GUILD else str(guild_id)
    cid = channel_id or world.general_channel_id
    permissions = world.permissions_of(person) if perms is None else int(perms)
    payload.update(
        context=0, guild_id=gid, guild_locale="en-US", guild={"id": gid, "locale": "en-US", "features": []},
        authorizing_integration_owners={"0": gid}, channel_id=cid,
        channel={**world.interaction_channel(cid, person), "permissions": str(permissions)},
        member={**world.member_payload(person), "permissions": str(permissions)},
    )
    return payload
