"""The speakers extraction resolves against: the people files, plus speakers proposed by earlier ingests."""

from __future__ import annotations

from pathlib import Path

from bot.core.content.proposed import proposed_files, read_proposed
from bot.core.content.records import read_person
from bot.core.content.yamlio import load_yaml_file
from bot.core.models import Person


def load_people(data_dir: Path) -> list[Person]:
    """Only the people files (not the whole corpus): ingest needs names, not claims."""
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
    for path in proposed_files(data_dir):
        for person in read_proposed(path, path.name, set(people)).speakers:
            people.setdefault(person.id, person)
    return list(people.values())
