"""Discord's documented request limits (API v10), checked the way the real API rejects them.

Each check appends (path, code, message) to a `Problems`; `Problems.error_body()` renders Discord's
nested "Invalid Form Body" (code 50035) shape, e.g. {"data": {"embeds": {"0": {"title": {"_errors": [...]}}}}},
which discord.py flattens into `HTTPException.text` as "In data.embeds.0.title: Must be 256 or fewer in length."
Lengths are counted in Unicode code points (Python `len`), as Discord does for these fields.
"""

from __future__ import annotations

import re
from typing import Any

# Command/option names: Discord's regex is ^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$ (unicode);
# Python's \w covers letters, digits and underscore, close enough for bot-authored names.
NAME_RE = re.compile(r"^[-_'\w]{1,32}$")
EPHEMERAL, LOADING, COMPONENTS_V2 = 1 << 6, 1 << 7, 1 << 15
CALLBACK_FLAGS = (1 << 2) | EPHEMERAL | (1 << 12) | (1 << 13) | COMPONENTS_V2
SELECT_TYPES = {3, 5, 6, 7, 8}
V2_TOP_LEVEL = {1, 9, 10, 12, 13, 14, 17}
COMMAND_LIMITS = {1: 100, 2: 5, 3: 5}  # per scope: CHAT_INPUT, USER, MESSAGE
COMMAND_MAX_CHARS = 8000  # combined name/description/value chars per command (docs raised 4000 -> 8000)


class Problems:
    def __init__(self) -> None:
        self.items: list[tuple[tuple[Any, ...], str, str]] = []

    def __bool__(self) -> bool:
        return bool(self.items)

    def add(self, path: tuple[Any, ...], code: str, message: str) -> None:
        self.items.append((path, code, message))

    def max_len(self, path: tuple[Any, ...], value: Any, limit: int, *, required: bool = False) -> None:
        if value is None:
            if required:
                self.add(path, "BASE_TYPE_REQUIRED", "This field is required")
            return
        if not isinstance(value, str):
            self.add(path, "STRING_TYPE_CONVERT", "Could not interpret the value as string.")
        elif required and not value.strip():
            self.add(path, "BASE_TYPE_REQUIRED", "This field is required")
        elif len(value) > limit:
            self.add(path, "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")

    def between(self, path: tuple[Any, ...], value: Any, lo: int, hi: int) -> None:
        if not isinstance(value, str) or not lo <= len(value) <= hi:
            self.add(path, "BASE_TYPE_BAD_LENGTH", f"Must be between {lo} and {hi} in length.")

    def max_items(self, path: tuple[Any, ...], items: Any, limit: int) -> list[Any]:
        if items is None:
            return []
        if not isinstance(items, list):
            self.add(path, "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType")
            return []
        if len(items) > limit:
            self.add(path, "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")
        return items

    def summary(self) -> str:
        return "; ".join(f"{'.'.join(map(str, p)) or '<body>'}: {m}" for p, _, m in self.items)

    def error_body(self) -> dict[str, Any]:
        errors: dict[str, Any] = {}
        for path, code, message in self.items:
            node = errors
            for key in path:
                node = node.setdefault(str(key), {})
            node.setdefault("_errors", []).append({"code": code, "message": message})
        return {"message": "Invalid Form Body", "code": 50035, "errors": errors}


# -- messages ------------------------------------------------------------------------------------
def check_message(p: Problems, body: dict[str, Any], path: tuple[Any, ...] = ()) -> None:
    """Create/edit message bodies: channel messages, callback data (type 4/7), webhooks/followups."""
    p.max_len((*path, "content"), body.get("content"), 2000)
    embeds = p.max_items((*path, "embeds"), body.get("embeds"), 10)
    total = 0
    for i, embed in enumerate(embeds):
        total += check_embed(p, embed, (*path, "embeds", i))
    if total > 6000:
        p.add((*path, "embeds"), "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000")
    flags = body.get("flags") or 0
    v2 = bool(flags & COMPONENTS_V2)
    if v2:
        for key in ("content", "embeds", "poll", "sticker_ids"):
            if body.get(key):
                p.add((*path, key), "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2",
                      f"The '{key}' field cannot be used when using MessageFlags.IS_COMPONENTS_V2")
    check_components(p, body.get("components"), (*path, "components"), v2=v2)
    check_allowed_mentions(p, body.get("allowed_mentions"), (*path, "allowed_mentions"))


def is_empty_message(msg: dict[str, Any]) -> bool:
    """Discord refuses (code 50006) a message with nothing to show."""
    return not any(msg.get(k) for k in ("content", "embeds", "components", "attachments", "sticker_ids", "poll"))


def _url(p: Problems, path: tuple[Any, ...], value: Any, *, attachment_ok: bool = False) -> None:
    if value is None:
        return
    schemes = ("http://", "https://", "attachment://") if attachment_ok else ("http://", "https://")
    if not isinstance(value, str) or not value.startswith(schemes) or len(value) > 2048:
        p.add(path, "URL_TYPE_INVALID_URL", "Not a well formed URL.")


def check_embed(p: Problems, embed: Any, path: tuple[Any, ...]) -> int:
    """Validates one embed and returns its character count toward the 6000 total."""
    if not isinstance(embed, dict):
        p.add(path, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType")
        return 0
    count = 0
    for key, limit in (("title", 256), ("description", 4096)):
        p.max_len((*path, key), embed.get(key), limit)
        count += len(embed.get(key) or "")
    _url(p, (*path, "url"), embed.get("url"))
    color = embed.get("color")
    if color is not None and not (isinstance(color, int) and 0 <= color <= 0xFFFFFF):
        p.add((*path, "color"), "NUMBER_TYPE_MAX", "int value should be less than or equal to 16777215.")
    fields = p.max_items((*path, "fields"), embed.get("fields"), 25)
    for i, field in enumerate(fields):
        fpath = (*path, "fields", i)
        p.max_len((*fpath, "name"), field.get("name"), 256, required=True)
        p.max_len((*fpath, "value"), field.get("value"), 1024, required=True)
        count += len(field.get("name") or "") + len(field.get("value") or "")
    if (footer := embed.get("footer")) is not None:
        p.max_len((*path, "footer", "text"), footer.get("text"), 2048, required=True)
        _url(p, (*path, "footer", "icon_url"), footer.get("icon_url"), attachment_ok=True)
        count += len(footer.get("text") or "")
    if (author := embed.get("author")) is not None:
        p.max_len((*path, "author", "name"), author.get("name"), 256, required=True)
        _url(p, (*path, "author", "url"), author.get("url"))
        _url(p, (*path, "author", "icon_url"), author.get("icon_url"), attachment_ok=True)
        count += len(author.get("name") or "")
    for key in ("image", "thumbnail"):
        if (media := embed.get(key)) is not None:
            _url(p, (*path, key, "url"), media.get("url"), attachment_ok=True)
    return count


def check_allowed_mentions(p: Problems, am: Any, path: tuple[Any, ...]) -> None:
    if am is None:
        return
    parse = am.get("parse") or []
    for i, kind in enumerate(parse):
        if kind not in ("roles", "users", "everyone"):
            p.add((*path, "parse", i), "BASE_TYPE_CHOICES", "Value must be one of {'everyone', 'roles', 'users'}.")
    for kind in ("users", "roles"):
        ids = p.max_items((*path, kind), am.get(kind), 100)
        if ids and kind in parse:
            p.add(path, "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE",
                  f'parse:["{kind}"] and {kind}: [ids...] are mutually exclusive.')


def check_components(p: Problems, comps: Any, path: tuple[Any, ...], *, v2: bool) -> None:
    if comps is None:
        return
    seen_ids: set[str] = set()
    stats = {"count": 0, "text": 0}
    top = p.max_items(path, comps, 40 if v2 else 5)
    for i, comp in enumerate(top):
        allowed = V2_TOP_LEVEL if v2 else {1}
        if comp.get("type") not in allowed:
            p.add((*path, i, "type"), "UNION_TYPE_CHOICES", f"Value of field \"type\" must be one of {sorted(allowed)}.")
            continue
        _check_component(p, comp, (*path, i), seen_ids, stats)
    if v2 and stats["count"] > 40:
        p.add(path, "MESSAGE_TOTAL_COMPONENTS_EXCEEDED", "Message has more than 40 total components.")
    if v2 and stats["text"] > 4000:
        p.add(path, "MESSAGE_TOTAL_TEXT_DISPLAY_LENGTH_EXCEEDED", "Text display content exceeds 4000 characters.")


def _check_component(p: Problems, c: dict[str, Any], path: tuple[Any, ...], ids: set[str], stats: dict[str, int]) -> None:
    stats["count"] += 1
    kind = c.get("type")
    if "custom_id" in c and c["custom_id"] is not None:
        cid = c["custom_id"]
        p.between((*path, "custom_id"), cid, 1, 100)
        if cid in ids:
            p.add((*path, "custom_id"), "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated")
        ids.add(cid)
    if kind == 1:  # action row: up to 5 buttons, or exactly one select
        children = c.get("components") or []
        if not children:
            p.add((*path, "components"), "BASE_TYPE_REQUIRED", "This field is required")
        has_select = any(ch.get("type") in SELECT_TYPES for ch in children)
        if len(children) > 5 or (has_select and len(children) > 1):
            p.add((*path, "components"), "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
                  "The specified component exceeds the maximum width")
        for j, ch in enumerate(children):
            _check_component(p, ch, (*path, "components", j), ids, stats)
    elif kind == 2:  # button
        style = c.get("style")
        p.max_len((*path, "label"), c.get("label"), 80)
        if style == 5:
            if not c.get("url"):
                p.add((*path, "url"), "BUTTON_COMPONENT_URL_REQUIRED", "A url is required")
            _url(p, (*path, "url"), c.get("url"))
            if c.get("custom_id"):
                p.add((*path, "custom_id"), "BUTTON_COMPONENT_CUSTOM_ID_AND_URL", "A custom id and url cannot both be specified")
        elif style == 6:
            if not c.get("sku_id"):
                p.add((*path, "sku_id"), "BASE_TYPE_REQUIRED", "This field is required")
        elif style in (1, 2, 3, 4):
            if not c.get("custom_id"):
                p.add((*path, "custom_id"), "BUTTON_COMPONENT_CUSTOM_ID_REQUIRED", "A custom id is required")
        else:
            p.add((*path, "style"), "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3, 4, 5, 6}.")
        if style != 6 and not c.get("label") and not c.get("emoji"):
            p.add(path, "BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED", "A label or emoji is required")
    elif kind in SELECT_TYPES:
        if not c.get("custom_id"):
            p.add((*path, "custom_id"), "BASE_TYPE_REQUIRED", "This field is required")
        p.max_len((*path, "placeholder"), c.get("placeholder"), 150)
        lo, hi = c.get("min_values", 1), c.get("max_values", 1)
        if not 0 <= lo <= 25 or not 1 <= hi <= 25 or lo > hi:
            p.add((*path, "max_values"), "BASE_TYPE_BAD_INT", "min_values/max_values must be within 0..25 and min <= max.")
        if kind == 3:
            opts = c.get("options") or []
            if not opts:
                p.add((*path, "options"), "BASE_TYPE_REQUIRED", "This field is required")
            p.max_items((*path, "options"), opts, 25)
            for j, o in enumerate(opts):
                p.between((*path, "options", j, "label"), o.get("label"), 1, 100)
                p.between((*path, "options", j, "value"), o.get("value"), 1, 100)
                p.max_len((*path, "options", j, "description"), o.get("description"), 100)
    elif kind == 10:  # text display
        stats["text"] += len(c.get("content") or "")
    for key in ("components",) if kind in (9, 17) else ():
        for j, ch in enumerate(c.get(key) or []):
            _check_component(p, ch, (*path, key, j), ids, stats)
    if kind == 9 and c.get("accessory"):
        _check_component(p, c["accessory"], (*path, "accessory"), ids, stats)


# -- interaction callbacks -----------------------------------------------------------------------
def check_autocomplete(p: Problems, data: Any) -> None:
    choices = p.max_items(("data", "choices"), (data or {}).get("choices"), 25)
    for i, ch in enumerate(choices):
        p.between(("data", "choices", i, "name"), ch.get("name"), 1, 100)
        value = ch.get("value")
        if isinstance(value, str):
            p.max_len(("data", "choices", i, "value"), value, 100)
        elif not isinstance(value, int | float) or isinstance(value, bool):
            p.add(("data", "choices", i, "value"), "BASE_TYPE_REQUIRED", "This field is required")


def check_modal(p: Problems, data: Any) -> None:
    data = data or {}
    p.between(("data", "custom_id"), data.get("custom_id"), 1, 100)
    p.between(("data", "title"), data.get("title"), 1, 45)
    comps = data.get("components") or []
    if not 1 <= len(comps) <= 5:
        p.add(("data", "components"), "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.")
    for i, row in enumerate(comps):
        inner = row.get("components") or ([row["component"]] if row.get("component") else [])
        if row.get("type") == 18:
            p.between(("data", "components", i, "label"), row.get("label"), 1, 45)
        for j, ti in enumerate(inner):
            path = ("data", "components", i, "components", j)
            if ti.get("type") == 4:
                p.between((*path, "custom_id"), ti.get("custom_id"), 1, 100)
                p.max_len((*path, "label"), ti.get("label"), 45)
                p.max_len((*path, "value"), ti.get("value"), 4000)
                p.max_len((*path, "placeholder"), ti.get("placeholder"), 100)


# -- application commands ------------------------------------------------------------------------
def check_commands(p: Problems, commands: Any) -> None:
    """Bulk overwrite body (PUT .../commands)."""
    if not isinstance(commands, list):
        p.add((), "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType")
        return
    seen: set[tuple[int, str]] = set()
    per_type: dict[int, int] = {}
    for i, cmd in enumerate(commands):
        kind = cmd.get("type", 1)
        per_type[kind] = per_type.get(kind, 0) + 1
        key = (kind, cmd.get("name"))
        if key in seen:
            p.add((i, "name"), "APPLICATION_COMMANDS_DUPLICATE_NAME", f"Application command names must be unique: {key[1]}")
        seen.add(key)
        _check_command(p, cmd, (i,))
    for kind, n in per_type.items():
        if n > COMMAND_LIMITS.get(kind, 1):
            p.add((), "APPLICATION_COMMAND_TOO_MANY", f"Maximum number of type {kind} commands ({COMMAND_LIMITS.get(kind, 1)}) reached")


def _check_command(p: Problems, cmd: dict[str, Any], path: tuple[Any, ...]) -> None:
    kind = cmd.get("type", 1)
    name = cmd.get("name")
    if kind == 1:
        _check_name(p, (*path, "name"), name)
        p.between((*path, "description"), cmd.get("description"), 1, 100)
        _check_options(p, cmd.get("options") or [], (*path, "options"), depth=0)
        if (size := _command_chars(cmd)) > COMMAND_MAX_CHARS:
            p.add(path, "APPLICATION_COMMAND_TOO_LARGE", f"Command exceeds maximum size ({COMMAND_MAX_CHARS}): {size}")
    elif kind in (2, 3):
        p.between((*path, "name"), name, 1, 32)
        if cmd.get("description"):
            p.add((*path, "description"), "APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION",
                  "Context menu commands cannot have description")
        if cmd.get("options"):
            p.add((*path, "options"), "APPLICATION_COMMAND_CONTEXT_MENU_OPTIONS", "Context menu commands cannot have options")
    else:
        p.add((*path, "type"), "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3}.")
    perms = cmd.get("default_member_permissions")
    if perms is not None and not str(perms).isdigit():
        p.add((*path, "default_member_permissions"), "NUMBER_TYPE_COERCE", f"Value \"{perms}\" is not snowflake.")


def _check_name(p: Problems, path: tuple[Any, ...], name: Any) -> None:
    if not isinstance(name, str) or not NAME_RE.match(name) or name != name.lower():
        p.add(path, "APPLICATION_COMMAND_INVALID_NAME", f"Command name is invalid: {name!r}")


def _check_options(p: Problems, options: Any, path: tuple[Any, ...], depth: int) -> None:
    options = p.max_items(path, options, 25)
    names: set[str] = set()
    subs = [o.get("type") in (1, 2) for o in options]
    if any(subs) and not all(subs):
        p.add(path, "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID", "Sub-command and sub-command group option types are mutually exclusive to all other types")
    optional_seen = False
    for i, opt in enumerate(options):
        o_path = (*path, i)
        kind = opt.get("type")
        _check_name(p, (*o_path, "name"), opt.get("name"))
        p.between((*o_path, "description"), opt.get("description"), 1, 100)
        if opt.get("name") in names:
            p.add((*o_path, "name"), "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS", "Option names must be unique")
        names.add(opt.get("name"))
        if kind == 2:
            if depth != 0:
                p.add((*o_path, "type"), "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID", "Sub-command groups can only be nested at the top level")
            if any(o.get("type") != 1 for o in opt.get("options") or []):
                p.add((*o_path, "options"), "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID", "Sub-command groups may only contain sub-commands")
            _check_options(p, opt.get("options") or [], (*o_path, "options"), depth + 1)
        elif kind == 1:
            if depth > 1:
                p.add((*o_path, "type"), "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID", "Sub-commands cannot be nested that deep")
            _check_options(p, opt.get("options") or [], (*o_path, "options"), 2)
        elif kind in range(3, 12):
            if opt.get("required"):
                if optional_seen:
                    p.add((*o_path, "required"), "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                          "Required options must be placed before non-required options")
            else:
                optional_seen = True
            _check_option_values(p, opt, o_path)
        else:
            p.add((*o_path, "type"), "BASE_TYPE_CHOICES", "Value must be one of 1..11.")


def _check_option_values(p: Problems, opt: dict[str, Any], path: tuple[Any, ...]) -> None:
    kind = opt.get("type")
    choices = opt.get("choices")
    if choices:
        if kind not in (3, 4, 10):
            p.add((*path, "choices"), "APPLICATION_COMMAND_OPTION_CHOICES_INVALID", "Choices are only allowed for string, integer and number options")
        if opt.get("autocomplete"):
            p.add((*path, "autocomplete"), "APPLICATION_COMMAND_AUTOCOMPLETE_CHOICES", "Autocomplete cannot be set with choices")
        p.max_items((*path, "choices"), choices, 25)
        for j, ch in enumerate(choices):
            p.between((*path, "choices", j, "name"), ch.get("name"), 1, 100)
            value = ch.get("value")
            if kind == 3:
                p.max_len((*path, "choices", j, "value"), value, 100, required=True)
            elif kind == 4 and (not isinstance(value, int) or isinstance(value, bool)):
                p.add((*path, "choices", j, "value"), "INTEGER_TYPE_COERCE", f"Value \"{value}\" is not int.")
    if opt.get("autocomplete") and kind not in (3, 4, 10):
        p.add((*path, "autocomplete"), "APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_INVALID", "Autocomplete is only allowed for string, integer and number options")
    for key, lo, hi in (("min_length", 0, 6000), ("max_length", 1, 6000)):
        if (v := opt.get(key)) is not None and not lo <= v <= hi:
            p.add((*path, key), "NUMBER_TYPE_MAX", f"{key} must be between {lo} and {hi}.")
    lo, hi = opt.get("min_value"), opt.get("max_value")
    if lo is not None and hi is not None and lo > hi:
        p.add((*path, "min_value"), "APPLICATION_COMMAND_OPTION_MIN_GREATER_THAN_MAX", "min_value must be less than max_value")


def _command_chars(node: dict[str, Any]) -> int:
    """Combined name + description + choice name/value chars, recursively (localizations: longest one)."""
    def longest(key: str) -> int:
        locs = node.get(f"{key}_localizations") or {}
        return max([len(str(node.get(key) or ""))] + [len(v) for v in locs.values() if isinstance(v, str)])

    total = longest("name") + longest("description")
    for ch in node.get("choices") or []:
        total += len(ch.get("name") or "") + (len(ch["value"]) if isinstance(ch.get("value"), str) else 0)
    return total + sum(_command_chars(o) for o in node.get("options") or [])
