"""The referents' review queue: list, show, resolve (and, re-exported, the run's side).

Resolving uses optimistic locking: the item's ``version`` read before the decision must still
be the stored one when the decision is written (``UPDATE … WHERE id = ? AND version = ?``), in
the same transaction as the audit entry. Of two referents resolving one item at once exactly one
decision is recorded; the other gets :class:`~insvigil.review.errors.DecisionConflict` saying who
resolved it and when. (SQLite serialises writing transactions; on PostgreSQL the second UPDATE
waits for the first's row lock, then finds the version changed.)
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select, update
from sqlalchemy.engine import Connection

from insvigil.errors import InvalidValue
from insvigil.review.decisions import get_decision
from insvigil.review.errors import DecisionConflict, ItemNotFound
from insvigil.review.text import clean_text
from insvigil.review.types import (
    Etat,
    ItemDetail,
    QueueFilter,
    QueueItem,
    QueuePage,
    RecordView,
    Tri,
)
from insvigil.store import audit
from insvigil.store.engine import db_errors, read_tx, write_tx
from insvigil.store.open_counts import open_counts
from insvigil.store.queue_decisions import accepted_discordances, distinct_pairs
from insvigil.store.queue_rows import (
    Target,
    engine_of,
    item_from_row,
    now_utc,
    record_labels,
    state_of,
)
from insvigil.store.queue_sync import prepare as prepare_queue
from insvigil.store.queue_sync import sync_queue
from insvigil.store.schema import insi_responses, records, results
from insvigil.store.schema_review import queue_items

__all__ = [
    "accepted_discordances",
    "distinct_pairs",
    "get_item",
    "item_detail",
    "list_items",
    "open_counts",
    "prepare_queue",
    "resolve_item",
    "sync_queue",
]

_TRAITS = (
    "nom_naissance",
    "prenoms_naissance",
    "premier_prenom",
    "date_naissance",
    "sexe",
    "lieu_naissance",
    "nom_utilise",
    "prenom_utilise",
    "matricule_ins",
    "oid_ins",
    "justificatif",
    "justificatif_complement",
)
_GRAVITE_RANK = case(
    (queue_items.c.gravite == "BLOQUANTE", 0), (queue_items.c.gravite == "MINEURE", 1), else_=2
)


def _when(value: datetime | None) -> str:
    if value is None:
        return "à une date inconnue"
    utc = value.astimezone(UTC)
    return f"le {utc:%d/%m/%Y} à {utc:%H:%M} UTC"


def _conditions(flt: QueueFilter, now: datetime) -> list[ColumnElement[bool]]:
    c = queue_items.c
    where: list[ColumnElement[bool]] = []
    if flt.etat is not None:
        where.append(c.etat == flt.etat.value)
    if flt.structure is not None:
        where.append(or_(c.structure == flt.structure, c.structure_b == flt.structure))
    if flt.local_id is not None:
        where.append(or_(c.local_id == flt.local_id, c.local_id_b == flt.local_id))
    if flt.kind is not None:
        where.append(c.kind == flt.kind.value)
    if flt.gravite is not None:
        where.append(c.gravite == flt.gravite)
    if flt.depuis is not None:
        where.append(c.created_at >= datetime.combine(flt.depuis, time(0), UTC))
    if flt.age_min is not None:
        where.append(c.created_at <= now - timedelta(days=flt.age_min))
    return where


def _order(tri: Tri) -> list[Any]:
    c = queue_items.c
    orders: dict[Tri, list[Any]] = {
        Tri.AGE: [c.created_at, c.id],
        Tri.RECENT: [c.created_at.desc(), c.id.desc()],
        Tri.GRAVITE: [_GRAVITE_RANK, c.created_at, c.id],
        Tri.STRUCTURE: [c.structure, c.local_id, c.id],
        Tri.ID: [c.id],
    }
    return orders[tri]


def list_items(target: Target, flt: QueueFilter, now: datetime | None = None) -> QueuePage:
    """One page of the items matching ``flt``, and how many match in all."""
    engine = engine_of(target)
    if flt.limite < 1 or flt.page < 1:
        raise InvalidValue("la limite et la page doivent être des entiers ≥ 1")
    where = _conditions(flt, (now or now_utc()).astimezone(UTC).replace(microsecond=0))
    stmt = (
        select(queue_items)
        .where(*where)
        .order_by(*_order(flt.tri))
        .limit(flt.limite)
        .offset((flt.page - 1) * flt.limite)
    )
    count = select(func.count()).select_from(queue_items).where(*where)
    with db_errors("lecture de la file de revue impossible"), read_tx(engine) as conn:
        rows = conn.execute(stmt).mappings().all()
        total = int(conn.execute(count).scalar_one())
    return QueuePage([item_from_row(dict(r)) for r in rows], total, flt.page, flt.limite)


def _row(conn: Connection, item_id: int) -> Any:
    row = conn.execute(select(queue_items).where(queue_items.c.id == item_id)).mappings().first()
    if row is None:
        raise ItemNotFound(f"élément n° {item_id} introuvable dans la file de revue")
    return row


def get_item(target: Target, item_id: int) -> QueueItem:
    """One item (ItemNotFound if there is none with that id)."""
    engine = engine_of(target)
    with db_errors("lecture de la file de revue impossible"), read_tx(engine) as conn:
        return item_from_row(_row(conn, item_id))


def _record_view(conn: Connection, structure: str, local_id: str) -> RecordView:
    row = (
        conn.execute(
            select(
                records,
                results.c.statut.label("r_statut"),
                results.c.attributs.label("r_attributs"),
                results.c.ins_utilisable,
                results.c.findings,
            )
            .select_from(records.outerjoin(results, results.c.record_id == records.c.id))
            .where(records.c.structure == structure, records.c.local_id == local_id)
        )
        .mappings()
        .first()
    )
    if row is None:
        return RecordView(structure, local_id, present=False)
    latest = conn.execute(
        select(insi_responses.c.payload)
        .where(insi_responses.c.record_id == row["id"], insi_responses.c.cr == "00")
        .order_by(insi_responses.c.date.desc(), insi_responses.c.id.desc())
        .limit(1)
    ).scalar()
    insi = None
    if latest is not None:
        payload = json.loads(latest)
        traits = payload.get("traits") or {}
        actif = payload.get("actif") or {}
        insi = {name: traits.get(name) for name in _TRAITS if name in traits}
        insi["matricule_ins"] = actif.get("matricule")
        insi["oid_ins"] = actif.get("oid")
    constats = [
        {k: f.get(k) for k in ("code", "gravite", "message", "trait")}
        for f in json.loads(row["findings"] or "[]")
    ]
    return RecordView(
        structure=structure,
        local_id=local_id,
        present=True,
        traits={name: row[name] for name in _TRAITS},
        actif=bool(row["actif"]),
        statut=row["r_statut"],
        attributs=tuple(a for a in (row["r_attributs"] or row["attributs"] or "").split("|") if a),
        ins_utilisable=None if row["ins_utilisable"] is None else bool(row["ins_utilisable"]),
        constats=constats,
        insi=insi,
    )


def item_detail(target: Target, item_id: int) -> ItemDetail:
    """The item, its records side by side (values in clear) and its audit history."""
    engine = engine_of(target)
    with db_errors("lecture de la file de revue impossible"), read_tx(engine) as conn:
        item = item_from_row(_row(conn, item_id))
        views = [_record_view(conn, s, loc) for s, loc in item.records]
    return ItemDetail(item, views, list(audit.iter_entries(engine, item_id)))


def _conflict(row: Any) -> DecisionConflict:
    item_id = row["id"]
    if row["etat"] == Etat.RESOLU.value:
        return DecisionConflict(
            f"élément n° {item_id} déjà résolu par {row['decided_by']} "
            f"{_when(row['decided_at'])} (décision {row['decision']}) : "
            "votre décision n'a pas été enregistrée"
        )
    if row["etat"] == Etat.CADUC.value:
        return DecisionConflict(
            f"élément n° {item_id} caduc depuis {_when(row['closed_at'])[3:]} : le problème "
            f"n'a plus été trouvé au traitement n° {row['seen_run']} ; rien à décider"
        )
    return DecisionConflict(
        f"élément n° {item_id} modifié depuis votre lecture (version {row['version']}) : "
        "relire l'élément (insvigil queue show) avant de décider"
    )


def resolve_item(
    target: Target,
    item_id: int,
    *,
    decision: str,
    by: str,
    comment: str | None = None,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> QueueItem:
    """Record a referent's decision on an open item, with its audit entry, in one transaction.

    Raises ItemNotFound, InvalidDecision (the message lists the possible decisions), InvalidValue
    (no name), DecisionConflict (already resolved — by whom and when —, caduc, or changed since
    ``expected_version`` was read).
    """
    engine = engine_of(target)
    actor = clean_text(by, 200)
    if actor is None:
        raise InvalidValue("nom du référent absent (option --by)")
    note = clean_text(comment)
    when = (now or now_utc()).astimezone(UTC).replace(microsecond=0)
    with db_errors("enregistrement de la décision impossible"), write_tx(engine) as conn:
        row = _row(conn, item_id)
        item = item_from_row(row)
        chosen = get_decision(item.kind, decision)
        if item.etat is not Etat.OUVERT:
            raise _conflict(row)
        if expected_version is not None and expected_version != item.version:
            raise _conflict(row)
        values = {
            "etat": Etat.RESOLU.value,
            "version": item.version + 1,
            "decision": chosen.code,
            "decided_by": actor,
            "decided_at": when,
            "commentaire": note,
            "closed_at": when,
            "decision_hash_a": item.hash_a,
            "decision_hash_b": item.hash_b,
        }
        done = conn.execute(
            update(queue_items)
            .where(
                and_(
                    queue_items.c.id == item_id,
                    queue_items.c.version == item.version,
                    queue_items.c.etat == Etat.OUVERT.value,
                )
            )
            .values(**values)
        ).rowcount
        if done != 1:  # another transaction got there first (PostgreSQL: after its commit)
            raise _conflict(_row(conn, item_id))
        after = {**dict(row), **values}
        audit.append(
            conn,
            actor=actor,
            action="DECISION",
            item_id=item_id,
            records=record_labels(row),
            decision=chosen.code,
            commentaire=note,
            avant=state_of(row),
            apres=state_of(after),
            at=when,
        )
        return item_from_row(after)
