"""Sexe (TR05): ``M``, ``F`` or ``I`` (indéterminé), case-insensitive, nothing else.

INSi returns only M or F; ``I`` is accepted locally but the INSi result is then not used.

>>> normalize(" f ")
'F'
>>> nir_digit("M"), nir_digit("F"), nir_digit("I")
('1', '2', None)
>>> validate("H")
Traceback (most recent call last):
    ...
insvigil.errors.InvalidFormat: Sexe « H » invalide : valeurs admises M, F ou I (indéterminé).
>>> is_valid("X"), is_valid(None), is_indetermine("i")
(False, False, True)
"""

from __future__ import annotations

from insvigil.errors import InvalidFormat

__all__ = ["VALUES", "is_indetermine", "is_valid", "nir_digit", "normalize", "validate"]

#: The accepted values, in forme INS.
VALUES = frozenset({"M", "F", "I"})
_NIR_DIGITS: dict[str, str | None] = {"M": "1", "F": "2", "I": None}


def normalize(raw: str) -> str:
    """Strip and upper-case; raise :class:`InvalidFormat` (code ``TR05``) unless M, F or I."""
    if not isinstance(raw, str):
        raise InvalidFormat(
            f"Sexe non textuel ({type(raw).__name__}) : M, F ou I attendu.", code="TR05"
        )
    value = raw.strip().upper()
    if value in VALUES:
        return value
    if not value:
        raise InvalidFormat("Sexe absent : valeurs admises M, F ou I (indéterminé).", code="TR05")
    shown = value if len(value) <= 10 else value[:10] + "…"
    raise InvalidFormat(
        f"Sexe « {shown} » invalide : valeurs admises M, F ou I (indéterminé).", code="TR05"
    )


def validate(raw: str) -> str:
    """The normalised sex (``M``, ``F`` or ``I``), or raise :class:`InvalidFormat` (``TR05``)."""
    if type(raw) is str and raw in VALUES:  # already normalised (the common case)
        return raw
    return normalize(raw)


def is_valid(raw: object) -> bool:
    """Whether ``raw`` is M, F or I (any case, surrounding spaces allowed); never raises."""
    return isinstance(raw, str) and raw.strip().upper() in VALUES


def is_indetermine(value: object) -> bool:
    """Whether ``value`` is ``I`` (indéterminé); False for anything else, never raises."""
    return isinstance(value, str) and value.strip().upper() == "I"


def nir_digit(value: str) -> str | None:
    """The NIR's first digit for this sex (``M`` → ``"1"``, ``F`` → ``"2"``), None for ``I``.

    Raises :class:`InvalidFormat` (``TR05``) for a value that is not M, F or I.
    """
    return _NIR_DIGITS[normalize(value)]
