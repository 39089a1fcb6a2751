"""Synthetic matricules INS, valid and with their key (tests and synthetic populations only).

Split from :mod:`insvigil.identifiers.matricule`, which re-exports :func:`make` and
:func:`random_matricule`.
"""

from __future__ import annotations

import random

from insvigil.errors import InvalidLength
from insvigil.identifiers.matricule_form import compact
from insvigil.identifiers.matricule_validate import calc_key, validate

__all__ = ["make", "random_matricule"]

_WIDTHS = (("sexe", 1), ("annee", 2), ("mois", 2), ("lieu", 5), ("ordre", 3))


def make(sexe: str, annee: str, mois: str, lieu: str, ordre: str) -> str:
    """Build a synthetic matricule with its key, then validate it (tests, synthetic data).

    >>> make('2', '83', '05', '2A004', '123')
    '283052A00412307'
    """
    given = (sexe, annee, mois, lieu, ordre)
    for value, (name, width) in zip(given, _WIDTHS, strict=True):
        if not isinstance(value, str) or len(value) != width:
            raise InvalidLength(f"« {name} » doit avoir {width} caractère(s) (MI01)", code="MI01")
    body = compact("".join(given))
    return validate(body + calc_key(body))


def random_matricule(
    rng: random.Random,
    *,
    sexe: str | None = None,
    year: int | None = None,
    month: int | None = None,
    lieu: str | None = None,
) -> str:
    """A random valid synthetic matricule (tests and synthetic populations only).

    ``year`` may be a full year (1983) or its last two digits; ``month`` is written on two
    digits as given (so 0 or 20-99 give an "unknown month" code). Without ``lieu``: a
    metropolitan department (``2A``/``2B`` included), an overseas ``97x`` or abroad ``99xxx``.

    >>> from insvigil.identifiers.matricule_validate import is_valid
    >>> m = random_matricule(random.Random(1), sexe='1', year=1985, month=3, lieu='99350')
    >>> m[:10], is_valid(m)
    ('1850399350', True)
    """
    s = sexe if sexe is not None else rng.choice("12")
    y = (year if year is not None else rng.randrange(100)) % 100
    m = month if month is not None else rng.randint(1, 12)
    place = lieu if lieu is not None else _random_lieu(rng)
    return make(s, f"{y:02d}", f"{m:02d}", place, f"{rng.randint(1, 999):03d}")


_METRO = tuple([f"{d:02d}" for d in range(1, 96) if d != 20] + ["2A", "2B"])


def _random_lieu(rng: random.Random) -> str:
    draw = rng.random()
    if draw < 0.8:
        return f"{rng.choice(_METRO)}{rng.randint(1, 999):03d}"
    if draw < 0.9:
        return f"97{rng.choice('123456')}{rng.randint(1, 99):02d}"
    return f"99{rng.randint(100, 999):03d}"
