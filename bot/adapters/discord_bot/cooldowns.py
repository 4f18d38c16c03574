"""Per-user cooldowns on every command, sized by the BRIEFBOT_COOLDOWN_SECONDS setting.

discord.py's `checks.dynamic_cooldown` sweeps every user's bucket on every check: in a burst of 500
different members that is 125,000 bucket visits, a measurable share of the burst's CPU. These buckets
are the same `app_commands.Cooldown` (same rate rule, same `CommandOnCooldown` error, so tree.py's
"try again in N s" reply is unchanged); expired ones are swept at most once per cooldown period.
"""

from __future__ import annotations

from collections.abc import Hashable

import discord
from discord import app_commands

BURST = 3  # uses in a row before the cooldown bites; then one per `cooldown_seconds` on average


def _cooldown(interaction: discord.Interaction) -> app_commands.Cooldown | None:
    seconds = interaction.client.settings.cooldown_seconds  # type: ignore[attr-defined]
    return app_commands.Cooldown(BURST, BURST * seconds) if seconds > 0 else None


def _user(interaction: discord.Interaction) -> tuple[int, int]:
    # The buckets live with the decorated command, shared by every bot in the process (tests,
    # benchmarks): keying by the bot as well keeps one bot's users out of another's.
    return id(interaction.client), interaction.user.id


class UserBuckets:
    """One command's buckets, by user."""

    def __init__(self) -> None:
        self.buckets: dict[Hashable, app_commands.Cooldown] = {}
        self._swept = 0.0

    def bucket(self, interaction: discord.Interaction, now: float) -> app_commands.Cooldown | None:
        fresh = _cooldown(interaction)
        if fresh is None:
            return None
        if now - self._swept >= fresh.per:  # a bucket idle for a whole period is back to full: forget it
            self.buckets = {k: b for k, b in self.buckets.items() if now <= b._last + b.per}
            self._swept = now
        return self.buckets.setdefault(_user(interaction), fresh)


def per_user():
    """`@per_user()` on a command: a user who overdoes it is told to try again in N s (see tree.py)."""
    buckets = UserBuckets()

    async def predicate(interaction: discord.Interaction) -> bool:
        now = interaction.created_at.timestamp()
        bucket = buckets.bucket(interaction, now)
        if bucket is None:
            return True
        retry_after = bucket.update_rate_limit(now)
        if retry_after is None:
            return True
        raise app_commands.CommandOnCooldown(bucket, retry_after)

    return app_commands.check(predicate)
