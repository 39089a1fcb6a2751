"""Two workers give exactly the outputs of one (file order restored), and the same store."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from insvigil import QualifyOptions, qualify
from insvigil.qualify import parts

#: INSi lines that are problems (some with a record key, some without) or match no record.
_ODD = [
    "{oops",
    '{"structure": "750000001", "local_id": "A9", "operation": "INCONNUE", "date": "2026-10-02",'
    ' "cr": "01"}',
    '{"structure": "999999999", "local_id": "ORPHELIN", "operation": "VERIFICATION", '
    '"date": "2026-10-02T10:41:00", "cr": "01"}',
    '{"local_id": "SANS-STRUCTURE"}',
]


def _insi_with_problems(population: Path, folder: Path) -> Path:
    """The population's responses with problems spread among them, for both shards."""
    lines = (population / "insi.jsonl").read_text(encoding="utf-8").splitlines()
    for at in range(len(lines), 0, -97):
        lines.insert(at, _ODD[at % len(_ODD)])
    path = folder / "insi.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_two_workers_equal_one(
    population: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parts.Parts, "FLUSH_EVERY", 7)  # part lines written in many batches
    insi = _insi_with_problems(population, tmp_path)
    summaries = {}
    for workers in (1, 2):
        summaries[workers] = qualify(
            QualifyOptions(
                residents=population / "residents.csv",
                insi=(insi, population / "insi_xml"),
                out=tmp_path / f"out{workers}",
                db_url=f"sqlite:///{tmp_path}/db{workers}",
                today=date(2026, 11, 1),
                workers=workers,
                chunk_size=250,
            )
        )
    for name in ("identites", "discordances", "doublons", "rejets", "taux"):
        one = (tmp_path / "out1" / f"{name}.csv").read_bytes()
        two = (tmp_path / "out2" / f"{name}.csv").read_bytes()
        assert one == two, name
    assert summaries[1].dossiers == summaries[2].dossiers
    assert summaries[1].rejets == summaries[2].rejets
    assert summaries[1].insi == summaries[2].insi
    assert summaries[1].insi_orphelines == summaries[2].insi_orphelines > 0
    assert sum(n for code, n in summaries[2].insi.items() if code != "reponses") > 20
    counts = []
    for workers in (1, 2):
        with sqlite3.connect(tmp_path / f"db{workers}") as conn:
            counts.append(
                [
                    conn.execute(f"select count(*) from {t}").fetchone()[0]
                    for t in ("records", "results", "insi_payloads", "insi_responses")
                ]
            )
    assert counts[0] == counts[1]
    assert not list((tmp_path / "out2").glob(".insvigil-parts-*"))
