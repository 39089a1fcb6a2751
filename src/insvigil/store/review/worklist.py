"""``insvigil worklist`` from the store: each active record's result and its queue items."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import and_, or_, select

from insvigil.accounts.scope import Scope
from insvigil.review.types import Etat, QueueItem
from insvigil.review.worklist import NextAction, next_action
from insvigil.store.db.engine import db_errors, read_tx
from insvigil.store.db.queue_rows import Target, engine_of, item_from_row
from insvigil.store.records.reading import iter_results
from insvigil.store.review.scoping import items_condition, structures_of
from insvigil.store.schema.review import queue_items

__all__ = ["items_by_record", "iter_worklist"]


def items_by_record(
    target: Target, structure: str | None = None, scope: Scope | None = None
) -> dict[tuple[str, str], list[QueueItem]]:
    """The open queue items, and the decided ones of a single record, under each of their
    records' (structure, local_id)."""
    engine = engine_of(target)
    c = queue_items.c
    decided = and_(c.etat == Etat.RESOLU.value, c.structure_b.is_(None))
    stmt = select(queue_items).where(or_(c.etat == Etat.OUVERT.value, decided)).order_by(c.id)
    if structure is not None:
        stmt = stmt.where(or_(c.structure == structure, c.structure_b == structure))
    if (visible := items_condition(scope)) is not None:
        stmt = stmt.where(visible)
    out: dict[tuple[str, str], list[QueueItem]] = {}
    with db_errors("lecture de la file de revue impossible"), read_tx(engine) as conn:
        for row in conn.execute(stmt).mappings():
            item = item_from_row(dict(row))
            for key in item.records:
                out.setdefault(key, []).append(item)
    return out


def iter_worklist(
    target: Target,
    structure: str | None = None,
    *,
    actifs_seulement: bool = True,
    scope: Scope | None = None,
) -> Iterator[NextAction]:
    """The next action of every record with a result (the active ones by default), by
    (structure, local_id); only the records (and queue items) ``scope`` sees."""
    engine = engine_of(target)
    items = items_by_record(engine, structure, scope)
    for result in iter_results(engine, structure, structures_of(scope)):
        if actifs_seulement and not result.actif:
            continue
        yield next_action(result, items.get((result.structure, result.local_id), ()))
