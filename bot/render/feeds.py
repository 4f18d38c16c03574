"""The /feeds replies in words: a feed added, the list, its status (last poll, new items, errors in plain
words, why it is paused), what a poll found, and why a command was refused."""

from __future__ import annotations

import datetime as dt

from bot.core.feeds import Feed, FeedProblem, PollOutcome
from bot.render.cards import Card, Reply, paged
from bot.render.not_found import NOT_FOUND_COLOR, SLASH, Style
from bot.render.text import clip, defuse_mentions

FEEDS_COLOR = 0xDD6B20
ERRORS = {  # an error kind (bot/feeds/errors.py) in words; the detail follows where it helps
    "not_found": "the site says the feed is not there (HTTP 404)",
    "gone": "the site says the feed is gone for good (HTTP 410)",
    "http": "the site answered with an error (HTTP {detail})",
    "timeout": "the site did not answer in time ({detail})",
    "network": "the site could not be reached ({detail})",
    "too_large": "the feed is larger than the size limit",
    "bad_scheme": "the address is not an http(s) address",
    "redirects": "the address redirects too many times",
    "malformed": "the feed's XML is broken ({detail})",
    "not_a_feed": "the address does not serve an RSS or Atom feed (perhaps a web page)",
}
PROBLEMS = {
    "bad_scheme": "Feeds must be http:// or https:// addresses; `{value}` is not.",
    "bad_url": "`{value}` is not a web address. Give the feed's address, e.g. https://example.com/rss.xml.",
    "exists": "That feed is already followed (feed {value}).",
    "not_found": "There is no feed `{value}`. {invoke} lists the feeds with their numbers.",
    "unknown": "No topic matches `{value}`.{suggest}",
}
POLL_WORDS = {"new": "new articles", "nothing_new": "nothing new", "not_modified": "unchanged since the last poll",
              "failed": "failed"}


def error_words(stored: str | None) -> str:
    """'http:503' -> 'the site answered with an error (HTTP 503)'."""
    if not stored:
        return "none"
    kind, _, detail = stored.partition(":")
    words = ERRORS.get(kind, kind.replace("_", " "))
    return words.replace(" ({detail})", f" ({detail})" if detail else "").replace("{detail}", detail)


def _when(stamp: str | None) -> str:
    if not stamp:
        return "never"
    try:
        instant = dt.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    except ValueError:
        return stamp
    return f"<t:{int(instant.timestamp())}:f>"


def _name(feed: Feed) -> str:
    return defuse_mentions(clip(feed.title or feed.url, 80))


def _topics(feed: Feed) -> str:
    return ", ".join(feed.topics) if feed.topics else "all topics"


def paused_words(feed: Feed) -> str | None:
    if not feed.paused:
        return None
    reason = error_words(feed.last_error or feed.paused_reason)
    if feed.errors_in_a_row > 1:
        return f"paused after {feed.errors_in_a_row} failures in a row; the last: {reason}"
    return f"paused: {reason}"


def added_reply(feed: Feed, style: Style = SLASH) -> Reply:
    text = (f"Following {feed.url} (feed {feed.id}, {_topics(feed)}). It is polled within a few minutes; only "
            f"items from then on (and the last day's) are read. `{style.invoke('feeds status')}` shows how it goes.")
    return Reply([Card("Feed added", defuse_mentions(text), color=FEEDS_COLOR)], ephemeral=True)


def problem_reply(problem: FeedProblem, style: Style = SLASH) -> Reply:
    suggest = f" Did you mean {', '.join(problem.suggestions)}?" if problem.suggestions else ""
    text = PROBLEMS.get(problem.reason, "That did not work: {value}.").format(
        value=clip(problem.value, 200), suggest=suggest, invoke=f"`{style.invoke('feeds list')}`")
    return Reply([Card("Feeds", defuse_mentions(text), color=NOT_FOUND_COLOR)], ephemeral=True)


def list_reply(feeds: list[Feed], style: Style = SLASH) -> Reply:
    if not feeds:
        text = f"No feeds yet. Add one with `{style.invoke('feeds add', 'https://example.com/rss.xml')}`."
        return Reply([Card("Feeds", text, color=FEEDS_COLOR)], ephemeral=True)
    lines = [defuse_mentions(f"**{f.id}.** {_name(f)} — {clip(f.url, 200)} · {_topics(f)}"
                             + (" · *paused*" if f.paused else "")) for f in feeds]
    return Reply(paged(f"Feeds ({len(feeds)})", lines, color=FEEDS_COLOR), ephemeral=True)


def resumed_reply(feed: Feed, style: Style = SLASH) -> Reply:
    text = (f"{feed.url} (feed {feed.id}) was paused; it is polled again now. "
            f"`{style.invoke('feeds status')}` shows how it goes.")
    return Reply([Card("Feed resumed", defuse_mentions(text), color=FEEDS_COLOR)], ephemeral=True)


def removed_reply(feed: Feed) -> Reply:
    text = f"No longer following {feed.url}. The articles it brought stay in the index."
    return Reply([Card("Feed removed", defuse_mentions(text), color=FEEDS_COLOR)], ephemeral=True)


def status_lines(feed: Feed) -> str:
    lines = [f"**{feed.id}. {_name(feed)}** — {clip(feed.url, 200)}",
             f"last poll {_when(feed.last_poll)} · last new item {_when(feed.last_new_item)}",
             f"{feed.items_seen} items seen · {feed.claims_added} claims added · {_topics(feed)}"]
    paused = paused_words(feed)
    if paused:
        lines.append(f"⏸ {paused}")
    elif feed.errors_in_a_row:
        lines.append(f"⚠ failing ({feed.errors_in_a_row} in a row, trying less often): {error_words(feed.last_error)}")
    elif feed.last_error:
        lines.append(f"last error (since recovered): {error_words(feed.last_error)}")
    return defuse_mentions("\n".join(lines))


def status_reply(feeds: list[Feed], style: Style = SLASH) -> Reply:
    if not feeds:
        return list_reply(feeds, style)
    paused = sum(f.paused for f in feeds)
    footer = f"{paused} paused: add the same address again to resume" if paused else None
    return Reply(paged(f"Feed status ({len(feeds)})", [status_lines(f) + "\n" for f in feeds], footer=footer,
                       color=FEEDS_COLOR), ephemeral=True)


def poll_reply(outcomes: list[PollOutcome]) -> Reply:
    if not outcomes:
        return Reply([Card("Feed poll", "No feed was due.", color=FEEDS_COLOR)])
    lines = []
    for o in outcomes:
        if o.status == "failed":
            text = f"failed: {error_words(o.error)}" + (" — now paused" if o.paused_reason else "")
        else:
            parts = [f"{o.taken} new articles, {o.claims} claims"] if o.taken else [POLL_WORDS[o.status]]
            parts += [f"{n} {what}" for n, what in ((o.backlog, "older items taken as known"),
                                                     (o.duplicates, "already taken from another feed"),
                                                     (o.item_errors, "pages that failed")) if n]
            text = ", ".join(parts)
        lines.append(defuse_mentions(f"**{o.feed_id}.** {clip(o.url, 150)}: {text}"))
    return Reply(paged(f"Feed poll ({len(outcomes)} feeds)", lines, color=FEEDS_COLOR))
