"""The referents' review queue: list and show; re-exported, resolve and reopen
(:mod:`insvigil.store.review.decide`) and the run's side (:mod:`insvigil.store.review.sync`).
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, case, func, or_, select
from sqlalchemy.engine import Connection

from insvigil.accounts.scope import Scope
from insvigil.errors import InvalidValue
from insvigil.review.types import (
    ItemDetail,
    QueueFilter,
    QueueItem,
    QueuePage,
    RecordView,
    Tri,
)
from insvigil.store.audit import chain as audit
from insvigil.store.db import insi_payloads
from insvigil.store.db.codec import findings_from_json
from insvigil.store.db.engine import db_errors, read_tx
from insvigil.store.db.queue_rows import (
    Target,
    engine_of,
    item_from_row,
    now_utc,
)
from insvigil.store.records.insi_write import with_payload
from insvigil.store.review.decide import load_row, reopen_item, resolve_item
from insvigil.store.review.decisions import accepted_discordances, distinct_pairs
from insvigil.store.review.open_counts import open_counts
from insvigil.store.review.order import neighbours as risk_neighbours
from insvigil.store.review.order import risk_page
from insvigil.store.review.scoping import items_condition
from insvigil.store.review.sync import prepare as prepare_queue
from insvigil.store.review.sync import sync_queue
from insvigil.store.schema.core import insi_responses, records, results
from insvigil.store.schema.review import queue_items

__all__ = [
    "accepted_discordances",
    "distinct_pairs",
    "get_item",
    "item_detail",
    "list_items",
    "neighbours",
    "open_counts",
    "prepare_queue",
    "reopen_item",
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


def list_items(
    target: Target, flt: QueueFilter, now: datetime | None = None, scope: Scope | None = None
) -> QueuePage:
    """One page of the items matching ``flt`` that ``scope`` sees, and how many match in all
    (InvalidValue when the page is beyond the last one)."""
    engine = engine_of(target)
    if flt.limite < 1 or flt.page < 1:
        raise InvalidValue("la limite et la page doivent être des entiers ≥ 1")
    where = _conditions(flt, (now or now_utc()).astimezone(UTC).replace(microsecond=0))
    if (visible := items_condition(scope)) is not None:
        where.append(visible)
    stmt = (
        select(queue_items)
        .where(*where)
        .order_by(*_order(flt.tri))
        .limit(flt.limite)
        .offset((flt.page - 1) * flt.limite)
    )
    count = select(func.count()).select_from(queue_items).where(*where)
    with db_errors("lecture de la file de revue impossible"), read_tx(engine) as conn:
        if flt.tri is Tri.GRAVITE:  # group by group, along the index (queue_order)
            rows, total = risk_page(conn, where, flt.limite, flt.page)
        else:
            rows = list(conn.execute(stmt).mappings().all())
            total = int(conn.execute(count).scalar_one())
    pages = max(1, -(-total // flt.limite))
    if flt.page > pages:  # an empty selection still has its (empty) page 1
        raise InvalidValue(
            f"page {flt.page} hors limites : la sélection compte {pages} page(s) "
            f"({total} élément(s), {flt.limite} par page)"
        )
    return QueuePage([item_from_row(dict(r)) for r in rows], total, flt.page, flt.limite)


def neighbours(
    target: Target,
    flt: QueueFilter,
    item_id: int,
    now: datetime | None = None,
    scope: Scope | None = None,
) -> tuple[int | None, int | None]:
    """The ids before and after ``item_id`` among the items matching ``flt`` that ``scope``
    sees, in risk order (``Tri.GRAVITE``): the workspace's "previous" and "next" links.
    ItemNotFound if ``scope`` may not see the item."""
    engine = engine_of(target)
    where = _conditions(flt, (now or now_utc()).astimezone(UTC).replace(microsecond=0))
    if (visible := items_condition(scope)) is not None:
        where.append(visible)
    with db_errors("lecture de la file de revue impossible"), read_tx(engine) as conn:
        return risk_neighbours(conn, where, load_row(conn, item_id, scope))


def get_item(target: Target, item_id: int, scope: Scope | None = None) -> QueueItem:
    """One item (ItemNotFound if there is none with that id that ``scope`` sees)."""
    engine = engine_of(target)
    with db_errors("lecture de la file de revue impossible"), read_tx(engine) as conn:
        return item_from_row(load_row(conn, item_id, scope))


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
        with_payload(select())
        .where(insi_responses.c.record_id == row["id"], insi_responses.c.cr == "00")
        .order_by(insi_responses.c.date.desc(), insi_responses.c.id.desc())
        .limit(1)
    ).scalar()
    insi = None
    if latest is not None:
        payload = insi_payloads.decode(latest)
        traits = payload.get("traits") or {}
        actif = payload.get("actif") or {}
        insi = {name: traits.get(name) for name in _TRAITS if name in traits}
        insi["matricule_ins"] = actif.get("matricule")
        insi["oid_ins"] = actif.get("oid")
    constats: list[dict[str, str | None]] = [
        f.as_dict() for f in findings_from_json(row["findings"])
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


def item_detail(target: Target, item_id: int, scope: Scope | None = None) -> ItemDetail:
    """The item, its records side by side (values in clear) and its audit history
    (ItemNotFound if there is none with that id that ``scope`` sees)."""
    engine = engine_of(target)
    with db_errors("lecture de la file de revue impossible"), read_tx(engine) as conn:
        item = item_from_row(load_row(conn, item_id, scope))
        views = [_record_view(conn, s, loc) for s, loc in item.records]
    return ItemDetail(item, views, list(audit.iter_entries(engine, item_id)))
