"""The checks of a matricule INS, first failure wins: shape (MI01), first digit (MI03), key (MI02).

Split from :mod:`insvigil.identifiers.matricule`, which re-exports :func:`calc_key`,
:func:`validate` and :func:`is_valid`. The key is computed by
:func:`stdnum.fr.nir.calc_check_digits`; errors carry only the masked form of the value.
"""

from __future__ import annotations

from stdnum.fr.nir import calc_check_digits

from insvigil.errors import InvalidChecksum, InvalidComponent, InvalidLength
from insvigil.identifiers.matricule_form import (
    LENGTH,
    compact,
    format_error,
    length_error,
    mask,
    require_str,
    structure_ok,
)

__all__ = ["calc_key", "is_valid", "validate"]


def calc_key(body: str) -> str:
    """MI02: the two-digit key of the first 13 characters (wraps ``stdnum.fr.nir``).

    >>> calc_key('283052A004123')
    '07'
    >>> calc_key('2830')
    Traceback (most recent call last):
        ...
    insvigil.errors.InvalidLength: il faut au moins 13 caractères pour calculer la clé (reçu : 4)
    """
    require_str(body)
    if len(body) < LENGTH - 2:
        raise InvalidLength(
            f"il faut au moins 13 caractères pour calculer la clé (reçu : {len(body)})", code="MI01"
        )
    body = body[: LENGTH - 2]
    if not structure_ok(body):
        raise format_error(body)
    return str(calc_check_digits(body))


def validate(raw: str) -> str:
    """Return the canonical 15-character matricule or raise an :class:`InvalidValue`.

    Months 00 and 13-99 are accepted here (unknown month, domain.md §2.1); only the coherence
    check with the traits (MI04) interprets them.

    >>> validate('1 85 03 99 350 071 49')
    '185039935007149'
    >>> validate('2830')
    Traceback (most recent call last):
        ...
    insvigil.errors.InvalidLength: longueur incorrecte (MI01) : 4 caractère(s) au lieu de 15 (2***)
    >>> validate('783052A00412307')
    Traceback (most recent call last):
        ...
    insvigil.errors.InvalidComponent: premier chiffre 7 (numéro provisoire de sécurité sociale) : \
1 ou 2 attendu (MI03) : 7************07
    >>> validate('2830X2A00412307')
    Traceback (most recent call last):
        ...
    insvigil.errors.InvalidFormat: caractère non numérique en position 5 du matricule \
2************07 (MI01)
    """
    if type(raw) is str and len(raw) == LENGTH and raw.isdigit() and raw.isascii():
        number = raw  # fast path: already compact, 15 ASCII digits
    else:
        number = compact(raw)
        if len(number) != LENGTH:
            raise length_error(number)
        if not structure_ok(number):
            raise format_error(number)
    first = number[0]
    if first != "1" and first != "2":
        why = " (numéro provisoire de sécurité sociale)" if first in "78" else ""
        raise InvalidComponent(
            f"premier chiffre {first}{why} : 1 ou 2 attendu (MI03) : {mask(number)}",
            code="MI03",
        )
    if calc_check_digits(number) != number[13:]:
        raise InvalidChecksum(f"clé de contrôle incorrecte (MI02) : {mask(number)}", code="MI02")
    return number


def is_valid(raw: object) -> bool:
    """Whether ``raw`` is a valid matricule; never raises, whatever it is given.

    >>> is_valid('2 46 01 20 004 118 85'), is_valid(b'246012000411885'), is_valid('2A' * 10)
    (True, False, False)
    """
    if not isinstance(raw, str):
        return False
    try:
        validate(raw)
    except ValueError:  # every InvalidValue is a ValueError
        return False
    return True
