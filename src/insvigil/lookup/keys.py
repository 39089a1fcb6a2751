"""The admission-lookup keys of one record, computed by ``qualify`` and kept in the store.

Candidates are found by *equality* on these keys (an index lookup each, never a scan) and then
ranked in Python; see :mod:`insvigil.store.lookup_store` for the queries and
:mod:`insvigil.lookup.rank` for the ranking. Each key is ``None`` when the trait is absent or
has nothing usable (no letter, unreadable date); keys never raise on odd values, since a
record that is not conforming must still be found at the front desk.

>>> from insvigil.model import Resident
>>> k = index_keys(Resident("750000001", "A-1", "Lefèvre", "Marie-Hélène Jeanne", "1946-01-17",
...     "F", nom_utilise="Le Gall", prenom_utilise="Malou", matricule_ins="246012000411885"))
>>> k.nom_cle, k.nom_phon, k.nom_utilise_cle, k.nom_utilise_phon
('LEFEVRE', 'LEFEFRE', 'LE GALL', 'LEKOL')
>>> k.prenoms_cles, k.prenom1_phon, k.prenom_utilise_cle
('MARIE HELENE JEANNE', 'NORIE', 'MALOU')
>>> k.ddn, k.annee, k.mois, k.jour, k.sexe, k.matricule
('1946-01-17', 1946, 1, 17, 'F', '246012000411885')
>>> index_keys(Resident("750000001", "A-2", "Dupont", "Jean", "1950-00-00", "M")).row()[7:11]
('1950-00-00', 1950, 0, 0)
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple, Protocol

from insvigil.errors import InvalidValue
from insvigil.identifiers import matricule as _matricule
from insvigil.lookup.phonetic import phonex
from insvigil.traits import date as _date
from insvigil.traits import nom as _nom
from insvigil.traits import prenoms as _prenoms
from insvigil.traits.charset import comparison_key

__all__ = [
    "COLUMNS",
    "IndexKeys",
    "ResidentLike",
    "birth_parts",
    "compact_matricule",
    "first_name_keys",
    "index_keys",
    "name_key",
]


class ResidentLike(Protocol):
    """What :func:`index_keys` reads of a record (a :class:`~insvigil.model.Resident` fits)."""

    @property
    def nom_naissance(self) -> str: ...
    @property
    def prenoms_naissance(self) -> str: ...
    @property
    def premier_prenom(self) -> str | None: ...
    @property
    def date_naissance(self) -> str: ...
    @property
    def sexe(self) -> str: ...
    @property
    def nom_utilise(self) -> str | None: ...
    @property
    def prenom_utilise(self) -> str | None: ...
    @property
    def matricule_ins(self) -> str | None: ...


class IndexKeys(NamedTuple):
    """One record's lookup keys; the field order is the ``lookup_keys`` table's column order
    (after ``record_id``). A tuple, so that :mod:`insvigil.lookup.key_rows` builds many of
    them cheaply."""

    nom_cle: str | None = None  # clé de comparaison of the birth name
    nom_phon: str | None = None  # its Phonex key
    nom_utilise_cle: str | None = None
    nom_utilise_phon: str | None = None
    prenoms_cles: str | None = None  # clé of the birth first names, one space between tokens
    prenom1_phon: str | None = None  # Phonex of the premier prénom's first token
    prenom_utilise_cle: str | None = None
    ddn: str | None = None  # ISO, ``00`` for an unknown part
    annee: int | None = None
    mois: int | None = None  # 0: unknown
    jour: int | None = None  # 0: unknown
    sexe: str | None = None  # M, F or I
    matricule: str | None = None  # the local matricule, compact (not checked)
    matricule_insi: str | None = None  # the active matricule INSi returned, compact

    def row(self) -> tuple[str | int | None, ...]:
        """The values in :data:`COLUMNS` order."""
        return tuple(self)


#: The key columns of the ``lookup_keys`` table, in :class:`IndexKeys` order.
COLUMNS: tuple[str, ...] = IndexKeys._fields


def name_key(raw: str | None) -> tuple[str | None, str | None]:
    """(clé de comparaison, Phonex key) of a name, ``(None, None)`` when it has no letter.

    >>> name_key("  d’Artagnan "), name_key("--"), name_key(None)
    (('D ARTAGNAN', 'TORTOGN1'), (None, None), (None, None))
    """
    if not raw or not isinstance(raw, str):
        return None, None
    return _name_key(raw)


@lru_cache(maxsize=1 << 19)  # above the distinct names of a million records (~150,000)
def _name_key(raw: str) -> tuple[str | None, str | None]:
    try:
        cle = _nom.key(raw)
    except InvalidValue:
        return None, None
    phon = phonex(cle)
    if not phon:
        return None, None
    return cle, phon


def first_name_keys(raw: str | None) -> tuple[str, ...]:
    """The clé tokens of a list of first names (``JEAN-PIERRE MARIE`` → 3 tokens).

    >>> first_name_keys("Jean-Pierre  marie"), first_name_keys("")
    (('JEAN', 'PIERRE', 'MARIE'), ())
    """
    if not raw or not isinstance(raw, str):
        return ()
    return _first_name_keys(raw)


def _first_name_keys(raw: str) -> tuple[str, ...]:
    # Not through prenoms.key, whose cache would hold lists of first names, mostly unique:
    # the same clé de comparaison, split into tokens.
    try:
        value = _prenoms.normalize(raw).value
    except InvalidValue:
        return ()
    return tuple(t for t in comparison_key(value).split(" ") if t)


def compact_matricule(raw: str | None) -> str | None:
    """The compact matricule, None when absent or not compactable (never raises)."""
    if not raw or not isinstance(raw, str):
        return None
    try:
        value = _matricule.compact(raw)
    except InvalidValue:
        return None
    return value or None


def birth_parts(raw: str | None) -> tuple[str, int, int, int] | None:
    """(ISO, year, month, day) of the date as written (no clock involved: a stored date is
    never judged again); month and day 0 when unknown."""
    if not raw or not isinstance(raw, str):
        return None
    return _birth_date_of(raw)


@lru_cache(maxsize=1 << 17)  # a century of days is ~37,000 dates
def _birth_date_of(raw: str) -> tuple[str, int, int, int] | None:
    try:
        iso = _date.normalize(raw)
    except InvalidValue:
        return None
    return iso, int(iso[:4]), int(iso[5:7]), int(iso[8:10])


def index_keys(resident: ResidentLike, insi_active: str | None = None) -> IndexKeys:
    """Every lookup key of one record; ``insi_active`` is the active matricule INSi returned
    for it (``RecordResult.insi_active``), indexed beside the local one. Never raises."""
    nom_cle, nom_phon = name_key(resident.nom_naissance)
    utilise_cle, utilise_phon = name_key(resident.nom_utilise)
    tokens = first_name_keys(resident.prenoms_naissance)
    premier = first_name_keys(resident.premier_prenom) or tokens
    utilise = first_name_keys(resident.prenom_utilise)
    birth = birth_parts(resident.date_naissance)
    sexe = resident.sexe.strip().upper() if isinstance(resident.sexe, str) else ""
    return IndexKeys(
        nom_cle=nom_cle,
        nom_phon=nom_phon,
        nom_utilise_cle=utilise_cle,
        nom_utilise_phon=utilise_phon,
        prenoms_cles=" ".join(tokens) or None,
        prenom1_phon=(phonex(premier[0]) or None) if premier else None,
        prenom_utilise_cle=" ".join(utilise) or None,
        ddn=birth[0] if birth else None,
        annee=birth[1] if birth else None,
        mois=birth[2] if birth else None,
        jour=birth[3] if birth else None,
        sexe=sexe if sexe in ("M", "F", "I") else None,
        matricule=compact_matricule(resident.matricule_ins),
        matricule_insi=compact_matricule(insi_active),
    )
