"""Reading back: results, discordances, counts for the indicators, one record's history."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, select
from sqlalchemy.engine import Engine

from insvigil.findings import Gravite
from insvigil.model import Attribut, EcartStatut, Resident, Statut
from insvigil.model.results import discordances_of
from insvigil.store.db.codec import (
    findings_from_json,
    resident_from_row,
    result_fields,
)
from insvigil.store.db.engine import db_errors, read_tx
from insvigil.store.db.types import RecordChange, StoredDiscordance, StoredInsi, StoredResult
from insvigil.store.records.insi_write import responses_of
from insvigil.store.schema.core import record_changes, records, results

__all__ = [
    "COUNT_KEYS",
    "count_records",
    "counts_by_structure",
    "get_resident",
    "insi_responses_of",
    "iter_discordances",
    "iter_results",
    "record_history",
]

_STREAM = 5_000

#: The keys of each structure's dict in :func:`counts_by_structure`, in display order.
COUNT_KEYS: tuple[str, ...] = (
    "fiches",  # records counted (the active ones only, with ``active_only``)
    "actifs",
    "provisoires",
    "recuperees",
    "validees",
    "qualifiees",
    "sans_resultat",
    "douteuses",
    "fictives",
    "ins_utilisables",
    "surestimes",
    "discordances_bloquantes",  # current BLOQUANTE discordance rows of the counted records
)


def _n(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _has(attribut: Attribut) -> ColumnElement[bool]:
    return func.coalesce(results.c.attributs, "").like(f"%{attribut.value}%")


def count_records(engine: Engine) -> int:
    with db_errors("lecture des fiches impossible"), read_tx(engine) as conn:
        return int(conn.execute(select(func.count()).select_from(records)).scalar_one())


def counts_by_structure(
    engine: Engine, *, active_only: bool = True, run_id: int | None = None
) -> dict[str, dict[str, int]]:
    """Per structure, the counts of :data:`COUNT_KEYS` over the records' current results.

    ``active_only`` keeps the records with ``actif``; ``run_id`` keeps the records that run saw
    (``last_run``), leaving out those that have left the structure's export since.
    """
    statut = results.c.statut
    stmt: Select[Any] = (
        select(
            records.c.structure,
            func.count(records.c.id).label("fiches"),
            _n(records.c.actif.is_(True)).label("actifs"),
            _n(statut == Statut.PROVISOIRE.value).label("provisoires"),
            _n(statut == Statut.RECUPEREE.value).label("recuperees"),
            _n(statut == Statut.VALIDEE.value).label("validees"),
            _n(statut == Statut.QUALIFIEE.value).label("qualifiees"),
            _n(statut.is_(None)).label("sans_resultat"),
            _n(_has(Attribut.DOUTEUSE)).label("douteuses"),
            _n(_has(Attribut.FICTIVE)).label("fictives"),
            _n(results.c.ins_utilisable.is_(True)).label("ins_utilisables"),
            _n(results.c.ecart_statut == EcartStatut.SURESTIME.value).label("surestimes"),
        )
        .select_from(records.outerjoin(results, results.c.record_id == records.c.id))
        .group_by(records.c.structure)
    )
    # The BLOQUANTE discordances are read from the findings (no table of their own since
    # revision 0009), decoded by the codec whatever their encoding.
    disc: Select[Any] = select(records.c.structure, results.c.findings).join(
        results, results.c.record_id == records.c.id
    )
    if active_only:
        stmt = stmt.where(records.c.actif.is_(True))
        disc = disc.where(records.c.actif.is_(True))
    if run_id is not None:
        stmt = stmt.where(records.c.last_run == run_id)
        disc = disc.where(records.c.last_run == run_id)
    out: dict[str, dict[str, int]] = {}
    with db_errors("lecture des indicateurs impossible"), read_tx(engine) as conn:
        for row in conn.execute(stmt).mappings():
            out[row["structure"]] = {
                key: int(row[key]) if key != "discordances_bloquantes" else 0 for key in COUNT_KEYS
            }
        for structure, findings in conn.execute(disc):
            found = discordances_of(findings_from_json(findings))
            n = sum(1 for d in found if d.gravite is Gravite.BLOQUANTE)
            out[structure]["discordances_bloquantes"] += n
    return dict(sorted(out.items()))


def iter_results(
    engine: Engine, structure: str | None = None, among: Sequence[str] | None = None
) -> Iterator[StoredResult]:
    """Every record that has a result, by (structure, local_id), streamed (``among``: only
    records of these structures)."""
    stmt = (
        select(
            records.c.structure,
            records.c.local_id,
            records.c.actif,
            records.c.statut.label("statut_declare"),  # stored once, with the record (0009)
            results,
        )
        .join(results, results.c.record_id == records.c.id)
        .order_by(records.c.structure, records.c.local_id)
        .execution_options(yield_per=_STREAM)
    )
    if structure is not None:
        stmt = stmt.where(records.c.structure == structure)
    if among is not None:
        stmt = stmt.where(records.c.structure.in_(list(among)))
    with db_errors("lecture des résultats impossible"), read_tx(engine) as conn:
        for row in conn.execute(stmt).mappings():
            yield StoredResult(
                record_id=row["record_id"],
                structure=row["structure"],
                local_id=row["local_id"],
                actif=bool(row["actif"]),
                run_id=row["run_id"],
                **result_fields(row),
            )


def iter_discordances(engine: Engine, structure: str | None = None) -> Iterator[StoredDiscordance]:
    """Every current discordance, by (structure, local_id, rang), streamed: the findings of
    each result that carry an INSi value (revision 0009)."""
    stmt = (
        select(records.c.structure, records.c.local_id, results.c.record_id, results.c.findings)
        .join(results, results.c.record_id == records.c.id)
        .order_by(records.c.structure, records.c.local_id)
        .execution_options(yield_per=_STREAM)
    )
    if structure is not None:
        stmt = stmt.where(records.c.structure == structure)
    with db_errors("lecture des discordances impossible"), read_tx(engine) as conn:
        for row in conn.execute(stmt).mappings():
            for rang, discordance in enumerate(
                discordances_of(findings_from_json(row["findings"]))
            ):
                yield StoredDiscordance(
                    record_id=row["record_id"],
                    structure=row["structure"],
                    local_id=row["local_id"],
                    rang=rang,
                    discordance=discordance,
                )


def _record_id(engine: Engine, structure: str, local_id: str) -> int | None:
    with read_tx(engine) as conn:
        found = conn.execute(
            select(records.c.id).where(
                records.c.structure == structure, records.c.local_id == local_id
            )
        ).scalar()
    return None if found is None else int(found)


def get_resident(engine: Engine, structure: str, local_id: str) -> Resident | None:
    """The stored fields of one record (``ligne`` is 0: it is not stored)."""
    with db_errors("lecture d'une fiche impossible"), read_tx(engine) as conn:
        row = (
            conn.execute(
                select(records).where(
                    records.c.structure == structure, records.c.local_id == local_id
                )
            )
            .mappings()
            .first()
        )
    return None if row is None else resident_from_row(row)


def record_history(engine: Engine, structure: str, local_id: str) -> list[RecordChange]:
    """The changes of one record's fields, oldest first."""
    with db_errors("lecture de l'historique impossible"):
        record_id = _record_id(engine, structure, local_id)
        if record_id is None:
            return []
        with read_tx(engine) as conn:
            rows = (
                conn.execute(
                    select(record_changes)
                    .where(record_changes.c.record_id == record_id)
                    .order_by(record_changes.c.id)
                )
                .mappings()
                .all()
            )
    return [
        RecordChange(
            record_id=row["record_id"],
            run_id=row["run_id"],
            changed_at=row["changed_at"],
            avant=json.loads(row["avant"]),
            apres=json.loads(row["apres"]),
        )
        for row in rows
    ]


def insi_responses_of(engine: Engine, structure: str, local_id: str) -> list[StoredInsi]:
    """The INSi responses stored for one record, in the order they were first saved."""
    with db_errors("lecture des réponses INSi impossible"):
        record_id = _record_id(engine, structure, local_id)
        if record_id is None:
            return []
        with read_tx(engine) as conn:
            return responses_of(conn, record_id)
