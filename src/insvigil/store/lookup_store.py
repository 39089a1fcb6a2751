"""The admission lookup in the store: keeping the index, finding and ranking candidates.

Writing: ``qualify`` calls :func:`save_lookup_keys` once per chunk, after
:meth:`~insvigil.store.Store.save_chunk`, with every record of the chunk (an upsert that leaves
unchanged rows alone). :func:`upsert_lookup_rows` does the same inside a caller's transaction
when the record ids are known.

Reading: :func:`search` asks ONE statement for the candidates' rows: the union of a few
*generators*, each an equality on the leading columns of one ``lookup_keys`` index and capped
at :data:`CAP` rows (so a common name cannot make a lookup read thousands of rows):

* ``matricule`` / ``matricule_insi`` = the typed matricule;
* ``ddn`` = the typed full date, and the date with day and month swapped (finds typing errors
  that change the name's sound);
* ``nom_phon`` (birth name) or ``nom_utilise_phon`` (used name) = the typed name's Phonex, with
  ``annee`` = the typed year (full, partial or year-only date);
* the same Phonex with ``prenom1_phon`` = the typed first name's Phonex (a wrong year, or no
  date at all);
* the Phonex alone, when no date was typed.

The rows are ranked in Python (:mod:`insvigil.lookup.rank`), then the open queue items of the
best ones are read. The order is total (score, status, structure, local_id), so SQLite and
PostgreSQL give the same answer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, select, union, union_all
from sqlalchemy.engine import Connection, Row, make_url
from sqlalchemy.exc import ArgumentError

from insvigil.errors import InvalidFormat, StoreError
from insvigil.identifiers.matricule import mask
from insvigil.lookup.alerts import alertes
from insvigil.lookup.keys import COLUMNS, IndexKeys
from insvigil.lookup.query import LookupQuery, parse_query
from insvigil.lookup.rank import MIN_SCORE, Likeness, likeness, near_identical
from insvigil.lookup.result import IdentityCandidate, IdentitySearch, Traits
from insvigil.store.api import Store, open_store
from insvigil.store.engine import DEFAULT_URL, db_errors, read_tx
from insvigil.store.lookup_index import (
    rebuild_lookup_keys,
    save_lookup_keys,
    upsert_lookup_rows,
)
from insvigil.store.schema import records, results
from insvigil.store.schema_lookup import lookup_keys
from insvigil.store.schema_review import queue_items

__all__ = [
    "BROAD_CAP",
    "CAP",
    "MAX_LIMIT",
    "rebuild_lookup_keys",
    "save_lookup_keys",
    "search",
    "search_detailed",
    "search_identities",
    "upsert_lookup_rows",
]

#: Most rows one generator may bring (a common name without a date hits it).
CAP = 200
#: Most rows a name alone may bring (no date typed); half when a first name is typed.
BROAD_CAP = 100
#: Most candidates one lookup may return.
MAX_LIMIT = 100
_STATUT_RANK = {"QUALIFIEE": 3, "VALIDEE": 2, "RECUPEREE": 1, "PROVISOIRE": 0}
_KEY_COLUMNS = ("record_id", *COLUMNS)


_LK = lookup_keys.c
_GENERATORS: dict[str, tuple[ColumnElement[bool], ...]] = {
    "matricule": (_LK.matricule == bindparam("matricule"),),
    "matricule_insi": (_LK.matricule_insi == bindparam("matricule"),),
    "ddn": (_LK.ddn == bindparam("ddn"),),
    "ddn_inverse": (_LK.ddn == bindparam("ddn_inverse"),),
    "nom_annee": (_LK.nom_phon == bindparam("phon"), _LK.annee == bindparam("annee")),
    "utilise_annee": (_LK.nom_utilise_phon == bindparam("phon"), _LK.annee == bindparam("annee")),
    "nom_prenom": (_LK.nom_phon == bindparam("phon"), _LK.prenom1_phon == bindparam("prenom")),
    "utilise_prenom": (
        _LK.nom_utilise_phon == bindparam("phon"),
        _LK.prenom1_phon == bindparam("prenom"),
    ),
    "nom": (_LK.nom_phon == bindparam("phon"),),
    "utilise": (_LK.nom_utilise_phon == bindparam("phon"),),
}
_RECORD_COLUMNS = (
    records.c.id,
    records.c.structure,
    records.c.local_id,
    records.c.nom_naissance,
    records.c.prenoms_naissance,
    records.c.date_naissance,
    records.c.sexe,
    records.c.lieu_naissance,
    records.c.nom_utilise,
    records.c.prenom_utilise,
    records.c.matricule_ins,
    records.c.actif,
    records.c.attributs.label("attributs_saisis"),
    results.c.statut,
    results.c.attributs,
    results.c.ins_utilisable,
    results.c.insi_active,
)
#: Phase 2: the records and results of the candidates worth showing.
_RECORDS = (
    select(*_RECORD_COLUMNS)
    .select_from(records.outerjoin(results, results.c.record_id == records.c.id))
    .where(records.c.id.in_(bindparam("ids", expanding=True)))
)
_STATEMENTS: dict[tuple[tuple[str, int], ...], Select[Any]] = {}

Shape = tuple[tuple[str, int], ...]  # (generator, cap) pairs


def _plan(query: LookupQuery) -> tuple[Shape, dict[str, object]]:
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


def _statement(shape: Shape) -> Select[Any]:
    """Phase 1 for one shape of query: the lookup keys of the union of its generators' record
    ids (each generator capped)."""
    stmt = _STATEMENTS.get(shape)
    if stmt is None:
        capped = [
            select(_LK.record_id)
            .where(*_GENERATORS[name])
            .order_by(_LK.record_id)
            .limit(cap)
            .subquery(name)
            for name, cap in shape
        ]
        ids = union(*(select(sub.c.record_id) for sub in capped))
        stmt = select(*(_LK[name] for name in _KEY_COLUMNS)).where(_LK.record_id.in_(ids))
        _STATEMENTS[shape] = stmt
    return stmt


def _candidate_keys(conn: Connection, query: LookupQuery) -> list[tuple[int, IndexKeys]]:
    shape, params = _plan(query)
    if not shape:
        return []
    return [(row[0], IndexKeys(*row[1:])) for row in conn.execute(_statement(shape), params)]


_QI = queue_items.c
#: The queue items of some records, by either record of a pair (both IN lists on the
#: ``(structure, local_id)`` indexes; the exact pairs and the state are checked in Python, so
#: the planner cannot prefer the ``etat`` indexes, whose ranges hold every open item).
_ITEMS = union_all(
    select(_QI.id, _QI.kind, _QI.etat, _QI.structure, _QI.local_id).where(
        _QI.structure.in_(bindparam("structures", expanding=True)),
        _QI.local_id.in_(bindparam("local_ids", expanding=True)),
    ),
    select(_QI.id, _QI.kind, _QI.etat, _QI.structure_b, _QI.local_id_b).where(
        _QI.structure_b.in_(bindparam("structures", expanding=True)),
        _QI.local_id_b.in_(bindparam("local_ids", expanding=True)),
    ),
)


def _open_items(
    conn: Connection, keys: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], list[tuple[int, str]]]:
    """(id, kind) of the open queue items that concern each (structure, local_id)."""
    wanted = set(keys)
    out: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    if not wanted:
        return out
    params = {
        "structures": sorted({s for s, _ in wanted}),
        "local_ids": sorted({local_id for _, local_id in wanted}),
    }
    for item_id, kind, etat, structure, local_id in conn.execute(_ITEMS, params):
        if etat == "OUVERT" and (structure, local_id) in wanted:
            out[(structure, local_id)].append((int(item_id), str(kind)))
    return out


def _attributs(row: Row[Any]) -> tuple[str, ...]:
    text = row.attributs if row.statut is not None else row.attributs_saisis
    return tuple(sorted(part for part in (text or "").split("|") if part))


def _traits(row: Row[Any]) -> Traits:
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


Scored = tuple[int, IndexKeys, Likeness]  # (record id, keys, likeness)


def _homonyms(kept: Sequence[Scored]) -> dict[int, list[int]]:
    """For each kept candidate, the other kept candidates near-identical to it (record ids)."""
    groups: dict[tuple[object, ...], list[tuple[int, IndexKeys]]] = defaultdict(list)
    for record_id, keys, _ in kept:
        groups[(keys.nom_phon, keys.ddn, keys.prenom1_phon)].append((record_id, keys))
    out: dict[int, list[int]] = {}
    for members in groups.values():
        for record_id, keys in members:
            others = [
                other_id
                for other_id, other_keys in members
                if other_id != record_id and near_identical(keys, other_keys)
            ]
            if others:
                out[record_id] = others
    return out


def _shown(kept: list[Scored], limit: int) -> list[Scored]:
    """The candidates that may be among the ``limit`` best once ties are broken: every one
    scoring at least the ``limit``-th best score."""
    if len(kept) <= limit:
        return kept
    floor = sorted((like.score for _, _, like in kept), reverse=True)[limit - 1]
    return [item for item in kept if item[2].score >= floor]


def search_detailed(store: Store, query: LookupQuery, limit: int = 10) -> IdentitySearch:
    """The ``limit`` best candidates for ``query`` with their warnings, and remarks.

    Order: score, then status (qualified first), structure, local_id.
    """
    with db_errors("recherche d'identité impossible"), read_tx(store.engine) as conn:
        candidates = _candidate_keys(conn, query)
        kept = [
            (record_id, keys, like)
            for record_id, keys in candidates
            if (like := likeness(query, keys)).score >= MIN_SCORE
        ]
        homonyms = _homonyms(kept)
        shown = _shown(kept, limit)
        wanted = sorted(
            {record_id for record_id, _, _ in shown}
            | {other for record_id, _, _ in shown for other in homonyms.get(record_id, ())}
        )
        rows: dict[int, Row[Any]] = {}
        if wanted:
            fetched: list[Row[Any]] = list(conn.execute(_RECORDS, {"ids": wanted}))
            rows = {row.id: row for row in fetched}
        ranked = sorted(
            ((rows[record_id], like) for record_id, _, like in shown if record_id in rows),
            key=_order,
        )[:limit]
        items = _open_items(conn, ((row.structure, row.local_id) for row, _ in ranked))
        empty = not candidates and conn.execute(select(_LK.record_id).limit(1)).first() is None
    found = tuple(
        IdentityCandidate(
            structure=row.structure,
            local_id=row.local_id,
            score=like.score,
            statut=row.statut,
            attributs=_attributs(row),
            ins_utilisable=bool(row.ins_utilisable),
            alertes=alertes(
                statut=row.statut,
                attributs=_attributs(row),
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
        for row, like in ranked
    )
    best = found[0].score if found else None
    return IdentitySearch(found, _remarks(query, len(candidates), len(kept), limit, empty, best))


def _order(item: tuple[Row[Any], Likeness]) -> tuple[float, int, str, str]:
    row, like = item
    return (-like.score, -_STATUT_RANK.get(row.statut or "", -1), row.structure, row.local_id)


#: Below this best score, the remarks say that no candidate is a close match.
CLOSE = 0.85


def _remarks(
    query: LookupQuery, fetched: int, kept: int, limit: int, empty: bool, best: float | None
) -> tuple[str, ...]:
    out: list[str] = []
    if empty:
        out.append(
            "L'index de recherche est vide : lancer « insvigil qualify » pour le construire."
        )
    elif kept == 0:
        out.append(
            "Aucun dossier ne ressemble à cette saisie : vérifier le nom de naissance, "
            "l'orthographe et la date avant de créer une nouvelle identité."
        )
    if query.ddn is None and fetched >= (BROAD_CAP // 2 if query.prenoms else BROAD_CAP):
        out.append(
            "Nom très répandu : la recherche a été bornée ; préciser le prénom et la date de "
            "naissance."
        )
    if best is not None and best < CLOSE:
        out.append(
            "Aucun dossier très ressemblant : chaque candidat diffère sur au moins un trait ; "
            "vérifier avec la personne et une pièce d'identité avant de choisir ou de créer."
        )
    if kept > limit:
        out.append(
            f"{kept} dossiers ressemblent à cette saisie ; les {limit} plus proches sont affichés."
        )
    return tuple(out)


def search(store: Store, query: LookupQuery, limit: int = 10) -> list[IdentityCandidate]:
    """The ``limit`` best candidates for ``query``, best first (see :func:`search_detailed`)."""
    return list(search_detailed(store, query, limit).candidats)


def search_identities(
    nom: str | None = None,
    prenom: str | None = None,
    ddn: str | None = None,
    sexe: str | None = None,
    ins: str | None = None,
    *,
    db: str | None = None,
    limit: int = 10,
    today: date | None = None,
) -> IdentitySearch:
    """The admission lookup in one call: read the typed query, open the store at ``db``
    (default ``insvigil.db``), return the ``limit`` (1-100) best candidates and remarks.

    Raises :class:`~insvigil.errors.InvalidValue` for a bad query (``code``: the field, see
    :data:`insvigil.lookup.query.FIELD_CODES`) and :class:`~insvigil.errors.StoreError`.
    """
    query = parse_query(nom, prenom, ddn, sexe, ins, today=today)
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidFormat(
            f"Limite {limit} invalide : un nombre de 1 à {MAX_LIMIT} est attendu.",
            code="LK_LIMITE",
        )
    _must_exist(db)
    with open_store(db) as store:
        return search_detailed(store, query, limit)


def _must_exist(url: str | None) -> None:
    """A lookup reads: it must not create an empty SQLite file where none was."""
    try:
        parsed = make_url(url or DEFAULT_URL)
    except (ArgumentError, ValueError):
        return  # open_store says what is wrong with the URL
    name = parsed.database
    in_file = parsed.get_backend_name() == "sqlite" and name and name != ":memory:"
    if in_file and not Path(str(name)).exists():
        raise StoreError(
            f"base de données introuvable : {name} (lancer d'abord « insvigil qualify », "
            "ou indiquer la base avec --db)"
        )
