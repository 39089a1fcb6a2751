"""The SQLite store holds every matricule in clear: owner-only (0600), whatever the umask."""

from __future__ import annotations

import os
import sqlite3
import stat
import warnings
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from insvigil.store import open_store
from insvigil.store.db import engine
from insvigil_cli.main import cli


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022() -> Iterator[None]:
    """The usual umask, under which SQLite alone creates its files 0644."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def test_a_new_store_and_its_wal_and_shm_are_owner_only(tmp_path: Path, umask_022: None) -> None:
    db = tmp_path / "insvigil.db"
    with open_store(f"sqlite:///{db}") as store:
        store.begin_run(
            input_name="r.csv",
            input_sha256="0" * 64,
            rules_sha256="0" * 64,
            started_at=datetime.now(UTC),
        )
        with store.engine.connect() as conn:  # the WAL and its index exist while connected
            conn.exec_driver_sql("SELECT 1")
            files = {p.name: mode(p) for p in tmp_path.iterdir()}
    assert files == {"insvigil.db": 0o600, "insvigil.db-wal": 0o600, "insvigil.db-shm": 0o600}
    assert mode(db) == 0o600


def test_an_existing_store_is_tightened_once_with_a_warning(
    tmp_path: Path, umask_022: None
) -> None:
    db = tmp_path / "insvigil.db"
    open_store(f"sqlite:///{db}").close()
    db.chmod(0o644)
    wal = tmp_path / "insvigil.db-wal"
    wal.write_bytes(b"")  # left by a process that died, readable by all
    wal.chmod(0o664)
    with pytest.warns(engine.StoreModeWarning, match="0600") as seen:
        open_store(f"sqlite:///{db}").close()
    assert "(était 0644)" in str(seen[0].message) and "insvigil.db-wal (était 0664)" in str(
        seen[0].message
    )
    assert mode(db) == 0o600
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the next opening finds 0600 and says nothing
        open_store(f"sqlite:///{db}").close()


def test_qualify_creates_an_owner_only_store(tmp_path: Path, umask_022: None) -> None:
    residents = tmp_path / "residents.csv"
    residents.write_text(
        "structure;local_id;nom_naissance;prenoms_naissance;date_naissance;sexe\n"
        "750000001;A-1;DUPONT;MARIE;1983-05-12;F\n",
        encoding="utf-8",
    )
    db = tmp_path / "store.db"
    result = CliRunner().invoke(
        cli, ["qualify", str(residents), "--db", f"sqlite:///{db}", "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 0, result.output
    assert mode(db) == 0o600
    # Another program reading the store (sqlite3) makes the WAL and its index: 0600 too.
    conn = sqlite3.connect(db)
    try:
        conn.execute("SELECT count(*) FROM records").fetchone()
        assert mode(tmp_path / "store.db-wal") == 0o600
        assert mode(tmp_path / "store.db-shm") == 0o600
    finally:
        conn.close()


def test_the_cli_says_it_in_french_on_stderr(tmp_path: Path, umask_022: None) -> None:
    db = tmp_path / "store.db"
    open_store(f"sqlite:///{db}").close()
    db.chmod(0o640)
    result = CliRunner().invoke(cli, ["report", "--db", f"sqlite:///{db}"])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("insvigil : attention : droits de la base de données ramenés")
    assert mode(db) == 0o600
