"""Digests and the /digest replies in words: the digest as cards (within Discord's limits, split into as many
messages as it needs), and the settings, status, preview and confirmation replies.

Every digest card carries the footer `briefbot digest · <local date>`: readers see which day it is for, and
after a crash the bot finds its own earlier post by it (digest_delivery.py).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot.core.digest.models import Digest, DigestProblem, DigestRun, DigestSettings, DigestStatus, unstamp
from bot.render import limits
from bot.render.answers import source_text, when_text
from bot.render.cards import Card, Field, Reply, paged
from bot.render.not_found import NOT_FOUND_COLOR, SLASH, Style
from bot.render.text import clip, defuse_mentions, plain_query

DIGEST_COLOR = 0x2F855A
DIGEST_MARK = "briefbot digest"
PER_PAGE = 1800  # characters of items per card: a few cards fit one message (6,000 across its embeds)
QUIET = {"post": "on quiet days, something said on this date in an earlier year (or a short note)",
         "skip": "nothing on quiet days"}
PAUSED = {"forbidden": "I lost permission to post in the digest channel",
          "channel_gone": "the digest channel was deleted (or I can no longer see it)"}
STATUS_WORDS = {"pending": "being posted", "posted": "posted", "failed": "failed", "missed": "missed (the bot was down)",
                "skipped": "skipped (nothing new)"}


def digest_footer(local_date: str) -> str:
    return f"{DIGEST_MARK} · {local_date}"


def discord_time(instant: dt.datetime, style: str = "F") -> str:
    """Discord shows <t:unix:F> in each reader's own time zone."""
    return f"<t:{int(instant.timestamp())}:{style}>"


def local_words(instant: dt.datetime, zone: str) -> str:
    """'08:30 on Sunday 9 March 2025 (Europe/London, GMT)': the server's own clock, in words."""
    local = instant.astimezone(ZoneInfo(zone))
    return f"{local:%H:%M} on {local:%A} {local.day} {local:%B %Y} ({zone}, {local.tzname()})"


def when_posted(instant: dt.datetime, settings: DigestSettings) -> str:
    """The next post time as Discord's timestamp and in the server's time; says so when DST moves it."""
    text = f"{discord_time(instant)} — {local_words(instant, settings.timezone)}"
    shown = f"{instant.astimezone(ZoneInfo(settings.timezone)):%H:%M}"
    if shown != settings.time.zfill(5):
        text += (f". {settings.time} does not exist that day in {settings.timezone} (the clocks go forward), "
                 f"so it posts at {shown}, the first minute after the gap")
    return text


def _claim_lines(digest: Digest, style: Style) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for group in digest.groups:
        lines = []
        for item in group.items:
            view = item.view
            said = f"“{view.claim.quote}”" if view.claim.quote else view.claim.text
            mark = "" if item.change == "new" else " *(updated)*"
            lines.append(defuse_mentions(
                f"**{view.speaker_name}** — {clip(said, 400)}{mark}\n"
                f"   {when_text(view)} · {source_text(view, 1)} · `{style.invoke('who', view.speaker_name)}`"
            ))
        more = f"`{style.invoke('brief', group.slug)}`" if group.slug else ""
        out[group.title or "Other"] = [*lines, more] if more else lines
    return out


def digest_reply(digest: Digest, style: Style = SLASH) -> Reply:
    """The digest as pages: an overview, one or more cards per topic, briefings updated, or on this date."""
    footer = digest_footer(digest.local_date)
    day = dt.date.fromisoformat(digest.local_date)
    title = f"Daily digest — {day.day} {day:%B %Y}"
    since = discord_time(digest.since, "f")
    if digest.empty:
        return Reply([Card(title, f"Nothing new since {since}, and this server skips quiet days: nothing would be "
                                  "posted.", footer=footer, color=DIGEST_COLOR)])
    claims = sum(len(g.items) for g in digest.groups)
    parts = []
    if claims:
        parts.append(f"{claims} new or updated claim{'s' if claims != 1 else ''} on {len(digest.groups)} "
                     f"topic{'s' if len(digest.groups) != 1 else ''}")
    if digest.briefings:
        parts.append(f"{len(digest.briefings)} briefing{'s' if len(digest.briefings) != 1 else ''} updated")
    overview = f"Since {since}: " + "; ".join(parts) + "." if parts else f"Nothing new since {since}."
    if digest.more:
        overview += (f" {digest.more} more changed claim{'s' if digest.more != 1 else ''} are not shown; "
                     f"`{style.invoke('search', '')}`{' ' if style.prefix == '/' else ''}finds every claim.")
    if digest.topics:
        overview += f"\nTopics followed: {', '.join(digest.topics)}."
    pages = [Card(title, defuse_mentions(overview), footer=footer, color=DIGEST_COLOR)]
    for topic, lines in _claim_lines(digest, style).items():
        pages += paged(topic, lines, footer=footer, color=DIGEST_COLOR, per_page=PER_PAGE)
    if digest.briefings:
        lines = []
        for change in digest.briefings:
            what = "new briefing" if change.change == "new" else "updated"
            lines.append(f"• **{change.title}** — {what} · `{style.invoke('brief', change.slug)}`")
            lines += [f"   + {clip(point, 300)}" for point in change.added[:5]]
        pages += paged("Briefings updated", [defuse_mentions(line) for line in lines], footer=footer,
                       color=DIGEST_COLOR, per_page=PER_PAGE)
    if digest.on_this_date:
        lines = [defuse_mentions(
            f"**{view.claim.said_on.year}** — **{view.speaker_name}**: {clip(view.claim.text, 400)}\n"
            f"   {source_text(view, 1)} · `{style.invoke('who', view.speaker_name)}`"
        ) for view in digest.on_this_date]
        pages += paged(f"On this date, {day.day} {day:%B}", lines, footer=footer, color=DIGEST_COLOR,
                       per_page=PER_PAGE)
    return Reply(pages)


def digest_messages(reply: Reply) -> list[list[Card]]:
    """The digest's cards as messages: at most 10 embeds and 6,000 characters of embeds in each, in order."""
    messages: list[list[Card]] = []
    size = 0
    for card in reply.fitted().pages:
        if not messages or len(messages[-1]) == limits.EMBEDS_PER_MESSAGE or size + card.size() > limits.EMBED_TOTAL:
            messages.append([])
            size = 0
        messages[-1].append(card)
        size += card.size()
    return messages


def preview_reply(digest: Digest, style: Style = SLASH) -> Reply:
    reply = digest_reply(digest, style)
    return Reply(reply.pages, reply.sections, ephemeral=True)


# --- settings, status, confirmations ---------------------------------------------------------------------


def _channel(guild_id: int | None, channel_id: int | None, style: Style) -> str:
    """A channel as a link Discord shows as #name (a <#id> mention would be made inert with the others)."""
    if channel_id is None:
        return "no channel"
    if style.prefix == "/" and guild_id is not None:
        return f"https://discord.com/channels/{guild_id}/{channel_id}"
    return f"channel {channel_id}"


def _settings_fields(settings: DigestSettings, next_run: dt.datetime | None, style: Style) -> list[Field]:
    fields = [
        Field("Channel", _channel(settings.guild_id, settings.channel_id, style), True),
        Field("Time", f"{settings.time} {settings.timezone}", True),
        Field("Topics", ", ".join(settings.topics) if settings.topics else "all topics", True),
        Field("Quiet days", QUIET.get(settings.quiet_days, settings.quiet_days)),
    ]
    if next_run is not None:
        fields.append(Field("Next digest", when_posted(next_run, settings)))
    return fields


def settings_reply(settings: DigestSettings, next_run: dt.datetime | None, style: Style = SLASH) -> Reply:
    card = Card("Daily digest set", "The digest will be posted once a day; nobody is pinged.",
                _settings_fields(settings, next_run, style), color=DIGEST_COLOR)
    return Reply([card], ephemeral=True)


def _run_line(run: DigestRun) -> str:
    when = f" at {discord_time(unstamp(run.posted_at), 'f')}" if run.posted_at else ""
    why = f": {clip(plain_query(run.error, 200), 200)}" if run.error else ""
    return f"• {run.run_date} — {STATUS_WORDS.get(run.status, run.status)}{when}{why}"


def status_reply(status: DigestStatus, style: Style = SLASH) -> Reply:
    settings = status.settings
    if settings is None:
        text = f"No daily digest is set up here. Set one with `{style.invoke('digest set')}`."
        return Reply([Card("Daily digest", text, color=DIGEST_COLOR)], ephemeral=True)
    if settings.paused_reason:
        reason = PAUSED.get(settings.paused_reason, settings.paused_reason)
        state = (f"**Paused**: {reason}. Fix it, then run `{style.invoke('digest set')}` again to resume.")
    elif not settings.enabled:
        state = f"**Off.** `{style.invoke('digest set')}` turns it on again."
    else:
        state = "**On.**"
    card = Card("Daily digest", state, _settings_fields(settings, status.next_run, style), color=DIGEST_COLOR)
    if status.recent:
        card.fields.append(Field("Recent digests", "\n".join(_run_line(run) for run in status.recent)))
    else:
        card.fields.append(Field("Recent digests", "none yet"))
    return Reply([card], ephemeral=True)


def off_reply(was_on: bool, style: Style = SLASH) -> Reply:
    text = ("The daily digest is off. Its settings are kept: "
            f"`{style.invoke('digest set')}` turns it on again.") if was_on else "No daily digest was set up here."
    return Reply([Card("Daily digest", text, color=DIGEST_COLOR)], ephemeral=True)


_PROBLEMS = {
    ("time", "bad_value"): "“{v}” is not a time: use 24-hour HH:MM, from 00:00 to 23:59 (e.g. 08:30).",
    ("timezone", "unknown"): "“{v}” is not a time zone I know: use an IANA name such as Europe/London or America/Mexico_City.",
    ("topics", "unknown"): "No topic matches “{v}”.",
    ("quiet_days", "bad_value"): "quiet_days is post or skip, not “{v}”.",
    ("channel", "not_set"): "Name the channel the digest goes to.",
    ("channel", "cannot_post"): "I cannot post in {v}: give me View Channel, Send Messages and Embed Links there, or pick another channel.",
    ("guild", "not_set"): "Name the server (its id).",
    ("since", "bad_value"): "“{v}” is not a date like 2025, 2025-03 or 2025-03-09.",
}


def problem_text(problem: DigestProblem, style: Style = SLASH) -> str:
    template = _PROBLEMS.get((problem.field, problem.reason), "The {f} “{v}” is not valid.")
    return defuse_mentions(template.format(v=plain_query(problem.value, 60), f=problem.field))


def problem_reply(problem: DigestProblem, style: Style = SLASH) -> Reply:
    text = problem_text(problem, style)
    if problem.suggestions:
        text += "\n\nDid you mean: " + ", ".join(f"**{defuse_mentions(s)}**" for s in problem.suggestions[:5]) + "?"
    if problem.field == "topics":
        text += f" Try `{style.invoke('topics')}` to see every topic."
    return Reply([Card("Digest: please check that option", text, color=NOT_FOUND_COLOR)], ephemeral=True)


NOW_OUTCOMES = {
    "posted": "Today's digest is posted in {channel}.",
    "already": "Today's digest was already posted in {channel}; a server gets one a day.",
    "skipped": "Nothing new today, and this server skips quiet days: nothing was posted.",
    "in_progress": "Today's digest is being posted right now.",
    "paused": "The digest is paused: {reason}. Run /digest set to resume.",
    "failed": "Discord did not take the digest ({reason}); it is recorded as failed. Try /digest now again later.",
    "not_set": "No daily digest is set up here yet: /digest set first.",
}


def now_reply(outcome: str, guild_id: int | None = None, channel_id: int | None = None,
              reason: str | None = None) -> Reply:
    reason_words = PAUSED.get(reason or "", plain_query(reason or "unknown", 200))
    text = NOW_OUTCOMES.get(outcome, "Done.").format(channel=_channel(guild_id, channel_id, SLASH), reason=reason_words)
    color = DIGEST_COLOR if outcome in ("posted", "already", "skipped") else NOT_FOUND_COLOR
    return Reply([Card("Daily digest", text, color=color)], ephemeral=True)
