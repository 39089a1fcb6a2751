"""Constants of the store that readers without SQLAlchemy need too (no import of it here).

:mod:`insvigil.store.db.engine` (SQLAlchemy) and :mod:`insvigil.store.lookup.driver_sqlite`
(``sqlite3``)
both read them, so they cannot drift apart.
"""

from __future__ import annotations

__all__ = ["DEFAULT_URL", "HEAD_REVISION", "SQLITE_BUSY_TIMEOUT_MS"]

#: The store when no ``--db`` is given: a SQLite file in the current directory.
DEFAULT_URL = "sqlite:///insvigil.db"
#: How long a SQLite connection waits for another writer's lock.
SQLITE_BUSY_TIMEOUT_MS = 30_000
#: The newest revision in ``migrations/versions`` (a test checks it against Alembic's head):
#: opening a store that is current compares it with ``alembic_version``, without Alembic.
HEAD_REVISION = "0009"
