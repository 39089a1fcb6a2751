"""Opening the store: migrations, reopening, SQLite pragmas, errors that hide passwords."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from insvigil.errors import StoreError
from insvigil.store import DEFAULT_URL, Store, mask_url, open_store
from insvigil.store.db.engine import head_revision
from insvigil.store.schema.core import metadata

from .helpers import begin, items

EXPECTED_TABLES = {
    "alembic_version",
    "insi_payloads",
    "insi_responses",
    "record_changes",
    "records",
    "results",
    "runs",
}


def test_migrate_from_empty_creates_every_table_at_head(store: Store) -> None:
    with store.engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) >= EXPECTED_TABLES
        assert MigrationContext.configure(conn).get_current_revision() == head_revision()


def _registered(obj: object, name: str | None, type_: str, reflected: bool, other: object) -> bool:
    """Compare only the tables (and their parts) that are registered on ``metadata``."""
    table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", None)
    return table in metadata.tables


def test_migrations_match_the_schema_modules(store: Store) -> None:
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": _registered})
        diffs = compare_metadata(context, metadata)
    assert diffs == []


def test_indexes_of_records(store: Store) -> None:
    with store.engine.connect() as conn:
        found = {ix["name"]: ix["column_names"] for ix in inspect(conn).get_indexes("records")}
        uniques = inspect(conn).get_unique_constraints("records")
    # Revision 0004 dropped the lookup indexes of records (the lookup reads lookup_keys): only
    # the unique key is left, which every save probes.
    assert not [name for name in found if name.startswith("ix_records_")]
    assert [u["column_names"] for u in uniques] == [["structure", "local_id"]]


def test_reopen_is_a_no_op(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(db_url) as first:
        run_id = begin(first)
        first.save_chunk(run_id, items(3))

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("upgrade should not run on a current database")

    monkeypatch.setattr(command, "upgrade", fail)
    with open_store(db_url) as again:
        assert again.count_records() == 3
        assert [r.id for r in again.runs()] == [run_id]


def test_sqlite_pragmas(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'p.db'}") as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar_one() >= 5000


def test_default_url_is_insvigil_db_in_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert DEFAULT_URL == "sqlite:///insvigil.db"
    with open_store() as store:
        assert store.backend == "sqlite"
    assert (tmp_path / "insvigil.db").is_file()


def test_unreachable_postgresql_hides_the_password() -> None:
    url = "postgresql+psycopg://alice:S3cr3tPw@127.0.0.1:1/insvigil?connect_timeout=2"
    with pytest.raises(StoreError) as caught:
        open_store(url)
    message = str(caught.value)
    assert "S3cr3tPw" not in message
    assert "alice:***@127.0.0.1:1/insvigil" in message
    assert message.startswith("base de données inaccessible")
    assert "\n" not in message
    assert caught.value.__cause__ is None  # the driver's text is not chained either


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("pas une url", "URL de base de données illisible"),
        ("mysql://bob:Pw0rdSecret@db/ins", "non prise en charge"),
        ("postgresql+nosuchdriver://bob:Pw0rdSecret@db/ins", "inaccessible"),
    ],
)
def test_bad_urls(url: str, expected: str) -> None:
    with pytest.raises(StoreError) as caught:
        open_store(url)
    assert expected in str(caught.value)
    assert "Pw0rdSecret" not in str(caught.value)


def test_sqlite_file_in_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="base de données inaccessible"):
        open_store(f"sqlite:///{tmp_path / 'absent' / 'x.db'}")


def test_database_from_a_newer_version_is_refused(db_url: str) -> None:
    with open_store(db_url) as store, store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="plus récente"):
        open_store(db_url)


def test_mask_url_of_a_url_without_password() -> None:
    assert mask_url("sqlite:///insvigil.db") == "sqlite:///insvigil.db"
    assert mask_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


def test_repr_and_url_are_masked() -> None:
    # No connection needed to build the object: the engine connects lazily.
    from insvigil.store.db.engine import make_store_engine

    engine = make_store_engine("postgresql+psycopg://u:TopSecret@h/db")
    store = Store(engine)
    assert "TopSecret" not in repr(store)
    assert "TopSecret" not in store.url
    store.close()


def test_0004_drops_the_lookup_indexes_of_records_and_back(db_url: str) -> None:
    from alembic import command

    from insvigil.store.db import engine as store_engine
    names = {"ix_records_nom_cle_ddn", "ix_records_phon_nom", "ix_records_nom_utilise_cle"}

    def indexes() -> set[str]:
        engine = store_engine.make_store_engine(db_url)
        try:
            with engine.connect() as conn:
                return {str(ix["name"]) for ix in inspect(conn).get_indexes("records")}
        finally:
            engine.dispose()

    def migrate(step: str, revision: str) -> None:
        engine = store_engine.make_store_engine(db_url)
        try:
            with store_engine.write_tx(engine) as conn:
                getattr(command, step)(store_engine.alembic_config(conn), revision)
        finally:
            engine.dispose()

    migrate("upgrade", "0003")
    assert names <= indexes()
    migrate("upgrade", "0004")
    assert not names & indexes()
    migrate("downgrade", "0003")
    assert names <= indexes()
