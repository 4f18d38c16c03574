import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.dates import PartialDate


@pytest.mark.parametrize(
    ("text", "precision", "human"),
    [("2025", "year", "2025"), ("2025-01", "month", "January 2025"), ("2025-01-20", "day", "20 January 2025")],
)
def test_precision_is_kept_and_never_padded(text, precision, human):
    date = PartialDate.parse(text)
    assert date.precision == precision
    assert date.iso() == text
    assert date.human() == human


@pytest.mark.parametrize("bad", ["2025-13", "2025-02-30", "Jan 2025", "", "20250101", "2025-1-5"])
def test_bad_dates_are_rejected_with_a_reason(bad):
    with pytest.raises(ValueError):
        PartialDate.parse(bad)


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_round_trip_and_bounds(day):
    for text in (day.isoformat(), day.isoformat()[:7], day.isoformat()[:4]):
        date = PartialDate.parse(text)
        assert PartialDate.parse(date.iso()) == date
        assert date.earliest <= day <= date.latest
