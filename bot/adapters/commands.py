"""The one typed command table: the console, the CLI and the Discord cogs all call these methods.

Each command takes typed arguments and returns a Result: the reply rendered for the adapter's style and
the plain data behind it (what --json prints). Adapters only parse their input, call, and show the reply.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import shlex
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from bot.adapters.memo import SameObjectMemo
from bot.core.dates import PartialDate
from bot.core.digest.compose import compose_digest, digest_status, next_run_for, zone_of
from bot.core.digest.models import QUIET_DAYS, Digest, DigestProblem, DigestSettings
from bot.core.digest.schedule import find_zone, parse_time
from bot.core.feeds import Feed, FeedProblem, PollOutcome, feed_url_problem
from bot.core.models import NotFound
from bot.core.plain import to_plain
from bot.core.search.results import SearchAnswer
from bot.core.search.thresholds import NAME_ACCEPT, NAME_SUGGEST
from bot.core.service import Core
from bot.render import answers, lookups
from bot.render import digest as digest_render
from bot.render import feeds as feeds_render
from bot.render import review as review_render
from bot.render.cards import Reply
from bot.render.not_found import SLASH, Style, not_found_reply

WHO_SHOWN = 100  # claims a /who lists: the latest ones (an imported speaker may have thousands)
SEARCH_LIMIT = (1, 100)


class Result(NamedTuple):
    reply: Reply
    data: Any  # the core's answer (a dataclass), a NotFound, or plain JSON-ready values


class Commands:
    """Every command, typed. `style` says how replies write a command ("/who X" or "briefbot who X")."""

    def __init__(self, core: Core, style: Style = SLASH) -> None:
        self.core = core
        self.style = style
        self.clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)
        # Called with a server id after its digest settings change (the Discord adapter reschedules it).
        self.digest_listeners: list[Callable[[int], Any]] = []
        self._rendered: SameObjectMemo[Any, Reply] = SameObjectMemo()  # answers the core keeps (a briefing's)

    def _answered(self, answer: Any, render: Callable[[Any], Reply]) -> Result:
        if isinstance(answer, NotFound):
            return Result(not_found_reply(answer, self.style), answer)
        return Result(self._rendered.get(answer, render), answer)

    async def brief(self, topic: str) -> Result:
        if not topic.strip():  # no topic: the list of topics, which is what the user needs next
            topics = await self.core.topics()
            return Result(answers.topics_reply(topics), NotFound("", "empty", "topic", tuple(t.slug for t in topics)))
        return self._answered(await self.core.brief(topic), answers.brief_reply)

    async def topics(self) -> Result:
        topics = await self.core.topics()
        return Result(answers.topics_reply(topics), topics)

    async def who(self, person: str) -> Result:
        answer = await self.core.who(person, limit=WHO_SHOWN)
        if isinstance(answer, SearchAnswer) and answer.mode == "mentions":  # a name the registry lacks
            return Result(lookups.mentions_reply(answer), answer)
        if isinstance(answer, SearchAnswer):  # "Sheinbaum on deportations": their claims on it
            return Result(lookups.search_reply(answer), answer)
        return self._answered(answer, lookups.who_reply)

    async def quote(self, text: str) -> Result:
        return self._answered(await self.core.quote(text), lookups.quote_reply)

    async def when(self, event: str) -> Result:
        return self._answered(await self.core.when(event), lookups.when_reply)

    async def search(self, query: str, *, speaker: str | None = None, topic: str | None = None,
                     kind: str | None = None, date_from: str | None = None, date_to: str | None = None,
                     limit: int = 25) -> Result:
        asked, limit = limit, max(SEARCH_LIMIT[0], min(limit, SEARCH_LIMIT[1]))
        found = await self.core.search(query, speaker=speaker, topic=topic, kind=kind, date_from=date_from,
                                       date_to=date_to, limit=limit)
        if asked != limit and isinstance(found, SearchAnswer):  # say what was used, not silently something else
            found = replace(found, filters={**found.filters, "limit": f"{limit} (asked for {asked}; 1–100)"})
        return self._answered(found, lookups.search_reply)

    async def source(self, article: str) -> Result:
        return self._answered(await self.core.source(article), lookups.source_reply)

    async def help(self) -> Result:
        return Result(answers.help_reply(), [{"command": n, "help": h} for n, h in answers.COMMANDS_HELP])

    async def admin_status(self) -> Result:
        status = await self.core.status()
        return Result(answers.status_reply(status), status)

    async def admin_reload(self) -> Result:
        report = await self.core.reload()
        return Result(answers.reload_reply(report), {"compiled": report.compiled, "counts": report.counts,
                                                     "problems": [str(p) for p in report.problems]})


    # --- review of ingested claims ------------------------------------------------------------------------

    def _ingest(self):
        from bot.core.ingest import Ingest

        return Ingest(self.core.paths.data_dir, self.core.store)

    async def review_list(self, limit: int = 50) -> Result:
        """Proposed claims, lowest confidence first: the ones that most need a person."""
        ingest = self._ingest()
        found = await asyncio.to_thread(ingest.proposed)
        repeats = await asyncio.to_thread(ingest.duplicate_links)
        data = [{"id": c.claim.id, "confidence": c.confidence, "kind": c.claim.kind, "speaker": c.claim.speaker,
                 "said_on": c.claim.said_on.iso(), "text": c.claim.text, "quote": c.claim.quote,
                 "duplicate_of": repeats.get(c.claim.id), "file": str(c.file)} for c in found[:limit]]
        return Result(review_render.proposed_reply(found, limit, repeats), data)

    async def review_accept(self, ids: Sequence[str]) -> Result:
        outcome = await self._ingest().accept(ids)
        if outcome.accepted or outcome.merged:
            self.core.lookups.invalidate()  # the accepted claims answer from the next question on
        reply = review_render.reviewed_reply(outcome.accepted, "accepted", outcome.unknown, merged=outcome.merged,
                                             new_speakers=outcome.new_speakers, waiting=outcome.waiting)
        return Result(reply, to_plain(outcome))

    async def review_reject(self, ids: Sequence[str]) -> Result:
        outcome = await asyncio.to_thread(self._ingest().reject, ids)
        return Result(review_render.reviewed_reply(outcome.rejected, "rejected", outcome.unknown), to_plain(outcome))

    async def review_edit(self, claim_id: str, *, speaker: str | None = None, said_on: str | None = None,
                          text: str | None = None, kind: str | None = None, topics: str | None = None) -> Result:
        """Change a proposed claim in its file before acceptance; a refused edit (`data["error"]`, one line)
        leaves the file as it was."""
        from bot.core.ingest.edit import ClaimEdit, EditRefused, split_topics

        change = ClaimEdit(speaker, said_on, text, kind, split_topics(topics))
        try:
            outcome = await asyncio.to_thread(self._ingest().edit, claim_id, change)
        except EditRefused as exc:
            return Result(review_render.edit_refused_reply(str(exc)), {"id": claim_id, "error": str(exc)})
        reply = review_render.edited_reply(outcome.claim_id, outcome.changed, outcome.notes, outcome.file)
        return Result(reply, to_plain(outcome) | {"error": None})

    # --- daily digests --------------------------------------------------------------------------------------

    def _refused(self, problem: DigestProblem) -> Result:
        return Result(digest_render.problem_reply(problem, self.style), problem)

    async def _topic_slugs(self, topics: str | Sequence[str] | None) -> tuple[str, ...] | DigestProblem:
        """Typed topics (slugs, titles, aliases; typos fine) as briefing slugs, or the first that matches none."""
        slugs: list[str] = []
        for typed in split_topics(topics):
            ranked = await self.core.suggest_topics(typed, 3)
            if not ranked or ranked[0].score < NAME_ACCEPT:
                return DigestProblem("topics", typed, "unknown", tuple(m.title for m in ranked if m.score >= NAME_SUGGEST))
            slugs.append(ranked[0].slug)
        return tuple(dict.fromkeys(slugs))

    def _digest_changed(self, guild_id: int) -> None:
        for listener in self.digest_listeners:
            listener(guild_id)

    async def digest_set(self, guild_id: int, channel_id: int | None, time: str, timezone: str,
                         topics: str | Sequence[str] | None = None, quiet_days: str = "post") -> Result:
        """Set (or change, or resume) a server's daily digest; every value is checked before anything is saved."""
        if channel_id is None:
            return self._refused(DigestProblem("channel", "", "not_set"))
        if parse_time(time) is None:
            return self._refused(DigestProblem("time", time, "bad_value"))
        zone = find_zone(timezone)
        if zone is None:
            return self._refused(DigestProblem("timezone", timezone, "unknown", suggest_zones(timezone, 3)))
        quiet = (quiet_days or "post").strip().lower()
        if quiet not in QUIET_DAYS:
            return self._refused(DigestProblem("quiet_days", quiet_days, "bad_value", QUIET_DAYS))
        slugs = await self._topic_slugs(topics)
        if isinstance(slugs, DigestProblem):
            return self._refused(slugs)
        at = parse_time(time)
        settings = DigestSettings(guild_id, channel_id, f"{at:%H:%M}", zone.key, True, slugs, quiet)
        saved = await self.core.store.save_digest_settings(settings)
        self._digest_changed(guild_id)
        upcoming = next_run_for(saved, self.clock())
        next_at = upcoming[1] if upcoming else None
        return Result(digest_render.settings_reply(saved, next_at, self.style),
                      to_plain(saved) | {"next_run": next_at.isoformat() if next_at else None})

    async def digest_status(self, guild_id: int) -> Result:
        status = await digest_status(self.core.store, guild_id, self.clock())
        data = {"settings": to_plain(status.settings), "next_run": status.next_run.isoformat() if status.next_run else None,
                "recent": [to_plain(replace(run, payload=None)) for run in status.recent]}
        return Result(digest_render.status_reply(status, self.style), data)

    async def digest_off(self, guild_id: int) -> Result:
        was_on = await self.core.store.disable_digest(guild_id)
        self._digest_changed(guild_id)
        return Result(digest_render.off_reply(was_on, self.style), {"guild_id": guild_id, "was_set": was_on})

    async def compose_digest(self, guild_id: int | None = None, since: dt.datetime | None = None,
                             topics: tuple[str, ...] | None = None) -> Digest:
        """What the server's digest holds right now (what /digest now would post)."""
        settings = await self.core.store.digest_settings(guild_id) if guild_id is not None else None
        return await compose_digest(self.core.store, settings, self.clock(), since=since, topics=topics,
                                    guild_id=guild_id)

    async def digest_preview(self, guild_id: int | None = None, since: str | None = None,
                             topics: str | Sequence[str] | None = None) -> Result:
        """Exactly what would be posted now (a server's settings, or every topic over the last day)."""
        settings = await self.core.store.digest_settings(guild_id) if guild_id is not None else None
        start = None
        if since:
            try:
                day = PartialDate.parse(since).earliest
            except ValueError:
                return self._refused(DigestProblem("since", since, "bad_value"))
            start = dt.datetime.combine(day, dt.time(), zone_of(settings)).astimezone(dt.UTC)
        slugs = await self._topic_slugs(topics) if topics else None
        if isinstance(slugs, DigestProblem):
            return self._refused(slugs)
        digest = await self.compose_digest(guild_id, start, slugs)
        return Result(digest_render.preview_reply(digest, self.style), digest_plain(digest))


    # --- news feeds (issue 14): shared by the whole index; polling itself is bot/feeds ------------------------

    async def feeds_add(self, url: str, topics: str | Sequence[str] | None = None) -> Result:
        """Follow a feed (or resume a paused one given again); topics are checked like the digest's."""
        url = url.strip()
        problem = feed_url_problem(url)
        if problem is None:
            slugs = await self._topic_slugs(topics)
            if isinstance(slugs, DigestProblem):
                problem = FeedProblem("topics", slugs.value, "unknown", slugs.suggestions)
        if problem is not None:
            return Result(feeds_render.problem_reply(problem, self.style), problem)
        added = await self.core.store.add_feed(url, slugs, self.clock().strftime("%Y-%m-%dT%H:%M:%SZ"))
        if added is not None:
            return Result(feeds_render.added_reply(added, self.style), to_plain(added))
        existing = await self.core.store.feed_by_url(url)
        if existing is not None and existing.paused:
            await self.core.store.resume_feed(existing.id)
            return Result(feeds_render.resumed_reply(existing, self.style), to_plain(existing) | {"resumed": True})
        problem = FeedProblem("url", str(existing.id if existing else url), "exists")
        return Result(feeds_render.problem_reply(problem, self.style), problem)

    async def feeds_list(self) -> Result:
        feeds = await self.core.store.feeds()
        return Result(feeds_render.list_reply(feeds, self.style), [to_plain(f) for f in feeds])

    async def _find_feed(self, typed: str) -> Feed | None:
        """A feed by its number (as /feeds list shows) or its address."""
        typed = typed.strip()
        if typed.isdigit():
            return await self.core.store.feed(int(typed))
        return await self.core.store.feed_by_url(typed)

    async def feeds_remove(self, feed: str) -> Result:
        found = await self._find_feed(feed)
        if found is None or not await self.core.store.remove_feed(found.id):
            problem = FeedProblem("feed", feed, "not_found")
            return Result(feeds_render.problem_reply(problem, self.style), problem)
        return Result(feeds_render.removed_reply(found), to_plain(found) | {"removed": True})

    async def feeds_status(self) -> Result:
        feeds = await self.core.store.feeds()
        data = [to_plain(f) | {"last_error_words": feeds_render.error_words(f.last_error) if f.last_error else None,
                               "paused_words": feeds_render.paused_words(f)} for f in feeds]
        return Result(feeds_render.status_reply(feeds, self.style), data)

    async def feeds_poll(self, poll_due: Callable[[], Awaitable[Sequence[PollOutcome]]]) -> Result:
        """One poll of every due feed now (the caller brings the poller: the table touches no network)."""
        outcomes = list(await poll_due())
        return Result(feeds_render.poll_reply(outcomes), [to_plain(o) for o in outcomes])


def split_topics(topics: str | Sequence[str] | None) -> list[str]:
    """'tariffs, trade' or ['tariffs', 'trade'] -> ['tariffs', 'trade']; 'all' or nothing -> []."""
    if topics is None:
        return []
    parts = re.split(r"[,;]", topics) if isinstance(topics, str) else [p for t in topics for p in re.split(r"[,;]", t)]
    parts = [p.strip() for p in parts if p.strip()]
    return [] if [p.lower() for p in parts] in ([], ["all"]) else parts


def suggest_zones(typed: str, limit: int = 25) -> tuple[str, ...]:
    """IANA zones closest to what was typed ('london', 'new york', 'Mexico city')."""
    from rapidfuzz import fuzz, process

    from bot.core.digest.schedule import zone_names

    typed = typed.strip().replace(" ", "_")
    if not typed:
        return ("UTC", "Europe/London", "America/New_York", "America/Mexico_City", "Europe/Berlin")[:limit]
    found = process.extract(typed, zone_names(), scorer=fuzz.WRatio, limit=limit, processor=str.lower)
    return tuple(name for name, score, _ in found if score >= 60)


def digest_plain(digest: Digest) -> dict[str, Any]:
    """The digest as JSON-ready values (--json): times as ISO text."""
    plain = to_plain(replace(digest, since=None, until=None))  # type: ignore[arg-type]
    return plain | {"since": digest.since.isoformat(), "until": digest.until.isoformat()}


@dataclass(frozen=True)
class CommandSpec:
    """A command as a line-based adapter (the console) lists and calls it."""

    name: str
    argument: str | None  # what the rest of the line is, for help; None: takes nothing
    call: Callable[[Commands, str], Awaitable[Result]]


async def _admin(commands: Commands, action: str) -> Result:
    action = action.strip().lower()
    if action == "status":
        return await commands.admin_status()
    if action == "reload":
        return await commands.admin_reload()
    return Result(answers.error_reply("Use /admin status or /admin reload."), None)


DIGEST_USAGE = ("Use /digest preview [server] [since:2025-03-01] [topics:tariffs,trade], /digest status <server>, "
                "/digest off <server>, or /digest set <server> <channel> <HH:MM> <Area/City> [topics:…] [quiet:post|skip].")


def _number(text: str) -> int | None:
    digits = text.strip().strip("<#>")
    return int(digits) if digits.isdigit() else None


async def _digest(commands: Commands, text: str) -> Result:
    """`/digest <action> ...` in the console: positional values, then key:value options."""
    try:
        words = shlex.split(text)
    except ValueError:
        words = text.split()
    options = {k.lower(): v for k, _, v in (w.partition(":") for w in words if re.match(r"^[a-z_]+:", w, re.I))}
    values = [w for w in words if not re.match(r"^[a-z_]+:", w, re.I)]
    action = values.pop(0).lower() if values else ""
    guild = _number(values[0]) if values else None
    if action == "preview":
        return await commands.digest_preview(guild, options.get("since"), options.get("topics"))
    if action in ("status", "off", "set") and guild is None:
        return Result(answers.error_reply(DIGEST_USAGE), None)
    if action == "status":
        return await commands.digest_status(guild)
    if action == "off":
        return await commands.digest_off(guild)
    if action == "set" and len(values) >= 4:
        return await commands.digest_set(guild, _number(values[1]), values[2], values[3], options.get("topics"),
                                         options.get("quiet", options.get("quiet_days", "post")))
    return Result(answers.error_reply(DIGEST_USAGE), None)


REVIEW_USAGE = ("Use /review, /review accept ID…, /review reject ID…, or /review edit ID [speaker:SLUG]"
                " [said_on:DATE] [text:\"…\"] [kind:K] [topics:a,b].")
REVIEW_EDIT_KEYS = {"speaker": "speaker", "said_on": "said_on", "said-on": "said_on", "date": "said_on",
                    "text": "text", "kind": "kind", "topics": "topics"}


async def _review(commands: Commands, text: str) -> Result:
    """`/review`, `/review accept ID…`, `/review reject ID…`, `/review edit ID key:value…` in the console."""
    action, *ids = text.split() or [""]
    if action.lower() == "accept" and ids:
        return await commands.review_accept(ids)
    if action.lower() == "reject" and ids:
        return await commands.review_reject(ids)
    if action.lower() == "edit" and ids:
        return await _review_edit(commands, text.split(None, 1)[1])
    if not action:
        return await commands.review_list()
    return Result(answers.error_reply(REVIEW_USAGE), None)


async def _review_edit(commands: Commands, text: str) -> Result:
    """`ID speaker:x said_on:2025-03-01 text:"…" kind:paraphrase topics:a,b`; `--speaker x` works too."""
    try:
        words = shlex.split(text)
    except ValueError:
        return Result(answers.error_reply("Unbalanced quotes. " + REVIEW_USAGE), None)
    claim_id, *rest = words
    options: dict[str, str] = {}
    index = 0
    while index < len(rest):
        word = rest[index]
        key, sep, value = word.lstrip("-").partition(":" if not word.startswith("--") else "=")
        name = REVIEW_EDIT_KEYS.get(key.lower())
        if name and word.startswith("--") and not sep:  # --speaker x
            if index + 1 >= len(rest):
                return Result(answers.error_reply(f"{word} needs a value. " + REVIEW_USAGE), None)
            value, index = rest[index + 1], index + 1
        elif name is None or not sep:
            return Result(answers.error_reply(f"Not understood: {word!r}. " + REVIEW_USAGE), None)
        options[name] = value
        index += 1
    return await commands.review_edit(claim_id, **options)


async def _feeds(commands: Commands, text: str) -> Result:
    """`/feeds`, `/feeds status`, `/feeds add URL [topics]`, `/feeds remove ID|URL` in the console (polling is
    the bot's, or `briefbot feeds poll`)."""
    action, *rest = text.split() or ["list"]
    action = action.lower()
    if action == "list":
        return await commands.feeds_list()
    if action == "status":
        return await commands.feeds_status()
    if action == "add" and rest:
        return await commands.feeds_add(rest[0], rest[1:] or None)
    if action == "remove" and rest:
        return await commands.feeds_remove(rest[0])
    return Result(answers.error_reply("Use /feeds, /feeds status, /feeds add URL [topics…] or /feeds remove ID."), None)


COMMANDS: dict[str, CommandSpec] = {
    spec.name: spec
    for spec in (
        CommandSpec("brief", "topic", lambda c, text: c.brief(text)),
        CommandSpec("topics", None, lambda c, _: c.topics()),
        CommandSpec("who", "person", lambda c, text: c.who(text)),
        CommandSpec("quote", "text", lambda c, text: c.quote(text)),
        CommandSpec("when", "event", lambda c, text: c.when(text)),
        CommandSpec("search", "query", lambda c, text: c.search(text)),
        CommandSpec("source", "article", lambda c, text: c.source(text)),
        CommandSpec("help", None, lambda c, _: c.help()),
        CommandSpec("admin", "status|reload", _admin),
        CommandSpec("digest", "preview|status|set|off …", _digest),
        CommandSpec("review", "[accept|reject|edit ID…]", _review),
        CommandSpec("feeds", "[status|add URL|remove ID]", _feeds),
    )
}
