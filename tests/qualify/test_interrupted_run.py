"""A run killed mid-way leaves the store consistent; the next run completes the work."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

SCRIPT = """
import sys
from datetime import date
from pathlib import Path
from insvigil import QualifyOptions, qualify
folder = Path(sys.argv[1])
qualify(QualifyOptions(
    residents=folder / "residents.csv", insi=(folder / "insi.jsonl",), out=Path(sys.argv[2]),
    db_url="sqlite:///" + sys.argv[3], today=date(2026, 11, 1), chunk_size=100,
    workers=int(sys.argv[4]),
))
"""


def saved_results(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute("select count(*) from results").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def run_then_kill(
    population: Path, tmp_path: Path, sig: int, workers: int
) -> tuple[Path, Path, int]:
    db, out = tmp_path / "db.sqlite", tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, str(population), str(out), str(db), str(workers)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while saved_results(db) < 300 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    if proc.poll() is not None:
        pytest.skip("the run finished before it could be interrupted")
    os.kill(proc.pid, sig)
    proc.wait(timeout=60)
    return db, out, proc.returncode


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["kill", "ctrl-c"])
def test_interrupted_run_then_rerun(
    population: Path, tmp_path: Path, sig: int, workers: int
) -> None:
    db, out, code = run_then_kill(population, tmp_path, sig, workers)
    if workers > 1:
        time.sleep(1.5)  # orphaned workers notice their parent is gone at their next chunk
    assert code != 0
    partial = saved_results(db)
    if workers == 1:
        assert partial % 100 == 0  # only whole chunks were committed
    assert not (out / "identites.csv").exists()  # outputs are published only at the end
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from records").fetchone()[0] == partial

    from datetime import date

    from insvigil import QualifyOptions, qualify

    summary = qualify(
        QualifyOptions(
            residents=population / "residents.csv",
            insi=(population / "insi.jsonl",),
            out=out,
            db_url=f"sqlite:///{db}",
            today=date(2026, 11, 1),
        )
    )
    with sqlite3.connect(db) as conn:
        records = conn.execute("select count(*) from records").fetchone()[0]
        keys = conn.execute("select count(distinct structure || '/' || local_id) from records")
        assert records == keys.fetchone()[0] == summary.dossiers
        assert conn.execute("select count(*) from results").fetchone()[0] == summary.dossiers
        states = [r[0] for r in conn.execute("select etat from runs order by id")]
        dupes = conn.execute(
            "select count(*) from (select record_id, response_key from insi_responses "
            "group by 1, 2 having count(*) > 1)"
        ).fetchone()[0]
    assert states == ["INTERROMPU", "TERMINE"]
    assert dupes == 0
    assert (out / "identites.csv").exists()
    assert not list(out.glob(".*.tmp"))


def test_ctrl_c_on_the_command_says_what_to_do(population: Path, tmp_path: Path) -> None:
    """The command stopped by Ctrl-C: exit 1 and one French line saying nothing is lost."""
    db = tmp_path / "db.sqlite"
    proc = subprocess.Popen(
        [
            *(sys.executable, "-m", "insvigil_cli", "qualify"),
            str(population / "residents.csv"),
            *("--insi", str(population / "insi.jsonl")),
            *("--out", str(tmp_path / "out"), "--db", f"sqlite:///{db}", "--sans-doublons"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while saved_results(db) == 0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    if proc.poll() is not None:
        pytest.skip("the run finished before it could be interrupted")
    os.kill(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    lines = err.strip().splitlines()
    assert lines == [
        "insvigil : traitement interrompu : la base reste cohérente et les fichiers de sortie "
        "précédents sont intacts ; relancer la même commande termine le travail sans rien doubler"
    ]
