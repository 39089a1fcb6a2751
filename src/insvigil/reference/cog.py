"""Birthplace codes at a date, from INSEE's Code officiel géographique (COG 2026).

A birthplace code is the INSEE code of the commune **valid at the birth date**, or ``99`` + a
country code (domain.md §3). Dates come as a range ``[start, end]``: a full date gives
``start == end``; ``1950-00-00`` gives 1950-01-01..1950-12-31 and a code is valid when one of
its periods meets the range.

>>> cog = load()
>>> result = cog.check("2A004", date(1950, 6, 1))
>>> result.statut.value, result.codes_a_la_date, result.lien_historique
('AUTRE_DATE', ('20004',), True)
>>> cog.label_at("20004", date(1946, 1, 17)), cog.current_code("20004")
('Ajaccio', ('2A004',))
>>> cog.same_place("75115", "75056", date(1980, 1, 1)).value
'ARRONDISSEMENT'

Decisions (see reference/insee_communes/README.md):

- periods starting on 1943-01-01 (the start of INSEE's history) also cover earlier dates;
- ``99100`` (France) is a COG code like any other here; :mod:`insvigil.traits.lieu` refuses it
  as a birthplace;
- a DOM commune code (971-974, 976) before 1946-03-21, and a ``99xxx`` code with a version
  starting after the birth, are linked by history (``lien_historique``) even without a link;
- the history links are v_mvt_commune's plus the overseas links derived in the update script
  (1946 DOM territories -> communes, Saint-Pierre-et-Miquelon, Mayotte, Saint-Barthélemy,
  Saint-Martin).
"""

from __future__ import annotations

import functools
from datetime import date

from insvigil.reference.cog_data import CogData, read_package_data
from insvigil.reference.cog_history import descends, walk_back, walk_forward
from insvigil.reference.cog_types import Equivalence, Period, PlaceCheck, PlaceStatus

__all__ = ["DOM_CREATION", "Cog", "load"]

#: Départementalisation of Guadeloupe, Martinique, Guyane and La Réunion (COG 2026).
DOM_CREATION = date(1946, 3, 21)
_DOM_PREFIXES = ("971", "972", "973", "974", "976")


def _clean(code: str) -> str:
    return code.strip().upper()


class Cog:
    """Queries on the COG reference; get the shared instance with :func:`load`."""

    __slots__ = ("_data",)

    def __init__(self, data: CogData) -> None:
        self._data = data

    @property
    def vintage(self) -> str:
        """The COG edition the data was built from (``COG 2026``)."""
        return self._data.vintage

    @property
    def sources(self) -> dict[str, str]:
        """SHA-256 of each INSEE file the data was built from."""
        return dict(self._data.sources)

    def codes(self) -> list[str]:
        """Every code of the reference, sorted (for name lookups and exports)."""
        return self._data.codes()

    def periods(self, code: str) -> tuple[Period, ...]:
        """All versions of ``code``, sorted by start date; empty when unknown."""
        return self._data.periods(_clean(code))

    def period_at(self, code: str, start: date, end: date | None = None) -> Period | None:
        """The (earliest) version of ``code`` valid in ``[start, end]``, else None."""
        stop = start if end is None else end
        return next((p for p in self.periods(code) if p.intersects(start, stop)), None)

    def label_at(self, code: str, on: date) -> str | None:
        """The place's name on ``on`` (``LIBELLE``/``LIBENR``), None when not valid then."""
        period = self.period_at(code, on)
        return None if period is None else period.libelle

    def is_valid_at(self, code: str, start: date, end: date | None = None) -> bool:
        return self.period_at(code, start, end) is not None

    def arrondissement_parent(self, code: str) -> str | None:
        """``75056`` for ``75115``: the commune of a municipal arrondissement, else None."""
        return self._data.arrondissement_parent(_clean(code))

    def departement(self, code: str) -> str | None:
        """The 2026 name of a department code (``01``, ``2A``, ``974``), else None."""
        return self._data.departement(_clean(code))

    def successors(self, code: str) -> tuple[str, ...]:
        """The codes that took the place over each time ``code`` ended (v_mvt_commune)."""
        seen = dict.fromkeys(after for _, after in sorted(self._data.links_from(_clean(code))))
        return tuple(seen)

    def current_code(self, code: str) -> tuple[str, ...]:
        """Today's code(s) for the place: itself if still valid, else its successors' (e.g.
        ``20004`` -> ``2A004``); empty when unknown or when no code carries it on."""
        return self.codes_at(code, date.max, date.max)

    def codes_at(self, code: str, start: date, end: date | None = None) -> tuple[str, ...]:
        """The code(s) designating the place of ``code`` in ``[start, end]`` per COG history:
        the code itself when valid then, else its predecessors or successors valid then."""
        code = _clean(code)
        stop = start if end is None else end
        if self.is_valid_at(code, start, stop):
            return (code,)
        found = walk_back(self._data, code, start, stop) | walk_forward(
            self._data, code, start, stop
        )
        return tuple(sorted(found))

    def check(self, code: str, start: date, end: date | None = None) -> PlaceCheck:
        """Whether ``code`` designated a place in ``[start, end]`` (``end`` defaults to start)."""
        code = _clean(code)
        stop = start if end is None else end
        if stop < start:
            raise ValueError("end < start")
        periods = self.periods(code)
        if not periods:
            return PlaceCheck(code, PlaceStatus.INCONNU)
        successors = self.successors(code)
        period = self.period_at(code, start, stop)
        if period is not None:
            others = tuple(p for p in periods if p is not period)
            return PlaceCheck(code, PlaceStatus.VALIDE, period, others, (code,), successors)
        at_date = self.codes_at(code, start, stop)
        lien = (
            bool(at_date)
            or (code.startswith(_DOM_PREFIXES) and start < DOM_CREATION)
            or (code.startswith("99") and any(p.debut > stop for p in periods))
        )
        return PlaceCheck(code, PlaceStatus.AUTRE_DATE, None, periods, at_date, successors, lien)

    def same_place(self, a: str, b: str, start: date, end: date | None = None) -> Equivalence:
        """How the places coded ``a`` and ``b`` relate for a birth in ``[start, end]``."""
        a, b = _clean(a), _clean(b)
        stop = start if end is None else end
        if not self.periods(a) or not self.periods(b):
            return Equivalence.INCONNU
        if a == b:
            return Equivalence.IDENTIQUE
        if b == self.arrondissement_parent(a) or a == self.arrondissement_parent(b):
            return Equivalence.ARRONDISSEMENT
        valid_a, valid_b = self.is_valid_at(a, start, stop), self.is_valid_at(b, start, stop)
        if valid_a and valid_b:
            # both valid: linked only if one took over from the other inside the range
            linked = any(start < d <= stop and x == b for d, x in self._data.links_from(a)) or any(
                start < d <= stop and x == a for d, x in self._data.links_from(b)
            )
        elif valid_a or valid_b:
            valid, other = (a, b) if valid_a else (b, a)
            linked = valid in self.codes_at(other, start, stop)
        else:
            common = set(self.codes_at(a, start, stop)) & set(self.codes_at(b, start, stop))
            linked = bool(common) and (descends(self._data, a, b) or descends(self._data, b, a))
        return Equivalence.MEME_COMMUNE if linked else Equivalence.DIFFERENT


@functools.cache
def load() -> Cog:
    """The shared COG reference, read from the package data on first use."""
    return Cog(CogData.parse(read_package_data()))
