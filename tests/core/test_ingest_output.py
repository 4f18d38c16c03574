"""What `briefbot ingest` tells the user on stderr: a line per file (or a progress bar on a terminal) and a
summary of articles, claims by kind, new speakers, repeats and what is left to review. Invented text."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.adapters.cli import app
from bot.adapters.ingest_output import ProgressBar
from bot.core.ingest.service import FileOutcome, Prepared

ARTICLE = """---
title: Shelter beds run short in {city}
published: 2025-02-12
outlet: Border Notes
---
Mexico's Foreign Minister Juan Ramon de la Fuente said on Monday that {city} needed more shelter beds.

Tijuana Mayor Rosalinda Quinteros Vela said on Tuesday that the city's shelters were full.
"""


def test_many_files_get_a_line_each_and_a_summary(tmp_path):
    paths = []
    for city in ("Tijuana", "Juarez"):
        path = tmp_path / f"{city.lower()}.md"
        path.write_text(ARTICLE.format(city=city), encoding="utf-8")
        paths.append(str(path))
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", *paths, str(tmp_path / "empty.txt"), "--published", "2025-02-12"])
    assert result.exit_code == 0, result.output
    err = result.stderr
    assert "tijuana.md: 2 claims" in err and "empty.txt: the file has no text" in err
    summary = [line for line in err.splitlines() if "articles," in line][0]
    assert "2 articles, 4 paraphrase" in summary and "new speakers: Rosalinda Quinteros Vela" in summary
    assert "1 repeat a known claim" in summary  # the mayor's sentence, the same in both
    assert "0 accepted, 4 to review (`briefbot review`)" in err and "1 of 3 files could not be read" in err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_draws_on_a_terminal_stderr(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("NO_COLOR", raising=False)
    bar = ProgressBar(2)
    bar.advance(FileOutcome(Prepared(tmp_path / "one.md")))
    bar.advance(FileOutcome(Prepared(tmp_path / "two.md", error="no text")), "briefbot ingest: two.md: no text")
    bar.stop()
    drawn = terminal.getvalue()
    assert "briefbot ingest: two.md: no text" in drawn and "2/2" in drawn
