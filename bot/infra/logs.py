"""Logging: levels to stderr and, when configured, a rotating file; secrets never reach either."""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)-8s %(name)s: %(message)s"

# An interaction's token lets anyone answer as the bot for 15 minutes; discord.py logs request URLs (which
# carry it) at DEBUG. A bot token has three dot-separated base64 parts.
_SECRETS = (
    (re.compile(r"(/(?:interactions|webhooks)/\d+/)[A-Za-z0-9_\-.]{20,}"), r"\1[token]"),
    (re.compile(r"\b[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}\b"), "[bot token]"),
    (re.compile(r"((?:\"|')?token(?:\"|')?\s*[:=]\s*(?:\"|')?)[A-Za-z0-9_\-.]{20,}", re.IGNORECASE), r"\1[token]"),
)


def redact(text: str) -> str:
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return text


class RedactSecrets(logging.Filter):
    """Rewrites each record's final message (and traceback text) with tokens replaced."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))  # tracebacks too: an exception may carry a URL


def setup_logging(level: str, log_file: Path | None) -> None:
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        root.removeHandler(handler)
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    if log_file is not None:
        try:
            log_file.parent.mkdir(parents=True, exist_ok=True)
            handlers.append(logging.handlers.RotatingFileHandler(log_file, maxBytes=5_000_000, backupCount=3,
                                                                 encoding="utf-8"))
        except OSError as exc:
            print(f"briefbot: cannot write the log file {log_file} ({exc.strerror or exc}); set BRIEFBOT_LOG_FILE"
                  " to a writable path, or to nothing for no log file", file=sys.stderr)
            raise SystemExit(2) from None
    for handler in handlers:
        handler.setFormatter(_Formatter(FORMAT))
        handler.addFilter(RedactSecrets())
        root.addHandler(handler)
    logging.getLogger("discord.http").setLevel(max(logging.INFO, root.level))
