"""Posting a server's digest exactly once per local date, whatever happens between two steps.

The order is the guarantee: (1) the ledger row for (server, local date) is committed, with a nonce derived
from that pair and the rendered parts; (2) each part is posted with its nonce and `enforce_nonce` (Discord
answers a repeat within a few minutes with the message it already made); (3) each message id is recorded;
(4) the row is closed. A crash anywhere leaves a pending row. On start, a recent pending row is resent with
the same nonces; an older one (the nonce has expired at Discord) is first looked for among the channel's
recent messages, by the bot's own digest footer, and only the parts not found are posted.

Failures: 403 (permission lost) and 404 (channel gone) pause that server with the reason; 429 is waited out by
discord.py (it honours retry_after); 5xx and timeouts are retried with backoff, then recorded as failed.

Pacing: when a thousand servers are due at the same minute, every job starts at once. Sent unpaced, the burst
meets Discord's global limit (50 requests/s per bot): discord.py waits each 429's retry_after but gives up
after five tries with an HTTPException(429), so most digests failed (bench/digests.py: 650 of 1,000). Every
Create Message therefore first takes a token from one pacer per process (SEND_RATE a second, a burst of
SEND_BURST: at most 50 in any second), so the burst drains at the global limit's pace; a 429 that still
outlasts discord.py's tries is retried like a 5xx, with the same nonce.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import aiohttp
import discord

from bot.adapters.commands import Commands
from bot.adapters.discord_bot.embeds import NO_MENTIONS, to_embed
from bot.core.digest.compose import zone_of
from bot.core.digest.models import FINAL_STATUSES, DigestRun, DigestSettings, stamp, unstamp
from bot.core.digest.schedule import parse_time, previous_run
from bot.core.plain import to_plain
from bot.render.cards import Card, Field
from bot.render.digest import digest_footer, digest_messages, digest_reply

if TYPE_CHECKING:
    from bot.core.store import Store

log = logging.getLogger(__name__)

NONCE_LENGTH = 25  # Discord: a message nonce is an integer or a string of at most 25 characters
NONCE_WINDOW = dt.timedelta(minutes=2)  # Discord dedupes a nonce "for a few minutes": resend blind within this
HISTORY_LOOKBACK = 50  # recent channel messages searched for an earlier post of an old pending digest
SEND_TIMEOUT = 30.0  # seconds for one Create Message (discord.py's own 429 waits included)
UNKNOWN_CHANNEL = 10003
CHANNEL_GONE, FORBIDDEN = "channel_gone", "forbidden"
SEND_RATE = 45.0  # digest messages a second per process: under Discord's global 50/s, room for other calls
SEND_BURST = 5  # SEND_BURST + SEND_RATE <= 50 in any one-second window
RATE_LIMITED = 429
PREPARE_SLOTS = 4  # digests composed at once; composing takes milliseconds, posting is paced at SEND_RATE


class Pacer:
    """A token bucket: `wait()` returns when a send may go, at most `rate` a second after a burst of `burst`.
    Waiters go in arrival order (asyncio.Lock is fair)."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate = rate
        self.burst = burst
        self._tokens = float(burst)
        self._updated: float | None = None
        self._lock = asyncio.Lock()

    async def wait(self) -> None:
        async with self._lock:
            loop = asyncio.get_running_loop()
            now = loop.time()
            if self._updated is not None:
                self._tokens = min(self.burst, self._tokens + (now - self._updated) * self.rate)
            self._updated = now
            if self._tokens < 1:
                await asyncio.sleep((1 - self._tokens) / self.rate)
                self._updated = loop.time()
                self._tokens = 1.0
            self._tokens -= 1


def digest_nonce(guild_id: int, run_date: str, part: int = 0) -> str:
    """The nonce of part `part` of a server's digest for a local date: `digest:<guild>:<date>[:part]`, hashed
    to fit Discord's 25 characters ('d' + 24 hex digits), the same on every attempt and after every restart."""
    key = f"digest:{guild_id}:{run_date}" + (f":{part}" if part else "")
    return ("d" + hashlib.sha256(key.encode()).hexdigest())[:NONCE_LENGTH]


@dataclass(frozen=True)
class Outcome:
    """What happened to a digest: posted, already (posted before), skipped, in_progress, paused, failed,
    missed, not_set or not_due."""

    status: str
    channel_id: int | None = None
    reason: str | None = None
    message_ids: tuple[int, ...] = ()


def cards_payload(messages: list[list[Card]]) -> str:
    return json.dumps([[to_plain(card) for card in cards] for cards in messages], ensure_ascii=False)


def payload_cards(payload: str) -> list[list[Card]]:
    return [[Card(**{**card, "fields": [Field(**f) for f in card["fields"]]}) for card in cards]
            for cards in json.loads(payload)]


class DigestDelivery:
    def __init__(self, bot: discord.Client, commands: Commands, *, grace: dt.timedelta,
                 clock: Callable[[], dt.datetime] | None = None) -> None:
        self.bot = bot
        self.commands = commands
        self.store: Store = commands.core.store
        self.grace = grace
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self.attempts = 3  # tries per part for 5xx and timeouts
        self.backoff = 2.0  # seconds before the second try, doubled after each
        self.pacer = Pacer(SEND_RATE, SEND_BURST)  # shared by every server's digest in this process
        # The store reads, composing and ledger claim of a digest, a few servers at a time: when a thousand jobs
        # fire at one minute, unbounded they queued ~4,000 reads and 1,000 commits ahead of the members'
        # commands (p99 848 ms in bench/digests.py). Posting is outside it: a slow channel holds no slot.
        self._preparing = asyncio.Semaphore(PREPARE_SLOTS)
        self._locks: dict[int, asyncio.Lock] = {}

    def _lock(self, guild_id: int) -> asyncio.Lock:
        return self._locks.setdefault(guild_id, asyncio.Lock())

    # --- entry points -----------------------------------------------------------------------------------------

    async def scheduled(self, guild_id: int) -> Outcome:
        """A scheduler job: today's slot (the latest at or before now) if it is still within the grace window."""
        try:
            return await self.deliver(guild_id, manual=False)
        except Exception:  # a job must never die silently: the ledger row (if any) says pending, start-up resumes
            log.exception("digest for guild %s failed unexpectedly", guild_id)
            return Outcome("failed", reason="internal error")

    async def deliver(self, guild_id: int, *, manual: bool) -> Outcome:
        """Post this server's digest for its current local date unless the ledger says it went already."""
        async with self._preparing:
            settings = await self.store.digest_settings(guild_id)
        if settings is None or not settings.enabled or settings.channel_id is None:
            return Outcome("not_set")
        if settings.paused_reason:
            return Outcome("paused", settings.channel_id, settings.paused_reason)
        now = self.clock()
        at = parse_time(settings.time)
        if at is None:
            return Outcome("not_set")
        if manual:
            run_date, slot = now.astimezone(zone_of(settings)).date(), now
        else:
            run_date, slot = previous_run(at, zone_of(settings), now)
        async with self._lock(guild_id):
            async with self._preparing:
                existing = await self.store.digest_run(guild_id, run_date.isoformat())
            if existing is not None:
                return await self._existing(existing, settings, manual)
            if not manual and now - slot > self.grace:
                await self._record_missed(settings, run_date.isoformat(), slot)
                return Outcome("missed", settings.channel_id)
            return await self._compose_and_post(settings, run_date.isoformat(), slot)

    async def _existing(self, run: DigestRun, settings: DigestSettings, manual: bool) -> Outcome:
        if run.status == "posted":
            return Outcome("already", run.channel_id, message_ids=run.message_ids)
        if run.status in FINAL_STATUSES:
            return Outcome(run.status, run.channel_id)
        if run.status == "pending":
            return await self._resume(run)  # under the lock nobody here is posting it: a crash left it
        if manual:  # failed or missed: an admin may ask again; the nonce stays the same
            return await self._compose_and_post(settings, run.run_date, self.clock(), retry=True)
        return Outcome(run.status, run.channel_id, run.error)

    async def _record_missed(self, settings: DigestSettings, run_date: str, slot: dt.datetime) -> None:
        late = self.clock() - slot
        log.warning("digest for guild %s on %s missed: %s late, beyond the %s grace window", settings.guild_id,
                    run_date, late, self.grace)
        await self.store.record_missed_digest(DigestRun(
            settings.guild_id, run_date, "missed", nonce=digest_nonce(settings.guild_id, run_date),
            channel_id=settings.channel_id, scheduled_for=stamp(slot),
            error=f"the bot was down at the scheduled time ({int(late.total_seconds() // 60)} min late)",
        ))

    async def _compose_and_post(self, settings: DigestSettings, run_date: str, slot: dt.datetime, *,
                                retry: bool = False) -> Outcome:
        async with self._preparing:  # composing and claiming: a few servers at a time (see `_preparing`)
            digest = await self.commands.compose_digest(settings.guild_id)
            empty = digest.empty
            messages = [] if empty else digest_messages(digest_reply(digest))
            run = DigestRun(
                settings.guild_id, run_date, "skipped" if empty else "pending",
                nonce=digest_nonce(settings.guild_id, run_date), channel_id=settings.channel_id,
                scheduled_for=stamp(slot), since=stamp(digest.since), until=stamp(digest.until),
                payload=None if empty else cards_payload(messages), items=tuple(digest.item_keys()),
            )
            created = True
            if retry:
                claimed = await self.store.retry_digest_run(run)
                stored = await self.store.digest_run(settings.guild_id, run_date) if claimed else None
            else:
                stored, created = await self.store.claim_digest_run(run)  # committed before anything is posted
        if stored is None:
            return Outcome("in_progress", settings.channel_id)
        if not created:
            return await self._existing(stored, settings, manual=False)
        if empty:
            if retry:
                await self.store.finish_digest_run(settings.guild_id, run_date, "skipped")
            return Outcome("skipped", settings.channel_id)
        return await self._post(stored)

    # --- posting ----------------------------------------------------------------------------------------------

    async def _post(self, run: DigestRun) -> Outcome:
        """Post every part not yet recorded, each with its own stable nonce; then close the row."""
        messages = payload_cards(run.payload or "[]")
        channel = self.bot.get_partial_messageable(run.channel_id, guild_id=run.guild_id)
        ids = list(run.message_ids)
        for part, cards in enumerate(messages):
            if part < len(ids) and ids[part]:
                continue
            try:
                message = await self._send(channel, cards, digest_nonce(run.guild_id, run.run_date, part))
            except discord.Forbidden as exc:
                return await self._pause(run, FORBIDDEN, exc)
            except discord.NotFound as exc:
                if exc.code != UNKNOWN_CHANNEL:
                    # The nonce's message was deleted shortly after being posted: it was posted.
                    log.info("digest part %d for guild %s was posted and deleted since", part, run.guild_id)
                    continue
                return await self._pause(run, CHANNEL_GONE, exc)
            except (discord.HTTPException, aiohttp.ClientError, TimeoutError) as exc:
                reason = _reason(exc)
                log.warning("digest for guild %s on %s failed: %s", run.guild_id, run.run_date, reason)
                await self.store.finish_digest_run(run.guild_id, run.run_date, "failed", reason)
                return Outcome("failed", run.channel_id, reason)
            await self.store.record_digest_message(run.guild_id, run.run_date, part, message.id)
            ids += [0] * (part + 1 - len(ids))
            ids[part] = message.id
        await self.store.finish_digest_run(run.guild_id, run.run_date, "posted")
        log.info("digest for guild %s on %s posted (%d messages)", run.guild_id, run.run_date, len(messages))
        return Outcome("posted", run.channel_id, message_ids=tuple(ids))

    async def _send(self, channel: discord.PartialMessageable, cards: list[Card], nonce: str) -> discord.Message:
        """One part, retried on 5xx, timeouts and a 429 discord.py gave up on, with the same nonce (so a retry
        never makes a second message). Each try first waits for the pacer."""
        delay = self.backoff
        for attempt in range(1, self.attempts + 1):
            try:
                await self.pacer.wait()
                async with asyncio.timeout(SEND_TIMEOUT):
                    # discord.py sends `enforce_nonce: true` with every nonce it is given.
                    return await channel.send(embeds=[to_embed(card) for card in cards], nonce=nonce,
                                              allowed_mentions=NO_MENTIONS)
            except (discord.HTTPException, aiohttp.ClientError, TimeoutError) as exc:
                retryable = not isinstance(exc, discord.HTTPException) or isinstance(exc, discord.DiscordServerError) \
                    or exc.status == RATE_LIMITED
                if attempt == self.attempts or not retryable:
                    raise
                log.info("digest part with nonce %s: attempt %d failed; retrying in %.1f s", nonce, attempt, delay)
                await asyncio.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")

    async def _pause(self, run: DigestRun, reason: str, exc: discord.HTTPException) -> Outcome:
        log.warning("digest for guild %s paused: %s (%s %s)", run.guild_id, reason, exc.status, exc.text)
        await self.store.pause_digest(run.guild_id, reason)
        await self.store.finish_digest_run(run.guild_id, run.run_date, "failed", reason)
        return Outcome("paused", run.channel_id, reason)

    # --- start-up ---------------------------------------------------------------------------------------------

    async def recover(self, serves: Callable[[int], bool] = lambda _: True) -> list[Outcome]:
        """Finish what a crash interrupted, then post (or record as missed) digests due while the bot was down."""
        outcomes = []
        for run in await self.store.open_digest_runs():
            if serves(run.guild_id):
                async with self._lock(run.guild_id):
                    outcomes.append(await self._resume(run))
        for settings in await self.store.digest_settings_all():
            if serves(settings.guild_id) and settings.active:
                outcomes.append(await self._catch_up(settings))
        return outcomes

    async def _resume(self, run: DigestRun) -> Outcome:
        # Wall-clock age, as Discord counts a nonce's life (the ledger stamps rows with the real time too).
        now = dt.datetime.now(dt.UTC)
        started = unstamp(run.started_at) if run.started_at else now - NONCE_WINDOW * 2
        if now - started <= NONCE_WINDOW:
            log.info("resending the pending digest for guild %s on %s with its nonces", run.guild_id, run.run_date)
            return await self._post(run)
        try:
            found = await self._find_posted(run)
        except discord.HTTPException as exc:
            reason = f"could not check the channel for an earlier post ({exc.status})"
            await self.store.finish_digest_run(run.guild_id, run.run_date, "failed", reason)
            return Outcome("failed", run.channel_id, reason)
        for part, message_id in enumerate(found):
            if message_id:
                await self.store.record_digest_message(run.guild_id, run.run_date, part, message_id)
        refreshed = await self.store.digest_run(run.guild_id, run.run_date)
        return await self._post(refreshed or run)

    async def _find_posted(self, run: DigestRun) -> list[int]:
        """Message ids of the parts already in the channel (the bot's messages with this digest's footer), by part."""
        parts = payload_cards(run.payload or "[]")
        footer = digest_footer(run.run_date)
        channel = self.bot.get_partial_messageable(run.channel_id, guild_id=run.guild_id)
        mine = []
        async for message in channel.history(limit=HISTORY_LOOKBACK):
            if self.bot.user and message.author.id == self.bot.user.id and any(
                    (e.footer.text or "") == footer for e in message.embeds):
                mine.append(message)
        mine.reverse()  # oldest first: the parts in the order they were posted
        found = [0] * len(parts)
        for part, cards in enumerate(parts):
            titles = [c.title for c in cards]
            match = next((m for m in mine if [e.title for e in m.embeds] == titles), None)
            if match is not None:
                found[part] = match.id
                mine.remove(match)
        return found

    async def _catch_up(self, settings: DigestSettings) -> Outcome:
        """Today's (or the latest) slot passed while the bot was down: post it within the grace window."""
        at = parse_time(settings.time)
        if at is None:
            return Outcome("not_set")
        now = self.clock()
        run_date, slot = previous_run(at, zone_of(settings), now)
        if settings.updated_at and unstamp(settings.updated_at) > slot:
            return Outcome("not_due", settings.channel_id)  # set up after that slot: its first digest is the next
        if await self.store.digest_run(settings.guild_id, run_date.isoformat()) is not None:
            return Outcome("already", settings.channel_id)
        return await self.deliver(settings.guild_id, manual=False)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, discord.HTTPException):
        return f"Discord answered {exc.status}" + (f": {exc.text[:120]}" if exc.text else "")
    if isinstance(exc, TimeoutError):
        return f"no answer from Discord within {SEND_TIMEOUT:.0f} s"
    return f"network error: {type(exc).__name__}"
