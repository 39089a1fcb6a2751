"""FINESS numbers (Fichier national des établissements sanitaires et sociaux).

A FINESS number has 9 characters: the department (``01``…``95``, ``2A``, ``2B``, ``97``/``98``
overseas), then digits, the last one a Luhn check digit over the whole number
(computed with :mod:`stdnum.luhn`).

Corsica: the department letters enter the key as digits, ``A`` → ``1`` and ``B`` → ``2``
(``2A`` is keyed as ``21``, ``2B`` as ``22``). No official text describing this was found;
the rule was established from published numbers — 17 FINESS of Corsican establishments quoted
in ARS Corse decrees (recueils des actes administratifs 2A-2024-029, 2A-2025-178,
2B-2024-02-015, 2B-2024-07-003, e.g. CH de Bastia ``2B0000020``, CH de Bonifacio
``2A0000170``) all pass with it and none with the usual alternatives (``20``, ``19``/``18``,
letters as ``0``). Since a bad key only produces a warning (the rows are kept), a wrong
guess here can never lose data: this is the SAFE side.

>>> is_valid("750712184")
True
>>> is_valid("750712185")
False
>>> is_valid("2B0000020")
True
>>> validate(" 2a0000170 ")
'2A0000170'
>>> validate("75071218")
Traceback (most recent call last):
    ...
insvigil.errors.InvalidLength: numéro FINESS de 8 caractères au lieu de 9
"""

from __future__ import annotations

import re

from stdnum import luhn

from insvigil.errors import InvalidChecksum, InvalidFormat, InvalidLength

__all__ = ["compact", "is_valid", "validate"]

_SHAPE = re.compile(r"(?:\d\d|2[AB])\d{7}")
_CORSICA = str.maketrans({"A": "1", "B": "2"})


def compact(number: str) -> str:
    """Remove spaces and upper-case (``2a`` → ``2A``).

    >>> compact(" 75 0712184 ")
    '750712184'
    """
    return "".join(number.split()).upper()


def validate(number: str) -> str:
    """Return the compact FINESS number, or raise :class:`~insvigil.errors.InvalidValue`."""
    value = compact(number)
    if len(value) != 9:
        raise InvalidLength(f"numéro FINESS de {len(value)} caractères au lieu de 9")
    if not _SHAPE.fullmatch(value):
        raise InvalidFormat("numéro FINESS mal formé (chiffres attendus, 2A/2B admis en tête)")
    if not luhn.is_valid(value.translate(_CORSICA)):
        raise InvalidChecksum("clé de Luhn du numéro FINESS incorrecte")
    return value


def is_valid(number: object) -> bool:
    """True when ``number`` is a well-formed FINESS number with a correct key; never raises.

    >>> is_valid(None), is_valid(750712184), is_valid("2C0000020")
    (False, False, False)
    """
    if not isinstance(number, str):
        return False
    try:
        validate(number)
    except (InvalidLength, InvalidFormat, InvalidChecksum):
        return False
    return True
