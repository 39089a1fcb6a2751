"""What the next run needs from the queue: the referents' decisions.

Call these before :func:`insvigil.store.review.sync.sync_queue` (the open counts, after it, are
:func:`insvigil.store.review.open_counts.open_counts`).
"""

from __future__ import annotations

from sqlalchemy import select

from insvigil.review.decisions import DECISIONS, unblocking_kinds
from insvigil.review.types import Etat, Kind
from insvigil.store.db.engine import db_errors, read_tx
from insvigil.store.db.queue_rows import Target, engine_of
from insvigil.store.schema.review import queue_items

__all__ = ["accepted_discordances", "distinct_pairs"]


def accepted_discordances(target: Target) -> dict[tuple[str, str], set[tuple[str, str, str, str]]]:
    """Per record, the (code, trait, local value, INSi value) a referent accepted: the next
    run's ``Engine.evaluate(..., accepted=...)`` no longer lets them block."""
    engine = engine_of(target)
    codes = [d.code for kind in DECISIONS for d in DECISIONS[kind] if d.debloque]
    c = queue_items.c
    stmt = select(c.structure, c.local_id, c.code, c.trait, c.valeur_locale, c.valeur_insi).where(
        c.etat == Etat.RESOLU.value,
        c.decision.in_(codes),
        c.kind.in_(sorted(kind.value for kind in unblocking_kinds())),
        c.structure_b.is_(None),
    )
    out: dict[tuple[str, str], set[tuple[str, str, str, str]]] = {}
    with db_errors("lecture des décisions impossible"), read_tx(engine) as conn:
        for s, loc, code, trait, locale, insi in conn.execute(stmt):
            out.setdefault((s, loc), set()).add((code, trait or "", locale or "", insi or ""))
    return out


def distinct_pairs(target: Target) -> set[tuple[str, str, str, str, str, str]]:
    """The pairs declared distinct persons, as (structure_a, local_id_a, hash_a, structure_b,
    local_id_b, hash_b) with the records' hashes at decision time (matching's ``distinct``)."""
    engine = engine_of(target)
    codes = [d.code for d in DECISIONS[Kind.DOUBLON] if d.distinctes]
    c = queue_items.c
    stmt = select(
        c.structure,
        c.local_id,
        c.decision_hash_a,
        c.structure_b,
        c.local_id_b,
        c.decision_hash_b,
    ).where(
        c.etat == Etat.RESOLU.value,
        c.kind == Kind.DOUBLON.value,
        c.decision.in_(codes),
        c.structure_b.is_not(None),
    )
    with db_errors("lecture des décisions impossible"), read_tx(engine) as conn:
        return {
            (sa, la, ha or "", sb, lb, hb or "") for sa, la, ha, sb, lb, hb in conn.execute(stmt)
        }
