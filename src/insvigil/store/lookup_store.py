"""The admission lookup in the store: keeping the index, finding and ranking candidates.

Writing: ``qualify`` saves each record's keys with the record, in
:meth:`~insvigil.store.Store.save_chunk`'s transaction (``ChunkItem.index``, through
:func:`upsert_lookup_rows`, which leaves unchanged rows alone). :func:`save_lookup_keys` does
the same for records named by (structure, local_id), in a transaction of its own or a caller's;
:func:`rebuild_lookup_keys` rebuilds the whole index.

Reading: :func:`search` asks ONE statement for the candidates' rows: the union of a few
*generators*, each an equality on the leading columns of one ``lookup_keys`` index and capped
at :data:`CAP` rows (so a common name cannot make a lookup read thousands of rows):

* ``matricule`` / ``matricule_insi`` = the typed matricule;
* ``ddn`` = the typed full date, and the date with day and month swapped (finds typing errors
  that change the name's sound);
* ``nom_phon`` (birth name) or ``nom_utilise_phon`` (used name) = the typed name's Phonex, with
  ``annee`` = the typed year (full, partial or year-only date);
* the same Phonex with ``prenom1_phon`` = the typed first name's Phonex (a wrong year, or no
  date at all);
* the Phonex alone, when no date was typed.

The rows are ranked in Python (:mod:`insvigil.lookup.rank`), then the open queue items of the
best ones are read. The order is total (score, status, structure, local_id), so SQLite and
PostgreSQL give the same answer.

Layout: the plan and the rows are :mod:`insvigil.store.lookup.rows`, the ranking, warnings and
remarks :mod:`insvigil.store.lookup.search`; the statements are
:mod:`insvigil.store.lookup.driver_sqlalchemy` (any backend, an open :class:`~insvigil.store.Store`)
and :mod:`insvigil.store.lookup.driver_sqlite` (a current SQLite file, read with ``sqlite3``).
:func:`search_identities`, the one-call lookup of ``insvigil lookup``, takes the second path
when it can: importing this module does not import SQLAlchemy (the names that need it are
loaded on first use, PEP 562).
"""

from __future__ import annotations

import os
from datetime import date
from typing import TYPE_CHECKING

from insvigil._lazy import lazy_names
from insvigil.lookup.query import parse_query
from insvigil.lookup.result import IdentitySearch
from insvigil.store.lookup.driver_sqlite import search_sqlite, sqlite_file
from insvigil.store.lookup.rows import (
    BROAD_CAP,
    CAP,
    CLOSE,
    DEFAULT_URL,
    MAX_LIMIT,
    check_limit,
    missing_database,
)

__all__ = [
    "BROAD_CAP",
    "CAP",
    "CLOSE",
    "MAX_LIMIT",
    "rebuild_lookup_keys",
    "save_lookup_keys",
    "search",
    "search_detailed",
    "search_identities",
    "search_in_store",
    "upsert_lookup_rows",
]

#: Names that need SQLAlchemy -> their module, imported on first access.
_LAZY: dict[str, str] = {
    "search": "insvigil.store.lookup.driver_sqlalchemy",
    "search_detailed": "insvigil.store.lookup.driver_sqlalchemy",
    "rebuild_lookup_keys": "insvigil.store.lookup.index",
    "save_lookup_keys": "insvigil.store.lookup.index",
    "upsert_lookup_rows": "insvigil.store.lookup.index",
}

if TYPE_CHECKING:
    from insvigil.accounts.scope import Scope
    from insvigil.store.api import Store
    from insvigil.store.lookup.driver_sqlalchemy import search, search_detailed
    from insvigil.store.lookup.index import (
        rebuild_lookup_keys,
        save_lookup_keys,
        upsert_lookup_rows,
    )
else:
    __getattr__, __dir__ = lazy_names(
        globals(), {name: (module, name) for name, module in _LAZY.items()}
    )


def search_identities(
    nom: str | None = None,
    prenom: str | None = None,
    ddn: str | None = None,
    sexe: str | None = None,
    ins: str | None = None,
    *,
    db: str | None = None,
    limit: int = 10,
    today: date | None = None,
) -> IdentitySearch:
    """The admission lookup in one call: read the typed query, open the store at ``db``
    (default ``insvigil.db``), return the ``limit`` (1-100) best candidates and remarks.

    A SQLite file whose schema is current is read directly with ``sqlite3``, read-only
    (:mod:`insvigil.store.lookup.driver_sqlite`); any other store is opened with SQLAlchemy (and
    migrated if needed). Both give the same answer.

    Raises :class:`~insvigil.errors.InvalidValue` for a bad query (``code``: the field, see
    :data:`insvigil.lookup.query.FIELD_CODES`) and :class:`~insvigil.errors.StoreError`.
    """
    query = parse_query(nom, prenom, ddn, sexe, ins, today=today)
    check_limit(limit)
    name = sqlite_file(db or DEFAULT_URL)
    if name is not None:
        if not os.path.exists(name):
            raise missing_database(name)
        found = search_sqlite(name, query, limit)
        if found is not None:
            return found
    from insvigil.store.api import open_store
    from insvigil.store.lookup.driver_sqlalchemy import search_detailed

    _must_exist(db)
    with open_store(db) as store:
        return search_detailed(store, query, limit)


def search_in_store(
    store: Store,
    nom: str | None = None,
    prenom: str | None = None,
    ddn: str | None = None,
    sexe: str | None = None,
    ins: str | None = None,
    *,
    limit: int = 10,
    today: date | None = None,
    scope: Scope | None = None,
) -> IdentitySearch:
    """The admission lookup on an open store (the web workspace's), limited to the records of
    the structures ``scope`` sees (filtered in SQL, before ranking and caps).

    Raises :class:`~insvigil.errors.InvalidValue` for a bad query, as :func:`search_identities`.
    """
    from insvigil.store.lookup.driver_sqlalchemy import search_detailed

    query = parse_query(nom, prenom, ddn, sexe, ins, today=today)
    check_limit(limit)
    return search_detailed(store, query, limit, scope)


def _must_exist(url: str | None) -> None:
    """A lookup reads: it must not create an empty SQLite file where none was."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url or DEFAULT_URL)
    except (ArgumentError, ValueError):
        return  # open_store says what is wrong with the URL
    name = parsed.database
    in_file = parsed.get_backend_name() == "sqlite" and name and name != ":memory:"
    if in_file and not os.path.exists(str(name)):
        raise missing_database(str(name))
