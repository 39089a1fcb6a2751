"""The admission lookup's rows: what it asks the database, and how a row becomes a candidate.

A lookup asks the database three things: the lookup keys of the candidates (phase 1, the union
of a few capped *generators*, see :mod:`insvigil.store.lookup_store`), the records and results
of the best ones (phase 2, :class:`RecordRow`), and their open queue items. Two readers send
these statements: :mod:`insvigil.store.lookup.driver_sqlalchemy` (SQLAlchemy, SQLite and PostgreSQL)
and :mod:`insvigil.store.lookup.driver_sqlite` (the standard library's ``sqlite3``, read-only: the
fast
start-up of ``insvigil lookup``); both build them from :data:`GENERATORS`, :data:`KEY_COLUMNS`
and :data:`RECORD_COLUMNS`. The ranking that both share is :mod:`insvigil.store.lookup.search`.

This module must not import SQLAlchemy (nor anything that does): ``insvigil lookup`` imports it.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from insvigil.errors import InvalidFormat, StoreError
from insvigil.identifiers.matricule import mask
from insvigil.lookup.alerts import alertes
from insvigil.lookup.keys import COLUMNS
from insvigil.lookup.query import LookupQuery
from insvigil.lookup.rank import Likeness
from insvigil.lookup.result import IdentityCandidate, Traits
from insvigil.store.db.settings import DEFAULT_URL

__all__ = [
    "BROAD_CAP",
    "CAP",
    "CLOSE",
    "DEFAULT_URL",
    "GENERATORS",
    "KEY_COLUMNS",
    "MAX_LIMIT",
    "RECORD_COLUMNS",
    "RecordRow",
    "Shape",
    "candidate",
    "check_limit",
    "missing_database",
    "plan",
]

#: Most rows one generator may bring (a common name without a date hits it).
CAP = 200
#: Most rows a name alone may bring (no date typed); half when a first name is typed.
BROAD_CAP = 100
#: Most candidates one lookup may return.
MAX_LIMIT = 100
#: Below this best score, the remarks say that no candidate is a close match.
CLOSE = 0.85

#: Phase 1's columns: ``lookup_keys``' record id, then :class:`IndexKeys`' fields.
KEY_COLUMNS = ("record_id", *COLUMNS)

#: Each generator: ``lookup_keys`` column = query parameter, for each pair (ANDed); the
#: leading columns of one of the table's indexes.
GENERATORS: dict[str, tuple[tuple[str, str], ...]] = {
    "matricule": (("matricule", "matricule"),),
    "matricule_insi": (("matricule_insi", "matricule"),),
    "ddn": (("ddn", "ddn"),),
    "ddn_inverse": (("ddn", "ddn_inverse"),),
    "nom_annee": (("nom_phon", "phon"), ("annee", "annee")),
    "utilise_annee": (("nom_utilise_phon", "phon"), ("annee", "annee")),
    "nom_prenom": (("nom_phon", "phon"), ("prenom1_phon", "prenom")),
    "utilise_prenom": (("nom_utilise_phon", "phon"), ("prenom1_phon", "prenom")),
    "nom": (("nom_phon", "phon"),),
    "utilise": (("nom_utilise_phon", "phon"),),
}

Shape = tuple[tuple[str, int], ...]  # (generator, cap) pairs


class RecordRow(NamedTuple):
    """Phase 2's row: a candidate's record (left-joined with its result, if any)."""

    id: int
    structure: str
    local_id: str
    nom_naissance: str
    prenoms_naissance: str
    date_naissance: str
    sexe: str
    lieu_naissance: str | None
    nom_utilise: str | None
    prenom_utilise: str | None
    matricule_ins: str | None
    actif: Any  # bool, or 0/1 from sqlite3
    attributs_saisis: str  # records.attributs (the attributes as typed)
    statut: str | None  # results.*: None when the record has no result yet
    attributs: str | None
    ins_utilisable: Any
    insi_active: str | None


#: Where each :class:`RecordRow` field comes from: (table, column), in field order.
RECORD_COLUMNS: tuple[tuple[str, str], ...] = (
    *(("records", name) for name in RecordRow._fields[:12]),
    ("records", "attributs"),
    *(("results", name) for name in RecordRow._fields[13:]),
)


def plan(query: LookupQuery) -> tuple[Shape, dict[str, object]]:
    """The generators a query uses with their caps, and their parameters."""
    names: list[tuple[str, int]] = []
    params: dict[str, object] = {}
    if query.matricule:
        names += [("matricule", CAP), ("matricule_insi", CAP)]
        params["matricule"] = query.matricule
    ddn = query.ddn
    if ddn is not None and not ddn.is_partial:
        names.append(("ddn", CAP))
        params["ddn"] = ddn.iso()
        swapped = ddn.swapped()
        if swapped is not None:
            names.append(("ddn_inverse", CAP))
            params["ddn_inverse"] = swapped.iso()
    if query.nom_phon:
        params["phon"] = query.nom_phon
        if ddn is not None:
            names += [("nom_annee", CAP), ("utilise_annee", CAP)]
            params["annee"] = ddn.year
        if query.prenom_phon:
            names += [("nom_prenom", CAP), ("utilise_prenom", CAP)]
            params["prenom"] = query.prenom_phon
        if ddn is None:
            # No date: the name alone, fewer rows when a first name narrows the search
            # already (these only catch a first name that is not the first one).
            broad = BROAD_CAP // 2 if query.prenom_phon else BROAD_CAP
            names += [("nom", broad), ("utilise", broad)]
    return tuple(names), params


def check_limit(limit: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidFormat(
            f"Limite {limit} invalide : un nombre de 1 à {MAX_LIMIT} est attendu.",
            code="LK_LIMITE",
        )


def missing_database(name: str) -> StoreError:
    """The error of a lookup on a SQLite file that does not exist (it must not create one)."""
    return StoreError(
        f"base de données introuvable : {name} (lancer d'abord « insvigil qualify », "
        "ou indiquer la base avec --db)"
    )


def _attributs(row: RecordRow) -> tuple[str, ...]:
    text = row.attributs if row.statut is not None else row.attributs_saisis
    return tuple(sorted(part for part in (text or "").split("|") if part))


def _traits(row: RecordRow) -> Traits:
    number = row.matricule_ins or row.insi_active
    return Traits(
        nom_naissance=row.nom_naissance,
        prenoms_naissance=row.prenoms_naissance,
        date_naissance=row.date_naissance,
        sexe=row.sexe,
        lieu_naissance=row.lieu_naissance,
        nom_utilise=row.nom_utilise,
        prenom_utilise=row.prenom_utilise,
        matricule=mask(number) if number else None,
    )


def candidate(
    row: RecordRow,
    like: Likeness,
    items: dict[tuple[str, str], list[tuple[int, str]]],
    homonyms: dict[int, list[int]],
    rows: dict[int, RecordRow],
) -> IdentityCandidate:
    """The candidate of one phase-2 row: ``items`` are the open queue items (id, kind) per
    (structure, local_id), ``homonyms`` the near-identical candidates' record ids per record id,
    ``rows`` every fetched row by record id (the homonyms' are named in the warnings)."""
    attributs = _attributs(row)
    return IdentityCandidate(
        structure=row.structure,
        local_id=row.local_id,
        score=like.score,
        statut=row.statut,
        attributs=attributs,
        ins_utilisable=bool(row.ins_utilisable),
        alertes=alertes(
            statut=row.statut,
            attributs=attributs,
            ins_utilisable=bool(row.ins_utilisable),
            actif=bool(row.actif),
            ouverts=items.get((row.structure, row.local_id), ()),
            homonymes=sorted(
                (rows[other].structure, rows[other].local_id)
                for other in homonyms.get(row.id, ())
                if other in rows
            ),
        ),
        raisons=like.raisons,
        traits=_traits(row),
        actif=bool(row.actif),
    )
