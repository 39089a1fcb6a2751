"""Two workers give exactly the outputs of one (file order restored), and the same store."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from insvigil import QualifyOptions, qualify


def test_two_workers_equal_one(population: Path, tmp_path: Path) -> None:
    summaries = {}
    for workers in (1, 2):
        summaries[workers] = qualify(
            QualifyOptions(
                residents=population / "residents.csv",
                insi=(population / "insi.jsonl", population / "insi_xml"),
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
    counts = []
    for workers in (1, 2):
        with sqlite3.connect(tmp_path / f"db{workers}") as conn:
            counts.append(
                [
                    conn.execute(f"select count(*) from {t}").fetchone()[0]
                    for t in ("records", "results", "discordances", "insi_responses")
                ]
            )
    assert counts[0] == counts[1]
    assert not list((tmp_path / "out2").glob(".insvigil-parts-*"))
