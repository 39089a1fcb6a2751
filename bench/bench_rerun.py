"""Issue 17 benchmark: what a re-run of ``qualify`` costs against a first run, and the store's
size per record.

Usage: ``python -m bench.bench_rerun [N ...]`` (default 100000 1000000). For each size, on the
same synthetic population (``synth``, with INSi responses, duplicate detection on), each run in
a fresh process, printed side by side:

1. a first run into an empty store;
2. the same files again, unchanged;
3. the files with 1 % of the rows edited (a letter added to the birth name) and 0.5 % new rows;

then the store's bytes per record. Set ``INSVIGIL_BENCH_PG_URL`` to also run on PostgreSQL (a
fresh database per size; its size read with ``pg_database_size``). Issue 17's targets, on this
2-core machine: unchanged re-run ≤ 10 % of the first run and ≤ 20 s at 1M; re-run with 1.5 %
changes ≤ 25 % of the first run; store ≤ 1,000 bytes a record. A same-run yardstick is printed.
"""

from __future__ import annotations

import csv
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.bench_qualify import _fresh_database
from bench.common import OUT, each_backend, population, yardstick

CHILD = """
import sys, time
from datetime import date
from pathlib import Path
from insvigil import QualifyOptions, qualify
residents, insi, out, url = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
t0 = time.perf_counter()
s = qualify(QualifyOptions(residents=residents, insi=(insi,), out=out, db_url=url,
            today=date(2026, 11, 1)))
print(s.dossiers, f"{time.perf_counter() - t0:.2f}", s.reevalues, s.repris,
      int(s.paires_reprises))
"""


def edited(source: Path, target: Path, seed: int = 17) -> tuple[int, int]:
    """``source`` with 1 % of its rows' birth names changed and 0.5 % new rows (copies of
    existing rows under new local ids); how many edited and added."""
    rng = random.Random(seed)
    with source.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f, delimiter=";")
        header = next(reader)
        rows = list(reader)
    name, local = header.index("nom_naissance"), header.index("local_id")
    chosen = rng.sample(range(len(rows)), len(rows) // 100)
    for i in chosen:
        rows[i][name] = rows[i][name] + "E"
    added = [list(rows[i]) for i in rng.sample(range(len(rows)), len(rows) // 200)]
    for k, row in enumerate(added):
        row[local] = f"NOUVEAU-{k:07d}"
    with target.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows + added)
    return len(chosen), len(added)


def run(residents: Path, insi: Path, out: Path, url: str) -> tuple[int, float, float]:
    """One qualify in a fresh process: (records, qualify's own seconds, the process's); prints
    how many records it evaluated again and kept, and whether it searched the pairs again."""
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(residents), str(insi), str(out), url],
        capture_output=True,
        text=True,
        check=False,
    )
    total = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"qualify a échoué :\n{done.stderr[-2000:]}")
    records, wall, again, kept, pairs_kept = done.stdout.split()
    searched = "paires reprises" if pairs_kept == "1" else "paires recherchées"
    print(f"      ({again} réévalués, {kept} repris ; {searched})")
    return int(records), float(wall), total


def store_bytes(url: str, db: Path) -> int:
    if url.startswith("sqlite"):
        import sqlite3

        with sqlite3.connect(db) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return sum(
            Path(f"{db}{s}").stat().st_size for s in ("", "-wal") if Path(f"{db}{s}").exists()
        )
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        size = int(conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one())
    engine.dispose()
    return size


def one(n: int, pg: str, label: str) -> None:
    folder = population(n)
    work = OUT / f"rerun-{n}-{label}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    db = work / "store.db"
    url = _fresh_database(pg, f"insvigil_rerun_{n}") if pg else f"sqlite:///{db}"
    changed = work / "residents-modifie.csv"
    n_edit, n_new = edited(folder / "residents.csv", changed)
    insi = folder / "insi.jsonl"
    print(f"  {label}, {n} dossiers (étalon {yardstick():.0f} ms) :")
    records, first, first_total = run(folder / "residents.csv", insi, work / "out1", url)
    print(f"    premier traitement      : {first:7.1f} s (processus {first_total:.1f} s)")
    _, same, same_total = run(folder / "residents.csv", insi, work / "out2", url)
    print(
        f"    relance à l'identique   : {same:7.1f} s (processus {same_total:.1f} s) — "
        f"{100 * same / first:.0f} % du premier (cible ≤ 10 %)"
    )
    _, moved, moved_total = run(changed, insi, work / "out3", url)
    print(
        f"    relance, {n_edit} modifiés et {n_new} nouveaux : {moved:7.1f} s (processus "
        f"{moved_total:.1f} s) — {100 * moved / first:.0f} % du premier (cible ≤ 25 %)"
    )
    size = store_bytes(url, db)
    per_record = f"{size / records:,.0f}".replace(",", "\u202f")
    print(
        f"    base : {size / 1e6:.0f} Mo, {per_record} octets par dossier (cible ≤ 1 000) ; "
        f"étalon {yardstick():.0f} ms"
    )


def main(sizes: list[int]) -> None:
    print("Relances de qualify (avec réponses INSi et détection des doublons) :")
    each_backend(sizes, one)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100_000, 1_000_000])
