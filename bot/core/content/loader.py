"""Load every content file into a Corpus; a bad record or file is reported and skipped, the rest loads.

A file that does not load as a whole (unreadable, invalid YAML, no front matter, no top-level list) is served
from its last good text when the caller passes one (`last_good`, kept by the store): a typo in one file never
takes that file's records offline. The loader stays pure: it reads the content folders, never the store.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.core.content.briefing_md import front_matter, parse_briefing
from bot.core.content.records import read_article, read_claim, read_person, read_synonyms, read_topic
from bot.core.content.yamlio import line_of, load_yaml_text
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


def text_hash(text: str) -> str:
    """How a version of a content file is named (the store keeps the same sha256 beside each last good text)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class LastGood:
    """The last text of a content file that loaded as a whole, and since when (UTC) it was that."""

    text: str
    good_at: str | None = None

    def describe(self) -> str:
        since = f", good since {self.good_at}" if self.good_at else ""
        return f"sha256 {text_hash(self.text)[:8]}{since}"


@dataclass
class Loaded:
    """A corpus, plus which texts loaded as a whole (the caller keeps them as the new last good versions) and
    which files were served from their last good text instead of their broken new one."""

    corpus: Corpus
    good: dict[str, str] = field(default_factory=dict)  # label -> text that loaded as a whole
    served_old: dict[str, LastGood] = field(default_factory=dict)  # label -> the last good text served instead


class _Collector:
    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.origin: dict[tuple[str, str], tuple[str, Any]] = {}  # (table, id) -> (file, yaml node)

    def add(self, table: str, store: dict, reader: Callable, items: list, label: str, id_attr: str,
            problems: list[Problem]) -> None:
        for node in items:
            item, found = reader(node, label)
            problems.extend(found)
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

    def synonyms(self, items: list, label: str, problems: list[Problem]) -> None:
        for node in items:
            group, found = read_synonyms(node, label)
            problems.extend(found)
            if group is not None:
                self.corpus.synonyms.append(group)

    def briefing(self, text: str, front: Any, stem: str, label: str, problems: list[Problem]) -> None:
        briefing, found, citations = parse_briefing(text, front, stem, label)
        problems.extend(found)
        if briefing is not None:
            self.corpus.briefings[briefing.slug] = briefing
            self.origin[("briefings", briefing.slug)] = (label, citations)


_EMPTY = object()  # a file with nothing in it (blank, or only comments)


def _parse(text: str, label: str, key: str | None) -> tuple[Any, Problem | None]:
    """The file as a whole: its records (YAML, under `key`) or its front matter (briefing, key None); _EMPTY;
    or the problem that stops the whole file loading."""
    if not text.strip():
        return _EMPTY, None
    if key is None:
        return front_matter(text, label)
    node, problem = load_yaml_text(text, label)
    if problem:
        return None, problem
    if node is None:  # only comments, or a bare '---'
        return _EMPTY, None
    items = node.get(key) if isinstance(node, dict) else None
    if not isinstance(items, list):
        return None, Problem(label, 1, key, f"the file must have a top-level '{key}:' list")
    return items, None


def _kind(path: Path, data_dir: Path) -> tuple[str, str | None]:
    """Which table a content file feeds, and the top-level key its records are under (None: a briefing)."""
    if path.parent == data_dir and path.name in ("articles.yaml", "topics.yaml", "synonyms.yaml"):
        return path.stem, path.stem
    if path.parent.name == "people" or path.name == "people.yaml":
        return "people", "people"
    if path.parent.name == "claims":
        return "claims", "claims"
    return "briefings", None


def load_corpus(data_dir: Path, briefings_dir: Path, seeds_dir: Path | None = None,
                last_good: Mapping[str, str | LastGood] | None = None) -> Corpus:
    return load_content(data_dir, briefings_dir, seeds_dir, last_good).corpus


def load_content(data_dir: Path, briefings_dir: Path, seeds_dir: Path | None = None,
                 last_good: Mapping[str, str | LastGood] | None = None) -> Loaded:
    """Every content file into a Corpus. last_good: file label -> the last text of that file that loaded as a
    whole (None: nothing is kept, as for `briefbot check`); a file whose new text does not load is served
    from it, and the problem says so."""
    from bot.core.content.crosscheck import cross_check
    from bot.core.content.proposed import check_proposed

    corpus = Corpus()
    loaded = Loaded(corpus)
    collect = _Collector(corpus)
    root = data_dir.parent
    readers = {"articles": (corpus.articles, read_article, "id"), "topics": (corpus.topics, read_topic, "slug"),
               "people": (corpus.people, read_person, "id"), "claims": (corpus.claims, read_claim, "id")}
    for path in content_files(data_dir, briefings_dir):
        label = _label(path, root)
        table, key = _kind(path, data_dir)
        try:
            text: str | None = path.read_text(encoding="utf-8")
            parsed, problem = _parse(text, label, key)
        except (OSError, UnicodeDecodeError) as exc:
            text, parsed, problem = None, None, Problem(label, None, None, f"cannot read file: {exc}")
        problems = corpus.problems
        if problem is not None:
            kept = last_good.get(label) if last_good is not None else None
            if isinstance(kept, str):
                kept = LastGood(kept)
            old, old_problem = _parse(kept.text, label, key) if kept is not None else (None, None)
            if kept is None or old_problem is not None or old is _EMPTY:
                note = "" if last_good is None else (" (its last good version was empty" if old is _EMPTY else
                                                     " (no last good version is kept") + ": none of its records are served)"
                corpus.problems.append(Problem(problem.file, problem.line, problem.field, problem.message + note))
                continue
            corpus.problems.append(Problem(label, problem.line, problem.field, f"new version broken; serving the last"
                                           f" good version ({kept.describe()}) instead: {problem.message}"))
            loaded.served_old[label] = kept
            text, parsed = kept.text, old
            problems = []  # that version's own record problems were reported when it was new; its lines are gone
        else:
            loaded.good[label] = text  # type: ignore[assignment]
        if parsed is _EMPTY:
            corpus.problems.append(Problem(label, None, None, "the file is empty"))
        elif key is None:
            collect.briefing(text, parsed, path.stem, label, problems)  # type: ignore[arg-type]
        elif table == "synonyms":
            collect.synonyms(parsed, label, problems)
        else:
            store, reader, id_attr = readers[table]
            collect.add(table, store, reader, parsed, label, id_attr, problems)
    cross_check(corpus, collect.origin, seeds_dir)
    corpus.problems.extend(check_proposed(data_dir, corpus.people))  # validated, never compiled
    return loaded
