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


# Every mix of precisions: (a, b, a entirely before b, b entirely before a). Overlap = neither.
MIXES = [
    # same precision: equal, disjoint
    ("2019", "2019", False, False), ("2019", "2020", True, False),
    ("2019-06", "2019-06", False, False), ("2019-06", "2019-07", True, False),
    ("2019-06-15", "2019-06-15", False, False), ("2019-06-15", "2019-06-16", True, False),
    # year against month: containing, disjoint either side
    ("2019", "2019-06", False, False), ("2019", "2019-01", False, False), ("2019", "2019-12", False, False),
    ("2018", "2019-01", True, False), ("2020", "2019-12", False, True),
    # year against day
    ("2019", "2019-06-15", False, False), ("2019", "2019-01-01", False, False), ("2019", "2019-12-31", False, False),
    ("2018", "2019-01-01", True, False), ("2020", "2019-12-31", False, True),
    # month against day
    ("2019-06", "2019-06-15", False, False), ("2019-06", "2019-06-30", False, False),
    ("2019-06", "2019-07-01", True, False), ("2019-06", "2019-05-31", False, True),
]


@pytest.mark.parametrize(("a", "b", "a_before_b", "b_before_a"), MIXES)
@pytest.mark.parametrize("flip", [False, True])
def test_every_mix_of_precisions_compares_by_interval(a, b, a_before_b, b_before_a, flip):
    x, y = PartialDate.parse(a), PartialDate.parse(b)
    if flip:
        x, y, a_before_b, b_before_a = y, x, b_before_a, a_before_b
    assert x.before(y) is a_before_b and y.before(x) is b_before_a
    assert x.after(y) is b_before_a and y.after(x) is a_before_b
    assert x.overlaps(y) is y.overlaps(x) is (not a_before_b and not b_before_a)
    # ordering never raises and is a strict total order that agrees with == (same date, same precision)
    assert (x == y) is (a == b)
    assert [x < y, x == y, x > y].count(True) == 1
    assert (x <= y) is (x < y or x == y) and (x >= y) is (x > y or x == y)
    assert (x < y) is ((x.earliest, x.latest) < (y.earliest, y.latest))
    if a_before_b:
        assert x < y and min(x, y) == x and max(x, y) == y


def test_containing_dates_are_unequal_but_overlap():
    year, month, day = PartialDate.parse("2019"), PartialDate.parse("2019-06"), PartialDate.parse("2019-06-15")
    assert len({year, month, day}) == 3  # equality and hashing keep the precision
    assert year.overlaps(month) and month.overlaps(day) and year.overlaps(day)
    assert sorted([day, year, month]) == [year, month, day]  # by (earliest, latest)
    assert sorted([PartialDate.parse("2019-01"), year]) == [PartialDate.parse("2019-01"), year]


def test_comparing_with_something_else_is_a_type_error_not_a_guess():
    with pytest.raises(TypeError):
        _ = PartialDate(2019) < dt.date(2019, 1, 1)
    assert PartialDate(2019) != "2019"


partial_dates = st.builds(
    lambda day, precision: PartialDate.parse(day.isoformat()[: {"day": 10, "month": 7, "year": 4}[precision]]),
    st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.sampled_from(["day", "month", "year"]),
)


@given(st.lists(partial_dates, max_size=30))
def test_sorting_any_mix_never_raises_and_follows_earliest(dates):
    ordered = sorted(dates)
    assert ordered == sorted(dates, key=lambda d: (d.earliest, d.latest))
    for first, second in zip(ordered, ordered[1:], strict=False):
        assert first.earliest <= second.earliest
        assert not second.before(first)  # a later item never lies entirely before an earlier one
        assert first <= second and not first > second


@given(partial_dates, partial_dates)
def test_before_after_overlaps_partition(a, b):
    assert [a.before(b), a.after(b), a.overlaps(b)].count(True) == 1
    assert a.before(b) is b.after(a)
    assert a.overlaps(a)
    assert (a == b) is (not a < b and not b < a)
