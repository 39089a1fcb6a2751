"""Issue 4 benchmark: ``qualify`` end to end on N synthetic records, SQLite (and PostgreSQL).

Usage: ``python -m bench.bench_qualify [N ...]`` (default 100000 1000000). Each size runs in a
fresh process (whole-process wall time and peak memory, as a user sees them) on an empty store
(a first load). Set ``INSVIGIL_BENCH_PG_URL`` to also run on PostgreSQL: each size then gets
its own fresh database ``insvigil_bench_<N>`` on that server (the server's own CPU is not in
the CPU figure, which counts this machine's insvigil processes only).
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.common import OUT, each_backend, population

CHILD = """
import sys, time, resource
from datetime import date
from pathlib import Path
from insvigil import QualifyOptions, qualify
folder, out, url = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
t0 = time.perf_counter()
s = qualify(QualifyOptions(residents=folder / "residents.csv",
            insi=(folder / "insi.jsonl", folder / "insi_xml"), out=out, db_url=url,
            today=date(2026, 11, 1), doublons=False))
wall = time.perf_counter() - t0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{s.dossiers} {wall:.2f} {rss:.0f}")
print("; ".join(f"{k} {v:.1f} s" for k, v in s.durees.items()))
"""


#: Issue 4's target: this many records end to end in this many seconds, on this machine.
TARGET_RECORDS = 1_000_000
TARGET_SECONDS = 60


def _int(value: float) -> str:
    """``1 234``: French thousands separator."""
    return f"{value:,.0f}".replace(",", " ")


def _fresh_database(url: str, name: str) -> str:
    """An empty PostgreSQL database ``name`` beside the one ``url`` names (each size is then a
    first load, as on SQLite); its URL."""
    from sqlalchemy import create_engine, make_url, text

    server = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with server.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        server.dispose()
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def one(n: int, url: str, label: str) -> None:
    folder = population(n)
    out = OUT / f"qualify-{n}-{label}"
    shutil.rmtree(out, ignore_errors=True)
    db = OUT / f"qualify-{n}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    target = _fresh_database(url, f"insvigil_bench_{n}") if url else f"sqlite:///{db}"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder), str(out), target],
        capture_output=True, text=True, check=False,
    )
    total = time.perf_counter() - started
    if done.returncode != 0:
        print(f"  {label} {n} : échec\n{done.stderr[-2000:]}")
        return
    figures, steps = done.stdout.splitlines()[-2:]
    dossiers, wall, rss = figures.split()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    child = after.ru_maxrss / 1024
    # The child's workers are reaped by the child, so their CPU is counted here too.
    user = after.ru_utime - before.ru_utime
    system = after.ru_stime - before.ru_stime
    rate = int(dossiers) / float(wall)
    peak = max(float(rss), child)
    line = (
        f"  {label:10s} {n:>9} dossiers : qualify {float(wall):6.1f} s, "
        f"processus {total:6.1f} s, {rate:,.0f} dossiers/s, mémoire max {peak:,.0f} Mio"
    )
    print(line.replace(",", " "))
    print(f"    étapes : {steps}")
    cores = os.cpu_count() or 1
    spent = user + system
    budget = TARGET_SECONDS * cores * 1e6 / TARGET_RECORDS
    print(
        f"    CPU : {user:.1f} s utilisateur + {system:.1f} s système ; "
        f"{_int(spent * 1e6 / int(dossiers))} µs par dossier, {100 * spent / total / cores:.0f} % "
        f"de {cores} cœurs occupés (cible {_int(TARGET_RECORDS)} dossiers en {TARGET_SECONDS} s : "
        f"au plus {_int(budget)} µs par dossier)"
    )


def main(sizes: list[int]) -> None:
    print("qualify de bout en bout (sans détection des doublons) :")
    each_backend(sizes, one)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100_000, 1_000_000])
