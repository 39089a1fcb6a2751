"""Prénoms de naissance: the ordered list of birth first names (TR01, TR02, TR03).

The list holds every birth first name in civil-status order, separated by spaces; a composed
first name keeps its hyphen (``JEAN-PIERRE MARIE`` is two first names). The rules apply to each
first name: no double hyphen, no first name ending with a hyphen or an apostrophe.

>>> normalize("Jean - Pierre marie").value
'JEAN-PIERRE MARIE'
>>> tokens("Jean-Pierre Marie")
('JEAN-PIERRE', 'MARIE')
>>> is_valid("ANNE-"), is_valid("Anne--Marie")
(False, False)
>>> premier("ANNE SOPHIE MARIE", None), premier("ANNE SOPHIE MARIE", "anne sophie")
('ANNE', 'ANNE SOPHIE')
>>> premier_coherent("JEAN PIERRE", "JEAN-PIERRE LOUIS"), premier_coherent("SOPHIE", "ANNE SOPHIE")
(True, False)
"""

from __future__ import annotations

from functools import lru_cache

from insvigil.errors import InvalidFormat, InvalidLength
from insvigil.traits.charset import (
    CACHE_CAP,
    FORM_RE,
    Normalized,
    comparison_key,
    describe,
    to_ins_form,
    words_to_ins_form,
)

__all__ = [
    "LABEL",
    "is_valid",
    "key",
    "normalize",
    "premier",
    "premier_coherent",
    "tokens",
    "validate",
]

#: How messages name the trait.
LABEL = "Prénoms de naissance"


def normalize(raw: str) -> Normalized:
    """TR01 then TR02 on a list of first names; raises :class:`InvalidFormat` for a non-string.

    When the list is not conforme because of one first name, ``defaut`` names it.
    """
    if not isinstance(raw, str):
        to_ins_form(raw, "prenom")  # raises InvalidFormat
    if _CONFORME(raw) is not None:  # already in forme INS: nothing to remember
        return Normalized(raw, raw, (), True, None)
    found = _LISTS.get(raw)
    if found is None:
        found = _normalize(raw)
        if len(_LISTS) < CACHE_CAP:
            _LISTS[raw] = found
    return found


# Lists of first names are mostly unique: only those that need TR01 are remembered.
_LISTS: dict[str, Normalized] = {}
_CONFORME = FORM_RE["prenom"].fullmatch


def _normalize(raw: str) -> Normalized:
    n = words_to_ins_form(raw)
    if n.conforme or " " not in n.value:
        return n
    for token in n.value.split(" "):
        t = to_ins_form(token, "prenom")
        if not t.conforme and t.defaut:
            defaut = f"Prénom « {token} » : {t.defaut[0].lower()}{t.defaut[1:]}"
            return Normalized(n.raw, n.value, n.changes, False, defaut)
    return n


def validate(raw: str) -> str:
    """Return the list in forme INS or raise (code ``TR02``): :class:`InvalidLength` when empty,
    :class:`InvalidFormat` otherwise."""
    n = normalize(raw)
    if n.conforme:
        return n.value
    if not n.value:
        raise InvalidLength(describe(LABEL, n), code="TR02")
    raise InvalidFormat(describe(LABEL, n), code="TR02")


def is_valid(raw: object) -> bool:
    """Whether ``raw`` is a string that normalises to a conforming list; never raises."""
    return isinstance(raw, str) and normalize(raw).conforme


def key(raw: str) -> str:
    """Clé de comparaison of the normalised list (hyphens, apostrophes as spaces)."""
    if not isinstance(raw, str):
        to_ins_form(raw, "prenom")  # raises InvalidFormat
    return _key(raw)


@lru_cache(maxsize=1 << 18)
def _key(raw: str) -> str:
    return comparison_key(normalize(raw).value)  # word by word: lists stay out of the cache


def tokens(value: str) -> tuple[str, ...]:
    """The first names of a list, normalised, in order (a composed first name is one token)."""
    normalized = normalize(value).value
    return tuple(t for t in normalized.split(" ") if t)


def premier(liste: str, premier_prenom: str | None = None) -> str:
    """TR03: the premier prénom: ``premier_prenom`` normalised when given (not blank), else the
    first first name of ``liste`` (``""`` when the list is empty too)."""
    if premier_prenom is not None and premier_prenom.strip():
        return normalize(premier_prenom).value
    first = tokens(liste)
    return first[0] if first else ""


def premier_coherent(premier_prenom: str, liste: str) -> bool:
    """TR03: the clé of the premier prénom equals the first token(s) of the list's clé.

    ``ANNE SOPHIE`` may be one composed first name, and hyphens count as spaces, so
    ``JEAN PIERRE`` is coherent with ``JEAN-PIERRE LOUIS``; an empty premier prénom is not.
    """
    first = key(premier_prenom).split(" ")
    if first == [""]:
        return False
    return key(liste).split(" ")[: len(first)] == first
