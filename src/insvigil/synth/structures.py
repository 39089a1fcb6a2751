"""Synthetic medico-social structures: FINESS numbers, kinds, ages of the people they hold.

A population is spread over structures of a few kinds, each with its own age range, so that
the whole is mostly elderly (EHPAD, SSIAD) with adults (MAS, FAM) and children (IME, SESSAD,
CAMSP). Each structure also has its DUI's habits: date format, matricule spacing, local id
shape. FINESS numbers are 9 digits, the last a Luhn check digit over the first 8.

>>> import random
>>> from stdnum import luhn
>>> s = make_structures(random.Random(3), 9)
>>> [x.kind.name for x in s][:7]
['EHPAD', 'SSIAD', 'MAS', 'FAM', 'IME', 'SESSAD', 'CAMSP']
>>> all(len(x.finess) == 9 and luhn.is_valid(x.finess) for x in s)
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from random import Random

from stdnum import luhn

__all__ = ["KINDS", "Kind", "Structure", "default_count", "make_structures"]


@dataclass(frozen=True, slots=True)
class Kind:
    """A kind of structure: its share of records and the ages of its residents (years)."""

    name: str
    share: float
    low: float
    high: float
    mode: float | None  # None: uniform in [low, high]; else triangular with this mode
    family: str  # kinds of one family may follow the same person (duplicates across them)

    def age(self, rng: Random) -> float:
        if self.mode is None:
            return rng.uniform(self.low, self.high)
        return rng.triangular(self.low, self.high, self.mode)


KINDS: tuple[Kind, ...] = (
    Kind("EHPAD", 0.50, 62.0, 106.0, 88.0, "AGE"),
    Kind("SSIAD", 0.12, 60.0, 102.0, 82.0, "AGE"),
    Kind("MAS", 0.08, 20.0, 70.0, None, "ADULTE"),
    Kind("FAM", 0.07, 20.0, 65.0, None, "ADULTE"),
    Kind("IME", 0.15, 3.0, 20.0, None, "ENFANT"),
    Kind("SESSAD", 0.04, 3.0, 20.0, None, "ENFANT"),
    Kind("CAMSP", 0.04, 0.0, 6.0, None, "ENFANT"),
)
_KIND_BY_NAME = {k.name: k for k in KINDS}
_DEPARTMENTS = tuple(f"{d:02d}" for d in range(1, 96) if d != 20)
_ID_STYLES = ("{:08d}", "D-{:06d}", "P{:07d}", "IPP{:07d}", "{:06d}-A")


@dataclass(slots=True, eq=False)
class Structure:
    """One structure of the synthetic file and its DUI's habits."""

    finess: str
    kind: Kind
    iso_dates: bool  # YYYY-MM-DD, else DD/MM/YYYY
    spaced_matricules: float  # share of matricules typed with spaces
    id_style: str
    next_id: int
    records: int = field(default=0)

    def new_local_id(self, rng: Random) -> str:
        """The next local id (gaps: records deleted since)."""
        self.next_id += 1 if rng.random() < 0.8 else rng.randint(2, 9)
        return self.id_style.format(self.next_id)


def default_count(n: int) -> int:
    """Structures for ``n`` records: about 250 records each, at least one."""
    return max(1, round(n / 250))


def _finess(rng: Random, taken: set[str]) -> str:
    while True:
        body = rng.choice(_DEPARTMENTS) + f"{rng.randrange(1_000_000):06d}"
        number = body + luhn.calc_check_digit(body)
        if number not in taken:
            taken.add(number)
            return number


def make_structures(rng: Random, count: int) -> list[Structure]:
    """``count`` structures: one of each kind first, then kinds drawn by their share."""
    taken: set[str] = set()
    structures = []
    shares = [k.share for k in KINDS]
    for i in range(count):
        kind = KINDS[i] if i < len(KINDS) else rng.choices(KINDS, shares)[0]
        structures.append(
            Structure(
                finess=_finess(rng, taken),
                kind=kind,
                iso_dates=rng.random() < 0.7,
                spaced_matricules=rng.choice((0.0, 0.0, 0.1, 0.6)),
                id_style=rng.choice(_ID_STYLES),
                next_id=rng.randrange(1_000, 90_000),
            )
        )
    return structures


def kind(name: str) -> Kind:
    return _KIND_BY_NAME[name]
