#!/usr/bin/env python3
"""One entry point for a fresh clone: sets up .venv from the lock file, then runs or tests.

    python3 dev.py run     # the bot (console when no DISCORD_TOKEN is set)
    python3 dev.py test    # content check + the whole test suite

Only the standard library is used here, because nothing else is installed yet.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
LOCK = ROOT / "requirements.lock"
STAMP = VENV / ".briefbot-installed"


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for path in (LOCK, ROOT / "pyproject.toml"):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_env() -> None:
    """Create the venv and install pinned deps, only when the lock or pyproject changed."""
    if not (BIN / "python").exists():
        print("briefbot: creating .venv", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = _fingerprint()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    print("briefbot: installing pinned dependencies from requirements.lock", file=sys.stderr)
    pip = [str(BIN / "python"), "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "install", "-r", str(LOCK)], check=True)
    subprocess.run([*pip, "install", "--no-deps", "-e", str(ROOT)], check=True)
    STAMP.write_text(wanted)


def main(argv: list[str]) -> int:
    command, rest = (argv[0], argv[1:]) if argv else ("run", [])
    if command not in {"run", "test", "setup"}:
        print(__doc__, file=sys.stderr)
        return 2
    ensure_env()
    os.chdir(ROOT)
    if command == "setup":
        return 0
    if command == "run":
        return subprocess.call([str(BIN / "briefbot"), "run", *rest])
    checked = subprocess.call([str(BIN / "briefbot"), "check"])
    if checked != 0:
        return checked
    return subprocess.call([str(BIN / "python"), "-m", "pytest", *rest])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
