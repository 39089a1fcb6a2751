"""Revision 0009 (a lean store) on a store built by revision 0007's code: every reader shows what
it showed before, a re-run writes the same files, and the downgrade gives back 0007's rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text

from insvigil.store import open_store
from insvigil.store.db import engine as store_engine
from tests.store.legacy_store import (
    REVISION,
    copy_store,
    expected,
    load_sqlite,
    read_outputs,
    rerun_outputs,
)

#: What 0009 changed, as (table, columns compared after a downgrade).
_CHANGED: dict[str, str] = {
    "insi_responses": "id, record_id, source, date, cr, operation, payload, payload_hash",
    "discordances": "record_id, rang, trait, valeur_locale, valeur_insi, gravite, code, message",
    "results": "record_id, statut_declare",
    "queue_items": "id, fingerprint, resume, details, substr(digest, 1, 32)",
}


def _migrate(url: str, step: str, revision: str) -> None:
    engine = store_engine.make_store_engine(url)
    try:
        with store_engine.write_tx(engine) as conn:
            getattr(command, step)(store_engine.alembic_config(conn), revision)
    finally:
        engine.dispose()


def _legacy(backend: str, db_url: str, tmp_path: Path) -> str:
    """The fixture store, as 0007 left it, in the backend under test; its URL."""
    url = load_sqlite(tmp_path / "legacy.db")
    if backend == "sqlite":
        return url
    _migrate(db_url, "upgrade", REVISION)
    copy_store(url, db_url)
    return db_url


def _rows(url: str) -> dict[str, list[tuple[Any, ...]]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {
                table: [
                    tuple(row)
                    for row in conn.execute(text(f"SELECT {cols} FROM {table} ORDER BY 1, 2"))
                ]
                for table, cols in _CHANGED.items()
            }
    finally:
        engine.dispose()


def test_the_fixture_is_a_0007_store(tmp_path: Path) -> None:
    engine = create_engine(load_sqlite(tmp_path / "legacy.db"))
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0007"
            counts = {
                table: conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar()
                for table in ("records", "insi_responses", "discordances", "queue_items")
            }
            decided = conn.execute(
                text("SELECT COUNT(*) FROM queue_items WHERE decision IS NOT NULL")
            ).scalar()
            audit = conn.execute(text("SELECT COUNT(*) FROM audit_log")).scalar()
    finally:
        engine.dispose()
    assert counts == {
        "records": 299,
        "insi_responses": 265,
        "discordances": 212,
        "queue_items": 72,
    }
    assert decided == 3 and audit == 5


def test_after_the_upgrade_every_reader_shows_the_same(
    backend: str, db_url: str, tmp_path: Path
) -> None:
    url = _legacy(backend, db_url, tmp_path)
    with open_store(url) as store, store.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        assert "discordances" not in tables and "insi_payloads" in tables
        stored = conn.execute(text("SELECT COUNT(*) FROM insi_payloads")).scalar()
        assert stored == 209  # its 265 responses carry 209 distinct payloads
    want = expected()
    shown = read_outputs(url)
    assert shown == {key: value for key, value in want.items() if not key.startswith("rerun ")}
    rerun = rerun_outputs(url, tmp_path / "out")
    assert rerun == {key: value for key, value in want.items() if key.startswith("rerun ")}


def test_the_downgrade_gives_back_the_0007_rows(backend: str, db_url: str, tmp_path: Path) -> None:
    url = _legacy(backend, db_url, tmp_path)
    before = _rows(url)
    _migrate(url, "upgrade", "head")
    _migrate(url, "downgrade", REVISION)
    assert _rows(url) == before
    _migrate(url, "upgrade", "head")  # and up again
    assert read_outputs(url)["audit verify"] == expected()["audit verify"]


@pytest.mark.parametrize("cr", ["01", "02"])
def test_a_payload_many_responses_carry_is_stored_once(tmp_path: Path, cr: str) -> None:
    url = load_sqlite(tmp_path / "legacy.db")
    engine = create_engine(url)
    try:
        with engine.begin() as conn:  # every record gets the same "none found" response
            conn.execute(
                text(
                    "INSERT INTO insi_responses (record_id, source, date, cr, operation, "
                    "payload, payload_hash) SELECT id, 'x.jsonl', NULL, :cr, 'VERIFICATION', "
                    "'{\"libelle_cr\":\"Aucune\"}', 'h' || id FROM records"
                ),
                {"cr": cr},
            )
    finally:
        engine.dispose()
    with open_store(url) as store, store.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM insi_payloads")).scalar() == 209 + 1
        assert conn.execute(text("SELECT COUNT(*) FROM insi_responses")).scalar() == 265 + 299
        (response,) = [r for r in store.insi_responses("684342868", "P0023898") if r.cr == cr]
    assert (response.payload, response.operation) == ({"libelle_cr": "Aucune"}, "VERIFICATION")
