"""A first qualify run builds the lookup indexes at its end; the next run keeps them up to date
row by row, and both leave the same lookup rows (synthetic population)."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from insvigil import QualifyOptions, qualify
from insvigil.qualify import workers
from insvigil.store.schema.lookup import LOOKUP_INDEXES


def _run(population: Path, out: Path, db: Path, today: date) -> dict[str, float]:
    summary = qualify(
        QualifyOptions(
            residents=population / "residents.csv",
            insi=(population / "insi.jsonl",),
            out=out,
            db_url=f"sqlite:///{db}",
            today=today,
            doublons=False,
            chunk_size=500,
        )
    )
    return summary.durees


def _state(db: Path) -> tuple[set[str], list[tuple[object, ...]]]:
    with sqlite3.connect(db) as conn:
        names = {
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'lookup_keys'"
                " AND sql IS NOT NULL"
            )
        }
        rows = conn.execute("SELECT * FROM lookup_keys ORDER BY record_id").fetchall()
    return names, rows


def test_first_load_defers_the_indexes_and_ends_with_all_of_them(
    population: Path, tmp_path: Path
) -> None:
    db = tmp_path / "store.db"
    first = _run(population, tmp_path / "out1", db, date(2026, 11, 1))
    assert "index de recherche" in first  # deferred, then built at the end
    names, rows = _state(db)
    assert names == {name for name, _, _ in LOOKUP_INDEXES}
    assert len(rows) > 2000

    # A later run (another day: every result is saved again) keeps them row by row.
    again = _run(population, tmp_path / "out2", db, date(2026, 11, 2))
    assert "index de recherche" not in again
    assert _state(db) == (names, rows)


def test_a_failed_first_load_still_leaves_the_indexes(
    population: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> None:
        raise RuntimeError("panne simulée")

    monkeypatch.setattr(workers, "run_inline", broken)
    db = tmp_path / "store.db"
    with pytest.raises(RuntimeError):
        _run(population, tmp_path / "out", db, date(2026, 11, 1))
    assert _state(db)[0] == {name for name, _, _ in LOOKUP_INDEXES}


def test_an_interrupted_first_load_leaves_the_indexes_to_the_next_run(
    population: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C: no restore (a connection cut short may still hold SQLite's write lock, and the
    restore would wait 30 s for it); the next run builds them, as after a killed run."""

    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    db = tmp_path / "store.db"
    with monkeypatch.context() as patch:
        patch.setattr(workers, "run_inline", interrupted)
        with pytest.raises(KeyboardInterrupt):
            _run(population, tmp_path / "out", db, date(2026, 11, 1))
    assert not _state(db)[0] & {name for name, _, _ in LOOKUP_INDEXES}
    _run(population, tmp_path / "out", db, date(2026, 11, 1))
    assert _state(db)[0] == {name for name, _, _ in LOOKUP_INDEXES}
