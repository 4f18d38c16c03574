"""Dates that carry their precision: "2025", "2025-01" or "2025-01-20", never padded to a fake day."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Literal

Precision = Literal["day", "month", "year"]
_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]


@functools.total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A calendar date known to day, month or year precision: it stands for the interval earliest..latest.

    Equality is "the same date at the same precision": 2019 != 2019-01 != 2019-01-01.

    ``<``, ``>``, ``sorted`` and ``min``/``max`` work across any mix of precisions and never raise: they order
    by the interval, ``(earliest, latest)``, so 2019-01 < 2019 < 2019-06 < 2019-06-15 < 2020. Comparing the
    fields one by one (what ``order=True`` did) raised TypeError for 2019 against 2019-06 (None against 6).
    That order is for sorting only; it does not say one date *happened* before another (2019 < 2019-06, but
    June 2019 lies inside 2019). To check a range or a bound, use ``before``, ``after`` and ``overlaps``.
    """

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Accept ISO text of any precision, or a date object; raise ValueError with a reason."""
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and 1000 <= value <= 9999:
            return cls(value)
        text = str(value).strip()
        match = _PATTERN.match(text)
        if not match:
            raise ValueError(f"{text!r} is not a date like 2025, 2025-01 or 2025-01-20")
        year, month, day = (int(part) if part else None for part in match.groups())
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"{text!r} has no month {month}")
        if day is not None:
            try:
                dt.date(year, month, day)  # type: ignore[arg-type]
            except ValueError:
                raise ValueError(f"{text!r} is not a real calendar day") from None
        return cls(year, month, day)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    @property
    def sort_key(self) -> tuple[dt.date, dt.date]:
        """The interval as a sort key; distinct partial dates never share it, so the order agrees with ==."""
        return (self.earliest, self.latest)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key < other.sort_key

    def before(self, other: PartialDate) -> bool:
        """Entirely before other: every day self may mean is earlier than every day other may mean.

        A range from..to is impossible only when ``to.before(from)``; 2019 .. 2019-06 is fine (it may start
        in January), and so is 2019-06 .. 2019 (it may end in December).
        """
        return self.latest < other.earliest

    def after(self, other: PartialDate) -> bool:
        """Entirely after other (the mirror of ``before``)."""
        return self.earliest > other.latest

    def overlaps(self, other: PartialDate) -> bool:
        """Some day may be meant by both: neither is entirely before the other (2019 overlaps 2019-06)."""
        return not (self.before(other) or self.after(other))

    def iso(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def human(self) -> str:
        """'20 January 2025', 'January 2025' or '2025': what a reader should see."""
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{_MONTHS[self.month - 1]} {self.year}"
        return f"{self.day} {_MONTHS[self.month - 1]} {self.year}"

    def __str__(self) -> str:
        return self.iso()


def parse_optional(value: object) -> PartialDate | None:
    return None if value in (None, "") else PartialDate.parse(value)
