"""Issue 3 benchmark: normalise and check N synthetic records on one core.

Per record: birth name, first-name list and first first name (forme INS, conformity), birth
date, sex, birthplace code valid at the birth date (COG), matricule (format, key), matricule
coherence with sex, date and place (MI04). Repeated values are cached by the modules, as in
real files where names repeat; the GC is tuned as in a qualify run.
Usage: ``python -m bench.bench_core [N] [--un-par-un]`` (default 1,000,000); ``--un-par-un``
also times the per-trait functions record by record, after the batch (so with warm caches).
"""

from __future__ import annotations

import csv
import gc
import os
import sys
import time

from bench.common import peak_rss_mib, population


def _one_by_one(rows: list[tuple[str, ...]]) -> int:
    """The same checks through the per-trait functions, record by record (for comparison)."""
    from insvigil.errors import InvalidValue
    from insvigil.identifiers import coherence, matricule
    from insvigil.reference.cog import load
    from insvigil.traits import date as birth_date
    from insvigil.traits import lieu, nom, prenoms, sexe

    cog = load()
    conformes = 0
    for name, first_names, first, ddn, sex, place, number in rows:
        ok = nom.normalize(name).conforme
        ok &= prenoms.normalize(first_names).conforme
        prenoms.premier(first_names, first or None)
        try:
            born = birth_date.parse(ddn)
            sex_value = sexe.validate(sex)
        except InvalidValue:
            continue
        span = (born.earliest(), born.latest())
        place_value = lieu.normalize(place) if place else None
        if place_value:
            ok &= lieu.check(place_value, span[0], span[1], cog).conforme
        if number:
            try:
                canonical = matricule.validate(number)
            except InvalidValue:
                ok = False
            else:
                ok &= not any(
                    f.bloquante
                    for f in coherence.check(
                        canonical, sexe=sex_value, naissance=span, lieu=place_value, cog=cog
                    )
                )
        conformes += ok
    return conformes


def main(n: int) -> None:
    from insvigil import check_columns
    from insvigil.qualify.run import GC_THRESHOLDS
    from insvigil.reference.cog import load

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    folder = population(n)
    names = ("nom_naissance", "prenoms_naissance", "premier_prenom", "date_naissance", "sexe",
             "lieu_naissance", "matricule_ins")  # fmt: skip
    with (folder / "residents.csv").open(encoding="utf-8", newline="") as handle:
        rows = [tuple(r[k] for k in names) for r in csv.DictReader(handle, delimiter=";")][:n]
    load()
    # As in a qualify run: long-lived caches are not rescanned by the cyclic collector.
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    print(f"Cœur (traits + matricule + cohérence) sur {len(rows)} dossiers, un cœur :")
    columns = [list(column) for column in zip(*rows, strict=True)]
    started = time.perf_counter()
    cpu0 = time.process_time()
    batch = check_columns(
        nom=columns[0], prenoms=columns[1], premier=columns[2], naissance=columns[3],
        sexe=columns[4], lieu=columns[5], matricule=columns[6],
    )  # fmt: skip
    conformes = sum(batch.conformes())
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu0
    print(
        f"  par colonnes (insvigil.checks) : {len(rows)} dossiers en {wall:.2f} s "
        f"(CPU {cpu:.2f} s) : {len(rows) / wall:,.0f} dossiers/s ; "
        f"conformes : {conformes}".replace(",", " ")
    )
    del batch
    if "--un-par-un" in sys.argv:
        started = time.perf_counter()
        conformes = _one_by_one(rows)
        wall = time.perf_counter() - started
        print(
            f"  un par un (caches déjà chauds) : {len(rows) / wall:,.0f} dossiers/s ; "
            f"conformes : {conformes}".replace(",", " ")
        )
    print(f"  mémoire maximale : {peak_rss_mib():.0f} Mio")


if __name__ == "__main__":
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    main(int(numbers[0]) if numbers else 1_000_000)
