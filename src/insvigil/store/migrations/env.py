"""Alembic environment of the store, run programmatically by :mod:`insvigil.store.db.engine`.

There is no ``alembic.ini``: :func:`insvigil.store.db.engine.alembic_config` builds the
configuration
in code and hands over an open connection in ``config.attributes["connection"]``; the migrations
run inside that connection's transaction. Imported outside Alembic (doctest collection), this
module does nothing.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from insvigil.store.schema.core import metadata


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError("insvigil: the store migrations need an open connection")
    context.configure(connection=connection, target_metadata=metadata, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


if hasattr(context, "config"):  # only when Alembic runs this file
    run_migrations_online()
