"""Turn one YAML record into a model object, or into the problems that stop it loading."""

from __future__ import annotations

from typing import Any

from bot.core.content.fields import RecordReader
from bot.core.dates import PartialDate
from bot.core.models import (
    CLAIM_KINDS,
    DATE_BASES,
    PERSON_KINDS,
    Appearance,
    Article,
    Claim,
    Person,
    Problem,
    Role,
    RoleAlias,
    Topic,
)

ARTICLE_PRECISIONS = ("day", "week", "month", "year")
MAX_DATE_SOURCE = 500  # a URL or a short citation
MAX_DATE_PHRASE = 100  # a few words of the article


def read_article(node: Any, file: str) -> tuple[Article | None, list[Problem]]:
    r = RecordReader(node, file)
    article = Article(
        id=r.slug("id") or "",
        title=r.text("title", max_len=256) or "",
        file=r.text("file", required=False),
        author=r.text("author", required=False),
        outlet=r.text("outlet", required=False),
        kind=r.text("kind", required=False),
        published=r.date("published"),  # type: ignore[arg-type]
        precision=r.choice("precision", ARTICLE_PRECISIONS, required=False) or "day",
        not_before=r.date("not_before", required=False),
        not_after=r.date("not_after", required=False),
        url=r.text("url", required=False),
    )
    _check_range(r, article.not_before, article.not_after, "not_before", "not_after")
    return (article if r.ok else None), r.problems


def read_topic(node: Any, file: str) -> tuple[Topic | None, list[Problem]]:
    r = RecordReader(node, file)
    topic = Topic(slug=r.slug("slug") or "", title=r.text("title", max_len=100) or "", aliases=r.text_list("aliases"))
    return (topic if r.ok else None), r.problems


def read_synonyms(node: Any, file: str) -> tuple[tuple[str, ...] | None, list[Problem]]:
    """A group of words and phrases that mean the same here, as the index spells them ("Levies" -> "levies",
    "Hit back" -> "hit back"). `words` are single words; `phrases` are runs of two to four words (a verb and
    its particle: "hit back", "send back", "crack down"), matched as a run in the question and the claim."""
    from bot.core.analysis.terms import terms  # the index's own spelling, so a group matches what it holds

    r = RecordReader(node, file)
    group: list[str] = []
    for word in r.text_list("words"):
        spelled = terms(word)
        if len(spelled) != 1:
            r.fail("words", f"{word!r} must be one word (list a run of words under `phrases`; figures are not"
                            " matched as synonyms)")
        elif spelled[0] not in group:
            group.append(spelled[0])
    for phrase in r.text_list("phrases"):
        spelled = terms(phrase)
        if not 2 <= len(spelled) <= 4 or not all(term.isalpha() for term in spelled):
            r.fail("phrases", f"{phrase!r} must be two to four words (no figures; single words go under `words`)")
        elif " ".join(spelled) not in group:
            group.append(" ".join(spelled))
    if r.ok and len(group) < 2:
        r.fail("words", "needs at least two different words or phrases")
    return (tuple(group) if r.ok else None), r.problems


def _check_range(r: RecordReader, start: PartialDate | None, end: PartialDate | None, start_key: str,
                 end_key: str) -> None:
    """Report a range that cannot hold: only when end is entirely before start, at any mix of precisions.

    "2019" to "2019-06" and "2019-06" to "2019" are both possible ranges, so neither is a problem.
    """
    if start and end and end.before(start):
        r.fail(start_key, f"{start.iso()} is later than {end_key!r} {end.iso()}")


def _dated(r: RecordReader, node: Any, label: str, key: str) -> tuple[Any, Any, Any] | None:
    sub = RecordReader(node, r.file)
    value = sub.text(key, max_len=100)
    start, end = sub.date("from", required=False), sub.date("to", required=False)
    _check_range(sub, start, end, "from", "to")
    r.problems.extend(Problem(p.file, p.line, f"{label}.{p.field}", p.message) for p in sub.problems)
    return (value, start, end) if sub.ok else None


def read_person(node: Any, file: str) -> tuple[Person | None, list[Problem]]:
    r = RecordReader(node, file)
    roles = [_dated(r, item, "roles", "title") for item in r.records("roles")]
    role_aliases = [_dated(r, item, "role_aliases", "alias") for item in r.records("role_aliases")]
    person = Person(
        id=r.slug("id") or "",
        name=r.text("name", max_len=100) or "",
        kind=r.choice("kind", PERSON_KINDS, required=False) or "person",
        roles=tuple(Role(*parts) for parts in roles if parts),
        aliases=r.text_list("aliases"),
        role_aliases=tuple(RoleAlias(*parts) for parts in role_aliases if parts),
    )
    return (person if r.ok else None), r.problems


def _appearances(r: RecordReader) -> tuple[Appearance, ...]:
    found = []
    items = r.records("appearances")
    if not items:
        r.fail("appearances", "needs at least one {article, span}")
    for item in items:
        sub = RecordReader(item, r.file)
        article = sub.slug("article")
        span = sub.node.get("span")
        if not (isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span)
                and 0 <= span[0] < span[1]):
            sub.fail("span", "must be [start, end] character offsets with start < end")
        r.problems.extend(Problem(p.file, p.line, f"appearances.{p.field}", p.message) for p in sub.problems)
        if sub.ok and article:
            found.append(Appearance(article, span[0], span[1]))
    return tuple(found)


def read_claim(node: Any, file: str) -> tuple[Claim | None, list[Problem]]:
    r = RecordReader(node, file)
    kind = r.choice("kind", CLAIM_KINDS)
    quote = r.text("quote", required=kind == "direct_quote")
    said_on = r.date("said_on")
    precision = r.node.get("precision")
    if said_on and precision is not None and precision != said_on.precision:
        r.fail("precision", f"is {precision!r} but said_on {said_on.iso()!r} is {said_on.precision} precision")
    claim = Claim(
        id=r.slug("id") or "",
        speaker=r.slug("speaker") or "",
        kind=kind or "",
        text=r.text("text", max_len=1000) or "",
        said_on=said_on,  # type: ignore[arg-type]
        basis=r.choice("basis", DATE_BASES) or "",
        appearances=_appearances(r),
        topics=r.text_list("topics"),
        quote=quote,
        speaker_role=r.text("speaker_role", required=False),
        date_note=r.text("date_note", required=False),
        not_before=r.date("not_before", required=False),
        not_after=r.date("not_after", required=False),
        figures=r.text_list("figures"),
        date_source=r.text("date_source", required=False, max_len=MAX_DATE_SOURCE),
        date_phrase=r.text("date_phrase", required=False, max_len=MAX_DATE_PHRASE),
    )
    if (claim.basis == "public_record" and claim.date_source is None
            and not any(p.field == "date_source" for p in r.problems)):
        where = r.line("date_source" if "date_source" in r.node else "basis")  # the basis that asks for it
        r.problems.append(Problem(file, where, "date_source", "is required when basis is public_record:"
                                  " a URL or a short citation (\"Sheinbaum's post on X, 27 Nov 2024\")"))
    _check_range(r, claim.not_before, claim.not_after, "not_before", "not_after")
    return (claim if r.ok else None), r.problems
