"""Throughput of ``Store.save_chunk`` (a measuring script, not a test).

    .venv/bin/python tests/store/bench_save.py [--n 1000000] [--chunk 5000] [--db URL]

Builds synthetic chunks (made-up names and numbers, no real identity; half the records with an
INSi response, one in twenty with a discordance) and times only the ``save_chunk`` calls, for a
first run (all records new) and a second run (1 % changed, the rest unchanged). Default
database: a temporary SQLite file. The CPU time (all threads of this process, so not the
PostgreSQL server's) helps reading a run on a busy machine.
"""

from __future__ import annotations

import argparse
import hashlib
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from insvigil.findings import Finding, Gravite
from insvigil.model import Attribut, Discordance, RecordResult, Resident, Statut
from insvigil.store import ChunkItem, StoredInsi, open_store

_NOMS = ("MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "RICHARD", "PETIT", "DURAND")
_PRENOMS = ("MARIE", "JEAN", "PIERRE", "ANNE", "LOUIS", "CLAIRE", "PAUL", "JULIE")


def make_item(i: int, generation: int = 0) -> ChunkItem:
    structure = f"75000{i % 7:04d}"
    local_id = f"P{i:08d}"
    nom = _NOMS[i % len(_NOMS)]
    if generation and i % 100 == 0:
        nom = nom + "-" + _NOMS[(i + generation) % len(_NOMS)]
    prenoms = f"{_PRENOMS[i % 8]} {_PRENOMS[(i // 8) % 8]}"
    ddn = f"19{20 + i % 80:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}"
    resident = Resident(
        structure=structure,
        local_id=local_id,
        nom_naissance=nom,
        prenoms_naissance=prenoms,
        date_naissance=ddn,
        sexe="MF"[i % 2],
        lieu_naissance="75056",
        matricule_ins=f"{1 + i % 2}{i:014d}" if i % 2 else None,
        oid_ins="1.2.250.1.213.1.4.8" if i % 2 else None,
        attributs=frozenset({Attribut.DOUTEUSE}) if i % 50 == 0 else frozenset(),
        statut=Statut.RECUPEREE if i % 2 else None,
        ligne=i + 2,
    )
    content_hash = hashlib.sha256(repr(resident).encode()).hexdigest()
    discordances = (
        (Discordance("nom_naissance", nom, nom + "E", Gravite.BLOQUANTE, "DI01", "Nom différent."),)
        if i % 20 == 0
        else ()
    )
    result = RecordResult(
        structure=structure,
        local_id=local_id,
        statut=Statut.RECUPEREE if i % 2 else Statut.PROVISOIRE,
        attributs=resident.attributs,
        ins_utilisable=False,
        statut_declare=resident.statut,
        ecart_statut=None,
        regles=("ST01", "ST03") if i % 2 else ("ST01",),
        findings=(Finding("TR01", Gravite.INFO, "Nom normalisé.", trait="nom_naissance"),),
        discordances=discordances,
        insi_active=resident.matricule_ins,
        insi_oid=resident.oid_ins,
    )
    insi = (
        (
            StoredInsi(
                source="reponses.jsonl",
                date=datetime(2026, 10, 2, 10, 41),
                cr="00",
                operation="RECHERCHE_TRAITS",
                payload={
                    "ins": {"matricule": resident.matricule_ins, "oid": resident.oid_ins},
                    "traits": {"nom_naissance": nom, "prenoms_naissance": prenoms, "sexe": "F"},
                },
            ),
        )
        if i % 2
        else ()
    )
    return ChunkItem(resident, content_hash, result, insi)


def chunks(n: int, size: int, generation: int) -> Iterator[list[ChunkItem]]:
    for start in range(0, n, size):
        yield [make_item(i, generation) for i in range(start, min(n, start + size))]


def run_once(url: str, n: int, size: int, generation: int) -> tuple[float, float]:
    with open_store(url) as store:
        run_id = store.begin_run(
            input_name="bench.csv",
            input_sha256="0" * 64,
            rules_sha256="0" * 64,
            started_at=datetime.now(UTC),
        )
        spent = cpu = 0.0
        for chunk in chunks(n, size, generation):
            t0, c0 = time.perf_counter(), time.process_time()
            store.save_chunk(run_id, chunk)
            spent += time.perf_counter() - t0
            cpu += time.process_time() - c0
        store.finish_run(run_id, counts={"fiches": n}, finished_at=datetime.now(UTC))
        assert store.count_records() == n
        t0 = time.perf_counter()
        hashes = store.record_hashes()
        print(f"  record_hashes: {len(hashes)} in {time.perf_counter() - t0:.1f} s")
    return spent, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--chunk", type=int, default=5_000)
    parser.add_argument("--db", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'bench.db'}"
        for generation, label in ((0, "first run (all new)"), (1, "second run (1 % changed)")):
            spent, cpu = run_once(url, args.n, args.chunk, generation)
            print(
                f"{label}: {args.n} records in {spent:.1f} s = {args.n / spent:,.0f} records/s"
                f" (this process's CPU: {cpu:.1f} s)"
            )


if __name__ == "__main__":
    main()
