"""The store: the database of runs, records, results, discordances and INSi responses.

This is the only package that imports SQLAlchemy and Alembic. Open it with :func:`open_store`
(SQLite file ``insvigil.db`` in the current directory by default, or any ``sqlite:///…`` /
``postgresql+psycopg://…`` URL): the schema is created or upgraded to the newest Alembic
revision on opening. Errors are :class:`insvigil.errors.StoreError`, one French line, with the
URL's password masked.

Values are stored in clear (the store is the referents' tool); only logs and error messages
must mask matricules and traits.

The names below are imported on first use (module ``__getattr__``, PEP 562): importing a
module of this package does not import SQLAlchemy unless that module needs it, so that
``insvigil lookup`` can read a SQLite store with ``sqlite3`` alone
(:mod:`insvigil.store.lookup.driver_sqlite`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from insvigil._lazy import lazy_names
from insvigil.errors import StoreError

#: Public name -> (module, attribute), imported on first access.
_LAZY: dict[str, tuple[str, str]] = {
    "COUNT_KEYS": ("insvigil.store.records.reading", "COUNT_KEYS"),
    "DEFAULT_URL": ("insvigil.store.db.engine", "DEFAULT_URL"),
    "ChunkItem": ("insvigil.store.db.types", "ChunkItem"),
    "EtatRun": ("insvigil.store.db.types", "EtatRun"),
    "RecordChange": ("insvigil.store.db.types", "RecordChange"),
    "RunInfo": ("insvigil.store.db.types", "RunInfo"),
    "Store": ("insvigil.store.api", "Store"),
    "StoredDiscordance": ("insvigil.store.db.types", "StoredDiscordance"),
    "StoredInsi": ("insvigil.store.db.types", "StoredInsi"),
    "StoredResult": ("insvigil.store.db.types", "StoredResult"),
    "insi_payload_hash": ("insvigil.store.records.rows", "payload_hash"),
    "mask_url": ("insvigil.store.db.engine", "mask_url"),
    "open_store": ("insvigil.store.api", "open_store"),
}

if TYPE_CHECKING:  # the same names, eagerly, for type checkers and IDEs
    from insvigil.store.api import Store, open_store
    from insvigil.store.db.engine import DEFAULT_URL, mask_url
    from insvigil.store.db.types import (
        ChunkItem,
        EtatRun,
        RecordChange,
        RunInfo,
        StoredDiscordance,
        StoredInsi,
        StoredResult,
    )
    from insvigil.store.records.reading import COUNT_KEYS
    from insvigil.store.records.rows import payload_hash as insi_payload_hash
else:
    __getattr__, __dir__ = lazy_names(globals(), _LAZY)


__all__ = [
    "COUNT_KEYS",
    "DEFAULT_URL",
    "ChunkItem",
    "EtatRun",
    "RecordChange",
    "RunInfo",
    "Store",
    "StoreError",
    "StoredDiscordance",
    "StoredInsi",
    "StoredResult",
    "insi_payload_hash",
    "mask_url",
    "open_store",
]
