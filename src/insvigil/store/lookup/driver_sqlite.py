"""The admission lookup on a SQLite file with the standard library's ``sqlite3``, read-only.

``insvigil lookup`` is interactive: importing SQLAlchemy would cost more than the search itself.
This reader sends the statements :mod:`insvigil.store.lookup.driver_sqlalchemy` builds, rendered
once
as plain SQL (from the same :data:`~insvigil.store.lookup.rows.GENERATORS` and
:data:`~insvigil.store.lookup.rows.RECORD_COLUMNS`), and the ranking is the shared
:func:`~insvigil.store.lookup.search.run_search`: both paths give the same answer (a test
checks).

It only reads a store that is current: when the file has no schema, an older one or a newer one,
or cannot be opened, :func:`search_sqlite` returns ``None`` and the caller opens the store with
SQLAlchemy, which migrates it or says what is wrong, as before.

This module must not import SQLAlchemy (nor anything that does).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from insvigil.errors import StoreError
from insvigil.lookup.query import LookupQuery
from insvigil.lookup.result import IdentitySearch
from insvigil.store.db.settings import HEAD_REVISION, SQLITE_BUSY_TIMEOUT_MS
from insvigil.store.lookup.rows import (
    GENERATORS,
    KEY_COLUMNS,
    RECORD_COLUMNS,
    RecordRow,
    Shape,
)
from insvigil.store.lookup.search import run_search

__all__ = ["HEAD_REVISION", "search_sqlite", "sqlite_file"]

#: How long a read waits for a writer's lock (as the SQLAlchemy engine's ``busy_timeout``).
BUSY_TIMEOUT_S = SQLITE_BUSY_TIMEOUT_MS / 1000

_PREFIXES = ("sqlite:///", "sqlite+pysqlite:///")
#: What a path must escape in a SQLite URI filename (``%`` first); the rest is taken as is.
_URI_ESCAPES = (("%", "%25"), ("?", "%3F"), ("#", "%23"))

_KEYS = (
    "SELECT "
    + ", ".join(f"lookup_keys.{column}" for column in KEY_COLUMNS)
    + " FROM lookup_keys WHERE lookup_keys.record_id IN ({ids})"
)
_GENERATOR = (
    "SELECT {name}.record_id FROM (SELECT lookup_keys.record_id AS record_id "
    "FROM lookup_keys WHERE {where} ORDER BY lookup_keys.record_id LIMIT {cap}) AS {name}"
)
_WHERE = {
    name: " AND ".join(f"lookup_keys.{column} = :{param}" for column, param in pairs)
    for name, pairs in GENERATORS.items()
}
_RECORDS = (
    "SELECT "
    + ", ".join(
        f"{table}.{column}" + (f" AS {name}" if name != column else "")
        for (table, column), name in zip(RECORD_COLUMNS, RecordRow._fields, strict=True)
    )
    + " FROM records LEFT OUTER JOIN results ON results.record_id = records.id"
    " WHERE records.id IN ({ids})"
)
_ITEMS = (
    "SELECT queue_items.id, queue_items.kind, queue_items.etat, queue_items.structure, "
    "queue_items.local_id FROM queue_items "
    "WHERE queue_items.structure IN ({structures}) AND queue_items.local_id IN ({local_ids}) "
    "UNION ALL SELECT queue_items.id, queue_items.kind, queue_items.etat, "
    "queue_items.structure_b, queue_items.local_id_b FROM queue_items "
    "WHERE queue_items.structure_b IN ({structures}) AND queue_items.local_id_b IN ({local_ids})"
)
_ANY_KEY = "SELECT lookup_keys.record_id FROM lookup_keys LIMIT 1"
_STATEMENTS: dict[Shape, str] = {}


def sqlite_file(url: str) -> str | None:
    """The file a plain ``sqlite:///FILE`` URL names; ``None`` for any other URL (another
    backend, a query string, in memory, a ``%`` escape: how SQLAlchemy decodes those depends
    on its version), which only SQLAlchemy reads.

    >>> sqlite_file("sqlite:///insvigil.db"), sqlite_file("sqlite:////var/lib/ins.db")
    ('insvigil.db', '/var/lib/ins.db')
    >>> sqlite_file("sqlite:///x.db?mode=ro"), sqlite_file("postgresql+psycopg://h/ins")
    (None, None)
    """
    for prefix in _PREFIXES:
        if url.startswith(prefix):
            name = url[len(prefix) :]
            if not name or name == ":memory:" or "?" in name or "%" in name:
                return None
            return name
    return None


def statement(shape: Shape) -> str:
    """Phase 1 for one shape of query, as SQL text with named parameters."""
    sql = _STATEMENTS.get(shape)
    if sql is None:
        union = " UNION ".join(
            _GENERATOR.format(name=name, where=_WHERE[name], cap=int(cap)) for name, cap in shape
        )
        sql = _STATEMENTS[shape] = _KEYS.format(ids=union)
    return sql


def _marks(count: int) -> str:
    return ", ".join("?" * count)


class _Reader:
    """:class:`~insvigil.store.lookup.search.Reader` on a ``sqlite3`` connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def keys(self, shape: Shape, params: dict[str, object]) -> Iterable[Sequence[Any]]:
        return self._conn.execute(statement(shape), params)

    def records(self, ids: list[int]) -> Iterable[Sequence[Any]]:
        return self._conn.execute(_RECORDS.format(ids=_marks(len(ids))), ids).fetchall()

    def items(self, structures: list[str], local_ids: list[str]) -> Iterable[Sequence[Any]]:
        sql = _ITEMS.format(structures=_marks(len(structures)), local_ids=_marks(len(local_ids)))
        return self._conn.execute(sql, [*structures, *local_ids, *structures, *local_ids])

    def empty(self) -> bool:
        return self._conn.execute(_ANY_KEY).fetchone() is None


def _connect(name: str) -> sqlite3.Connection:
    """A read-only connection to the file ``name`` (relative to the current directory, as
    SQLAlchemy reads it), in autocommit mode: the transaction is begun explicitly."""
    path = os.path.abspath(name)
    for char, escape in _URI_ESCAPES:
        path = path.replace(char, escape)
    return sqlite3.connect(f"file:{path}", uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)


def _at_head(conn: sqlite3.Connection) -> bool:
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:  # no such table: not a store, or one never migrated
        return False
    return row is not None and row[0] == HEAD_REVISION


def _reason(exc: sqlite3.Error) -> str:
    """The driver's message, first line, as :mod:`insvigil.store.db.engine` shows it."""
    text = str(exc)
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return (line or type(exc).__name__)[:200]


def search_sqlite(name: str, query: LookupQuery, limit: int) -> IdentitySearch | None:
    """The ``limit`` best candidates for ``query`` in the SQLite file ``name`` (which must
    exist), read in one read-only transaction; ``None`` when the file cannot be opened or its
    schema is not :data:`HEAD_REVISION` (the caller then opens it with SQLAlchemy).

    Raises :class:`~insvigil.errors.StoreError` when the search itself fails.
    """
    try:
        conn = _connect(name)
    except sqlite3.Error:
        return None
    try:
        try:
            conn.execute("BEGIN")
            if not _at_head(conn):
                return None
        except sqlite3.Error:
            return None
        try:
            return run_search(_Reader(conn), query, limit)
        except sqlite3.Error as exc:
            raise StoreError(f"recherche d'identité impossible : {_reason(exc)}") from None
    finally:
        conn.close()
