"""Issue 3 benchmark: normalise and check N synthetic records on one core.

Per record: birth name, first-name list and first first name (forme INS, conformity), birth
date, sex, birthplace code valid at the birth date (COG), matricule (format, key), matricule
coherence with sex, date and place (MI04). Repeated values are cached by the modules, as in
real files where names repeat; the GC is tuned as in a qualify run.
Usage: ``python -m bench.bench_core [N]`` (default 1,000,000).
"""

from __future__ import annotations

import csv
import gc
import os
import sys
import time

from bench.common import peak_rss_mib, population


def main(n: int) -> None:
    from insvigil.errors import InvalidValue
    from insvigil.identifiers import coherence, matricule
    from insvigil.reference.cog import load
    from insvigil.traits import date as birth_date
    from insvigil.traits import lieu, nom, prenoms, sexe

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    folder = population(n)
    with (folder / "residents.csv").open(encoding="utf-8", newline="") as handle:
        rows = [
            (r["nom_naissance"], r["prenoms_naissance"], r["premier_prenom"],
             r["date_naissance"], r["sexe"], r["lieu_naissance"], r["matricule_ins"])
            for r in csv.DictReader(handle, delimiter=";")
        ][:n]
    cog = load()
    # As in a qualify run: long-lived caches are not rescanned by the cyclic collector.
    gc.collect()
    gc.freeze()
    gc.set_threshold(200_000, 50, 1000)
    print(f"Cœur (traits + matricule + cohérence) sur {len(rows)} dossiers, un cœur :")
    started = time.perf_counter()
    cpu0 = time.process_time()
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
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu0
    print(f"  {len(rows)} dossiers en {wall:.2f} s (CPU {cpu:.2f} s) : "
          f"{len(rows) / wall:,.0f} dossiers/s ; conformes : {conformes}".replace(",", " "))
    print(f"  mémoire maximale : {peak_rss_mib():.0f} Mio")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
