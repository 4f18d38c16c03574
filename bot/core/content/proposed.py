"""Proposed claims (`data/claims/proposed/<article>.yaml`, written by `briefbot ingest`): read and validated
like curated claims, plus their review status and confidence. They are not compiled: a claim goes live
when `briefbot review` accepts it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.core.content.fields import RecordReader
from bot.core.content.records import read_article, read_claim, read_person
from bot.core.content.yamlio import line_of, load_yaml_file
from bot.core.models import Article, Claim, Person, Problem

PROPOSED_DIR = Path("claims") / "proposed"
STATUSES = ("proposed", "accepted", "rejected")


@dataclass(frozen=True)
class ProposedClaim:
    claim: Claim
    status: str
    confidence: float
    file: Path


@dataclass
class ProposedFile:
    path: Path
    article: Article | None = None
    content_hash: str | None = None
    speakers: list[Person] = field(default_factory=list)
    claims: list[ProposedClaim] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def proposed_files(data_dir: Path) -> list[Path]:
    return sorted((data_dir / PROPOSED_DIR).glob("*.yaml"))


def read_proposed(path: Path, label: str, known_people: set[str]) -> ProposedFile:
    out = ProposedFile(path)
    node, problem = load_yaml_file(path, label)
    if problem or not isinstance(node, dict):
        out.problems.append(problem or Problem(label, 1, None, "expected `article:`, `speakers:` and `claims:`"))
        return out
    out.article, problems = read_article(node.get("article"), label)
    out.problems += problems
    out.content_hash = str((node.get("article") or {}).get("content_hash") or "") or None
    for item in node.get("speakers") or []:
        person, problems = read_person(item, label)
        out.problems += problems
        if person:
            out.speakers.append(person)
    speakers = known_people | {p.id for p in out.speakers}
    for item in node.get("claims") or []:
        status, confidence, problems = _review_fields(item, label)
        claim, claim_problems = read_claim(item, label)
        out.problems += problems + claim_problems
        if claim is None or problems:
            continue
        if claim.speaker not in speakers:
            out.problems.append(Problem(label, line_of(item, "speaker"), "speaker",
                                        f"unknown person {claim.speaker!r} (not in data/people nor this file's speakers)"))
            continue
        repeats = _repeat_problem(item, claim.id, label)
        if repeats is not None:  # reported; the claim stays reviewable, accepted as one of its own
            out.problems.append(repeats)
        if out.article and any(a.article != out.article.id for a in claim.appearances):
            out.problems.append(Problem(label, line_of(item, "appearances"), "appearances",
                                        f"must cite this file's article {out.article.id!r}"))
            continue
        out.claims.append(ProposedClaim(claim, status, confidence, path))
    return out


def _repeat_problem(item: Any, claim_id: str, label: str) -> Problem | None:
    """`duplicate_of` names another claim by id. Whether that claim exists is settled at accept time (it may be
    an imported claim, known only to the store); a claim left without it is accepted as one of its own."""
    target = item.get("duplicate_of")
    if target is None:
        return None
    if not isinstance(target, str) or not target.strip():
        return Problem(label, line_of(item, "duplicate_of"), "duplicate_of", "must be the id of the claim this repeats")
    if target == claim_id:
        return Problem(label, line_of(item, "duplicate_of"), "duplicate_of", "a claim cannot repeat itself")
    return None


def _review_fields(item: Any, label: str) -> tuple[str, float, list[Problem]]:
    r = RecordReader(item, label)
    status = r.choice("status", STATUSES) or "proposed"
    raw = r.node.get("confidence")
    confidence = 0.0
    if not isinstance(raw, (int, float)) or isinstance(raw, bool) or not 0 <= raw <= 1:
        r.fail("confidence", "must be a number from 0 to 1")
    else:
        confidence = float(raw)
    return status, confidence, r.problems


def check_proposed(data_dir: Path, people: dict[str, Person]) -> list[Problem]:
    """Every problem in the proposed-claims files, named by file, line and field (for `briefbot check`)."""
    problems: list[Problem] = []
    root = data_dir.parent
    for path in proposed_files(data_dir):
        label = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
        problems += read_proposed(path, label, set(people)).problems
    return problems
