"""Date de naissance (birth date), possibly partial (TR04).

Civil status writes an unknown month or day as ``00``: ``1950-00-00`` (year only),
``1950-06-00`` (year and month). A known day with an unknown month means nothing and is refused.
Dates compare as written (``1950-00-00`` is not ``1950-12-31``).

>>> parse("15/06/1950")
BirthDate(year=1950, month=6, day=15)
>>> normalize(" 1950-00-00 ")
'1950-00-00'
>>> parse("1950-06-00").latest()
datetime.date(1950, 6, 30)
>>> parse("1950-05-03").swapped()
BirthDate(year=1950, month=3, day=5)
>>> validate("29/02/1950")  # doctest: +ELLIPSIS
Traceback (most recent call last):
    ...
insvigil.errors.InvalidComponent: ... impossible : le 29/02/1950 n'existe pas (1950 n'est pas ...
>>> is_valid("2999-01-01"), is_valid("1950-13-01"), is_valid(19500101)
(False, False, False)
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass, field

from insvigil.errors import InvalidComponent, InvalidFormat, InvalidValue

__all__ = ["BirthDate", "is_valid", "normalize", "parse", "validate"]

#: The system date when this module was loaded: a date up to it can never be in the future.
_STARTED = datetime.date.today()
_ISO_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_FR_RE = re.compile(r"([0-9]{2})/([0-9]{2})/([0-9]{4})")


_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in(year: int, month: int) -> int:
    """Days in a month 1-12 (calendar.monthrange's count, without computing a weekday)."""
    return 29 if month == 2 and calendar.isleap(year) else _DAYS[month]


def _problem(year: int, month: int, day: int) -> str | None:
    """French reason why (year, month, day) is not a possible birth date, or None."""
    if not 1 <= year <= 9999:
        return f"année {year:04d} impossible"
    if not 0 <= month <= 12:
        return f"mois {month:02d} impossible (01 à 12, ou 00 si inconnu)"
    if month == 0:
        if day != 0:
            return f"mois inconnu (00) mais jour connu ({day:02d}), le jour doit alors être 00"
        return None
    last = _days_in(year, month)
    if not 0 <= day <= last:
        if month == 2 and day == 29:
            return f"le 29/02/{year:04d} n'existe pas ({year:04d} n'est pas bissextile)"
        return f"le {day:02d}/{month:02d}/{year:04d} n'existe pas"
    return None


@dataclass(frozen=True, slots=True, order=True)
class BirthDate:
    """A birth date; ``month`` or ``day`` 0 means unknown (civil status ``00``)."""

    year: int
    month: int
    day: int
    # First and last possible days, computed once (dates are parsed once per distinct text).
    first_day: datetime.date = field(init=False, repr=False, compare=False)
    last_day: datetime.date = field(init=False, repr=False, compare=False)
    #: What a matricule codes for this birth in positions 2-5 (``YYMM``) when the month is
    #: known, else ``""``: a matricule holding it agrees with the date (MI04's common case).
    yymm: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        problem = _problem(self.year, self.month, self.day)
        if problem is not None:
            raise InvalidComponent(f"Date de naissance impossible : {problem}.", code="TR04")
        first = datetime.date(self.year, self.month or 1, self.day or 1)
        if self.month == 0:
            last = datetime.date(self.year, 12, 31)
        elif self.day == 0:
            last = datetime.date(self.year, self.month, _days_in(self.year, self.month))
        else:
            last = first
        object.__setattr__(self, "first_day", first)
        object.__setattr__(self, "last_day", last)
        yymm = f"{self.year % 100:02d}{self.month:02d}" if self.month else ""
        object.__setattr__(self, "yymm", yymm)

    @property
    def is_partial(self) -> bool:
        """Whether the month or the day is unknown."""
        return self.month == 0 or self.day == 0

    def iso(self) -> str:
        """``YYYY-MM-DD`` with ``00`` for unknown parts (the contract's format)."""
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def earliest(self) -> datetime.date:
        """First possible day."""
        return self.first_day

    def latest(self) -> datetime.date:
        """Last possible day."""
        return self.last_day

    def swapped(self) -> BirthDate | None:
        """The date with day and month swapped, when that is a different valid date.

        >>> BirthDate(1950, 5, 13).swapped() is None, BirthDate(1950, 5, 5).swapped() is None
        (True, True)
        """
        if self.month == 0 or self.day == 0 or self.day == self.month or self.day > 12:
            return None
        return BirthDate(self.year, self.day, self.month)


def parse(raw: str, today: datetime.date | None = None) -> BirthDate:
    """Read ``YYYY-MM-DD`` or ``DD/MM/YYYY`` (surrounding spaces allowed), check TR04.

    Raises :class:`InvalidFormat` (unreadable) or :class:`InvalidComponent` (impossible or future
    date), both with code ``TR04``. A partial date is future only if its first possible day is
    after ``today`` (default: the system date).
    """
    if not isinstance(raw, str):
        raise InvalidFormat(
            f"Date de naissance non textuelle ({type(raw).__name__}) : un texte est attendu.",
            code="TR04",
        )
    result = _PARSED.get(raw)
    if type(result) is BirthDate:  # fast path: a date already read
        if today is None and result.first_day <= _STARTED:
            return result
    else:
        result = _parse(raw)
        if isinstance(result, str):
            raise InvalidComponent(result, code="TR04")
        if result is None:
            raise InvalidFormat(_unreadable(raw), code="TR04")
    if today is None:
        if result.first_day <= _STARTED:  # the system date never goes back: not in the future
            return result
        today = datetime.date.today()
    if result.first_day > today:
        raise InvalidComponent(
            f"Date de naissance « {raw.strip()} » dans le futur (après le {today:%d/%m/%Y}).",
            code="TR04",
        )
    return result


def _parse(raw: str) -> BirthDate | str | None:
    """The date, a French message for an impossible one, or None when unreadable (cached)."""
    found = _PARSED.get(raw, _UNSEEN)
    if found is not _UNSEEN:
        return found  # type: ignore[return-value]
    found = _parse_text(raw)
    if len(_PARSED) < _CACHE_CAP:
        _PARSED[raw] = found
    return found


_UNSEEN: object = object()  # a remembered result may be None (unreadable)
_CACHE_CAP = 1 << 18  # distinct date texts remembered (a century of days is ~37,000)
_PARSED: dict[str, BirthDate | str | None] = {}


def _parse_text(raw: str) -> BirthDate | str | None:
    text = raw.strip()
    m = _ISO_RE.fullmatch(text)
    if m is not None:
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    else:
        m = _FR_RE.fullmatch(text)
        if m is None:
            return None
        day, month, year = int(m[1]), int(m[2]), int(m[3])
    try:
        return BirthDate(year, month, day)
    except InvalidComponent:
        return f"Date de naissance « {text} » impossible : {_problem(year, month, day)}."


def _unreadable(raw: str) -> str:
    text = raw.strip()
    shown = text if len(text) <= 20 else text[:20] + "…"
    return (
        f"Date de naissance « {shown} » illisible : formats attendus AAAA-MM-JJ ou JJ/MM/AAAA "
        "(00 pour un jour ou un mois inconnu)."
    )


def normalize(raw: str) -> str:
    """The ISO form of ``raw`` (format and calendar checked, not the future: no clock involved).

    >>> normalize("2999-12-31")
    '2999-12-31'
    >>> normalize("05/00/1950")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
        ...
    insvigil.errors.InvalidComponent: ... mois inconnu (00) mais jour connu (05), le jour ...
    """
    if not isinstance(raw, str):
        parse(raw)  # raises InvalidFormat
    result = _parse(raw)
    if isinstance(result, str):
        raise InvalidComponent(result, code="TR04")
    if result is None:
        raise InvalidFormat(_unreadable(raw), code="TR04")
    return result.iso()


def validate(raw: str, today: datetime.date | None = None) -> str:
    """The ISO form of ``raw`` after every TR04 check, including the future; else raise."""
    return parse(raw, today).iso()


def is_valid(raw: object, today: datetime.date | None = None) -> bool:
    """Whether ``raw`` is a readable, possible, non-future birth date; never raises."""
    if not isinstance(raw, str):
        return False
    try:
        parse(raw, today)
    except InvalidValue:
        return False
    return True
