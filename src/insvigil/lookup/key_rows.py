"""The lookup keys of many records at once, column by column (what ``qualify`` saves a chunk at
a time).

Birth names, typed first names, used names, dates and sexes repeat: each distinct value of
such a column is keyed once, in a bounded memo, and spread back to the records by the dict's
own lookup. Only the list of birth first names, mostly unique, is keyed record by record. Every
row is the one :func:`insvigil.lookup.keys.index_keys` gives for that record alone
(``tests/lookup/test_key_rows.py`` compares both).

All values below are synthetic.

>>> from insvigil.lookup.keys import index_keys
>>> from insvigil.model import Resident
>>> a = Resident("750000001", "A-1", "Lefèvre", "Marie-Hélène Jeanne", "1946-01-17", "F",
...     matricule_ins="246012000411885")
>>> b = Resident("750000001", "A-2", "Lefèvre", "Jean", "1950-00-00", "M", premier_prenom="--")
>>> rows = index_rows([a, b], [None, "2 46 01 20 004 118 85"])
>>> rows == [index_keys(a), index_keys(b, "2 46 01 20 004 118 85")]
True
>>> rows[1].prenom1_phon, rows[1].matricule_insi
('GE1', '246012000411885')
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter

from insvigil.errors import InvalidValue
from insvigil.lookup.keys import (
    IndexKeys,
    ResidentLike,
    birth_parts,
    compact_matricule,
    first_name_keys,
    name_key,
)
from insvigil.lookup.phonetic import phonex
from insvigil.memo import Memo
from insvigil.traits import prenoms as _prenoms
from insvigil.traits.charset import comparison_key

__all__ = ["index_rows"]

#: Most distinct values a column's memo remembers (then the others are computed each time).
MEMO_CAP = 1 << 18


def _phonex_or_none(token: str | None) -> str | None:
    return (phonex(token) or None) if token else None


def _typed_first_phon(raw: str | None) -> tuple[str | None] | None:
    """(Phonex of the typed premier prénom's first token,); None when it has no token (the
    list's first token is used instead)."""
    tokens = first_name_keys(raw)
    return (_phonex_or_none(tokens[0]),) if tokens else None


def _used_first_names(raw: str | None) -> str | None:
    return " ".join(first_name_keys(raw)) or None


def _sexe(raw: str) -> str | None:
    value = raw.strip().upper() if isinstance(raw, str) else ""
    return value if value in ("M", "F", "I") else None


def _list_key(raw: str) -> str:
    """The clé of a list of first names: its tokens joined by one space (``""``: none)."""
    if not raw or not isinstance(raw, str):
        return ""
    try:
        return comparison_key(_prenoms.normalize(raw).value)
    except InvalidValue:
        return ""


def _matricule(raw: str | None) -> str | None:
    if raw and type(raw) is str and raw.isdigit():  # already compact: nothing to drop
        return raw
    return compact_matricule(raw)


_NAMES: Memo[str | None, tuple[str | None, str | None]] = Memo(name_key, MEMO_CAP)
_TYPED_FIRSTS: Memo[str | None, tuple[str | None] | None] = Memo(_typed_first_phon, MEMO_CAP)
_HEADS: Memo[str | None, str | None] = Memo(_phonex_or_none, MEMO_CAP)
_USED_FIRSTS: Memo[str | None, str | None] = Memo(_used_first_names, MEMO_CAP)
_DATES: Memo[str, tuple[str, int, int, int] | None] = Memo(birth_parts, MEMO_CAP)
_SEXES: Memo[str, str | None] = Memo(_sexe, MEMO_CAP)
_NO_DATE = (None, None, None, None)

_columns = attrgetter(
    "nom_naissance", "nom_utilise", "prenoms_naissance", "premier_prenom", "prenom_utilise",
    "date_naissance", "sexe", "matricule_ins",
)  # fmt: skip


def index_rows(
    residents: Sequence[ResidentLike], insi_active: Sequence[str | None]
) -> list[IndexKeys]:
    """Every record's keys, as :func:`~insvigil.lookup.keys.index_keys` gives them one by
    one; ``insi_active`` holds each record's active INSi matricule (or None). The traits are
    texts or None, as in :class:`~insvigil.model.Resident`."""
    if len(insi_active) != len(residents):
        raise ValueError("residents and insi_active differ in length")
    if not residents:
        return []
    noms, utilises, listes, typed, used_firsts, dates, sexes, matricules = zip(
        *map(_columns, residents), strict=True
    )
    names = _NAMES.__getitem__
    rows: list[IndexKeys] = []
    append = rows.append
    make = IndexKeys._make
    for (nom_cle, nom_phon), (u_cle, u_phon), cle, first, used, birth, sexe, number, insi in zip(
        map(names, noms),
        map(names, utilises),
        map(_list_key, listes),
        map(_TYPED_FIRSTS.__getitem__, typed),
        map(_USED_FIRSTS.__getitem__, used_firsts),
        map(_DATES.__getitem__, dates),
        map(_SEXES.__getitem__, sexes),
        map(_matricule, matricules),
        map(_matricule, insi_active),
        strict=True,
    ):
        # The typed premier prénom's first token, else (none typed, or no token in it) the
        # list's first token.
        head = _HEADS[cle.split(" ", 1)[0]] if first is None and cle else None
        phon = first[0] if first is not None else head
        append(
            make(
                (
                    nom_cle,
                    nom_phon,
                    u_cle,
                    u_phon,
                    cle or None,
                    phon,
                    used,
                    *(birth or _NO_DATE),
                    sexe,
                    number,
                    insi,
                )
            )
        )
    return rows
