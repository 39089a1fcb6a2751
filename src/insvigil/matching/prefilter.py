"""Near pairs inside a big block, found in one vectorised pass (rapidfuzz ``process.cdist``).

A birth-date block holds tens of records at a million; almost every pair in it has unrelated
names. Rather than scoring every pair, the block's names and first names are compared all at
once (Indel distance) and only pairs near on one of them are scored. The same
test exists pair by pair (:meth:`Near.pair`) so that later blocks know what was compared.

>>> from insvigil.model import Resident
>>> from insvigil.matching.record import prepare
>>> rs = [prepare(Resident("S", str(i), n, p, "1950-03-05", "F"))
...       for i, (n, p) in enumerate([("DUPONT", "MARIE"), ("DUPOND", "ANNE"), ("ROY", "LEA")])]
>>> NOMS.block(rs, (0, 1, 2)), NOMS.pair(rs[0], rs[2])
([(0, 1)], False)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import process
from rapidfuzz.distance import Indel

from insvigil.matching.record import MatchRecord

__all__ = ["NOM", "NOMS", "NOMS_INVERSES", "PRENOM_OU_DATE", "THRESHOLD", "Near"]

#: Indel similarity from which two names or first names are near (``fuzz.ratio`` ≥ 70): the
#: Indel distance (letters to delete and insert) is at most 30 % of the two lengths together.
#: One slip in a name of four letters or more passes; ``MARTIN`` / ``DURAND`` does not.
THRESHOLD = 0.30

_Mask = NDArray[np.bool_]


def _near(values: list[str]) -> _Mask:
    distances = process.cdist(values, values, scorer=Indel.distance, dtype=np.int32, workers=1)
    lengths = np.array([len(v) for v in values], dtype=np.float64)
    limit = THRESHOLD * (lengths[:, None] + lengths[None, :])
    return np.asarray(distances <= limit)


def _ratio(x: str, y: str) -> bool:
    return Indel.distance(x, y) <= THRESHOLD * (len(x) + len(y))


def _pairs(mask: _Mask) -> list[tuple[int, int]]:
    rows, cols = np.nonzero(np.triu(mask, 1))
    return list(zip(rows.tolist(), cols.tolist(), strict=True))


def _date_close(a: MatchRecord, b: MatchRecord) -> bool:
    x, y = a.naissance, b.naissance
    return (
        x.month == y.month
        or x.day == y.day
        or x.is_partial
        or y.is_partial
        or (x.month == y.day and x.day == y.month)
    )


@dataclass(frozen=True, slots=True)
class Near:
    """Which pairs of a block are compared; ``kind`` names the test."""

    kind: str

    def pair(self, a: MatchRecord, b: MatchRecord) -> bool:
        if self.kind == "noms_inverses" and a.naissance == b.naissance:
            return False
        if self.kind == "prenom_ou_date":
            return _ratio(a.premier, b.premier) or _date_close(a, b)
        if self.kind == "nom":
            return _ratio(a.nom_cle, b.nom_cle)
        return _ratio(a.nom_cle, b.nom_cle) or _ratio(a.premier, b.premier)

    def block(
        self, records: Sequence[MatchRecord], members: Sequence[int]
    ) -> list[tuple[int, int]]:
        """Positions ``(i, j)``, ``i < j``, in ``members`` of the pairs to compare."""
        group = [records[m] for m in members]
        if self.kind == "nom":
            return _pairs(_near([r.nom_cle for r in group]))
        first = _near([r.premier for r in group])
        if self.kind == "prenom_ou_date":
            month = np.array([r.naissance.month for r in group])
            day = np.array([r.naissance.day for r in group])
            partial = (month == 0) | (day == 0)
            close = (
                (month[:, None] == month[None, :])
                | (day[:, None] == day[None, :])
                | partial[:, None]
                | partial[None, :]
                | ((month[:, None] == day[None, :]) & (day[:, None] == month[None, :]))
            )
            return _pairs(first | close)
        mask = first | _near([r.nom_cle for r in group])
        if self.kind == "noms_inverses":
            n = [r.naissance for r in group]
            ymd = np.array([d.year * 10_000 + d.month * 100 + d.day for d in n])
            mask &= ymd[:, None] != ymd[None, :]
        return _pairs(mask)


NOM = Near("nom")
NOMS = Near("noms")
NOMS_INVERSES = Near("noms_inverses")
PRENOM_OU_DATE = Near("prenom_ou_date")
