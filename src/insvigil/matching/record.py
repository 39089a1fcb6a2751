"""What matching needs of a record: normalised keys, computed once (:func:`prepare`).

A :class:`MatchRecord` is compact (slots, interned strings) because a run keeps one per record
in memory: names and first names as their forme INS and clé de comparaison (domain.md §3), the
birth date, sex, birthplace code, the matricules known for the record (local when its key is
valid, the INSi active one and its history) and the record's content hash (a referent's
"distinct" decision holds while both hashes are unchanged).

All values below are synthetic.

>>> from insvigil.model import Resident
>>> r = prepare(Resident("750000001", "A-1", "Martin--Durand", "Jean-Pierre  marie",
...                      "1983-05-12", "M", nom_utilise="Dupont",
...                      matricule_ins="283052A00412307"))
>>> r.nom, r.nom_cle, r.nom_utilise_cle, r.prenoms_cle, r.premier, r.prenom1
('MARTIN--DURAND', 'MARTIN DURAND', 'DUPONT', 'JEAN PIERRE MARIE', 'JEAN PIERRE', 'JEAN')
>>> r.matricule, r.matricules
('283052A00412307', ('283052A00412307',))
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from insvigil.errors import InvalidValue
from insvigil.identifiers import matricule as matricule_module
from insvigil.model.records import Resident
from insvigil.model.results import RecordResult
from insvigil.traits import date as birth_date
from insvigil.traits import nom as nom_module
from insvigil.traits import prenoms as prenoms_module
from insvigil.traits.charset import comparison_key
from insvigil.traits.date import BirthDate

__all__ = [
    "OID_NIA",
    "MatchRecord",
    "clear_caches",
    "first_name_keys",
    "name_keys",
    "prepare",
    "traits_record",
]

#: OID of the NIA (domain.md §2.2): a NIA later replaced by a NIR is the same person.
OID_NIA = "1.2.250.1.213.1.4.9"
_intern = sys.intern


@dataclass(frozen=True, slots=True)
class MatchRecord:
    """One record as matching sees it (every string normalised; ``""`` when absent)."""

    structure: str
    local_id: str
    nom: str  # forme INS of the birth name
    nom_cle: str  # its clé de comparaison
    nom_utilise_cle: str
    prenoms: str  # forme INS of the list of birth first names
    prenoms_cle: str  # clé of the list: words separated by one space
    premier: str  # clé of the premier prénom (TR03), e.g. ``JEAN PIERRE``
    prenom1: str  # first word of the list's clé (blocking)
    prenom_utilise_cle: str
    naissance: BirthDate
    ddn: str  # the birth date as written in the contract (ISO, ``00`` for unknown parts)
    sexe: str  # M, F or I
    lieu: str  # birthplace code as typed, upper case
    matricule: str  # canonical: valid local one, else INSi active one; "" when none
    matricule_local: str  # local matricule as typed (compact), even with a wrong key; "" if none
    matricules: tuple[str, ...]  # every valid matricule known (local, INSi active, history)
    nia: bool  # one of them is known to be a NIA (OID)
    content_hash: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.structure, self.local_id)


@lru_cache(maxsize=1 << 18)
def name_keys(raw: str) -> tuple[str, str]:
    """Forme INS and clé of a birth or used name (cached)."""
    ins = nom_module.normalize(raw).value
    return _intern(ins), _intern(comparison_key(ins))


@lru_cache(maxsize=1 << 18)
def first_name_keys(raw: str, premier_raw: str) -> tuple[str, str, str, str]:
    """Forme INS and clé of a list of first names, clé of the premier prénom, first word
    (cached)."""
    ins = prenoms_module.normalize(raw).value
    cle = comparison_key(ins)
    premier = comparison_key(prenoms_module.premier(raw, premier_raw or None)) if ins else ""
    if not premier and premier_raw.strip():
        premier = comparison_key(prenoms_module.normalize(premier_raw).value)
    first = cle.split(" ", 1)[0]
    return _intern(ins), _intern(cle), _intern(premier), _intern(first)


@cache
def _date(iso: str) -> tuple[BirthDate, str]:
    """One shared object per date (records are many, dates a few tens of thousands)."""
    d = BirthDate(int(iso[0:4]), int(iso[5:7]), int(iso[8:10]))
    return d, _intern(d.iso())


def _typed(value: str | None) -> str:
    """The local matricule, compact, when it has a matricule's shape (its key may be wrong:
    a mistyped key still tells sex, year and month)."""
    if not value:
        return ""
    try:
        compact = matricule_module.compact(value)
    except InvalidValue:
        return ""
    body = compact[:5] + compact[5:7].replace("2A", "19").replace("2B", "18") + compact[7:]
    ok = len(compact) == matricule_module.LENGTH and body.isdigit() and body.isascii()
    return compact if ok and compact[0] in "12" else ""


def _valid(value: str | None) -> str:
    if not value:
        return ""
    try:
        return matricule_module.validate(value)
    except (InvalidValue, ValueError):
        return ""


@lru_cache(maxsize=1 << 16)
def _code(value: str) -> str:
    """Sex or birthplace code, upper case, interned (a few thousand distinct values)."""
    return _intern(value.strip().upper())


def prepare(
    resident: Resident,
    result: RecordResult | None = None,
    content_hash: str = "",
    *,
    historique: Iterable[str] = (),
) -> MatchRecord:
    """The :class:`MatchRecord` of ``resident``; ``result`` brings INSi's active matricule (and
    its OID), ``historique`` the INSi history matricules when the caller has them.

    A matricule whose key is invalid is ignored (it cannot be trusted to link records)."""
    nom, nom_cle = name_keys(resident.nom_naissance or "")
    utilise = name_keys(resident.nom_utilise)[1] if resident.nom_utilise else ""
    prenoms, prenoms_cle, premier, prenom1 = first_name_keys(
        resident.prenoms_naissance or "", resident.premier_prenom or ""
    )
    usage = first_name_keys(resident.prenom_utilise, "")[1] if resident.prenom_utilise else ""
    typed = resident.matricule_ins
    local = _valid(typed) if typed else ""
    active = ""
    nia = bool(local) and resident.oid_ins == OID_NIA
    if result is not None and result.insi_active:
        active = _valid(result.insi_active)
        nia = nia or (bool(active) and result.insi_oid == OID_NIA)
    if historique:
        known = tuple(dict.fromkeys(m for m in (local, active, *map(_valid, historique)) if m))
    elif active and active != local:
        known = (local, active) if local else (active,)
    else:
        known = (local,) if local else ()
    naissance, ddn = _date(resident.date_naissance)
    return MatchRecord(
        _intern(resident.structure), resident.local_id, nom, nom_cle, utilise, prenoms,
        prenoms_cle, premier, prenom1, usage, naissance, ddn, _code(resident.sexe),
        _code(resident.lieu_naissance) if resident.lieu_naissance else "", local or active,
        local or (_typed(typed) if typed else ""), known, nia, content_hash,
    )  # fmt: skip


def traits_record(
    structure: str,
    local_id: str,
    *,
    nom: str | None,
    prenoms: str | None,
    premier_prenom: str | None,
    naissance: str | None,
    sexe: str | None,
    lieu: str | None,
) -> MatchRecord | None:
    """A record made of bare traits (an INSi response's), None when the date is unreadable."""
    try:
        parsed = birth_date.parse(naissance or "")
    except InvalidValue:
        return None
    resident = Resident(
        structure, local_id, nom or "", prenoms or "", parsed.iso(), _code(sexe or "") or "I",
        premier_prenom=premier_prenom, lieu_naissance=lieu,
    )  # fmt: skip
    return prepare(resident)


def clear_caches() -> None:
    """Forget the normalised names kept to speed :func:`prepare` up (memory, before matching)."""
    name_keys.cache_clear()
    first_name_keys.cache_clear()
    _code.cache_clear()
