"""Export and import of the claim index: JSONL (the exchange format), CSV, schema.org ClaimReview JSON-LD.

`briefbot import FILE.jsonl` reads exactly what `briefbot export claims --format jsonl` writes. Each line is
validated like a content record; bad lines are reported with their line number and the rest load, in one
transaction, batch by batch. Imported claims are origin='import' and survive content recompiles.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from bot import __version__
from bot.core.analysis.index_docs import index_doc
from bot.core.content.fields import SLUG
from bot.core.content.records import ARTICLE_PRECISIONS, MAX_DATE_PHRASE, MAX_DATE_SOURCE, read_claim
from bot.core.dates import PartialDate
from bot.core.models import (
    CLAIM_KINDS,
    DATE_BASES,
    PERSON_KINDS,
    Appearance,
    Article,
    Briefing,
    Claim,
    Problem,
)
from bot.core.plain import date_fields, to_plain
from bot.core.store.imports import ImportBatch, ImportCounts

CLAIM_FORMATS = ("jsonl", "csv", "claimreview")
BRIEFING_FORMATS = ("json",)
BATCH = 5000
MAX_PROBLEMS_KEPT = 1000

CSV_COLUMNS = [
    "id", "speaker", "speaker_name", "speaker_role", "kind", "text", "quote", "said_on", "said_on_precision",
    "said_on_basis", "date_source", "date_phrase", "date_note", "not_before", "not_after", "figures", "topics",
    "article", "span", "article_title", "article_published", "appearances", "origin",
]


# --- export -------------------------------------------------------------------------------------------


def claim_record(row: dict) -> dict[str, Any]:
    """One claim as the exchange format (a JSONL line): enough to rebuild it, its speaker and its articles."""
    appearances = [
        {"article": a["article_id"], "span": [a["start"], a["end"]], "title": a["title"], "outlet": a["outlet"],
         "author": a["author"], "published": a["published"], "published_precision": a["precision"], "url": a["url"]}
        for a in row["appearances"]
    ]
    first = appearances[0] if appearances else {"article": None, "span": None}
    return {
        "id": row["id"], "speaker": row["speaker_id"], "speaker_name": row["speaker_name"],
        "speaker_kind": row["speaker_kind"], "speaker_role": row["speaker_role"], "kind": row["kind"],
        "text": row["text"], "quote": row["quote"],
        **date_fields(row["said_on"], row["precision"], row["basis"], row.get("date_source"), row.get("date_phrase"),
                      row["date_note"], row["not_before"], row["not_after"]),
        "figures": row["figures"], "topics": row["topics"],
        "article": first["article"], "span": first["span"], "appearances": appearances, "origin": row["origin"],
    }


def _csv_row(record: dict) -> dict[str, Any]:
    first = record["appearances"][0] if record["appearances"] else {}
    span = record["span"]
    return {
        **{key: record.get(key) for key in CSV_COLUMNS},
        "figures": "; ".join(record["figures"]), "topics": "; ".join(record["topics"]),
        "span": f"{span[0]}-{span[1]}" if span else "", "article_title": first.get("title"),
        "article_published": first.get("published"),
        "appearances": json.dumps(record["appearances"], ensure_ascii=False),
    }


_SCHEMA_TYPES = {"person": "Person", "government": "GovernmentOrganization", "agency": "GovernmentOrganization",
                 "organisation": "Organization", "group": "Organization"}


def _compact(value: Any) -> Any:
    """JSON-LD without empty properties."""
    if isinstance(value, dict):
        return {k: _compact(v) for k, v in value.items() if v is not None and v != [] and v != ""}
    if isinstance(value, list):
        return [_compact(v) for v in value]
    return value


def claim_review(record: dict) -> dict[str, Any]:
    """schema.org ClaimReview: the claim (its claimant, date and appearances) as we attribute it, not rated."""
    appearances = [
        {"@type": "CreativeWork", "identifier": a["article"], "headline": a["title"], "url": a["url"],
         "datePublished": a["published"],
         **({"publisher": {"@type": "Organization", "name": a["outlet"]}} if a["outlet"] else {}),
         **({"author": {"@type": "Person", "name": a["author"]}} if a["author"] else {})}
        for a in record["appearances"]
    ]
    claim = {
        "@type": "Claim",
        "text": record["quote"] or record["text"],
        "author": {"@type": _SCHEMA_TYPES.get(record["speaker_kind"], "Person"), "name": record["speaker_name"],
                   "identifier": record["speaker"],
                   **({"jobTitle": record["speaker_role"]} if record["speaker_role"] else {})},
        "datePublished": record["said_on"],
        "appearance": appearances,
        **({"firstAppearance": appearances[0]} if appearances else {}),
    }
    return {
        "@type": "ClaimReview",
        "identifier": record["id"],
        "claimReviewed": record["text"],
        "itemReviewed": claim,
        "author": {"@type": "Organization", "name": "briefbot"},
        "reviewBody": " ".join(part for part in (
            f"{record['kind'].replace('_', ' ')}; date known to the {record['said_on_precision']}"
            f" ({record['said_on_basis'].replace('_', ' ')}).",
            f"Date source: {record['date_source']}." if record.get("date_source") else "",
            f"The article says: “{record['date_phrase']}”." if record.get("date_phrase") else "",
            record["date_note"] or "") if part),
        "reviewRating": {"@type": "Rating", "alternateName": "Attributed, not rated"},
        "keywords": record["topics"],
    }


async def write_claims(rows: AsyncIterator[list[dict]], fmt: str, out: TextIO) -> int:
    """Stream every claim to `out` in the format; returns how many were written."""
    if fmt not in CLAIM_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(CLAIM_FORMATS)}")
    count = 0
    writer = csv.DictWriter(out, CSV_COLUMNS) if fmt == "csv" else None
    if writer:
        writer.writeheader()
    if fmt == "claimreview":
        today = dt.date.today().isoformat()
        out.write(f'{{"@context": "https://schema.org", "dateCreated": "{today}", "@graph": [\n')
    async for batch in rows:
        for row in batch:
            record = claim_record(row)
            if writer:
                writer.writerow(_csv_row(record))
            elif fmt == "jsonl":
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                out.write((",\n" if count else "") + json.dumps(_compact(claim_review(record)), ensure_ascii=False))
            count += 1
    if fmt == "claimreview":
        out.write("\n]}\n")
    return count


def write_briefings(briefings: list[Briefing], out: TextIO) -> int:
    out.write(json.dumps({"briefbot": __version__, "briefings": [to_plain(b) for b in briefings]},
                         ensure_ascii=False, indent=2) + "\n")
    return len(briefings)


# --- import -------------------------------------------------------------------------------------------


@dataclass
class ImportReport:
    lines: int = 0
    counts: ImportCounts = field(default_factory=ImportCounts)
    problems: list[Problem] = field(default_factory=list)
    bad_lines: int = 0

    @property
    def ok(self) -> bool:
        return self.bad_lines == 0


def _node(data: dict) -> dict:
    """The JSONL record in the shape of a content record, so one validator serves both."""
    appearances = data.get("appearances")
    if not appearances and data.get("article") is not None:
        appearances = [{"article": data.get("article"), "span": data.get("span")}]
    return {
        "id": data.get("id"), "speaker": data.get("speaker"), "speaker_role": data.get("speaker_role"),
        "kind": data.get("kind"), "text": data.get("text"), "quote": data.get("quote"),
        "said_on": data.get("said_on"), "precision": data.get("said_on_precision"),
        "basis": data.get("said_on_basis") or data.get("basis"), "date_note": data.get("date_note"),
        "date_source": data.get("date_source"), "date_phrase": data.get("date_phrase"),
        "not_before": data.get("not_before"), "not_after": data.get("not_after"),
        "figures": data.get("figures"), "topics": data.get("topics"), "appearances": appearances,
    }


def _text(value: Any, limit: int = 256) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text[:limit] if text else None


def _article(item: dict, data: dict, claim: Claim) -> Article:
    """An article an imported claim cites, from what the line says about it (or the claim's own date)."""
    first = item is (data.get("appearances") or [None])[0] or not data.get("appearances")
    published = None
    for value in (item.get("published"), data.get("article_published") if first else None):
        try:
            published = PartialDate.parse(value) if value else None
        except ValueError:
            published = None
        if published:
            break
    precision = _text(item.get("published_precision"))
    if precision not in ARTICLE_PRECISIONS:
        precision = None
    if published is None:
        published = claim.not_after or claim.said_on
        precision = "month" if published.precision != "year" else "year"
    return Article(
        id=item["article"], title=_text(item.get("title") or (data.get("article_title") if first else None))
        or item["article"], file=None, author=_text(item.get("author")), outlet=_text(item.get("outlet")),
        kind=None, published=published, precision=precision or published.precision, not_before=None,
        not_after=None, url=_text(item.get("url"), 2000),
    )


def _opt_text(value: Any) -> str | None:
    if value is None:
        return None
    if type(value) is not str:
        raise TypeError
    return value.strip() or None


def _opt_date(value: Any) -> PartialDate | None:
    if value is None or value == "":
        return None
    if type(value) is not str:
        raise TypeError
    return PartialDate.parse(value)


def _text_list(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if type(value) is not list or any(type(item) is not str for item in value):
        raise TypeError
    return tuple(item.strip() for item in value if item.strip())


def fast_claim(node: dict) -> Claim | None:
    """The well-formed line, read without the general validator's bookkeeping (a million lines must load fast).

    Accepts only what read_claim accepts, and builds the same Claim; anything unusual returns None and
    read_claim judges it (with its messages). tests/core/test_exchange.py holds the two to that.
    """
    try:
        claim_id, speaker, kind, basis = node["id"], node["speaker"], node["kind"], node["basis"]
        if not all(type(v) is str and len(v) <= 60 and SLUG.match(v) for v in (claim_id, speaker)):
            return None
        if kind not in CLAIM_KINDS or basis not in DATE_BASES:
            return None
        text, quote = _opt_text(node["text"]), _opt_text(node.get("quote"))
        if text is None or len(text) > 1000 or (kind == "direct_quote" and quote is None):
            return None
        date_source, date_phrase = _opt_text(node.get("date_source")), _opt_text(node.get("date_phrase"))
        if (basis == "public_record" and date_source is None) or len(date_source or "") > MAX_DATE_SOURCE \
                or len(date_phrase or "") > MAX_DATE_PHRASE:
            return None
        said_on = _opt_date(node["said_on"])
        precision = node.get("precision")
        if said_on is None or (precision is not None and precision != said_on.precision):
            return None
        appearances = []
        items = node.get("appearances")
        if type(items) is not list or not items:
            return None
        for item in items:
            article, span = item["article"], item["span"]
            if not (type(article) is str and len(article) <= 60 and SLUG.match(article)):
                return None
            if not (type(span) is list and len(span) == 2 and type(span[0]) is int and type(span[1]) is int
                    and 0 <= span[0] < span[1]):
                return None
            appearances.append(Appearance(article, span[0], span[1]))
        return Claim(
            id=claim_id, speaker=speaker, kind=kind, text=text, said_on=said_on, basis=basis,
            appearances=tuple(appearances), topics=_text_list(node.get("topics")), quote=quote,
            speaker_role=_opt_text(node.get("speaker_role")), date_note=_opt_text(node.get("date_note")),
            not_before=_opt_date(node.get("not_before")), not_after=_opt_date(node.get("not_after")),
            figures=_text_list(node.get("figures")), date_source=date_source, date_phrase=date_phrase,
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def parse_line(line: str, number: int, label: str) -> tuple[tuple[Claim, dict] | None, list[Problem]]:
    try:
        data = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        message = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
        return None, [Problem(label, number, None, f"invalid JSON: {message}")]
    if not isinstance(data, dict):
        return None, [Problem(label, number, None, "each line must be a JSON object (one claim)")]
    node = _node(data)
    claim = fast_claim(node)
    if claim is not None:
        return (claim, data), []
    claim, problems = read_claim(node, label)
    problems = [dataclasses.replace(p, line=number) for p in problems]
    if claim is not None:
        for item in data.get("appearances") or []:
            if isinstance(item, dict) and item.get("article") and not SLUG.match(str(item["article"])):
                problems.append(Problem(label, number, "appearances.article", "must be a slug"))
    if problems or claim is None:
        return None, problems
    return (claim, data), []


def read_jsonl(path: Path, report: ImportReport, batch_size: int = BATCH) -> Iterator[ImportBatch]:
    """Batches of valid claims; every bad line is added to the report with its line number."""
    label = str(path)
    batch = ImportBatch()
    with path.open(encoding="utf-8-sig", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            report.lines += 1
            parsed, problems = parse_line(line, number, label)
            if parsed is None:
                report.bad_lines += 1
                room = MAX_PROBLEMS_KEPT - len(report.problems)
                report.problems.extend(problems[: max(room, 0)])
                continue
            claim, data = parsed
            batch.claims.append(claim)
            batch.docs.append(index_doc(claim))
            if claim.speaker not in batch.people:
                kind = data.get("speaker_kind") if data.get("speaker_kind") in PERSON_KINDS else "person"
                name = _text(data.get("speaker_name"), 100) or claim.speaker.replace("-", " ").title()
                batch.people[claim.speaker] = (name, kind)
            items = {a.article: a for a in claim.appearances}
            raw = [i for i in (data.get("appearances") or []) if isinstance(i, dict) and i.get("article") in items]
            raw = raw or [{"article": a} for a in items]
            for item in raw:
                if item["article"] not in batch.articles:
                    batch.articles[item["article"]] = _article(item, data, claim)
            if len(batch.claims) >= batch_size:
                yield batch
                batch = ImportBatch()
    if batch.claims:
        yield batch
