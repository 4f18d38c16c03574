"""Load every content file into a Corpus; a bad record or file is reported and skipped, the rest loads."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from bot.core.content.briefing_md import read_briefing
from bot.core.content.records import read_article, read_claim, read_person, read_synonyms, read_topic
from bot.core.content.yamlio import line_of, load_yaml_file
from bot.core.models import Corpus, Problem


def content_files(data_dir: Path, briefings_dir: Path) -> list[Path]:
    """Every file that feeds the compiled store, in a stable order (it also keys the content hash)."""
    files = [data_dir / "articles.yaml", data_dir / "topics.yaml", data_dir / "people.yaml", data_dir / "synonyms.yaml"]
    files += sorted((data_dir / "people").glob("*.yaml")) + sorted((data_dir / "claims").glob("*.yaml"))
    files += sorted(briefings_dir.glob("*.md"))
    return [path for path in files if path.is_file()]


def content_hash(data_dir: Path, briefings_dir: Path, seeds_dir: Path | None = None) -> str:
    """Of the content files and the source articles' texts (they are stored for passages and indexed)."""
    digest = hashlib.sha256()
    for path in content_files(data_dir, briefings_dir):
        digest.update(str(path.relative_to(path.parent.parent)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    if seeds_dir is not None and seeds_dir.is_dir():
        for path in sorted(p for p in seeds_dir.iterdir() if p.is_file()):
            digest.update(b"seed:" + path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _label(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


class _Collector:
    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.origin: dict[tuple[str, str], tuple[str, Any]] = {}  # (table, id) -> (file, yaml node)

    def records(self, path: Path, label: str, key: str) -> Iterable[Any]:
        node, problem = load_yaml_file(path, label)
        if problem:
            self.corpus.problems.append(problem)
            return []
        if node is None:
            return []
        items = node.get(key) if isinstance(node, dict) else None
        if not isinstance(items, list):
            self.corpus.problems.append(Problem(label, 1, key, f"the file must have a top-level '{key}:' list"))
            return []
        return items

    def add(self, table: str, store: dict, reader: Callable, path: Path, label: str, key: str, id_attr: str) -> None:
        for node in self.records(path, label, key):
            item, problems = reader(node, label)
            self.corpus.problems.extend(problems)
            if item is None:
                continue
            item_id = getattr(item, id_attr)
            if item_id in store:
                first_file, first_node = self.origin[(table, item_id)]
                where = f"{first_file}:{line_of(first_node, id_attr)}"
                self.corpus.problems.append(
                    Problem(label, line_of(node, id_attr), id_attr, f"duplicate {id_attr} {item_id!r}, first defined at {where}")
                )
                continue
            store[item_id] = item
            self.origin[(table, item_id)] = (label, node)


def load_corpus(data_dir: Path, briefings_dir: Path, seeds_dir: Path | None = None) -> Corpus:
    from bot.core.content.crosscheck import cross_check
    from bot.core.content.proposed import check_proposed

    corpus = Corpus()
    collect = _Collector(corpus)
    root = data_dir.parent
    for path in content_files(data_dir, briefings_dir):
        label = _label(path, root)
        if path.name == "articles.yaml" and path.parent == data_dir:
            collect.add("articles", corpus.articles, read_article, path, label, "articles", "id")
        elif path.name == "topics.yaml" and path.parent == data_dir:
            collect.add("topics", corpus.topics, read_topic, path, label, "topics", "slug")
        elif path.name == "synonyms.yaml" and path.parent == data_dir:
            for node in collect.records(path, label, "synonyms"):
                group, problems = read_synonyms(node, label)
                corpus.problems.extend(problems)
                if group is not None:
                    corpus.synonyms.append(group)
        elif path.parent.name == "people" or path.name == "people.yaml":
            collect.add("people", corpus.people, read_person, path, label, "people", "id")
        elif path.parent.name == "claims":
            collect.add("claims", corpus.claims, read_claim, path, label, "claims", "id")
        elif path.suffix == ".md":
            briefing, problems, citations = read_briefing(path, label)
            corpus.problems.extend(problems)
            if briefing is not None:
                corpus.briefings[briefing.slug] = briefing
                collect.origin[("briefings", briefing.slug)] = (label, citations)
    cross_check(corpus, collect.origin, seeds_dir)
    corpus.problems.extend(check_proposed(data_dir, corpus.people))  # validated, never compiled
    return corpus
