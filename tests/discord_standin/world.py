"""The fixed cast the stand-in serves: one application/bot, one guild, its channels, roles and people.

IDs are real-looking snowflakes derived from fixed dates, so they are stable across runs (tests can
hard-code them via `DEFAULT_WORLD`) while still having the 18-19 digit shape discord.py expects.
Payload shapes follow Discord API v10 as delivered today (user, member, role, channel, guild objects).
"""

from __future__ import annotations

import itertools
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import discord

DISCORD_EPOCH_MS = 1420070400000
_counter = itertools.count()
_lock = threading.Lock()


def snowflake_at(when: datetime, increment: int = 0, worker: int = 1) -> str:
    ms = int(when.timestamp() * 1000) - DISCORD_EPOCH_MS
    return str((ms << 22) | (worker << 17) | (increment & 0xFFF))


def new_snowflake() -> str:
    """A fresh, unique snowflake for 'now' (19 digits in the 2020s), like interaction/message IDs."""
    with _lock:
        inc = next(_counter)
    ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
    return str((ms << 22) | (2 << 17) | (inc & 0x1FFFF))


def iso(when: datetime | None = None) -> str:
    return (when or datetime.now(UTC)).isoformat(timespec="microseconds")


def _fixed(year: int, month: int, inc: int) -> str:
    return snowflake_at(datetime(year, month, 3, 14, 15, 9, tzinfo=UTC), inc)


P = discord.Permissions
# What a fresh guild gives @everyone (Discord's default role permissions, trimmed to the usual set).
EVERYONE_PERMS = P(
    create_instant_invite=True, add_reactions=True, stream=True, view_channel=True, send_messages=True,
    embed_links=True, attach_files=True, read_message_history=True, mention_everyone=False,
    external_emojis=True, connect=True, speak=True, use_voice_activation=True, change_nickname=True,
    use_application_commands=True, create_public_threads=True, create_private_threads=True,
    send_messages_in_threads=True, external_stickers=True, use_embedded_activities=True,
).value
MODERATOR_PERMS = P(
    manage_guild=True, manage_messages=True, kick_members=True, moderate_members=True, view_audit_log=True,
    manage_threads=True, mention_everyone=True,
).value
BOT_ROLE_PERMS = P(
    view_channel=True, send_messages=True, embed_links=True, attach_files=True, read_message_history=True,
    add_reactions=True, external_emojis=True, use_application_commands=True, send_messages_in_threads=True,
).value
ALL_PERMS = P.all().value
# Application flags a verified-less bot with privileged intents toggled on typically has:
# GATEWAY_GUILD_MEMBERS_LIMITED | GATEWAY_MESSAGE_CONTENT_LIMITED | APPLICATION_COMMAND_BADGE
APP_FLAGS = (1 << 15) | (1 << 19) | (1 << 23)


@dataclass(frozen=True)
class Person:
    id: str
    username: str
    global_name: str | None
    role_ids: tuple[str, ...] = ()
    bot: bool = False

    def user(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id, "username": self.username, "global_name": self.global_name, "discriminator": "0",
            "avatar": None, "avatar_decoration_data": None, "public_flags": 0, "primary_guild": None,
            "collectibles": None, "clan": None,
        }
        if self.bot:
            data["bot"] = True
        return data


@dataclass(frozen=True)
class ExtraGuild:
    """One of a multi-guild world's further servers: @everyone, the bot's managed role, one text channel the
    bot can post in. The owner is the world's owner; the bot is its only other member."""

    guild_id: str
    channel_id: str
    bot_role_id: str
    name: str


@dataclass
class World:
    """Everything the stand-in knows about; `DEFAULT_WORLD` is shared by the server and payload builders.

    `World(extra_guild_count=N)` adds N small guilds (`world.extra_guilds`, `world.guild_ids`), announced in READY
    and each by its own GUILD_CREATE, like a bot that is in many servers."""

    application_id: str = field(default_factory=lambda: _fixed(2023, 5, 0))
    guild_id: str = field(default_factory=lambda: _fixed(2021, 9, 0))
    guild_name: str = "Stand-in Guild"
    joined_at: datetime = field(default_factory=lambda: datetime(2023, 5, 4, 12, 0, tzinfo=UTC))
    extra_guild_count: int = 0

    def __post_init__(self) -> None:
        g = self.guild_id
        self.moderator_role_id = _fixed(2021, 9, 1)
        self.bot_role_id = _fixed(2023, 5, 2)
        self.category_id = _fixed(2021, 9, 2)
        self.general_channel_id = _fixed(2021, 9, 3)
        self.briefings_channel_id = _fixed(2021, 9, 4)
        # Modern bot users share the application's ID.
        self.bot = Person(self.application_id, "StandinBot", None, (self.bot_role_id,), bot=True)
        self.owner = Person(_fixed(2017, 2, 0), "olivia.owner", "Olivia")
        self.admin = Person(_fixed(2019, 7, 0), "maria.mod", "Maria", (self.moderator_role_id,))
        self.member = Person(_fixed(2020, 11, 0), "mike.member", "Mike")
        self.people = [self.owner, self.admin, self.member, self.bot]
        self.channel_ids = [self.general_channel_id, self.briefings_channel_id]
        self._role_perms = {g: EVERYONE_PERMS, self.moderator_role_id: MODERATOR_PERMS, self.bot_role_id: BOT_ROLE_PERMS}
        # Snowflakes a minute apart from 2022 on: unique, stable, and spread over shards ((id >> 22) % n).
        base = datetime(2022, 3, 1, tzinfo=UTC)
        self.extra_guilds = [
            ExtraGuild(snowflake_at(base + timedelta(minutes=i), 0, worker=5),
                       snowflake_at(base + timedelta(minutes=i), 1, worker=5),
                       snowflake_at(base + timedelta(minutes=i), 2, worker=5), f"Server {i + 1}")
            for i in range(self.extra_guild_count)
        ]
        self._extra_by_guild = {e.guild_id: e for e in self.extra_guilds}
        self._extra_by_channel = {e.channel_id: e for e in self.extra_guilds}

    @property
    def guild_ids(self) -> list[str]:
        """Every guild the bot is in: the main one first."""
        return [self.guild_id, *(e.guild_id for e in self.extra_guilds)]

    def extra_guild(self, guild_id: str) -> ExtraGuild | None:
        return self._extra_by_guild.get(str(guild_id))

    # -- objects ---------------------------------------------------------------------------------
    def person(self, user_id: str) -> Person | None:
        return next((p for p in self.people if p.id == str(user_id)), None)

    def permissions_of(self, person: Person) -> int:
        if person.id == self.owner.id:
            return ALL_PERMS  # the owner implicitly has every permission
        perms = self._role_perms[self.guild_id]
        for rid in person.role_ids:
            perms |= self._role_perms.get(rid, 0)
        return ALL_PERMS if perms & P(administrator=True).value else perms

    def member_payload(self, person: Person, *, with_user: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "nick": None, "avatar": None, "banner": None, "roles": list(person.role_ids),
            "joined_at": iso(self.joined_at), "premium_since": None, "deaf": False, "mute": False,
            "flags": 0, "pending": False, "communication_disabled_until": None, "unusual_dm_activity_until": None,
        }
        if with_user:
            data["user"] = person.user()
        return data

    def roles(self) -> list[dict[str, Any]]:
        def role(rid: str, name: str, pos: int, perms: int, **extra: Any) -> dict[str, Any]:
            return {
                "id": rid, "name": name, "description": None, "color": 0,
                "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
                "hoist": False, "icon": None, "unicode_emoji": None, "position": pos, "permissions": str(perms),
                "managed": False, "mentionable": False, "flags": 0, **extra,
            }

        return [
            role(self.guild_id, "@everyone", 0, EVERYONE_PERMS),
            role(self.moderator_role_id, "Moderator", 2, MODERATOR_PERMS, hoist=True),
            role(self.bot_role_id, self.bot.username, 1, BOT_ROLE_PERMS, managed=True,
                 tags={"bot_id": self.application_id}),
        ]

    def channel(self, channel_id: str) -> dict[str, Any] | None:
        if (extra := self._extra_by_channel.get(channel_id)) is not None:
            return {
                "id": channel_id, "type": 0, "guild_id": extra.guild_id, "name": "digests", "position": 0,
                "permission_overwrites": [], "parent_id": None, "nsfw": False, "topic": None,
                "rate_limit_per_user": 0, "last_message_id": None, "last_pin_timestamp": None, "flags": 0,
                "icon_emoji": None, "theme_color": None,
            }
        names = {self.general_channel_id: ("general", 0), self.briefings_channel_id: ("briefings", 1)}
        if channel_id == self.category_id:
            return {"id": self.category_id, "type": 4, "guild_id": self.guild_id, "name": "Text Channels",
                    "position": 0, "permission_overwrites": [], "parent_id": None, "nsfw": False, "flags": 0}
        if channel_id not in names:
            return None
        name, pos = names[channel_id]
        return {
            "id": channel_id, "type": 0, "guild_id": self.guild_id, "name": name, "position": pos,
            "permission_overwrites": [], "parent_id": self.category_id, "nsfw": False, "topic": None,
            "rate_limit_per_user": 0, "last_message_id": None, "last_pin_timestamp": None, "flags": 0,
            "icon_emoji": None, "theme_color": None,
        }

    def interaction_channel(self, channel_id: str, person: Person) -> dict[str, Any]:
        """The partial channel object inside an interaction: adds the invoker's computed `permissions`."""
        ch = self.channel(channel_id) or {}
        keep = ("id", "name", "type", "last_message_id", "last_pin_timestamp", "nsfw", "parent_id", "guild_id",
                "flags", "rate_limit_per_user", "topic", "position")
        return {**{k: ch[k] for k in keep if k in ch}, "permissions": str(self.permissions_of(person))}

    def guild_create(self, *, include_members: bool) -> dict[str, Any]:
        """GUILD_CREATE as sent after READY. Without GUILD_PRESENCES Discord only includes the bot itself."""
        shown = self.people if include_members else [self.bot]
        return {
            "id": self.guild_id, "name": self.guild_name, "icon": None, "icon_hash": None, "splash": None,
            "discovery_splash": None, "banner": None, "description": None, "owner_id": self.owner.id,
            "afk_channel_id": None, "afk_timeout": 300, "verification_level": 1, "default_message_notifications": 1,
            "explicit_content_filter": 2, "roles": self.roles(), "emojis": [], "stickers": [], "features": [],
            "mfa_level": 0, "application_id": None, "system_channel_id": self.general_channel_id,
            "system_channel_flags": 0, "rules_channel_id": None, "public_updates_channel_id": None,
            "safety_alerts_channel_id": None, "max_members": 500000, "max_video_channel_users": 25,
            "max_stage_video_channel_users": 50, "vanity_url_code": None, "premium_tier": 0,
            "premium_subscription_count": 0, "preferred_locale": "en-US", "nsfw_level": 0, "nsfw": False,
            "premium_progress_bar_enabled": False, "incidents_data": None, "hub_type": None,
            "latest_onboarding_question_id": None, "home_header": None,
            "joined_at": iso(self.joined_at), "large": False, "unavailable": False, "lazy": True,
            "member_count": len(self.people), "voice_states": [], "presences": [], "threads": [],
            "stage_instances": [], "guild_scheduled_events": [], "soundboard_sounds": [],
            "members": [self.member_payload(p) for p in shown],
            "channels": [self.channel(c) for c in (self.category_id, *self.channel_ids)],
        }

    def guild_create_for(self, guild_id: str, *, include_members: bool) -> dict[str, Any]:
        """GUILD_CREATE for any of the world's guilds (the main one, or an extra one)."""
        extra = self.extra_guild(guild_id)
        if extra is None:
            return self.guild_create(include_members=include_members)
        data = self.guild_create(include_members=False)
        everyone, _, bot_role = self.roles()
        bot_member = {**self.member_payload(self.bot), "roles": [extra.bot_role_id]}
        data.update(
            id=extra.guild_id, name=extra.name, system_channel_id=extra.channel_id, member_count=2,
            roles=[{**everyone, "id": extra.guild_id}, {**bot_role, "id": extra.bot_role_id}],
            members=[bot_member], channels=[self.channel(extra.channel_id)],
        )
        return data

    def client_user(self) -> dict[str, Any]:
        """GET /users/@me and READY.user: the bot's own (private) user object."""
        return {**self.bot.user(), "verified": True, "mfa_enabled": False, "locale": "en-US", "flags": 0,
                "email": None, "bio": "", "banner": None, "accent_color": None}

    def application(self, verify_key: str) -> dict[str, Any]:
        """GET /oauth2/applications/@me."""
        return {
            "id": self.application_id, "name": self.bot.username, "icon": None, "description": "", "summary": "",
            "type": None, "hook": True, "bot_public": False, "bot_require_code_grant": False,
            "verify_key": verify_key, "flags": APP_FLAGS, "owner": self.owner.user(), "team": None,
            "bot": self.bot.user(), "redirect_uris": [], "interactions_endpoint_url": None,
            "approximate_guild_count": 1, "tags": [], "rpc_origins": [],
            "integration_types_config": {"0": {}},
        }


DEFAULT_WORLD = World()
