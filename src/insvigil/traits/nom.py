"""Nom de naissance (birth name): TR01 normalisation, TR02 conformity, clé de comparaison.

The birth name is the civil-status family name (not the married name, nom utilisé), 1 to 100
characters in forme INS; a double hyphen is allowed (``MARTIN--DURAND``).

>>> normalize("  lefèvre ").value
'LEFEVRE'
>>> validate("Martin--Durand")
'MARTIN--DURAND'
>>> validate("-DUPONT")
Traceback (most recent call last):
    ...
insvigil.errors.InvalidFormat: Nom de naissance « -DUPONT » non conforme : commence par un tiret.
>>> is_valid("DUPONT2"), is_valid(None)
(False, False)
>>> key("Martin--Durand")
'MARTIN DURAND'
"""

from __future__ import annotations

from functools import lru_cache

from insvigil.errors import InvalidFormat, InvalidLength
from insvigil.traits.charset import MAX_LENGTH, Normalized, comparison_key, describe, to_ins_form

__all__ = ["LABEL", "MAX_LENGTH_NOM", "is_valid", "key", "normalize", "validate"]

#: How messages name the trait.
LABEL = "Nom de naissance"
#: Longest birth name in forme INS.
MAX_LENGTH_NOM: int = MAX_LENGTH["nom"] or 100


def normalize(raw: str) -> Normalized:
    """TR01 then TR02 on a birth name; raises :class:`InvalidFormat` only for a non-string."""
    return to_ins_form(raw, "nom")


def validate(raw: str) -> str:
    """Return the forme INS of ``raw`` or raise (code ``TR02``).

    :class:`InvalidLength` when empty or longer than 100 characters, :class:`InvalidFormat`
    otherwise.
    """
    n = normalize(raw)
    if n.conforme:
        return n.value
    if not n.value or len(n.value) > MAX_LENGTH_NOM:
        raise InvalidLength(describe(LABEL, n), code="TR02")
    raise InvalidFormat(describe(LABEL, n), code="TR02")


def is_valid(raw: object) -> bool:
    """Whether ``raw`` is a string that normalises to a conforming birth name; never raises."""
    return isinstance(raw, str) and to_ins_form(raw, "nom").conforme


def key(raw: str) -> str:
    """Clé de comparaison of the normalised birth name (hyphens, apostrophes as spaces)."""
    if not isinstance(raw, str):
        normalize(raw)  # raises InvalidFormat
    return _key(raw)


@lru_cache(maxsize=1 << 18)
def _key(raw: str) -> str:
    return comparison_key(to_ins_form(raw, "nom").value)
