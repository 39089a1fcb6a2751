"""The admission lookup's ranking, shared by its two readers: candidates, warnings, remarks.

:func:`run_search` asks a :class:`Reader` (:mod:`insvigil.store.lookup.driver_sqlalchemy` or
:mod:`insvigil.store.lookup.driver_sqlite`) for rows and does everything else: the likeness of each
candidate (:mod:`insvigil.lookup.rank`), the homonyms among them, the order, the warnings and the
remarks. Both readers therefore give the same answer by construction.

This module must not import SQLAlchemy (nor anything that does): ``insvigil lookup`` imports it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from insvigil.lookup.keys import IndexKeys
from insvigil.lookup.query import LookupQuery
from insvigil.lookup.rank import MIN_SCORE, Likeness, likeness, near_identical
from insvigil.lookup.result import IdentitySearch
from insvigil.store.lookup.rows import (
    BROAD_CAP,
    CLOSE,
    RecordRow,
    Shape,
    candidate,
    plan,
)

__all__ = ["Reader", "run_search"]

_STATUT_RANK = {"QUALIFIEE": 3, "VALIDEE": 2, "RECUPEREE": 1, "PROVISOIRE": 0}


class Reader(Protocol):
    """What :func:`run_search` asks the database, inside one read transaction."""

    def keys(self, shape: Shape, params: dict[str, object]) -> Iterable[Sequence[Any]]:
        """Phase 1: rows in :data:`~insvigil.store.lookup.rows.KEY_COLUMNS` order (a shape
        that is not empty)."""
        ...

    def records(self, ids: list[int]) -> Iterable[Sequence[Any]]:
        """Phase 2: rows in :class:`~insvigil.store.lookup.rows.RecordRow` order for these
        record ids (not empty)."""
        ...

    def items(self, structures: list[str], local_ids: list[str]) -> Iterable[Sequence[Any]]:
        """(id, kind, etat, structure, local_id) of the queue items whose first or second
        record has its structure in ``structures`` and its local id in ``local_ids``."""
        ...

    def empty(self) -> bool:
        """Whether ``lookup_keys`` has no row at all."""
        ...


Scored = tuple[int, IndexKeys, Likeness]  # (record id, keys, likeness)


def run_search(reader: Reader, query: LookupQuery, limit: int) -> IdentitySearch:
    """The ``limit`` best candidates for ``query`` with their warnings, and remarks.

    Order: score, then status (qualified first), structure, local_id (a total order, so every
    backend gives the same answer). ``reader`` must read inside one transaction.
    """
    shape, params = plan(query)
    candidates = (
        [(row[0], IndexKeys(*row[1:])) for row in reader.keys(shape, params)] if shape else []
    )
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
    rows: dict[int, RecordRow] = {}
    if wanted:
        rows = {row.id: row for row in map(RecordRow._make, reader.records(wanted))}
    ranked = sorted(
        ((rows[record_id], like) for record_id, _, like in shown if record_id in rows),
        key=_order,
    )[:limit]
    items = _open_items(reader, ((row.structure, row.local_id) for row, _ in ranked))
    empty = not candidates and reader.empty()
    found = tuple(candidate(row, like, items, homonyms, rows) for row, like in ranked)
    best = found[0].score if found else None
    return IdentitySearch(found, _remarks(query, len(candidates), len(kept), limit, empty, best))


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


def _order(item: tuple[RecordRow, Likeness]) -> tuple[float, int, str, str]:
    row, like = item
    return (-like.score, -_STATUT_RANK.get(row.statut or "", -1), row.structure, row.local_id)


def _open_items(
    reader: Reader, keys: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], list[tuple[int, str]]]:
    """(id, kind) of the open queue items that concern each (structure, local_id).

    Both IN lists use the ``(structure, local_id)`` indexes; the exact pairs and the state are
    checked here, so the planner cannot prefer the ``etat`` indexes, whose ranges hold every
    open item."""
    wanted = set(keys)
    out: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    if not wanted:
        return out
    structures = sorted({s for s, _ in wanted})
    local_ids = sorted({local_id for _, local_id in wanted})
    for item_id, kind, etat, structure, local_id in reader.items(structures, local_ids):
        if etat == "OUVERT" and (structure, local_id) in wanted:
            out[(structure, local_id)].append((int(item_id), str(kind)))
    return out


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
