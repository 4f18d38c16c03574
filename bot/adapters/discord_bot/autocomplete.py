"""Autocomplete answers Discord always accepts, and never a failure the user sees.

Discord allows at most 25 choices, each named with 1–100 characters and valued with at most 100; it
shows "Loading options failed" when the bot answers late (3 s) or not at all. discord.py only logs an
exception raised by an autocomplete callback, so `guarded` answers with an empty list instead. Choices
for the same text are kept in the bot's answer cache: people type the same first letters.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable, Iterable
from datetime import UTC, datetime
from typing import Any

import discord
from discord import app_commands

from bot.render.limits import AUTOCOMPLETE_CHOICES, CHOICE_NAME, CHOICE_VALUE
from bot.render.text import clip

log = logging.getLogger(__name__)

BUDGET = 2.0  # seconds an autocomplete may take before we answer with nothing
ANSWER_BY = 2.5  # seconds after Discord created the interaction (3 s is Discord's limit)
MAX_TYPED = 200  # what a user typed so far, bounded before it reaches the core

Pairs = Iterable[tuple[str, str]]


def one_line(text: str) -> str:
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def to_choices(pairs: Pairs) -> list[app_commands.Choice[str]]:
    """(name, value) pairs as valid choices: names clipped with a marker, empty ones and repeats skipped."""
    choices: list[app_commands.Choice[str]] = []
    seen: set[str] = set()
    for name, value in pairs:
        name, value = clip(one_line(name), CHOICE_NAME), value.strip()[:CHOICE_VALUE]
        if not name or not value or value in seen:
            continue
        seen.add(value)
        choices.append(app_commands.Choice(name=name, value=value))
        if len(choices) == AUTOCOMPLETE_CHOICES:
            break
    return choices


def budget(interaction: discord.Interaction) -> float:
    """Time left to answer: less when the interaction already waited in a queue (Discord's clock)."""
    age = (datetime.now(UTC) - interaction.created_at).total_seconds()
    return min(BUDGET, max(0.05, ANSWER_BY - max(age, 0.0)))


def guarded(func: Callable[[Any, discord.Interaction, str], Awaitable[Pairs]]):
    """Decorate a cog's autocomplete method that returns (name, value) pairs."""

    @functools.wraps(func)
    async def wrapper(self: Any, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        typed = str(current or "")[:MAX_TYPED]

        async def choices() -> list[app_commands.Choice[str]]:
            return to_choices(await func(self, interaction, typed))

        cache = getattr(interaction.client, "answers", None)
        key = ("autocomplete", func.__qualname__, typed)
        try:
            async with asyncio.timeout(budget(interaction)):
                if cache is None:
                    return await choices()
                cached = cache.peek(key)
                return cached if cached is not None else await asyncio.shield(cache.compute(key, choices))
        except TimeoutError:
            log.warning("autocomplete %s took too long for %r; answered with no choices", func.__qualname__, typed)
        except Exception:
            log.exception("autocomplete %s failed for %r; answered with no choices", func.__qualname__, typed)
        return []

    return wrapper


async def topic_list_choices(core: Any, current: str) -> Pairs:
    """Several topics, comma-separated: complete the last one, keep the ones already chosen."""
    done, _, typing = current.rpartition(",")
    prefix = f"{done}, " if done else ""
    matches = await core.suggest_topics(typing.strip(), 25)
    return [(f"{prefix}{m.title}", f"{prefix}{m.slug}") for m in matches]
