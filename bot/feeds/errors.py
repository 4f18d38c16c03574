"""What went wrong with a feed or a page, as a kind (render words it) and a detail (status, size, ...)."""

from __future__ import annotations

# Kinds that pause a feed at once: the site says the feed is not there (and will not be).
PAUSE_AT_ONCE = frozenset({"not_found", "gone", "bad_scheme"})
KINDS = ("not_found", "gone", "http", "timeout", "network", "too_large", "bad_scheme", "redirects",
         "malformed", "not_a_feed", "repeated_failures")


class FetchError(Exception):
    """A feed or page could not be had. `kind` is one of KINDS; `detail` is short and technical."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.detail = detail

    @property
    def stored(self) -> str:
        """How a feed row keeps it (last_error): 'kind' or 'kind:detail'."""
        return f"{self.kind}:{self.detail}" if self.detail else self.kind


def split_stored(stored: str) -> tuple[str, str]:
    kind, _, detail = stored.partition(":")
    return kind, detail
