"""The admission lookup's reader over SQLAlchemy (SQLite and PostgreSQL): the statements.

:func:`search_detailed` runs :func:`insvigil.store.lookup.search.run_search` in one read
transaction of an open :class:`~insvigil.store.Store`. The statements are built from the tables
and from :data:`~insvigil.store.lookup.rows.GENERATORS` /
:data:`~insvigil.store.lookup.rows.RECORD_COLUMNS`, which
:mod:`insvigil.store.lookup.driver_sqlite` renders as plain SQL too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, bindparam, select, union, union_all
from sqlalchemy.engine import Connection

from insvigil.accounts.scope import Scope
from insvigil.lookup.query import LookupQuery
from insvigil.lookup.result import IdentityCandidate, IdentitySearch

if TYPE_CHECKING:
    from insvigil.store.api import Store
from insvigil.store.db.engine import db_errors, read_tx
from insvigil.store.lookup.rows import (
    GENERATORS,
    KEY_COLUMNS,
    RECORD_COLUMNS,
    RecordRow,
    Shape,
)
from insvigil.store.lookup.search import run_search
from insvigil.store.review.scoping import items_condition, structures_of
from insvigil.store.schema.core import records, results
from insvigil.store.schema.lookup import lookup_keys
from insvigil.store.schema.review import queue_items

__all__ = ["search", "search_detailed"]

_LK = lookup_keys.c
_GENERATORS: dict[str, tuple[ColumnElement[bool], ...]] = {
    name: tuple(_LK[column] == bindparam(param) for column, param in pairs)
    for name, pairs in GENERATORS.items()
}
_TABLES = {"records": records, "results": results}
#: Phase 2: the records and results of the candidates worth showing.
_RECORDS = (
    select(
        *(
            _TABLES[table].c[column].label(name) if name != column else _TABLES[table].c[column]
            for (table, column), name in zip(RECORD_COLUMNS, RecordRow._fields, strict=True)
        )
    )
    .select_from(records.outerjoin(results, results.c.record_id == records.c.id))
    .where(records.c.id.in_(bindparam("ids", expanding=True)))
)
_STATEMENTS: dict[Shape, Select[Any]] = {}


#: The records of the structures an account sees (``structures``: an expanding parameter).
_STRUCTURE = RecordRow._fields.index("structure")
_IN_SCOPE = select(records.c.id).where(
    records.c.structure.in_(bindparam("structures_vues", expanding=True))
)
_SCOPED_STATEMENTS: dict[Shape, Select[Any]] = {}


def _statement(shape: Shape, scoped: bool = False) -> Select[Any]:
    """Phase 1 for one shape of query: the lookup keys of the union of its generators' record
    ids (each generator capped). ``scoped``: only records of the structures given as the
    ``structures_vues`` parameter, filtered before the caps (an account limited to some
    structures gets as many candidates as any other)."""
    cache = _SCOPED_STATEMENTS if scoped else _STATEMENTS
    stmt = cache.get(shape)
    if stmt is None:
        capped = [
            select(_LK.record_id)
            .where(*_GENERATORS[name], *((_LK.record_id.in_(_IN_SCOPE),) if scoped else ()))
            .order_by(_LK.record_id)
            .limit(cap)
            .subquery(name)
            for name, cap in shape
        ]
        ids = union(*(select(sub.c.record_id) for sub in capped))
        stmt = select(*(_LK[name] for name in KEY_COLUMNS)).where(_LK.record_id.in_(ids))
        cache[shape] = stmt
    return stmt


_QI = queue_items.c
#: The queue items of some records, by either record of a pair (see ``_open_items`` in
#: :mod:`insvigil.store.lookup.search`).
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
_ANY_KEY = select(_LK.record_id).limit(1)


class _Reader:
    """:class:`~insvigil.store.lookup.search.Reader` on a connection in a read transaction."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def keys(self, shape: Shape, params: dict[str, object]) -> Iterable[Sequence[Any]]:
        return self._conn.execute(_statement(shape), params)

    def records(self, ids: list[int]) -> Iterable[Sequence[Any]]:
        return list(self._conn.execute(_RECORDS, {"ids": ids}))

    def items(self, structures: list[str], local_ids: list[str]) -> Iterable[Sequence[Any]]:
        return self._conn.execute(_ITEMS, {"structures": structures, "local_ids": local_ids})

    def empty(self) -> bool:
        return self._conn.execute(_ANY_KEY).first() is None


class _ScopedReader(_Reader):
    """The same reads, limited to the structures an account sees (contract §6): candidates
    of those structures only, and the queue items that account may open."""

    def __init__(self, conn: Connection, structures: list[str]) -> None:
        super().__init__(conn)
        self._structures = structures
        self._seen = set(structures)

    def keys(self, shape: Shape, params: dict[str, object]) -> Iterable[Sequence[Any]]:
        scoped = {**params, "structures_vues": self._structures}
        return self._conn.execute(_statement(shape, scoped=True), scoped)

    def records(self, ids: list[int]) -> Iterable[Sequence[Any]]:
        return [r for r in super().records(ids) if r[_STRUCTURE] in self._seen]

    def items(self, structures: list[str], local_ids: list[str]) -> Iterable[Sequence[Any]]:
        rows = list(super().items(structures, local_ids))
        ids = [int(r[0]) for r in rows]
        if not ids:
            return rows
        visible = items_condition(Scope(frozenset(self._seen)))
        assert visible is not None
        allowed = set(self._conn.execute(select(_QI.id).where(_QI.id.in_(ids), visible)).scalars())
        return [r for r in rows if int(r[0]) in allowed]


def search_detailed(
    store: Store, query: LookupQuery, limit: int = 10, scope: Scope | None = None
) -> IdentitySearch:
    """The ``limit`` best candidates for ``query`` with their warnings, and remarks; only
    records of the structures ``scope`` sees.

    Order: score, then status (qualified first), structure, local_id.
    """
    allowed = structures_of(scope)
    with db_errors("recherche d'identité impossible"), read_tx(store.engine) as conn:
        reader = _Reader(conn) if allowed is None else _ScopedReader(conn, allowed)
        return run_search(reader, query, limit)


def search(store: Store, query: LookupQuery, limit: int = 10) -> list[IdentityCandidate]:
    """The ``limit`` best candidates for ``query``, best first (see :func:`search_detailed`)."""
    return list(search_detailed(store, query, limit).candidats)
