"""Bulk writes of many rows: plain inserts, upserts, inserts that skip duplicates.

SQLAlchemy's own executemany processes every parameter set in Python (a few microseconds a
row), and psycopg's sends one statement a row; for chunks of thousands of rows the store does
better:

* SQLite: the Core statement is compiled once for the connection's dialect and the rows go
  straight to the DBAPI cursor's ``executemany`` (one prepared statement, stepped per row);
* PostgreSQL: the rows are streamed with ``COPY … FROM STDIN``, either into the table itself
  (plain insert) or into a session's temporary table (``ON COMMIT DELETE ROWS``) from which
  one Core ``INSERT … SELECT … ON CONFLICT`` statement upserts them.

``IN`` lists of ids or keys go as ONE parameter (:func:`among`).

The rows are tuples in the order of ``columns`` and hold values the drivers take as they are:
``str``, ``int``, ``bool``, ``None`` — datetimes are passed as ISO text (what
:class:`insvigil.store.schema.core.IsoDateTime` would store).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from operator import itemgetter
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    String,
    Table,
    any_,
    bindparam,
    column,
    func,
    or_,
    select,
    table,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.dml import Insert, Update
from sqlalchemy.sql.expression import TableClause

__all__ = [
    "BATCH",
    "among",
    "batches",
    "insert_ignoring_duplicates",
    "insert_rows",
    "update_rows",
    "upsert",
]

#: Most ids or keys put in one ``IN (…)`` list (bounds a statement's size, not its parameters).
BATCH = 5_000

T = TypeVar("T")
Row = tuple[object, ...]


def batches(values: Sequence[T], size: int = BATCH) -> Iterator[Sequence[T]]:
    """``values`` cut in slices of at most ``size``."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def among(conn: Connection, col: ColumnElement[Any], values: Sequence[Any]) -> ColumnElement[bool]:
    """``col IN (values)`` with ONE bound parameter whatever the number of values.

    PostgreSQL: ``col = ANY(:array)``. SQLite: ``col IN (SELECT value FROM json_each(:json))``.
    (A literal ``IN`` list costs SQLAlchemy a few microseconds a value to compile, and
    PostgreSQL more to plan than to run.) ``values`` are ``str`` or ``int``.
    """
    if conn.dialect.name == "postgresql":
        array = bindparam(None, value=list(values), type_=postgresql.ARRAY(col.type))
        return col == any_(array)
    each = func.json_each(bindparam(None, value=json.dumps(list(values)), type_=String))
    return col.in_(select(each.table_valued("value").c.value))


def insert_rows(
    conn: Connection, target: Table, columns: Sequence[str], rows: Sequence[Row]
) -> None:
    """Insert ``rows`` into ``target``."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        _copy(conn, target.name, columns, rows)
    else:
        _executemany(conn, sqlite.insert(target), columns, rows)


def upsert(
    conn: Connection,
    target: Table,
    key: Sequence[str],
    columns: Sequence[str],
    rows: Sequence[Row],
    *,
    unless_same: Sequence[str] = (),
) -> None:
    """Insert ``rows``; where ``key`` exists already, overwrite the row's other columns.

    With ``unless_same``, an existing row is left alone (not even rewritten) when those columns
    already hold the new values. ``key`` must not repeat within ``rows``.
    """
    if not rows:
        return
    index = [target.c[name] for name in key]
    stmt: postgresql.Insert | sqlite.Insert
    if conn.dialect.name == "postgresql":
        stmt = postgresql.insert(target).from_select(
            list(columns), _staged(conn, target, columns, rows)
        )
    else:
        stmt = sqlite.insert(target)
    updated = {name: stmt.excluded[name] for name in columns if name not in key}
    where = (
        or_(*(target.c[name].is_distinct_from(stmt.excluded[name]) for name in unless_same))
        if unless_same
        else None
    )
    if isinstance(stmt, postgresql.Insert):
        conn.execute(stmt.on_conflict_do_update(index_elements=index, set_=updated, where=where))
    else:
        on_conflict = stmt.on_conflict_do_update(index_elements=index, set_=updated, where=where)
        _executemany(conn, on_conflict, columns, rows)


def insert_ignoring_duplicates(
    conn: Connection, target: Table, columns: Sequence[str], rows: Sequence[Row]
) -> None:
    """Insert ``rows``, skipping those that break a unique constraint (already stored)."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        pg = postgresql.insert(target).from_select(
            list(columns), _staged(conn, target, columns, rows)
        )
        conn.execute(pg.on_conflict_do_nothing())
    else:
        _executemany(conn, sqlite.insert(target).on_conflict_do_nothing(), columns, rows)


def update_rows(
    conn: Connection, target: Table, columns: Sequence[str], rows: Sequence[Row]
) -> None:
    """Update existing rows of ``target``: ``columns[0]`` is the key, the others are set."""
    if not rows:
        return
    key, *changed = columns
    if conn.dialect.name == "postgresql":
        staged = _stage(conn, target, columns, rows)
        conn.execute(
            update(target)
            .where(target.c[key] == staged.c[key])
            .values({name: staged.c[name] for name in changed})
        )
    else:
        stmt = (
            update(target)
            .where(target.c[key] == bindparam(f"b_{key}"))
            .values({name: bindparam(name) for name in changed})
        )
        _executemany(conn, stmt, [f"b_{key}", *changed], rows)


def _executemany(
    conn: Connection, stmt: Insert | Update, columns: Sequence[str], rows: Sequence[Row]
) -> None:
    """Run ``stmt`` once per row with the driver's executemany."""
    compiled = stmt.compile(dialect=conn.dialect, column_keys=list(columns))
    params: Sequence[Any]
    if not compiled.positional:  # a named paramstyle: one dict a row
        params = [dict(zip(columns, row, strict=True)) for row in rows]
    elif tuple(compiled.positiontup or ()) == tuple(columns):
        params = rows
    else:
        position = {name: i for i, name in enumerate(columns)}
        getter = itemgetter(*(position[name] for name in compiled.positiontup or ()))
        params = [getter(row) for row in rows]
    conn.exec_driver_sql(compiled.string, params)


def _copy(conn: Connection, table_name: str, columns: Sequence[str], rows: Sequence[Row]) -> None:
    """PostgreSQL: stream ``rows`` into ``table_name`` with ``COPY … FROM STDIN``."""
    quote = conn.dialect.identifier_preparer.quote
    sql = f"COPY {quote(table_name)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    driver = conn.connection.driver_connection
    if driver is None:  # pragma: no cover - an open connection always has one
        raise RuntimeError("connexion PostgreSQL fermée")
    dbapi_error = conn.dialect.loaded_dbapi.Error
    try:
        with driver.cursor() as cursor, cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
    except dbapi_error as exc:  # raised by the driver itself: give it SQLAlchemy's shape
        raise DBAPIError.instance(sql, None, exc, dbapi_error) from exc


def _stage(
    conn: Connection, target: Table, columns: Sequence[str], rows: Sequence[Row]
) -> TableClause:
    """PostgreSQL: ``rows`` copied into a temporary table shaped like ``columns`` of ``target``
    (created once a session, emptied at each commit)."""
    quote = conn.dialect.identifier_preparer.quote
    tag = hashlib.sha1(",".join(columns).encode()).hexdigest()[:8]
    staging = f"insvigil_tmp_{target.name}_{tag}"
    conn.exec_driver_sql(
        f"CREATE TEMPORARY TABLE IF NOT EXISTS {quote(staging)} ON COMMIT DELETE ROWS AS "
        f"SELECT {', '.join(quote(c) for c in columns)} FROM {quote(target.name)} WITH NO DATA"
    )
    conn.exec_driver_sql(f"DELETE FROM {quote(staging)}")  # empty unless used twice a transaction
    _copy(conn, staging, columns, rows)
    return table(staging, *(column(name) for name in columns))


def _staged(conn: Connection, target: Table, columns: Sequence[str], rows: Sequence[Row]) -> Any:
    """PostgreSQL: a SELECT of ``rows`` once staged (for ``INSERT … SELECT``)."""
    staged = _stage(conn, target, columns, rows)
    return select(*(staged.c[name] for name in columns))
