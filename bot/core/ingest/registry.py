"""The speakers extraction resolves against: the people files, plus speakers proposed by earlier ingests; and
new speakers written to the registry (`data/people/ingested.yaml`) when a claim of theirs is accepted."""

from __future__ import annotations

import io
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from bot.core.content.proposed import proposed_files, read_proposed
from bot.core.content.records import read_person
from bot.core.content.yamlio import load_yaml_file
from bot.core.models import Person

INGESTED_PEOPLE = Path("people") / "ingested.yaml"
_HEADER = ("# People first met in ingested articles, added when a claim of theirs was accepted (`briefbot review`).\n"
           "# Reviewable like the rest of data/people: fix a name, add roles with dates, aliases, role_aliases.\n")


def registry_people(data_dir: Path) -> dict[str, Person]:
    """The people files only (data/people.yaml, data/people/*.yaml): what content compiles."""
    people: dict[str, Person] = {}
    for path in [data_dir / "people.yaml", *sorted((data_dir / "people").glob("*.yaml"))]:
        if not path.is_file():
            continue
        node, problem = load_yaml_file(path, path.name)
        if problem or not isinstance(node, dict):
            continue
        for item in node.get("people") or []:
            person, _ = read_person(item, path.name)
            if person and person.id not in people:
                people[person.id] = person
    return people


def load_people(data_dir: Path) -> list[Person]:
    """Only the people files (not the whole corpus), plus proposed speakers: ingest needs names, not claims."""
    people = registry_people(data_dir)
    for path in proposed_files(data_dir):
        for person in read_proposed(path, path.name, set(people)).speakers:
            people.setdefault(person.id, person)
    return list(people.values())


def person_yaml(person: Person) -> CommentedMap:
    record = CommentedMap(id=person.id, name=person.name, kind=person.kind)
    record["roles"] = [{"title": r.title, "from": r.start.iso() if r.start else None,
                        "to": r.end.iso() if r.end else None} for r in person.roles]
    record["aliases"] = list(person.aliases)
    record["role_aliases"] = []
    return record


def register(data_dir: Path, people: list[Person]) -> list[Person]:
    """Add the people no people file holds yet to data/people/ingested.yaml; returns those added."""
    known = registry_people(data_dir)
    fresh = list({p.id: p for p in people if p.id not in known}.values())
    if not fresh:
        return []
    path = data_dir / INGESTED_PEOPLE
    yaml = YAML(typ="rt")
    yaml.width = 110
    yaml.indent(mapping=2, sequence=4, offset=2)
    document = yaml.load(path.read_text(encoding="utf-8")) if path.is_file() else None
    if not isinstance(document, dict):
        document = CommentedMap(people=[])
    if not isinstance(document.get("people"), list):
        document["people"] = []
    document["people"].extend(person_yaml(p) for p in fresh)
    buffer = io.StringIO()
    if not path.is_file():
        buffer.write(_HEADER)
    yaml.dump(document, buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".yaml.tmp")
    tmp.write_text(buffer.getvalue(), encoding="utf-8")
    tmp.replace(path)
    return fresh
