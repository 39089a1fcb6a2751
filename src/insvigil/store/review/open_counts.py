"""The open items of the review queue, counted as :mod:`insvigil.review.counts` defines.

One query groups the open items by what counting needs (kind, structures, ``actif``, age
class); :func:`insvigil.review.counts.count_open` does the counting. ``taux.csv``'s
``discordances_ouvertes`` and ``doublons_ouverts``, the summary of ``qualify`` and every form
of ``report`` take their figures from :func:`open_counts`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import case, func, or_, select

from insvigil.accounts.scope import Scope
from insvigil.review.counts import AGE_BUCKETS, OpenCounts, OpenGroup, count_open
from insvigil.review.types import Etat
from insvigil.store.db.engine import db_errors, read_tx
from insvigil.store.db.queue_rows import Target, engine_of, now_utc
from insvigil.store.review.scoping import items_condition, structures_of
from insvigil.store.schema.review import queue_items

__all__ = ["open_by_kind_and_gravity", "open_counts"]


def open_counts(
    target: Target, now: datetime | None = None, scope: Scope | None = None
) -> OpenCounts:
    """The open items now (``now``: the date their ages are counted from); with ``scope``,
    the items that concern one of its structures, and only its structures' figures (each
    structure's own figures are those of ``taux.csv``, whoever reads them)."""
    engine = engine_of(target)
    when = (now or now_utc()).astimezone(UTC).replace(microsecond=0)
    c = queue_items.c
    bucket = case(
        *(
            (c.created_at > when - timedelta(days=days or 0), i)
            for i, (_, days) in enumerate(AGE_BUCKETS[:-1])
        ),
        else_=len(AGE_BUCKETS) - 1,
    ).label("bucket")
    stmt = (
        select(c.kind, c.structure, c.structure_b, c.actif, bucket, func.count().label("n"))
        .where(c.etat == Etat.OUVERT.value)
        .group_by(c.kind, c.structure, c.structure_b, c.actif, bucket)
    )
    allowed = structures_of(scope)
    if allowed is not None:
        stmt = stmt.where(or_(c.structure.in_(allowed), c.structure_b.in_(allowed)))
    with db_errors("lecture de la file de revue impossible"), read_tx(engine) as conn:
        groups = [
            OpenGroup(kind, structure, structure_b, bool(actif), int(b), int(n))
            for kind, structure, structure_b, actif, b, n in conn.execute(stmt)
        ]
    counts = count_open(groups)
    return counts if allowed is None else counts.within(allowed)


def open_by_kind_and_gravity(
    target: Target, scope: Scope | None = None
) -> dict[tuple[str, str], int]:
    """The open items that ``scope`` sees (wholly, as the queue lists them), counted by
    (kind, gravity): the head of the workspace's queue page."""
    c = queue_items.c
    stmt = (
        select(c.kind, c.gravite, func.count())
        .where(c.etat == Etat.OUVERT.value)
        .group_by(c.kind, c.gravite)
    )
    if (visible := items_condition(scope)) is not None:
        stmt = stmt.where(visible)
    with db_errors("lecture de la file de revue impossible"), read_tx(engine_of(target)) as conn:
        return {(str(k), str(g)): int(n) for k, g, n in conn.execute(stmt)}
