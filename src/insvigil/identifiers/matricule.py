"""Matricule INS: the NIR, or the NIA that shares its format (domain.md §2.1, MI01-MI03).

Fifteen characters: sex (1), year (2), month (2), place (5, ``2A``/``2B`` allowed at positions
6-7 for Corsica), order number (3), then a two-digit key, 97 − (N mod 97) with ``2A``→19 and
``2B``→18. The key is computed by :func:`stdnum.fr.nir.calc_check_digits`; this module adds what
INS needs: precise French errors with their rule code, masking, parts and synthetic values.
Only the OID tells a NIR from a NIA (see :mod:`insvigil.identifiers.oid`).

Errors never carry the full matricule, only :func:`mask`'s form. Checks run in this order, the
first failure wins: length and characters (MI01), first digit (MI03), key (MI02).

This module owns :class:`Parts` and re-exports the rest: the written form (:func:`compact`,
:func:`format`, :func:`mask`) from :mod:`~insvigil.identifiers.matricule_form`, the checks
(:func:`validate`, :func:`is_valid`, :func:`calc_key`) from
:mod:`~insvigil.identifiers.matricule_validate` and synthetic values (:func:`make`,
:func:`random_matricule`) from :mod:`~insvigil.identifiers.matricule_synthetic`.

All values below are synthetic.

>>> validate('2 83 05 2A 004 123 45')
Traceback (most recent call last):
    ...
insvigil.errors.InvalidChecksum: clé de contrôle incorrecte (MI02) : 2************45
>>> format('283052a00412307'), mask('2 83 05 2A 004 123 07')
('2 83 05 2A 004 123 07', '2************07')
"""

from __future__ import annotations

from dataclasses import dataclass

from insvigil.identifiers.matricule_form import LENGTH, OVERSEAS, compact, format, mask
from insvigil.identifiers.matricule_synthetic import make, random_matricule
from insvigil.identifiers.matricule_validate import calc_key, is_valid, validate

__all__ = [
    "LENGTH",
    "Parts",
    "calc_key",
    "compact",
    "format",
    "is_valid",
    "make",
    "mask",
    "parts",
    "random_matricule",
    "validate",
]


@dataclass(frozen=True, slots=True)
class Parts:
    """The raw components of a canonical matricule (no interpretation).

    ``lieu`` keeps positions 6-10 as written. :attr:`departement` and :attr:`commune` split it:
    2 + 3 characters (``2A004`` → ``2A`` + ``004``; ``99350`` → ``99`` + country code ``350``),
    except overseas codes starting with ``97``/``98``, split 3 + 2 (``97411`` → ``974`` + ``11``).
    """

    sexe: str
    annee: str
    mois: str
    lieu: str
    ordre: str
    cle: str

    @property
    def departement(self) -> str:
        return self.lieu[:3] if self.lieu[:2] in OVERSEAS else self.lieu[:2]

    @property
    def commune(self) -> str:
        return self.lieu[len(self.departement) :]


def parts(canonical: str) -> Parts:
    """Split a matricule (validated first: raises :class:`InvalidValue` if it is not valid).

    >>> parts('2 83 05 2A 004 123 07')
    Parts(sexe='2', annee='83', mois='05', lieu='2A004', ordre='123', cle='07')
    """
    n = validate(canonical)
    return Parts(n[0], n[1:3], n[3:5], n[5:10], n[10:13], n[13:])
