"""Wording for every answer, shared by Discord and the console so both say the same thing."""

from __future__ import annotations

from bot.core.dates import PartialDate
from bot.core.models import BriefAnswer, ClaimView, SourceRef, Topic
from bot.render.cards import Card, Field, Reply, paged
from bot.render.not_found import NOT_FOUND_COLOR
from bot.render.text import clip, defuse_mentions

KIND_LABEL = {"direct_quote": "Quote", "paraphrase": "Statement", "statistic": "Figure", "action": "Action"}


DATE_SOURCE_SHOWN = 160  # a citation or URL, clipped in the line; the full reference is in the JSON
DATE_PHRASE_SHOWN = 80


def _article_words(phrase: str | None) -> str:
    return f"“{clip(' '.join(phrase.split()), DATE_PHRASE_SHOWN)}”" if phrase else ""


def when_text(view: ClaimView) -> str:
    """The date with how sure it is and where it comes from: never more precise than the source allows.

    explicit: the article states it; relative: worked out from the article's words (quoted when known);
    public_record: the date comes from outside the article (the reference, then what the article itself says);
    publication: undated, bounded by the article's publication.
    """
    claim = view.claim
    shown = claim.said_on.human()
    if claim.basis == "explicit":
        return shown
    if claim.basis == "relative":
        words = _article_words(claim.date_phrase)
        return f"{shown} (worked out from the article: {words})" if words else f"{shown} (worked out from the article)"
    if claim.basis == "public_record":
        return f"{shown}, {_public_record_text(claim.date_source, claim.date_phrase, claim.precision)}"
    return f"by {shown} (undated in the article; bounded by its publication)"


def _public_record_text(source: str | None, phrase: str | None, precision: str) -> str:
    """'from the public record (Sheinbaum's post on X, 27 Nov 2024); the article says only “later”'."""
    cited = f" ({clip(' '.join(source.split()), DATE_SOURCE_SHOWN)})" if source else ""
    words = _article_words(phrase)
    said = f"the article says only {words}" if words else f"the article does not give the {precision}"
    return f"from the public record{cited}; {said}"


def published_text(published: PartialDate, precision: str) -> str:
    """An article's date as sure as it is known: exact, around a day, or only the month."""
    if precision == "day" or published.precision != "day":
        return published.human()
    if precision == "week":
        return f"around {published.human()}"
    return PartialDate(published.year, published.month).human()


def source_text(view: ClaimView, limit: int = 2) -> str:
    """The claim's articles, each once (a claim may appear in two passages of one article)."""
    first: dict[str, SourceRef] = {}
    for ref in view.sources:
        first.setdefault(ref.article_id, ref)
    articles = list(first.values())
    parts = []
    for ref in articles[:limit]:
        outlet = f", {ref.outlet}" if ref.outlet else ""
        parts.append(f"“{ref.title}”{outlet}, {published_text(ref.published, ref.published_precision)}")
    more = len(articles) - limit
    return "; ".join(parts) + (f" (+{more} more)" if more > 0 else "")


def claim_line(view: ClaimView) -> str:
    """One claim in a list: speaker, what, when, where."""
    claim = view.claim
    said = f"“{claim.quote}”" if claim.quote else claim.text
    return defuse_mentions(
        f"**{view.speaker_name}** — {clip(said, 600)}\n"
        f"   {when_text(view)} · {source_text(view, 1)}"
    )


def brief_reply(answer: BriefAnswer) -> Reply:
    b = answer.briefing
    updated = f"Updated {b.updated.human()}" if b.updated else None
    footer = " · ".join(part for part in (updated, f"/brief {b.slug}") if part)
    summary = Card(b.title, b.summary, footer=footer)
    if b.watch:
        summary.fields.append(Field("What to watch", "\n".join(f"• {w}" for w in b.watch)))
    if b.related:
        summary.fields.append(Field("Related", ", ".join(b.related)))

    article_ids = list(dict.fromkeys([*b.articles, *b.sources]))
    article_ids += [r.article_id for v in answer.cited.values() for r in v.sources if r.article_id not in article_ids]
    article_ids = [a for a in article_ids if a in answer.articles]
    number = {article_id: index for index, article_id in enumerate(article_ids, start=1)}

    def cited(ids: tuple[str, ...]) -> str:
        """'↳ Speaker, date [n]' for each distinct claim behind a point; [n] is its article in Sources."""
        parts: list[str] = []
        for view in (answer.cited[c] for c in ids if c in answer.cited):
            # a claim may appear twice in one article (two passages): one [n] per article
            refs = "".join(f"[{n}]" for n in dict.fromkeys(number[r.article_id] for r in view.sources
                                                            if r.article_id in number))
            part = f"{view.speaker_name}, {view.claim.said_on.human()} {refs}".strip()
            if part not in parts:
                parts.append(part)
        if not parts:
            return ""
        more = f" +{len(parts) - 4} more" if len(parts) > 4 else ""
        return f"\n   ↳ {'; '.join(parts[:4])}{more}"

    key_lines = [f"• {item.text}{cited(item.claims)}" for item in b.key_points]
    timeline_lines = [f"**{item.date.human() if item.date else '—'}** — {item.text}" for item in b.timeline]
    source_lines = []
    for article_id in article_ids:
        article = answer.articles[article_id]
        by = ", ".join(part for part in (article.author, article.outlet) if part)
        count = sum(1 for v in answer.cited.values() if any(r.article_id == article_id for r in v.sources))
        cites = f" · {count} cited claim{'s' if count != 1 else ''}" if count else ""
        when = published_text(article.published, article.precision)
        source_lines.append(f"[{number[article_id]}] “{article.title}”{' — ' + by if by else ''}, {when}{cites}")
    pages = [summary]
    sections = {"Summary": 0}
    for label, lines in (("Key points", key_lines), ("Timeline", timeline_lines), ("Sources", source_lines)):
        if lines:
            sections[label] = len(pages)
            pages += paged(f"{b.title} — {label.lower()}", lines, footer=footer, per_page=1800)
    return Reply(pages, sections)


def topics_reply(topics: list[Topic]) -> Reply:
    if not topics:
        return Reply([Card("Topics", "No briefings are loaded yet.")])
    lines = [f"• **{t.title}** — `/brief {t.slug}`" for t in topics]
    return Reply(paged("Topics", lines, footer=f"{len(topics)} briefings"))


COMMANDS_HELP = [
    ("/brief topic", "A briefing: summary, key points with sources, timeline."),
    ("/topics", "Every topic that has a briefing."),
    ("/who person", "What someone said, in date order, with sources."),
    ("/quote text", "Who said this, when and where."),
    ("/when event", "Dated statements and events that match, in order."),
    ("/search query", "Search every claim; filters: speaker:… topic:… kind:… from:2019 to:2020-06."),
    ("/source article", "An article's details and the claims drawn from it."),
    ("/help", "This list."),
    ("/digest set | status | preview | now | off", "Server managers: a daily digest of what is new, at your time."),
    ("/feeds add | list | remove | status", "Server managers: news feeds whose articles join the index."),
    ("/admin status | reload", "Server managers: content counts and uptime; recompile edited content."),
]


def help_reply() -> Reply:
    card = Card(
        "briefbot — sourced answers on US–Mexico relations",
        "Every answer names the speaker, the date (and how sure it is) and the source article.",
        [Field(name, text) for name, text in COMMANDS_HELP],
    )
    return Reply([card], ephemeral=True)


def error_reply(message: str) -> Reply:
    return Reply([Card("Something went wrong", message, color=NOT_FOUND_COLOR)], ephemeral=True)


def store_problem_reply(problem) -> Reply:
    """A database error met while answering (a StoreError: busy, read-only, damaged...), in one line.

    The problem's own line names the file and what to do; a reader who cannot act on it still learns that
    trying again later may work.
    """
    if getattr(problem, "busy", False):
        text = "The database is busy with another writer (an import or a reload). Try again in a minute."
    elif getattr(problem, "read_only", False):
        text = "The database is read-only here, so nothing could be saved. Your question can still be asked."
    else:
        text = f"The database could not answer: {clip(getattr(problem, 'summary', str(problem)), 300)}"
    return Reply([Card("Database problem", text, color=NOT_FOUND_COLOR)], ephemeral=True)


def reload_failed_reply(problem) -> Reply:
    """/admin reload stopped by the database: nothing was changed, the old content is still served."""
    if getattr(problem, "busy", False):
        text = ("Another process is writing to the database (an import or a reload) and did not finish in time."
                " Nothing was changed; the current content is still served. Try /admin reload again in a minute.")
    elif getattr(problem, "read_only", False):
        text = "The database is read-only, so the content cannot be recompiled. The current content is still served."
    else:
        text = (f"The database refused the reload: {clip(getattr(problem, 'summary', str(problem)), 300)}"
                " Nothing was changed; the current content is still served.")
    return Reply([Card("Content reload", text, color=NOT_FOUND_COLOR)], ephemeral=True)


def shutting_down_reply() -> Reply:
    return Reply([Card("Restarting", "briefbot is restarting. Please ask again in a minute.")], ephemeral=True)


def reload_reply(report) -> Reply:
    if not report.compiled:
        text = "Content is unchanged since the last compile; nothing to do."
    else:
        counts = ", ".join(f"{n} {name}" for name, n in report.counts.items())
        text = f"Recompiled: {counts}."
    if report.problems:
        shown = "\n".join(f"• {clip(str(p), 180)}" for p in report.problems[:10])
        more = f"\n…and {len(report.problems) - 10} more" if len(report.problems) > 10 else ""
        text += f"\n\n{len(report.problems)} problems were skipped:\n{shown}{more}"
    return Reply([Card("Content reload", text)], ephemeral=True)


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    return " ".join(f"{n}{u}" for n, u in ((days, "d"), (hours, "h"), (minutes, "m"), (secs, "s")) if n) or "0s"


def status_reply(status) -> Reply:
    counts = status.counts
    card = Card(
        "briefbot status",
        f"Version {status.version} · schema {status.schema_version} · up {_duration(status.uptime_seconds)}",
        [
            Field("Content", f"{counts.get('briefings', 0)} briefings · {counts.get('claims', 0)} claims · "
                             f"{counts.get('people', 0)} people · {counts.get('articles', 0)} articles", False),
            Field("Content version", (status.content_hash or "not compiled")[:12], True),
            Field("Last digest", status.last_digest or "none yet", True),
        ],
    )
    return Reply([card], ephemeral=True)
