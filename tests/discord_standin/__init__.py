"""A local stand-in for Discord's REST API and gateway (API v10) for end-to-end tests of a discord.py bot."""

from . import payloads
from .records import CallbackRecord, InteractionRecord, MessageRecord, Violation
from .server import DiscordStandin
from .world import DEFAULT_WORLD, World

__all__ = [
    "DEFAULT_WORLD", "CallbackRecord", "DiscordStandin", "InteractionRecord", "MessageRecord", "Violation", "World",
    "payloads",
]
