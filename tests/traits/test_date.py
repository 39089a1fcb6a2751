"""Date de naissance: formats, partial dates and TR04 refusals."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from insvigil.errors import InvalidComponent, InvalidFormat, InvalidValue
from insvigil.traits import date
from insvigil.traits.date import BirthDate

TODAY = datetime.date(2026, 5, 15)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1950-06-15", BirthDate(1950, 6, 15)),
        ("15/06/1950", BirthDate(1950, 6, 15)),
        ("  1950-06-15 ", BirthDate(1950, 6, 15)),
        ("1950-00-00", BirthDate(1950, 0, 0)),
        ("00/00/1950", BirthDate(1950, 0, 0)),
        ("1950-06-00", BirthDate(1950, 6, 0)),
        ("00/06/1950", BirthDate(1950, 6, 0)),
        ("2000-02-29", BirthDate(2000, 2, 29)),
        ("29/02/2024", BirthDate(2024, 2, 29)),
        ("0001-01-01", BirthDate(1, 1, 1)),
        ("2026-05-15", BirthDate(2026, 5, 15)),  # today is not the future
        ("2026-05-00", BirthDate(2026, 5, 0)),  # may be before today
        ("2026-00-00", BirthDate(2026, 0, 0)),
    ],
)
def test_parse(raw: str, expected: BirthDate) -> None:
    assert date.parse(raw, TODAY) == expected
    assert date.validate(raw, TODAY) == expected.iso()
    assert date.normalize(raw) == expected.iso()
    assert date.is_valid(raw, TODAY)


@pytest.mark.parametrize(
    ("raw", "error", "fragment"),
    [
        ("", InvalidFormat, "illisible"),
        ("1950-6-15", InvalidFormat, "AAAA-MM-JJ ou JJ/MM/AAAA"),
        ("15-06-1950", InvalidFormat, "illisible"),
        ("1950/06/15", InvalidFormat, "illisible"),
        ("19500615", InvalidFormat, "illisible"),
        ("15/06/50", InvalidFormat, "illisible"),
        ("1950-06-15T00:00", InvalidFormat, "illisible"),
        ("١٩٥٠-٠٦-١٥", InvalidFormat, "illisible"),  # non-ASCII digits
        ("1950-13-01", InvalidComponent, "mois 13 impossible"),
        ("01/13/1950", InvalidComponent, "mois 13 impossible"),
        ("1950-04-31", InvalidComponent, "le 31/04/1950 n'existe pas"),
        ("1950-02-29", InvalidComponent, "1950 n'est pas bissextile"),
        ("1900-02-29", InvalidComponent, "1900 n'est pas bissextile"),
        ("1950-01-32", InvalidComponent, "n'existe pas"),
        ("0000-06-15", InvalidComponent, "année 0000 impossible"),
        ("1950-00-15", InvalidComponent, "mois inconnu (00) mais jour connu (15)"),
        ("2026-05-16", InvalidComponent, "dans le futur (après le 15/05/2026)"),
        ("2026-06-00", InvalidComponent, "dans le futur"),
        ("2027-00-00", InvalidComponent, "dans le futur"),
        ("9999-12-31", InvalidComponent, "dans le futur"),
    ],
)
def test_parse_refuses(raw: str, error: type[InvalidValue], fragment: str) -> None:
    with pytest.raises(error) as info:
        date.parse(raw, TODAY)
    assert info.value.code == "TR04"
    assert str(info.value).startswith("Date de naissance")
    assert fragment in str(info.value)
    assert not date.is_valid(raw, TODAY)


def test_normalize_does_not_check_the_future() -> None:
    assert date.normalize("31/12/2999") == "2999-12-31"
    with pytest.raises(InvalidComponent):
        date.validate("31/12/2999")


def test_default_today_is_the_system_date() -> None:
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    assert not date.is_valid(tomorrow.isoformat())
    assert date.is_valid(datetime.date.today().isoformat())


@pytest.mark.parametrize(
    ("bd", "earliest", "latest", "partial"),
    [
        (BirthDate(1950, 6, 15), datetime.date(1950, 6, 15), datetime.date(1950, 6, 15), False),
        (BirthDate(1950, 0, 0), datetime.date(1950, 1, 1), datetime.date(1950, 12, 31), True),
        (BirthDate(1950, 2, 0), datetime.date(1950, 2, 1), datetime.date(1950, 2, 28), True),
        (BirthDate(2000, 2, 0), datetime.date(2000, 2, 1), datetime.date(2000, 2, 29), True),
    ],
)
def test_range(
    bd: BirthDate, earliest: datetime.date, latest: datetime.date, partial: bool
) -> None:
    assert bd.earliest() == earliest
    assert bd.latest() == latest
    assert bd.is_partial is partial


@pytest.mark.parametrize(
    ("bd", "swapped"),
    [
        (BirthDate(1950, 5, 3), BirthDate(1950, 3, 5)),
        (BirthDate(1950, 12, 1), BirthDate(1950, 1, 12)),
        (BirthDate(1950, 5, 5), None),  # same date
        (BirthDate(1950, 5, 13), None),  # month 13 does not exist
        (BirthDate(1950, 5, 0), None),
        (BirthDate(1950, 0, 0), None),
    ],
)
def test_swapped(bd: BirthDate, swapped: BirthDate | None) -> None:
    assert bd.swapped() == swapped


def test_compare_as_written() -> None:
    assert BirthDate(1950, 0, 0) != BirthDate(1950, 12, 31)
    assert BirthDate(1950, 0, 0) < BirthDate(1950, 1, 1) < BirthDate(1951, 0, 0)


@pytest.mark.parametrize(("y", "m", "d"), [(0, 1, 1), (1950, 13, 1), (1950, 2, 30), (1950, 0, 1)])
def test_impossible_birthdate_cannot_be_built(y: int, m: int, d: int) -> None:
    with pytest.raises(InvalidComponent) as info:
        BirthDate(y, m, d)
    assert info.value.code == "TR04"


def test_non_string_is_refused() -> None:
    for call in (date.parse, date.normalize, date.validate):
        with pytest.raises(InvalidFormat) as info:
            call(19500615)  # type: ignore[arg-type]
        assert info.value.code == "TR04"


@st.composite
def birthdates(draw: st.DrawFn) -> BirthDate:
    d = draw(st.dates(max_value=TODAY))
    precision = draw(st.sampled_from(["day", "month", "year"]))
    if precision == "year":
        return BirthDate(d.year, 0, 0)
    if precision == "month":
        return BirthDate(d.year, d.month, 0)
    return BirthDate(d.year, d.month, d.day)


@given(birthdates())
def test_iso_round_trip(bd: BirthDate) -> None:
    assert date.parse(bd.iso(), TODAY) == bd
    assert date.parse(f"{bd.day:02d}/{bd.month:02d}/{bd.year:04d}", TODAY) == bd
    assert date.normalize(bd.iso()) == bd.iso()
    assert bd.earliest() <= bd.latest()


@given(birthdates())
def test_swapped_is_an_involution(bd: BirthDate) -> None:
    other = bd.swapped()
    if other is not None:
        assert other != bd
        assert other.swapped() == bd


@given(st.text(max_size=20))
def test_parse_raises_only_invalid_value(raw: str) -> None:
    try:
        bd = date.parse(raw, TODAY)
    except InvalidValue as error:
        assert error.code == "TR04"
    else:
        assert date.normalize(bd.iso()) == bd.iso()


def test_days_in_a_month_as_the_calendar_counts() -> None:
    import calendar

    from insvigil.traits.date import _days_in

    for year in (*range(1, 3000), 9999):
        for month in range(1, 13):
            assert _days_in(year, month) == calendar.monthrange(year, month)[1]
