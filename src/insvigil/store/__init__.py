"""The store: the database of runs, records, results, discordances and INSi responses.

This is the only package that imports SQLAlchemy and Alembic. Open it with :func:`open_store`
(SQLite file ``insvigil.db`` in the current directory by default, or any ``sqlite:///…`` /
``postgresql+psycopg://…`` URL): the schema is created or upgraded to the newest Alembic
revision on opening. Errors are :class:`insvigil.errors.StoreError`, one French line, with the
URL's password masked.

Values are stored in clear (the store is the referents' tool); only logs and error messages
must mask matricules and traits.
"""

from __future__ import annotations

from insvigil.errors import StoreError
from insvigil.store import schema_lookup as _schema_lookup  # noqa: F401  (registers tables)
from insvigil.store import schema_review as _schema_review  # noqa: F401  (registers tables)
from insvigil.store.api import Store, open_store
from insvigil.store.engine import DEFAULT_URL, mask_url
from insvigil.store.reading import COUNT_KEYS
from insvigil.store.rows import payload_hash as insi_payload_hash
from insvigil.store.types import (
    ChunkItem,
    EtatRun,
    LookupKeys,
    RecordChange,
    RunInfo,
    StoredDiscordance,
    StoredInsi,
    StoredResult,
)

__all__ = [
    "COUNT_KEYS",
    "DEFAULT_URL",
    "ChunkItem",
    "EtatRun",
    "LookupKeys",
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
