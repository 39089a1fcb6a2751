"""The queue in risk order (BLOQUANTE first, then MINEURE, then the rest; oldest first within
each), read group by group so that each query follows the ``(etat, gravite, created_at)``
index instead of sorting every open item: one page, and an item's neighbours.

The order is exactly that of ``ORDER BY <gravity rank>, created_at, id`` (``Tri.GRAVITE``):
the third group holds every other gravity, ordered by date and id across them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.engine import Connection, RowMapping

from insvigil.store.schema.review import queue_items

__all__ = ["neighbours", "risk_page"]

_C = queue_items.c
_RANKED = ("BLOQUANTE", "MINEURE")
#: The groups, riskiest first.
GROUPS: tuple[ColumnElement[bool], ...] = (
    _C.gravite == "BLOQUANTE",
    _C.gravite == "MINEURE",
    _C.gravite.not_in(_RANKED),
)


def _group_of(gravite: str) -> int:
    return _RANKED.index(gravite) if gravite in _RANKED else len(_RANKED)


def _counts(conn: Connection, where: Sequence[ColumnElement[bool]]) -> list[int]:
    counts = [0] * len(GROUPS)
    stmt = select(_C.gravite, func.count()).where(*where).group_by(_C.gravite)
    for gravite, n in conn.execute(stmt):
        counts[_group_of(str(gravite))] += int(n)
    return counts


def risk_page(
    conn: Connection, where: Sequence[ColumnElement[bool]], limite: int, page: int
) -> tuple[list[RowMapping], int]:
    """Page ``page`` (``limite`` rows) of the items matching ``where`` in risk order, and how
    many match in all."""
    counts = _counts(conn, where)
    start, need = (page - 1) * limite, limite
    rows: list[RowMapping] = []
    for group, n in zip(GROUPS, counts, strict=True):
        if need == 0:
            break
        if start >= n:
            start -= n
            continue
        take = min(need, n - start)
        stmt = (
            select(queue_items)
            .where(*where, group)
            .order_by(_C.created_at, _C.id)
            .limit(take)
            .offset(start)
        )
        rows.extend(conn.execute(stmt).mappings().all())
        need, start = need - take, 0
    return rows, sum(counts)


def _first(conn: Connection, where: Sequence[ColumnElement[bool]], *, last: bool) -> int | None:
    order = (_C.created_at.desc(), _C.id.desc()) if last else (_C.created_at, _C.id)
    found = conn.execute(select(_C.id).where(*where).order_by(*order).limit(1)).scalar()
    return None if found is None else int(found)


def neighbours(
    conn: Connection, where: Sequence[ColumnElement[bool]], row: Any
) -> tuple[int | None, int | None]:
    """The ids before and after ``row`` among the items matching ``where``, in risk order;
    for a row that does not match (a decided item), no previous one and the first item."""
    matches = conn.execute(select(_C.id).where(*where, _C.id == row["id"])).first()
    if matches is None:
        for group in GROUPS:
            if (found := _first(conn, [*where, group], last=False)) is not None:
                return None, found
        return None, None
    at, when, ident = _group_of(row["gravite"]), row["created_at"], row["id"]
    after = or_(_C.created_at > when, and_(_C.created_at == when, _C.id > ident))
    before = or_(_C.created_at < when, and_(_C.created_at == when, _C.id < ident))
    following = _first(conn, [*where, GROUPS[at], after], last=False)
    for group in GROUPS[at + 1 :]:
        if following is not None:
            break
        following = _first(conn, [*where, group], last=False)
    previous = _first(conn, [*where, GROUPS[at], before], last=True)
    for group in reversed(GROUPS[:at]):
        if previous is not None:
            break
        previous = _first(conn, [*where, group], last=True)
    return previous, following
