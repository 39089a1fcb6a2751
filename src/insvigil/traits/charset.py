"""INS character rules shared by birth names and first names (TR01, TR02).

:func:`to_ins_form` applies TR01 in the rulebook's order (NFC; tab and no-break spaces to
spaces; trim; collapse; upper case; diacritics; ligatures; apostrophes; hyphens; spaces around a
hyphen) and then checks TR02: the *forme INS* is A-Z, space, apostrophe and hyphen, a double
hyphen in names only. Other characters (digits, ``.``, ``/``, en dash, emoji…) are never deleted:
they stay in the value, which is then *non conforme*.

This module owns the entry points and their caches; the TR01 steps live in
:mod:`insvigil.traits.charset_tr01`, the TR02 pattern and defect sentences in
:mod:`insvigil.traits.charset_tr02` (their public names are re-exported here).

>>> n = to_ins_form("  lefèvre ", "nom")
>>> n.value, n.conforme
('LEFEVRE', True)
>>> [CHANGE_LABELS[c] for c in n.changes]
['espaces superflus retirés', 'minuscules mises en majuscules', 'accents retirés']
>>> to_ins_form("d’Artagnan", "nom").value
"D'ARTAGNAN"
>>> print(to_ins_form("DUPONT2", "nom").defaut)  # doctest: +ELLIPSIS
Caractère non autorisé « 2 » ; seuls les lettres A à Z, l'espace, l'apostrophe et le tiret ...
>>> comparison_key("MARTIN--DURAND D'ARC")
'MARTIN DURAND D ARC'
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from insvigil.errors import InvalidFormat
from insvigil.traits.charset_tr01 import CHANGE_LABELS, CHANGES, ESPACES, MASKS, Change, apply_tr01
from insvigil.traits.charset_tr02 import FORM_RE, MAX_LENGTH, Kind, defaut, is_ins_form

__all__ = [
    "CHANGE_LABELS",
    "FORM_RE",
    "MAX_LENGTH",
    "Change",
    "Kind",
    "Normalized",
    "comparison_key",
    "describe",
    "is_ins_form",
    "to_ins_form",
    "words_to_ins_form",
]


class Normalized(NamedTuple):
    """A raw value, its forme INS candidate, what TR01 changed and whether TR02 holds.

    A named tuple rather than a frozen dataclass: one is built for every distinct name or list
    of first names read, and a tuple is built three times faster.
    """

    raw: str
    value: str
    changes: tuple[Change, ...]
    conforme: bool
    defaut: str | None


def to_ins_form(raw: str, kind: Kind) -> Normalized:
    """Apply TR01 to ``raw`` and check TR02 for a ``kind`` of trait (``"nom"`` or ``"prenom"``).

    Raises :class:`~insvigil.errors.InvalidFormat` (code ``TR02``) when ``raw`` is not a string.
    """
    if not isinstance(raw, str):
        raise InvalidFormat(
            f"Valeur non textuelle ({type(raw).__name__}) : un texte est attendu.", code="TR02"
        )
    cache = _CACHES.get(kind)
    if cache is None:
        raise ValueError(f"unknown kind {kind!r}")
    found = cache.get(raw)
    if found is None:
        found = _to_ins_form(raw, kind)
        if len(cache) < CACHE_CAP:
            cache[raw] = found
    return found


#: Most distinct raw values remembered per kind (names repeat: the frequent ones come first).
#: A plain dict filled up to the cap is cheaper than an LRU and never thrashes.
CACHE_CAP = 1 << 19
_CACHES: dict[str, dict[str, Normalized]] = {"nom": {}, "prenom": {}}


def _to_ins_form(raw: str, kind: Kind) -> Normalized:
    if is_ins_form(raw, kind):  # fast path: every TR01 step is a no-op on a conforming value
        return Normalized(raw, raw, (), True, None)
    value, changes = apply_tr01(raw)
    if is_ins_form(value, kind):
        return Normalized(raw, value, changes, True, None)
    return Normalized(raw, value, changes, False, defaut(value, kind))


def words_to_ins_form(raw: str) -> Normalized:
    """:func:`to_ins_form` for a list of first names, word by word when that is equivalent.

    Lists are mostly unique (``MARIE THÉRÈSE LOUISE``) while their words repeat: each word goes
    through the shared cache and the list is joined again. Whenever a word is not a conforming
    first name by itself (a lone hyphen, a mark after a space, a tab…), the whole list goes
    through TR01 at once, so the answer is always the one :func:`to_ins_form` gives.

    >>> n = words_to_ins_form("  Marie  Thérèse ")
    >>> n.value, [CHANGE_LABELS[c] for c in n.changes]
    ('MARIE THERESE', ['espaces superflus retirés', 'minuscules mises en majuscules', \
'accents retirés'])
    >>> words_to_ins_form("Jean - Pierre") == to_ins_form("Jean - Pierre", "prenom")
    True
    """
    if not isinstance(raw, str):
        return to_ins_form(raw, "prenom")  # raises InvalidFormat
    if FORM_RE["prenom"].fullmatch(raw) is not None:
        return Normalized(raw, raw, (), True, None)
    if not raw.isprintable():  # tabs, no-break spaces, controls: TR01 on the whole list
        return to_ins_form(raw, "prenom")
    words = raw.split(" ")
    done = 0
    if "" in words:
        words = [w for w in words if w]
        done = ESPACES
    values: list[str] = []
    cache = _CACHES["prenom"]
    for word in words:
        n = cache.get(word) or to_ins_form(word, "prenom")
        if not n.conforme:
            return to_ins_form(raw, "prenom")
        values.append(n.value)
        done |= MASKS[n.changes]
    value = " ".join(values)
    if FORM_RE["prenom"].fullmatch(value) is None:
        return to_ins_form(raw, "prenom")
    return Normalized(raw, value, CHANGES[done], True, None)


@lru_cache(maxsize=1 << 18)
def comparison_key(ins_form: str) -> str:
    """Clé de comparaison: ``--``, ``-`` and ``'`` count as spaces; spaces collapsed, stripped.

    >>> comparison_key("JEAN-PIERRE  O'NEILL ")
    'JEAN PIERRE O NEILL'
    """
    s = ins_form.replace("-", " ").replace("'", " ")
    return " ".join(part for part in s.split(" ") if part)


def describe(label: str, n: Normalized) -> str:
    """French message naming a non-conforming trait and its defect (for exceptions, findings).

    >>> describe("Prénom", to_ins_form("ANNE-", "prenom"))
    'Prénom « ANNE- » non conforme : se termine par un tiret.'
    """
    shown = n.value if len(n.value) <= 40 else n.value[:40] + "…"
    subject = f"{label} « {shown} »" if n.value else label
    defaut = n.defaut or "Forme INS non respectée."
    return f"{subject} non conforme : {defaut[0].lower()}{defaut[1:]}"
