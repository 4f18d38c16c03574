"""Export (JSONL, CSV, ClaimReview, briefings JSON) and import: the round trip, bad lines, recompiles."""

from __future__ import annotations

import csv
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bot.adapters.cli import app
from bot.core.content.records import read_claim
from bot.core.interchange import _node, fast_claim
from bot.core.search.results import WhoAnswer
from bot.core.service import Core
from bot.core.store import Store


async def exported(core: Core, fmt: str = "jsonl") -> str:
    out = io.StringIO()
    await core.export_claims(fmt, out)
    return out.getvalue()


def foreign(lines: list[str], prefix: str = "imp-") -> list[dict]:
    """Exported claims as if from another briefbot: new ids, a speaker and an article we don't have."""
    records = []
    for number, line in enumerate(lines):
        record = json.loads(line)
        record["id"] = (prefix + record["id"])[:60].rstrip("-")
        record["speaker"], record["speaker_name"] = f"visitor-{number % 2}", f"Visitor Núñez {number % 2}"
        record["article"] = record["appearances"][0]["article"] = "visiting-article"
        record["appearances"][0]["title"] = "A Visiting Article"
        records.append(record)
    return records


async def test_jsonl_export_has_the_exchange_fields(core):
    lines = (await exported(core)).splitlines()
    assert len(lines) == (await core.store.counts())["claims"]
    record = json.loads(lines[0])
    for key in ("id", "speaker", "speaker_name", "speaker_role", "kind", "text", "quote", "said_on",
                "said_on_precision", "said_on_basis", "date_note", "article", "span", "appearances", "topics",
                "figures"):
        assert key in record
    assert record["appearances"][0]["title"]


async def test_import_loads_foreign_claims_creates_people_and_articles_and_survives_recompile(core, tmp_path):
    records = foreign((await exported(core)).splitlines()[:12])
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    report = await core.import_claims(path)
    assert report.ok and report.counts.claims == 12
    assert report.counts.people == 2 and report.counts.articles == 1
    answer = await core.who("Visitor Nunez 1")
    assert isinstance(answer, WhoAnswer) and len(answer.claims) == 6
    source = await core.source("A Visiting Article")
    assert source.article.id == "visiting-article" and len(source.claims) == 12
    top = [hit.view.claim.id for hit in (await core.search(records[0]["text"])).hits[:2]]
    assert records[0]["id"] in top  # tied with the content claim it copies
    await core.reload(force=True)  # a content recompile keeps imported claims, their people and the index
    assert isinstance(await core.who("Visitor Nunez 1"), WhoAnswer)
    quote = records[0]["quote"] or records[0]["text"]
    assert records[0]["id"] in [hit.view.claim.id for hit in (await core.quote(quote)).hits]
    async with core.store.db.execute("SELECT origin, count(*) FROM claims GROUP BY origin") as cursor:
        origins = dict(await cursor.fetchall())
    assert origins["import"] == 12


async def test_bad_lines_are_reported_by_number_and_the_rest_load(core, tmp_path):
    good = foreign((await exported(core)).splitlines()[:3])
    lines = [json.dumps(good[0]), "{not json", json.dumps({"id": "Bad Id", "kind": "nope"}), "",
             json.dumps(good[1]), "[1, 2]", json.dumps({**good[2], "said_on": "2024-13"})]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n")
    report = await core.import_claims(path)
    assert report.counts.claims == 2 and report.bad_lines == 4
    assert {p.line for p in report.problems} == {2, 3, 6, 7}
    assert any(p.field == "said_on" and p.line == 7 for p in report.problems)


async def test_reimport_replaces_and_content_ids_are_left_alone(core, tmp_path):
    lines = (await exported(core)).splitlines()[:4]
    path = tmp_path / "same.jsonl"
    path.write_text("\n".join(lines) + "\n")
    report = await core.import_claims(path)  # the content's own claims: content wins
    assert report.counts.claims == 0 and report.counts.skipped == 4 and report.ok
    records = foreign(lines)
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    await core.import_claims(path)
    records[0]["text"] = "Visitor said the marmalade embargo starts soon."
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    await core.import_claims(path)
    async with core.store.db.execute("SELECT count(*) FROM claims WHERE origin = 'import'") as cursor:
        assert (await cursor.fetchone())[0] == len(records)
    assert (await core.search("marmalade embargo")).hits[0].view.claim.id == records[0]["id"]
    async with core.store.db.execute("SELECT count(*) FROM search_docs") as cursor:
        assert (await cursor.fetchone())[0] == (await core.store.counts())["claims"]


async def test_csv_and_claimreview_exports(core):
    rows = list(csv.DictReader(io.StringIO(await exported(core, "csv"))))
    assert rows and rows[0]["id"] and rows[0]["said_on_precision"] and rows[0]["article"]
    document = json.loads(await exported(core, "claimreview"))
    assert document["@context"] == "https://schema.org"
    review = document["@graph"][0]
    assert review["@type"] == "ClaimReview"
    claim = review["itemReviewed"]
    assert claim["@type"] == "Claim" and claim["author"]["name"] and claim["datePublished"]
    assert claim["appearance"][0]["headline"]


async def test_briefings_export(core):
    out = io.StringIO()
    count = await core.export_briefings(out)
    data = json.loads(out.getvalue())
    assert count == len(data["briefings"]) and any(b["slug"] == "tariffs" for b in data["briefings"])


def test_cli_export_and_import(tmp_path):
    target = tmp_path / "claims.jsonl"
    result = CliRunner().invoke(app, ["export", "claims", "--format", "jsonl", "--output", str(target)])
    assert result.exit_code == 0, result.output
    records = foreign(target.read_text().splitlines()[:5], prefix="cli-")
    target.write_text("\n".join(json.dumps(r) for r in records) + "\nnot json\n")
    result = CliRunner().invoke(app, ["import", str(target)])
    assert result.exit_code == 1  # one bad line
    assert f"{target}:6" in result.output and "5 claims loaded" in result.output
    result = CliRunner().invoke(app, ["who", "Visitor Nunez 0", "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["person"]["id"] == "visitor-0"
    for command in (["export", "claims", "--format", "claimreview"], ["export", "briefings"]):
        result = CliRunner().invoke(app, command)
        assert result.exit_code == 0 and json.loads(result.stdout)
    assert CliRunner().invoke(app, ["export", "people"]).exit_code == 2
    assert CliRunner().invoke(app, ["import", str(tmp_path / "missing.jsonl")]).exit_code == 2


async def test_import_into_an_empty_store(tmp_path, real_content):
    async with Store(tmp_path / "a.sqlite3") as store:
        source = Core(store, real_content)
        await source.reload()
        text = await exported(source)
    path = tmp_path / "all.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in foreign(text.splitlines(), prefix="x-")) + "\n")
    async with Store(tmp_path / "b.sqlite3") as store:
        target = Core(store, real_content)
        report = await target.import_claims(path)
        assert report.ok and report.counts.claims == len(text.splitlines())
        assert isinstance(await target.who("Visitor Nunez 0"), WhoAnswer)
        # no content was compiled into b: she is no registered person there (imported claims may mention her)
        assert not isinstance(await target.who("Sheinbaum"), WhoAnswer)


# --- the fast reader accepts only what the content validator accepts, and reads it the same -----------------


SAMPLE = {
    "id": "abc-1", "speaker": "someone", "kind": "direct_quote", "text": " Someone said it. ", "quote": "It.",
    "said_on": "2024-05", "said_on_precision": "month", "said_on_basis": "relative", "figures": ["5%"],
    "topics": ["tariffs"], "appearances": [{"article": "art-1", "span": [3, 9]}], "date_note": None,
}
VALUES = st.one_of(st.none(), st.text(max_size=12), st.integers(-3, 3), st.booleans(),
                   st.lists(st.one_of(st.text(max_size=5), st.integers(0, 9)), max_size=3),
                   st.sampled_from(["2024", "2024-13", "2024-02-30", "direct_quote", "action", "explicit", "day",
                                    "month", "a-b", "A B", [1, 2], [2, 1], [0, 5], {"article": "x"}]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes=st.dictionaries(st.sampled_from(sorted(SAMPLE) + ["appearances.0.span", "appearances.0.article"]),
                               VALUES, max_size=4))
def test_fast_reader_agrees_with_the_content_validator(changes):
    record = json.loads(json.dumps(SAMPLE))
    for key, value in sorted(changes.items(), key=lambda kv: not kv[0].startswith("appearances.0.")):
        if key.startswith("appearances.0."):
            record["appearances"][0][key.rsplit(".", 1)[1]] = value
        else:
            record[key] = value
    node = _node(record)
    fast = fast_claim(node)
    slow, problems = read_claim(node, "x.jsonl")
    if fast is not None:
        assert not problems and slow == fast


def test_importing_a_csv_export_says_so_in_one_line(tmp_path):
    target = tmp_path / "claims.csv"
    result = CliRunner().invoke(app, ["export", "claims", "--format", "csv", "--output", str(target)])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(app, ["import", str(target)])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "CSV" in lines[0] and "jsonl" in lines[0]
