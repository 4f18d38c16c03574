"""Dates say where they come from: the article's own words (relative), or the public record, with a reference.

Issue 15: a day taken from the public record is labelled so on every card, `briefbot check` holds a relative
day to the words it was worked out from, and every claim in every JSON answer carries its date fields under
the export's names.
"""

from __future__ import annotations

import json
from pathlib import Path
from textwrap import dedent

import pytest
from typer.testing import CliRunner

from bot.adapters.cli import app
from bot.adapters.commands import Commands
from bot.adapters.line_syntax import run_line
from bot.core.content import load_corpus
from bot.core.content.records import read_claim
from bot.core.interchange import _node, fast_claim
from bot.core.plain import DATE_FIELDS, to_plain
from bot.render.answers import when_text
from bot.render.cards import Reply
from tests.core.test_exchange import exported, foreign

JSON_DATE_KEYS = ("said_on", "said_on_precision", "said_on_basis", "date_source", "date_phrase", "not_before",
                  "not_after")


def flat(text: str) -> str:
    return " ".join(text.split())


def card_text(reply: Reply) -> str:
    """Every word on every page, fields included, as one line (the console wraps; Discord does not)."""
    parts = []
    for page in reply.fitted().pages:
        parts += [page.title, page.description, page.footer or ""]
        parts += [f"{f.name}: {f.value}" for f in page.fields]
    return flat(" ".join(parts))


# --- the cards ----------------------------------------------------------------------------------------------


async def test_quote_card_names_the_public_record_and_what_the_article_says(core):
    reply, data = await run_line(Commands(core), "/quote build bridges not close borders")
    claim = data.hits[0].view.claim
    assert claim.id == "sheinbaum-build-bridges" and claim.basis == "public_record"
    (when,) = [f.value for f in reply.fitted().pages[0].fields if f.name == "When"]
    assert when == ("27 November 2024, from the public record (Sheinbaum’s post on X, 27 Nov 2024);"
                    " the article says only “later”")
    assert "worked out from the article" not in when


async def test_who_card_names_the_public_record_for_each_such_claim(core):
    reply, data = await run_line(Commands(core), "/who Sheinbaum")
    text = card_text(reply)
    shown = [v for v in data.claims if v.claim.basis == "public_record"]
    assert shown, "Sheinbaum has public-record dates among the claims shown"
    for view in shown:
        assert flat(when_text(view)) in text
    assert "from the public record (Sheinbaum’s morning press conference, 21 Jan 2025); the article says only" \
           " “days ago”" in text


async def test_a_day_the_article_fixes_is_worked_out_from_its_words(core):
    reply, data = await run_line(Commands(core), "/who Petro")
    view = next(v for v in data.claims if v.claim.id == "petro-refuses-us-deportation-flights")
    assert view.claim.basis == "relative" and view.claim.date_phrase == "on Sunday"
    assert "26 January 2025 (worked out from the article: “on Sunday”)" in card_text(reply)


async def test_a_public_record_date_without_words_in_the_article_says_the_article_does_not_give_it(core):
    _, data = await run_line(Commands(core), "/quote mass numbers of people fentanyl")
    view = next(h.view for h in data.hits if h.view.claim.id == "trump-mass-numbers-fentanyl")
    assert when_text(view) == ("20 January 2025, from the public record (Trump’s remarks to reporters while signing"
                               " orders, 20 Jan 2025); the article does not give the day")


async def test_no_relative_day_without_its_phrase_and_no_public_record_without_its_source(core):
    exported_lines = [json.loads(line) for line in (await exported(core)).splitlines()]
    for record in exported_lines:
        if record["said_on_basis"] == "public_record":
            assert record["date_source"], record["id"]
        if record["said_on_basis"] == "relative" and record["said_on_precision"] == "day":
            assert record["date_phrase"], record["id"]
    bases = {r["said_on_basis"] for r in exported_lines}
    assert {"explicit", "relative", "public_record", "publication"} <= bases


# --- briefbot check -----------------------------------------------------------------------------------------

ARTICLE_TEXT = "Tensions rose on Sunday. The minister later wrote that the talks went well.\n"
ARTICLES = """\
articles:
  - id: art-one
    file: art-one.txt
    title: First article
    published: 2025-01-28
    precision: day
    not_after: 2025-01-31
"""
TOPICS = """\
topics:
  - slug: tariffs
    title: Tariffs
"""
PEOPLE = """\
people:
  - id: claudia-sheinbaum
    name: Claudia Sheinbaum
"""
CLAIM = """\
  - id: {id}
    speaker: claudia-sheinbaum
    kind: paraphrase
    text: Said something.
    said_on: "{said_on}"
    basis: {basis}
{extra}    appearances:
      - article: art-one
        span: [0, 24]
"""


def claim_tree(tmp_path: Path, claims: list[dict], with_text: bool = True) -> tuple[Path, Path, Path | None, str]:
    body = "claims:\n" + "".join(CLAIM.format(**{"said_on": "2025-01-26", "extra": "", **c}) for c in claims)
    files = {"data/articles.yaml": ARTICLES, "data/topics.yaml": TOPICS, "data/people/core.yaml": PEOPLE,
             "data/claims/art-one.yaml": body, "seeds/art-one.txt": ARTICLE_TEXT}
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(dedent(text) if name.endswith(".yaml") else text, encoding="utf-8")
    return tmp_path / "data", tmp_path / "briefings", (tmp_path / "seeds") if with_text else None, body


def line_of(body: str, needle: str, after: str) -> int:
    lines = body.splitlines()
    start = lines.index(f"  - id: {after}")
    return next(i for i, line in enumerate(lines) if i > start and needle in line) + 1


def test_check_holds_a_relative_day_to_the_words_in_the_article(tmp_path):
    data, briefings, seeds, body = claim_tree(tmp_path, [
        {"id": "phrase-present", "basis": "relative", "extra": '    date_phrase: "on  sunday"\n'},
        {"id": "phrase-absent", "basis": "relative", "extra": '    date_phrase: "on Saturday"\n'},
        {"id": "no-phrase", "basis": "relative"},
        {"id": "month-needs-none", "basis": "relative", "said_on": "2025-01"},
        {"id": "explicit-day", "basis": "explicit"},
    ])
    corpus = load_corpus(data, briefings, seeds)
    problems = {(p.line, p.field): p.message for p in corpus.problems}
    assert set(problems) == {(line_of(body, "date_phrase", "phrase-absent"), "date_phrase"),
                             (line_of(body, "basis:", "no-phrase"), "date_phrase")}
    absent = problems[(line_of(body, "date_phrase", "phrase-absent"), "date_phrase")]
    assert "'on Saturday' does not occur in the text of 'art-one'" in absent
    assert "public_record" in problems[(line_of(body, "basis:", "no-phrase"), "date_phrase")]
    assert all(str(p).startswith("data/claims/art-one.yaml:") for p in corpus.problems)
    assert set(corpus.claims) >= {"phrase-present", "month-needs-none", "explicit-day"}


def test_without_the_article_text_the_phrase_cannot_be_checked(tmp_path):
    corpus = load_corpus(*claim_tree(tmp_path, [{"id": "no-phrase", "basis": "relative"}], with_text=False)[:3])
    assert corpus.problems == [] and "no-phrase" in corpus.claims


def test_check_rejects_a_public_record_date_without_its_source(tmp_path):
    data, briefings, seeds, body = claim_tree(tmp_path, [
        {"id": "sourced", "basis": "public_record",
         "extra": '    date_source: "Sheinbaum\'s post on X, 26 Jan 2025"\n    date_phrase: "later"\n'},
        {"id": "unsourced", "basis": "public_record", "extra": '    date_phrase: "later"\n'},
        {"id": "empty-source", "basis": "public_record", "extra": '    date_source: " "\n'},
    ])
    corpus = load_corpus(data, briefings, seeds)
    lines = {p.line for p in corpus.problems if p.field == "date_source"}
    assert lines == {line_of(body, "basis:", "unsourced"), line_of(body, "date_source", "empty-source")}
    assert all("required when basis is public_record" in p.message for p in corpus.problems)
    assert set(corpus.claims) == {"sourced"}  # an unsourced public-record date is not shown
    assert corpus.claims["sourced"].date_source == "Sheinbaum's post on X, 26 Jan 2025"


def test_the_import_reader_agrees_on_public_record_dates():
    record = {"id": "abc-1", "speaker": "someone", "kind": "action", "text": "Did it.", "said_on": "2024-11-27",
              "said_on_precision": "day", "said_on_basis": "public_record",
              "appearances": [{"article": "art-1", "span": [0, 5]}]}
    fast = fast_claim(_node(record))
    slow, problems = read_claim(_node(record), "in.jsonl")
    assert fast is None and slow is None and [p.field for p in problems] == ["date_source"]
    record |= {"date_source": "https://example.org/post", "date_phrase": "later"}
    fast = fast_claim(_node(record))
    slow, problems = read_claim(_node(record), "in.jsonl")
    assert not problems and fast == slow and fast.date_source == "https://example.org/post"


# --- JSON ---------------------------------------------------------------------------------------------------


def claims_in(value) -> list[dict]:
    """Every claim object in a JSON answer, wherever it sits."""
    found = []
    if isinstance(value, dict):
        if "said_on" in value and "speaker" in value and "kind" in value:
            found.append(value)
        for item in value.values():
            found += claims_in(item)
    elif isinstance(value, list):
        for item in value:
            found += claims_in(item)
    return found


@pytest.mark.parametrize(
    ("args", "claim_id"),
    [
        (["search", "build bridges"], "sheinbaum-build-bridges"),
        (["who", "Sheinbaum"], "sheinbaum-keep-cool-head"),
        (["quote", "build bridges"], "sheinbaum-build-bridges"),
        (["when", "Blinken visit"], "blinken-mexico-city-visit-dec-2023"),
        (["source", "sheinbaum-migration-shift"], "sheinbaum-build-bridges"),
    ],
)
def test_every_claim_in_every_json_answer_carries_its_date_fields(args, claim_id):
    result = CliRunner().invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    claims = claims_in(json.loads(result.stdout))
    assert claims
    for claim in claims:
        assert set(JSON_DATE_KEYS) <= set(claim), claim["id"]
        assert "basis" not in claim and "precision" not in claim  # one set of names: the export's
    chosen = next(c for c in claims if c["id"] == claim_id)
    assert chosen["said_on_basis"] == "public_record" and chosen["date_source"] and chosen["date_phrase"]
    assert chosen["said_on_precision"] == "day"


async def test_answer_json_and_export_name_the_date_alike(core):
    _, data = await run_line(Commands(core), "/quote build bridges not close borders")
    answer = to_plain(data)["hits"][0]["view"]["claim"]
    (record,) = [json.loads(line) for line in (await exported(core)).splitlines()
                 if json.loads(line)["id"] == answer["id"]]
    assert {key: answer[key] for key in DATE_FIELDS} == {key: record[key] for key in DATE_FIELDS}


# --- export and import --------------------------------------------------------------------------------------


async def test_export_import_round_trips_the_date_source_and_phrase(core, tmp_path):
    lines = (await exported(core)).splitlines()
    wanted = [line for line in lines if json.loads(line)["said_on_basis"] in {"public_record", "relative"}
              and (json.loads(line)["date_source"] or json.loads(line)["date_phrase"])]
    assert any(json.loads(line)["date_source"] for line in wanted)
    records = foreign(wanted[:20])
    path = tmp_path / "dates.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    report = await core.import_claims(path)
    assert report.ok and report.counts.claims == len(records)
    again = {json.loads(line)["id"]: json.loads(line) for line in (await exported(core)).splitlines()}
    for record in records:
        back = again[record["id"]]
        for key in DATE_FIELDS:
            assert back[key] == record[key], (record["id"], key)
    views = await core.store.claims_by_id([r["id"] for r in records])
    assert {v.claim.id: (v.claim.date_source, v.claim.date_phrase) for v in views} == {
        r["id"]: (r["date_source"], r["date_phrase"]) for r in records}
