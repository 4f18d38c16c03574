"""Logs never carry a secret, and a log file that cannot be written stops start-up with one line."""

from __future__ import annotations

import logging
import subprocess
import sys

from bot.infra.logs import redact, setup_logging


def test_interaction_and_bot_tokens_are_redacted(tmp_path):
    log_file = tmp_path / "bot.log"
    setup_logging("DEBUG", log_file)
    token = "aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OmFiY2RlZmdoaWprbG1ub3A"
    bot_token = ".".join(["M" + "x" * 25, "GaBcDe", "y" * 30])  # token-shaped, built here: no such literal in git
    logging.getLogger("discord.webhook").debug("POST https://discord.com/api/v10/interactions/1234/%s/callback", token)
    logging.getLogger("discord.http").warning("Webhook URL /webhooks/99/%s/messages/@original failed", token)
    logging.getLogger("x").error("login with %s", bot_token)
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_file.read_text()
    assert token not in text and bot_token not in text
    assert "/interactions/1234/[token]/callback" in text and "[bot token]" in text
    setup_logging("WARNING", None)


def test_ordinary_text_is_left_alone():
    line = "answered /who Sheinbaum in 12 ms for guild 1234567890"
    assert redact(line) == line


def test_an_unwritable_log_file_is_one_line_and_exit_2(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    env = {"BRIEFBOT_LOG_FILE": str(blocker / "bot.log"), "BRIEFBOT_DATABASE_PATH": str(tmp_path / "db.sqlite3"),
           "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-m", "bot", "console"], input="", capture_output=True, text=True,
                            env=env, timeout=120, cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert [line for line in result.stderr.splitlines() if line.strip()] == [
        line for line in result.stderr.splitlines() if "cannot write the log file" in line]
