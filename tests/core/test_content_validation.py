"""Each problem names file, line and field, and everything else still loads."""

from pathlib import Path
from textwrap import dedent

import pytest

from bot.core.content import load_corpus

ARTICLES = """\
articles:
  - id: art-one
    title: First article
    published: 2025-01-28
    precision: day
    not_after: 2025-01-31
"""
TOPICS = """\
topics:
  - slug: tariffs
    title: Tariffs
  - slug: deportations
    title: Deportations
"""
PEOPLE = """\
people:
  - id: claudia-sheinbaum
    name: Claudia Sheinbaum
    aliases: [Sheinbaum]
"""
CLAIMS = """\
claims:
  - id: good-claim
    speaker: claudia-sheinbaum
    kind: paraphrase
    text: Said something.
    said_on: "2025-01"
    basis: relative
    topics: [tariffs]
    appearances:
      - article: art-one
        span: [0, 10]
  - id: second-good-claim
    speaker: claudia-sheinbaum
    kind: statistic
    text: A figure.
    said_on: "2025-01-20"
    basis: explicit
    appearances:
      - article: art-one
        span: [10, 20]
"""
BRIEFING = """\
---
title: Tariffs
slug: tariffs
summary: Short.
claims: [good-claim]
---
## Key points
- A point. [good-claim]

## Timeline
- 2025-01-20 — Something. [second-good-claim]
"""


def write(root: Path, files: dict[str, str]) -> tuple[Path, Path]:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text))
    return root / "data", root / "briefings"


def tree(tmp_path: Path, replace: dict[str, str] | None = None) -> tuple[Path, Path]:
    files = {
        "data/articles.yaml": ARTICLES, "data/topics.yaml": TOPICS, "data/people/core.yaml": PEOPLE,
        "data/claims/art-one.yaml": CLAIMS, "briefings/tariffs.md": BRIEFING,
    }
    files.update(replace or {})
    return write(tmp_path, files)


def test_valid_tree_loads_clean(tmp_path):
    corpus = load_corpus(*tree(tmp_path))
    assert corpus.problems == []
    assert set(corpus.claims) == {"good-claim", "second-good-claim"}
    briefing = corpus.briefings["tariffs"]
    assert briefing.key_points[0].claims == ("good-claim",)
    assert briefing.timeline[0].date.iso() == "2025-01-20"


def test_malformed_front_matter_names_file_and_line_and_the_rest_loads(tmp_path):
    broken = "---\ntitle: Deportations\nslug: deportations\nsummary: [unclosed\n---\nBody\n"
    corpus = load_corpus(*tree(tmp_path, {"briefings/deportations.md": broken}))
    problems = [p for p in corpus.problems if p.file.endswith("deportations.md")]
    assert len(problems) == 1
    assert problems[0].line is not None and 2 <= problems[0].line <= 6
    assert "YAML" in problems[0].message
    assert "tariffs" in corpus.briefings  # the good briefing still loads
    assert len(corpus.claims) == 2


def test_missing_front_matter_is_reported(tmp_path):
    corpus = load_corpus(*tree(tmp_path, {"briefings/deportations.md": "# Just a heading\n"}))
    (problem,) = corpus.problems
    assert problem.file.endswith("deportations.md") and problem.line == 1


def test_unknown_claim_id_in_a_briefing_names_the_line_citing_it(tmp_path):
    text = BRIEFING.replace("- A point. [good-claim]", "- A point. [good-claim, no-such-claim]")
    corpus = load_corpus(*tree(tmp_path, {"briefings/tariffs.md": text}))
    (problem,) = corpus.problems
    assert "no-such-claim" in problem.message
    assert problem.file.endswith("tariffs.md")
    line = text.splitlines().index("- A point. [good-claim, no-such-claim]") + 1
    assert problem.line == line
    assert "tariffs" in corpus.briefings


def test_bad_date_names_field_and_line_and_only_that_claim_is_skipped(tmp_path):
    text = CLAIMS.replace('said_on: "2025-01"', 'said_on: "2025-13"')
    corpus = load_corpus(*tree(tmp_path, {"data/claims/art-one.yaml": text}))
    (problem,) = [p for p in corpus.problems if p.field == "said_on"]
    assert problem.file.endswith("art-one.yaml")
    assert problem.line == text.splitlines().index('    said_on: "2025-13"') + 1
    assert "second-good-claim" in corpus.claims and "good-claim" not in corpus.claims


def test_duplicate_slug_points_at_both_places(tmp_path):
    topics = TOPICS + "  - slug: tariffs\n    title: Tariffs again\n"
    corpus = load_corpus(*tree(tmp_path, {"data/topics.yaml": topics}))
    (problem,) = [p for p in corpus.problems if "duplicate" in p.message]
    assert problem.file.endswith("topics.yaml")
    assert problem.line == 6
    assert "topics.yaml:2" in problem.message
    assert corpus.topics["tariffs"].title == "Tariffs"


def test_unknown_speaker_drops_the_claim_and_says_where(tmp_path):
    text = CLAIMS.replace("speaker: claudia-sheinbaum\n    kind: statistic", "speaker: nobody-known\n    kind: statistic")
    corpus = load_corpus(*tree(tmp_path, {"data/claims/art-one.yaml": text}))
    (problem,) = [p for p in corpus.problems if p.field == "speaker"]
    assert "nobody-known" in problem.message
    assert problem.line == text.splitlines().index("    speaker: nobody-known") + 1
    assert "second-good-claim" not in corpus.claims


def test_many_problems_are_all_reported_at_once(tmp_path):
    text = CLAIMS.replace("kind: paraphrase", "kind: rumour").replace('said_on: "2025-01-20"', "said_on: soon")
    corpus = load_corpus(*tree(tmp_path, {"data/claims/art-one.yaml": text}))
    fields = sorted(p.field for p in corpus.problems)
    # both bad fields, plus the briefing's now-dangling citations of the two skipped claims
    assert fields == ["claims", "claims", "kind", "said_on"]


def test_invalid_yaml_file_is_skipped_and_named(tmp_path):
    corpus = load_corpus(*tree(tmp_path, {"data/people/extra.yaml": "people:\n  - id: [oops\n"}))
    (problem,) = corpus.problems
    assert problem.file.endswith("extra.yaml") and problem.line is not None
    assert "claudia-sheinbaum" in corpus.people


def test_claim_dated_after_its_article_is_rejected(tmp_path):
    text = CLAIMS.replace('said_on: "2025-01-20"', 'said_on: "2025-03-01"')
    corpus = load_corpus(*tree(tmp_path, {"data/claims/art-one.yaml": text}))
    (problem,) = corpus.problems
    assert problem.field == "said_on" and "after" in problem.message


def test_quote_must_be_found_at_its_span(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "one.txt").write_text("Sheinbaum said: “We will build bridges.” Then more.")
    articles = ARTICLES.replace("title: First article", "title: First article\n    file: one.txt")
    claims = CLAIMS.replace(
        "kind: paraphrase\n", "kind: direct_quote\n    quote: We will build bridges.\n"
    ).replace("span: [0, 10]", "span: [17, 39]")
    data, briefings = tree(tmp_path, {"data/articles.yaml": articles, "data/claims/art-one.yaml": claims})
    assert load_corpus(data, briefings, seeds).problems == []
    moved = claims.replace("span: [17, 39]", "span: [0, 12]")
    data, briefings = tree(tmp_path, {"data/articles.yaml": articles, "data/claims/art-one.yaml": moved})
    (problem,) = load_corpus(data, briefings, seeds).problems
    assert problem.field == "quote"


@pytest.mark.parametrize("body", ["## Timeline\n- sometime — undated\n", "## Timeline\n- 2025-02-30 — bad day\n"])
def test_bad_timeline_entry_is_reported_with_its_line(tmp_path, body):
    text = BRIEFING.split("## Key points")[0] + body
    corpus = load_corpus(*tree(tmp_path, {"briefings/tariffs.md": text}))
    (problem,) = corpus.problems
    assert problem.field == "timeline"
    assert problem.line == text.splitlines().index(body.splitlines()[1]) + 1


def test_a_bad_synonym_group_is_named_and_the_good_ones_load(tmp_path):
    synonyms = """\
    synonyms:
      - words: [tariff, levy]
      - words: [border wall, barrier]
      - words: [alone]
    """
    corpus = load_corpus(*tree(tmp_path, {"data/synonyms.yaml": synonyms}))
    assert corpus.synonyms == [("tariff", "levy")]
    problems = sorted((p.line, p.message) for p in corpus.problems)
    assert [line for line, _ in problems] == [3, 4]
    assert "'border wall' must be one word" in problems[0][1] and "two different words" in problems[1][1]
    assert all(p.file.endswith("synonyms.yaml") for p in corpus.problems)


ROLES = """\
people:
  - id: marcelo-ebrard
    name: Marcelo Ebrard
    roles:
      - title: Foreign Secretary
        from: "{start}"
        to: "{end}"
"""


@pytest.mark.parametrize(("start", "end"), [("2019", "2019-06"), ("2019-06", "2019"), ("2019-06-15", "2019-06"),
                                            ("2019", "2019-12-31"), ("2019-01", "2019-01-31")])
def test_role_dates_of_different_precision_load(tmp_path, start, end):
    people = ROLES.format(start=start, end=end)
    corpus = load_corpus(*tree(tmp_path, {"data/people/ebrard.yaml": people}))
    assert corpus.problems == []
    (role,) = corpus.people["marcelo-ebrard"].roles
    assert (role.start.iso(), role.end.iso()) == (start, end)
    assert "claudia-sheinbaum" in corpus.people


@pytest.mark.parametrize(("start", "end"), [("2019-06", "2019-05"), ("2020", "2019-06"), ("2019-06-15", "2019-06-14"),
                                            ("2019-07-01", "2019-06")])
def test_role_ending_before_it_starts_is_a_problem_with_file_and_line(tmp_path, start, end):
    people = ROLES.format(start=start, end=end)
    corpus = load_corpus(*tree(tmp_path, {"data/people/ebrard.yaml": people}))
    (problem,) = corpus.problems
    assert problem.file.endswith("ebrard.yaml")
    assert problem.line == people.splitlines().index(f'        from: "{start}"') + 1
    assert problem.field == "roles.from"
    assert start in problem.message and end in problem.message
    assert "marcelo-ebrard" not in corpus.people  # the bad record is skipped, the rest loads
    assert "claudia-sheinbaum" in corpus.people and len(corpus.claims) == 2


def test_article_and_claim_bounds_compare_across_precisions(tmp_path):
    articles = ARTICLES.replace("precision: day\n", 'precision: day\n    not_before: "2025"\n')
    claims = CLAIMS.replace('said_on: "2025-01"\n', 'said_on: "2025-01"\n    not_before: "2025"\n    not_after: "2025-01"\n')
    corpus = load_corpus(*tree(tmp_path, {"data/articles.yaml": articles, "data/claims/art-one.yaml": claims}))
    assert corpus.problems == []
    assert corpus.claims["good-claim"].not_before.iso() == "2025"

    backwards = CLAIMS.replace('said_on: "2025-01"\n', 'said_on: "2025-01"\n    not_before: "2025-02"\n    not_after: "2025-01"\n')
    corpus = load_corpus(*tree(tmp_path, {"data/claims/art-one.yaml": backwards}))
    (problem, *cited) = corpus.problems
    assert (problem.field, problem.file.endswith("art-one.yaml")) == ("not_before", True)
    assert problem.line == backwards.splitlines().index('    not_before: "2025-02"') + 1
    assert [p.field for p in cited] == ["claims"]  # the briefing now cites the skipped claim
