"""Birthplaces valid at a birth date, drawn from a compact COG sampling table (package data).

The table (``data/lieux.txt.gz``, built by ``reference/names/update_lieux.py`` from the COG 2026
history tables) lists every version of every commune, arrondissement, pre-independence Maghreb
commune and country code with its validity period ``[start, end)`` and a sampling weight (see
that script). Dates are proleptic ordinals (:meth:`datetime.date.toordinal`).

A birth before 1943-01-01 (the start of INSEE's history) gets a code valid on 1943-01-01, as
:mod:`insvigil.reference.cog` reads periods starting that day as covering earlier dates.

>>> from datetime import date
>>> places = load()
>>> import random
>>> code = places.draw(random.Random(1), "M", date(1950, 6, 1).toordinal())
>>> places.valid(code, date(1950, 6, 1).toordinal())
True
>>> places.current("20004"), places.plm_commune("75115"), places.postal_code("75116")
('2A004', '75056', '75016')
"""

from __future__ import annotations

import functools
import gzip
from bisect import bisect
from dataclasses import dataclass
from datetime import date
from importlib import resources
from itertools import accumulate
from random import Random

__all__ = ["COG_START", "KINDS", "Places", "load"]

COG_START = date(1943, 1, 1).toordinal()
_OPEN = date.max.toordinal() + 1
_TRIES = 10_000
KINDS = ("M", "D", "A", "P")
"""Metropolitan commune, DOM commune, pre-independence Maghreb commune, country ``99xxx``."""

# (first arrondissement code, count, commune): Paris, Lyon, Marseille
_PLM = ((75101, 20, "75056"), (69381, 9, "69123"), (13201, 16, "13055"))


@dataclass(frozen=True, slots=True)
class _Kind:
    codes: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    cumulative: tuple[float, ...]


def _ordinal(text: str) -> int:
    if not text:
        return _OPEN
    return date(int(text[:4]), int(text[4:6]), int(text[6:])).toordinal()


class Places:
    """Draws birthplace codes valid at a date; answers validity questions on any code."""

    __slots__ = ("_kinds", "_periods")

    def __init__(self, rows: list[tuple[str, str, int, int, int]]) -> None:
        periods: dict[str, list[tuple[int, int]]] = {}
        by_kind: dict[str, list[tuple[str, int, int, int]]] = {k: [] for k in KINDS}
        for kind, code, start, end, weight in rows:
            periods.setdefault(code, []).append((start, end))
            if weight > 0:
                by_kind[kind].append((code, start, end, weight))
        self._periods = {code: tuple(p) for code, p in periods.items()}
        self._kinds = {
            kind: _Kind(
                tuple(r[0] for r in rows_),
                tuple(r[1] for r in rows_),
                tuple(r[2] for r in rows_),
                tuple(accumulate(float(r[3]) for r in rows_)),
            )
            for kind, rows_ in by_kind.items()
        }

    def draw(self, rng: Random, kind: str, low: int, high: int | None = None) -> str:
        """A code of ``kind`` valid on every day of ``[low, high]`` (ordinals), by weight.

        Raises :class:`LookupError` when no such code exists (e.g. a DOM commune before 1946).
        """
        low = max(low, COG_START)
        high = low if high is None else max(high, low)
        table = self._kinds[kind]
        cumulative, total = table.cumulative, table.cumulative[-1]
        for _ in range(_TRIES):
            i = bisect(cumulative, rng.random() * total)
            if table.starts[i] <= low and high < table.ends[i]:
                return table.codes[i]
        raise LookupError(f"no {kind} birthplace valid at {date.fromordinal(low)}")

    def exists(self, code: str) -> bool:
        """Whether the COG knows ``code`` at any date."""
        return code in self._periods

    def valid(self, code: str, low: int, high: int | None = None) -> bool:
        """Whether one version of ``code`` covers every day of ``[low, high]``."""
        low = max(low, COG_START)
        high = low if high is None else max(high, low)
        return any(s <= low and high < e for s, e in self._periods.get(code, ()))

    def current(self, code: str) -> str | None:
        """Today's code of a Corsican commune coded ``20xxx`` before 1976 (``2A``/``2B``)."""
        if not code.startswith("20"):
            return None
        for candidate in ("2A" + code[2:], "2B" + code[2:]):
            if any(e == _OPEN for _, e in self._periods.get(candidate, ())):
                return candidate
        return None

    @staticmethod
    def plm_commune(code: str) -> str | None:
        """``75056``/``69123``/``13055`` for an arrondissement of Paris, Lyon or Marseille."""
        if not code.isdigit():
            return None
        number = int(code)
        for first, count, commune in _PLM:
            if first <= number < first + count:
                return commune
        return None

    @staticmethod
    def postal_code(code: str) -> str | None:
        """The postal code of an arrondissement (``75115`` → ``75015``, ``69383`` → ``69003``,
        ``13208`` → ``13008``); Paris 16e's main one, ``75016``, for ``75116``."""
        if Places.plm_commune(code) is None:
            return None
        return f"{code[:2]}0{code[3:]}"


def _rows() -> list[tuple[str, str, int, int, int]]:
    data = resources.files("insvigil.synth").joinpath("data", "lieux.txt.gz").read_bytes()
    lines = gzip.decompress(data).decode("utf-8").splitlines()
    if not lines[0].startswith("insvigil-lieux\t1\t"):
        raise ValueError("lieux.txt.gz: unknown format")
    rows = []
    for line in lines[1:]:
        kind, code, start, end, weight = line.split("\t")
        rows.append((kind, code, _ordinal(start), _ordinal(end), int(weight)))
    return rows


@functools.cache
def load() -> Places:
    """The shared sampling table, read from the package data on first use."""
    return Places(_rows())
