"""The review tables: Alembic revision 0002 and schema_review.py agree, on both backends."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from insvigil.store import Store, open_store
from insvigil.store.db.engine import alembic_config, write_tx
from insvigil.store.schema.core import metadata
from insvigil.store.schema.review import audit_log, indicators, queue_items

REVIEW_TABLES = {queue_items.name, audit_log.name, indicators.name}


def _diffs(store: Store) -> list[object]:
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        found = compare_metadata(context, metadata)
    return [d for d in found if any(f"'{name}'" in repr(d) for name in REVIEW_TABLES)]


def test_migration_matches_schema(store: Store) -> None:
    assert set(inspect(store.engine).get_table_names()) >= REVIEW_TABLES
    assert _diffs(store) == []


def test_downgrade_to_0001_and_back(db_url: str) -> None:
    with open_store(db_url) as store:
        with write_tx(store.engine) as conn:
            command.downgrade(alembic_config(conn), "0001")
        assert not REVIEW_TABLES & set(inspect(store.engine).get_table_names())
    with open_store(db_url) as store:  # upgraded again on opening
        assert set(inspect(store.engine).get_table_names()) >= REVIEW_TABLES
        assert _diffs(store) == []
