"""Typed settings from the environment and `.env`. Built once in `main` and passed down."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[2]

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]


class SettingsError(Exception):
    """A bad setting: the message is one line that names the variable."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="BRIEFBOT_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        hide_input_in_errors=True,
    )

    # The token keeps the name everyone uses; SecretStr keeps it out of repr and logs.
    discord_token: SecretStr | None = Field(default=None, validation_alias="DISCORD_TOKEN")
    dev_guild_id: int | None = Field(default=None, gt=0)
    discord_api_base: str | None = None  # point discord.py at a local stand-in (tests, proxies)
    discord_gateway_url: str | None = None  # ...and its gateway: non-sharded bots never ask /gateway/bot
    database_path: Path = PROJECT_ROOT / "var" / "briefbot.sqlite3"
    database_read_only: bool = False  # serve a database nothing may write to (a read-only mount, a snapshot)
    write_wait_seconds: float = Field(default=60.0, ge=0)  # a write waits this long for another process's
    briefings_dir: Path = PROJECT_ROOT / "briefings"
    data_dir: Path = PROJECT_ROOT / "data"
    seeds_dir: Path = PROJECT_ROOT.parent / "shared" / "seeds"
    log_level: LogLevel = "INFO"
    log_file: Path | None = PROJECT_ROOT / "var" / "briefbot.log"
    digest_default_time: str = "08:00"
    digest_default_timezone: str = "UTC"
    digest_grace_hours: float = Field(default=6.0, ge=0, le=23)  # a digest missed while down is posted this late
    cooldown_seconds: float = Field(default=3.0, ge=0)
    warm_up: bool = True  # answer every briefing/person/article ahead at start-up and after a reload
    # answer lookups in a second process (bot/adapters/lookup_process.py), on a machine of two cores or more
    lookup_process: bool = True
    pager_timeout_seconds: float = Field(default=300.0, gt=0, le=840)  # < 15 min: the token must still edit
    ingest_accept_confidence: float = Field(default=0.85, ge=0, le=1)  # `ingest --apply` accepts claims this sure
    # news feeds (bot/feeds): how often, how politely, how much
    feeds_auto_accept: bool = False  # feed claims at least ingest_accept_confidence sure go live without review
    feeds_poll: bool = True  # the bot polls feeds in the background (`briefbot feeds poll` works either way)
    feeds_poll_minutes: float = Field(default=15.0, ge=1, le=1440)
    feeds_timeout_seconds: float = Field(default=20.0, gt=0, le=300)
    feeds_max_bytes: int = Field(default=5 * 2**20, ge=64 * 1024)
    feeds_concurrency: int = Field(default=8, ge=1, le=64)
    feeds_pause_after_failures: int = Field(default=5, ge=1, le=100)
    feeds_first_poll_hours: float = Field(default=24.0, ge=0)

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("discord_token", mode="before")
    @classmethod
    def _clean_token(cls, value: object) -> object:
        """A token pasted with a trailing newline or spaces works; one with a break or space inside is refused
        (it was pasted with something else, and would fail later as an obscure HTTP header error)."""
        if not isinstance(value, str):
            return value
        value = value.strip()
        if not value:
            return None
        if any(ch.isspace() for ch in value):
            raise ValueError("has a line break or space inside it; paste the token alone, on one line")
        return value

    @field_validator("database_path", mode="before")
    @classmethod
    def _named_file(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            raise ValueError("is empty; name the SQLite file, e.g. var/briefbot.sqlite3 (or leave it unset)")
        return value

    @field_validator("dev_guild_id", "log_file", "discord_api_base", "discord_gateway_url", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("digest_default_time")
    @classmethod
    def _hh_mm(cls, value: str) -> str:
        if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value):
            raise ValueError("must be a 24-hour time HH:MM, e.g. 08:00")
        return value

    @field_validator("digest_default_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("must be an IANA time zone such as Europe/Berlin or America/Mexico_City") from None
        return value

    @property
    def token(self) -> str | None:
        return self.discord_token.get_secret_value() if self.discord_token else None


def _env_name(field: str) -> str:
    if any(info.validation_alias == field for info in Settings.model_fields.values()):
        return field  # pydantic reports an aliased field by its alias: DISCORD_TOKEN
    info = Settings.model_fields.get(field)
    if info is not None and isinstance(info.validation_alias, str):
        return info.validation_alias
    return f"BRIEFBOT_{field.upper()}"


def load_settings(**overrides: object) -> Settings:
    """Build settings, turning pydantic's report into one clear line per bad variable."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        lines = []
        for error in exc.errors():
            field = str(error["loc"][0]) if error["loc"] else "?"
            message = error["msg"].removeprefix("Value error, ")
            lines.append(f"setting {_env_name(field)}: {message}")
        raise SettingsError("; ".join(lines)) from None
