"""APScheduler 3.x jobs for daily digests: one per server, at its local time, rebuilt from the store at start.

Deliberate choices, around APScheduler 3.x's documented behaviour:
- The trigger is ours (DailyLocalTrigger), not CronTrigger: in a zoneinfo zone CronTrigger 3.11 fires a
  02:30 digest at 03:30 on the spring-forward day and a 01:30 digest twice on the fall-back day. Ours fires at
  the instants bot.core.digest.schedule defines (03:00, the end of the gap; the first 01:30 only).
- The scheduler runs in UTC and each trigger carries the server's zone: the host's zone never matters.
- coalesce=True and misfire_grace_time = the grace window: a job the event loop ran late still runs, once.
- max_instances=1 per server; jobs live in memory only (no job store shared between processes).
- The next run time is advanced before a job runs, so a crash mid-job loses that slot in APScheduler: the
  ledger catches it at the next start (DigestDelivery.recover). The ledger is the final guard against repeats.
- Only servers this process serves (by shard) are scheduled.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.base import BaseTrigger

from bot.adapters.discord_bot.answer_cache import observed
from bot.adapters.discord_bot.digest_delivery import DigestDelivery
from bot.core.digest.compose import zone_of
from bot.core.digest.models import DigestSettings
from bot.core.digest.schedule import next_run, parse_time

log = logging.getLogger(__name__)


class DailyLocalTrigger(BaseTrigger):
    """Fires once per local date at HH:MM in a zone, across DST changes as schedule.fire_instant says."""

    def __init__(self, at: dt.time, zone: ZoneInfo) -> None:
        self.at = at
        self.zone = zone

    def get_next_fire_time(self, previous_fire_time: dt.datetime | None, now: dt.datetime) -> dt.datetime:
        after = previous_fire_time if previous_fire_time is not None else now - dt.timedelta(microseconds=1)
        # In UTC: a local time in the repeated hour compares unequal to every other zone's times (PEP 495).
        return next_run(self.at, self.zone, after)[1]

    def __str__(self) -> str:
        return f"daily at {self.at:%H:%M} {self.zone.key}"


def job_id(guild_id: int) -> str:
    return f"digest:{guild_id}"


class DigestScheduler:
    def __init__(self, delivery: DigestDelivery, *, serves: Callable[[int], bool] = lambda _: True) -> None:
        self.delivery = delivery
        self.store = delivery.store
        self.serves = serves
        grace = max(1, int(delivery.grace.total_seconds()))
        self.scheduler = AsyncIOScheduler(
            timezone=dt.UTC, job_defaults={"coalesce": True, "misfire_grace_time": grace, "max_instances": 1},
        )
        self._tasks: set[asyncio.Task] = set()

    async def start(self) -> None:
        """Start the scheduler, schedule every server from the store, then (in the background) recover."""
        self.scheduler.start()
        for settings in await self.store.digest_settings_all():
            self.schedule(settings)
        self._spawn(self.delivery.recover(self.serves), "digest-recover")

    def shutdown(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        for task in list(self._tasks):
            task.cancel()

    def _spawn(self, coro, name: str) -> None:
        task = asyncio.create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        task.add_done_callback(observed)

    def schedule(self, settings: DigestSettings) -> None:
        """Add, move or drop a server's job to match its settings."""
        at = parse_time(settings.time)
        if not settings.active or at is None or not self.serves(settings.guild_id):
            if self.scheduler.get_job(job_id(settings.guild_id)) is not None:
                self.scheduler.remove_job(job_id(settings.guild_id))
            return
        self.scheduler.add_job(self.delivery.scheduled, DailyLocalTrigger(at, zone_of(settings)),
                               args=[settings.guild_id], id=job_id(settings.guild_id), replace_existing=True,
                               name=f"digest for guild {settings.guild_id}")

    def changed(self, guild_id: int) -> None:
        """A command changed a server's settings: reschedule it from the store (the command has committed)."""
        async def refresh() -> None:
            settings = await self.store.digest_settings(guild_id)
            if settings is not None:
                self.schedule(settings)
            elif self.scheduler.get_job(job_id(guild_id)) is not None:
                self.scheduler.remove_job(job_id(guild_id))

        self._spawn(refresh(), f"digest-reschedule-{guild_id}")

    def next_run_time(self, guild_id: int) -> dt.datetime | None:
        job = self.scheduler.get_job(job_id(guild_id))
        return job.next_run_time.astimezone(dt.UTC) if job is not None and job.next_run_time else None


def shard_filter(shard_id: int | None, shard_count: int | None) -> Callable[[int], bool]:
    """Discord's rule: a guild belongs to shard (guild_id >> 22) % shard_count."""
    if not shard_count or shard_id is None:
        return lambda _: True
    return lambda guild_id: (guild_id >> 22) % shard_count == shard_id
