"""French first names and family names drawn from INSEE frequency tables (package data).

The tables are built offline by ``reference/names/update.py`` from INSEE's *Fichier des prénoms*
(2024 edition) and *Les noms de famille* (noms2008nat): first names per sex and birth year with
their counts (accents kept), family names with their bearers per birth decade. Names are drawn
in proportion to those counts; combinations are random, so no real person is reproduced.

>>> names = load()
>>> import random
>>> rng = random.Random(4)
>>> prenom = names.prenom(rng, "F", 1932)
>>> prenom == prenom.upper(), names.ins(prenom).isascii()
(True, True)
>>> forme_ins("Hélène-Œillet")
'HELENE-OEILLET'
"""

from __future__ import annotations

import functools
import unicodedata
from bisect import bisect
from dataclasses import dataclass
from itertools import accumulate
from random import Random

from insvigil.reference import insee_names

__all__ = ["Names", "forme_ins", "load"]

_FIRST_YEAR, _LAST_YEAR = 1900, 2023  # years covered by the first-name table
_FIRST_DECADE = 1891  # the family-name table's first decade starts in 1891
_LAST_NOM_YEAR = 2100
_LIGATURES = str.maketrans({"Œ": "OE", "œ": "oe", "Æ": "AE", "æ": "ae"})


def forme_ins(text: str) -> str:
    """Upper case without diacritics or ligatures (TR01 for the characters the tables use)."""
    if text.isascii():
        return text.upper()
    return _forme_ins(text)


@functools.lru_cache(maxsize=1 << 16)
def _forme_ins(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).upper()


@dataclass(frozen=True, slots=True)
class _Weighted:
    """Values with cumulative weights, drawn by bisection."""

    values: tuple[str, ...]
    cumulative: tuple[int, ...]
    total: int

    def draw(self, rng: Random) -> str:
        return self.values[bisect(self.cumulative, rng.random() * self.total)]


class Names:
    """Draws first names by sex and birth year, family names by birth decade."""

    __slots__ = ("_ins", "_noms", "_prenoms")

    def __init__(
        self, prenoms: dict[tuple[str, int], _Weighted], noms: tuple[_Weighted, ...]
    ) -> None:
        self._prenoms = prenoms
        self._noms = {
            year: noms[min(max((year - _FIRST_DECADE) // 10, 0), len(noms) - 1)]
            for year in range(_FIRST_DECADE, _LAST_NOM_YEAR + 1)
        }
        self._ins = {n: forme_ins(n) for table in prenoms.values() for n in table.values}

    def prenom(self, rng: Random, sexe: str, year: int) -> str:
        """One first name (upper case, accents kept) for sex ``M``/``F`` born in ``year``.

        Years outside the table (after 2023, before 1900) use its nearest year.
        """
        return self.prenoms_table(sexe, year).draw(rng)

    def prenoms_table(self, sexe: str, year: int) -> _Weighted:
        """The first names given to sex ``M``/``F`` in ``year`` (nearest year covered)."""
        key = ("1" if sexe == "M" else "2", min(max(year, _FIRST_YEAR), _LAST_YEAR))
        return self._prenoms[key]

    def nom(self, rng: Random, year: int) -> str:
        """One family name (forme INS) for a person born in ``year`` (decade weights)."""
        table = self._noms[min(max(year, _FIRST_DECADE), _LAST_NOM_YEAR)]
        return table.values[bisect(table.cumulative, rng.random() * table.total)]

    def ins(self, prenom: str) -> str:
        """The forme INS of a first name from the table (cached); any other text is converted."""
        found = self._ins.get(prenom)
        return found if found is not None else forme_ins(prenom)


def _prenoms(lines: list[str]) -> dict[tuple[str, int], _Weighted]:
    if not lines[0].startswith("insvigil-prenoms\t1\t"):
        raise ValueError("prenoms.txt.gz: unknown format")
    tables: dict[tuple[str, int], _Weighted] = {}
    for line in lines[1:]:
        sexe, year, _births, *pairs = line.split("\t")
        split = [pair.rsplit(":", 1) for pair in pairs]
        cumulative = tuple(accumulate(int(n) for _, n in split))
        tables[(sexe, int(year))] = _Weighted(
            tuple(name for name, _ in split), cumulative, cumulative[-1]
        )
    return tables


def _noms(lines: list[str]) -> tuple[_Weighted, ...]:
    if not lines[0].startswith("insvigil-noms\t1\t"):
        raise ValueError("noms.txt.gz: unknown format")
    rows = [line.split("\t") for line in lines[1:]]
    values = tuple(row[0] for row in rows)
    decades = len(rows[0]) - 1
    # every decade keeps every name with at least weight 1, so each table draws all names
    tables = []
    for d in range(decades):
        cumulative = tuple(accumulate(max(int(row[1 + d]), 1) for row in rows))
        tables.append(_Weighted(values, cumulative, cumulative[-1]))
    return tuple(tables)


@functools.cache
def load() -> Names:
    """The shared name tables, read from the package data on first use."""
    return Names(
        _prenoms(insee_names.lines(insee_names.PRENOMS)),
        _noms(insee_names.lines(insee_names.NOMS)),
    )
