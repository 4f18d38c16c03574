"""Wording for /who, /quote, /when, /search and /source, shared by Discord and the console.

Every claim line names the speaker, the date with how sure it is, and the source article (answers.claim_line).
"""

from __future__ import annotations

from bot.core.dates import PartialDate
from bot.core.models import ClaimView
from bot.core.search.results import PersonMatch, SearchAnswer, SourceAnswer, WhoAnswer
from bot.render.answers import KIND_LABEL, claim_line, source_text, when_text
from bot.render.cards import Card, Field, Reply, paged
from bot.render.text import clip, defuse_mentions, plain_query


def _period(start: PartialDate | None, end: PartialDate | None) -> str:
    if start is None and end is None:
        return ""
    left = start.human() if start else "?"
    right = end.human() if end else "now"
    return f"{left} – {right}"


def _score(view: ClaimView) -> str:
    return f" · match {view.score:.0f}" if view.score is not None else ""


def _labelled(view: ClaimView) -> str:
    label = KIND_LABEL.get(view.claim.kind, view.claim.kind)
    return f"{label}: {claim_line(view)}{_score(view)}"


def _corrections(answer: SearchAnswer) -> str | None:
    if not answer.corrections:
        return None
    return "Read " + ", ".join(f"“{typed}” as “{used}”" for typed, used in answer.corrections[:3])


def _alternative(match: PersonMatch) -> str:
    held = _period(match.held_from, match.held_to)
    what = f"{match.matched}, {held}" if match.role and held else match.matched
    return f"• **{match.name}** ({what}) — `/who {match.name}`"


def who_reply(answer: WhoAnswer) -> Reply:
    person = answer.person
    lines = [f"Matched “{answer.matched}”."]
    if answer.role_at:
        held = _period(answer.held_from, answer.held_to)
        when = f" ({held})" if held else ""
        as_of = f" in {answer.as_of.human()}" if answer.as_of else ""
        lines.append(f"“{answer.matched}”{as_of} means **{person.name}**, {answer.role_at}{when}.")
        if answer.known_until:
            lines.append(f"That is as far as the index knows: its latest article is from "
                         f"{answer.known_until.human()}; it names no later holder.")
    for role in sorted(person.roles, key=lambda r: r.start.earliest if r.start else PartialDate(1).earliest,
                       reverse=True)[:3]:
        held = _period(role.start, role.end)
        lines.append(f"• {role.title}" + (f" ({held})" if held else ""))
    count = answer.total_claims
    shown = f" (the latest {len(answer.claims)} shown)" if len(answer.claims) < count else ""
    lines.append(f"{count} claim{'s' if count != 1 else ''} in the index{shown}.")
    summary = Card(person.name, defuse_mentions("\n".join(lines)), footer=f"/who {person.name}")
    if answer.alternatives:
        summary.fields.append(Field("Also matches", "\n".join(_alternative(m) for m in answer.alternatives[:5])))
    pages = [summary]
    sections = {"Person": 0}
    if answer.claims:
        sections["Claims"] = len(pages)
        pages += paged(f"{person.name} — claims in date order", [_labelled(v) for v in answer.claims],
                       footer=f"/who {person.name}", per_page=1800)
    else:
        summary.description += "\nNo claims from them in the index yet."
    return Reply(pages, sections)


def mentions_reply(answer: SearchAnswer) -> Reply:
    """A name the people registry lacks: the claims and passages that mention it, said to be only that."""
    name, label = plain_query(answer.query, 80), plain_query(answer.query, 80, markdown=False)
    count = "1 claim mentions" if answer.total == 1 else f"{answer.total} claims mention"
    head = (f"“{name}” is not in the people registry, so briefbot cannot list what they said. "
            f"{count} the name; the passages are below.")
    pages = [Card(f"Mentions of {label}", defuse_mentions(head), footer=f"/search {label}")]
    for hit in answer.hits:
        view = hit.view
        card = Card(f"{view.speaker_name}, {view.claim.said_on.human()}", defuse_mentions(clip(view.claim.text, 1200)),
                    footer=f"/search {label}")
        card.fields.append(Field("When", when_text(view)))
        card.fields.append(Field("Source", defuse_mentions(source_text(view, 3))))
        if hit.passage:
            card.fields.append(Field("In the article", defuse_mentions(f"> {clip(' '.join(hit.passage.split()), 900)}")))
        pages.append(card)
    return Reply(pages, {"Mentions": 0})


def quote_reply(answer: SearchAnswer) -> Reply:
    pages = []
    footer = " · ".join(p for p in (f"/quote {plain_query(answer.query, 60, markdown=False)}", _corrections(answer)) if p)
    for rank, hit in enumerate(answer.hits, start=1):
        view = hit.view
        title = "Best match" if rank == 1 else f"Match {rank}"
        said = f"“{view.claim.quote}”" if view.claim.quote else view.claim.text
        card = Card(f"{title}: {view.speaker_name}", defuse_mentions(clip(said, 1500)), footer=footer)
        card.fields.append(Field("Who", defuse_mentions(view.speaker_name + (f", {view.claim.speaker_role}"
                                                                              if view.claim.speaker_role else ""))))
        card.fields.append(Field("When", when_text(view)))
        card.fields.append(Field("Source", defuse_mentions(source_text(view, 3))))
        if hit.passage:
            card.fields.append(Field("In the article", defuse_mentions(f"> {clip(' '.join(hit.passage.split()), 900)}")))
        card.fields.append(Field("Match", f"{hit.score:.0f}/100 · {KIND_LABEL.get(view.claim.kind, view.claim.kind)}",
                                 inline=True))
        pages.append(card)
    return Reply(pages or [Card("Nothing found", "No claim matches.")])


def when_reply(answer: SearchAnswer) -> Reply:
    lines = []
    for hit in answer.hits:
        view = hit.view
        said = f"“{view.claim.quote}”" if view.claim.quote else view.claim.text
        lines.append(defuse_mentions(
            f"**{when_text(view)}** — {view.speaker_name}: {clip(said, 400)}\n   {source_text(view, 1)}"
        ))
    footer = " · ".join(p for p in (f"/when {plain_query(answer.query, 60, markdown=False)}", _corrections(answer)) if p)
    title = f"When: {plain_query(answer.query, 80, markdown=False)}"
    pages = paged(title, lines, footer=footer, per_page=1800) if lines else []
    sections = {"Claims": 0} if lines else {}
    if answer.timeline:
        timeline = [
            defuse_mentions(f"**{t.date.human() if t.date else '—'}** — {t.text} (briefing: {t.title}, `/brief {t.briefing}`)")
            for t in answer.timeline
        ]
        sections["Briefing timelines"] = len(pages)
        pages += paged(f"{title} — in the briefings", timeline, footer=footer, per_page=1800)
    return Reply(pages or [Card(title, "Nothing dated matches.")], sections)


def search_reply(answer: SearchAnswer) -> Reply:
    title = f"Search: {plain_query(answer.query, 80, markdown=False)}" if answer.query.strip() else "Search"
    filters = dict(answer.filters)
    if answer.mode == "said_about" and "speaker" in filters:  # "/who Sheinbaum on deportations"
        title = f"{filters.pop('speaker')} on “{plain_query(answer.query, 80, markdown=False)}”"
    head = []
    if filters:
        head.append("Filters: " + ", ".join(f"{k} {v}" for k, v in filters.items()))
    for person in answer.people:
        head.append(f"Person: **{person.name}** — `/who {person.name}`")
    for briefing in answer.briefings:
        head.append(f"Briefing: **{briefing.title}** — `/brief {briefing.slug}`")
    more = f" (first {len(answer.hits)})" if answer.total > len(answer.hits) else ""
    head.append(f"{answer.total} matching claim{'s' if answer.total != 1 else ''}{more}." if answer.hits
                else "No claim matches well enough.")
    footer = _corrections(answer)
    lines = [defuse_mentions(h) for h in head] + [_labelled(hit.view) for hit in answer.hits]
    if answer.close:  # listed apart: below the bar, so the reader weighs them as leads, not answers
        lines.append("**Close, but less sure:**")
        lines += [_labelled(hit.view) for hit in answer.close]
    return Reply(paged(title, lines, footer=footer, per_page=1800))


def source_reply(answer: SourceAnswer) -> Reply:
    article = answer.article
    details = []
    by = ", ".join(part for part in (article.author, article.outlet) if part)
    if by:
        details.append(f"By {by}")
    sure = {"day": "", "week": " (to the week)", "month": " (to the month)"}.get(article.precision, "")
    details.append(f"Published {article.published.human()}{sure}")
    if article.kind:
        details.append(f"Kind: {article.kind}")
    details.append(f"{len(answer.claims)} claim{'s' if len(answer.claims) != 1 else ''} drawn from it"
                   + ("" if answer.has_text else " (article text not stored: no passages)"))
    card = Card(article.title, defuse_mentions("\n".join(details)), url=article.url, footer=f"/source {article.id}")
    if answer.alternatives:
        card.fields.append(Field("Also matches", "\n".join(f"• {t} — `/source {a}`" for a, t in answer.alternatives[:5])))
    pages = [card]
    sections = {"Article": 0}
    if answer.claims:
        sections["Claims"] = 1
        lines = []
        for view in answer.claims:
            said = f"“{view.claim.quote}”" if view.claim.quote else view.claim.text
            lines.append(defuse_mentions(f"**{view.speaker_name}** — {clip(said, 500)}\n   {when_text(view)}"))
        pages += paged(f"{article.title} — claims in text order", lines, footer=f"/source {article.id}", per_page=1800)
    return Reply(pages, sections)
