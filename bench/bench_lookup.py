"""Admission-lookup benchmark: latency of ``lookup`` at N records, SQLite (and PostgreSQL).

Usage: ``python -m bench.bench_lookup [--cli] [N ...]`` (default 100000 1000000; ``--cli``:
the command-line timing alone). Set ``INSVIGIL_BENCH_PG_URL`` to also run on PostgreSQL (in a
schema ``bench_lookup_N`` of that database, dropped and rebuilt at each run).

For each size: the store is built from the synthetic population (``bench/out/synth-N-…``) by
bulk inserts of records, results, lookup keys (:func:`insvigil.lookup.index_keys`, as qualify
computes them) and open DOUBLON queue items from the ground truth — not by running qualify;
the SQLite file is kept in ``bench/out/lookup-N.db`` and reused while the population is
the same (``lookup-N.db.source``). Then a few thousand front-desk
queries, typed with the variants the desk makes (case and accents, used name, another first
name, a typing error, day and month swapped, a year alone, no date, a matricule alone), are
timed inside the library (query parsing, candidate SQL, ranking, warnings), after a warm-up:
p50/p95/p99 overall and per variant, with how often the typed record comes first / in the top
10. Last, the whole command-line call (``insvigil lookup …`` in a new interpreter, start-up
included) is timed on SQLite: median and p95 over typed variants, then over one query repeated
(the start-up alone), and whether the command imported SQLAlchemy. No assertion: figures only.
"""

from __future__ import annotations

import csv
import os
import random
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.common import OUT, population
from bench.lookup_build import build, pg_schema

QUERIES = 3_000
WARMUP = 200
CLI_CALLS = 20
#: The console script ``insvigil``, run as a user runs it (a new interpreter each call).
CLI = [sys.executable, "-c", "import sys; from insvigil_cli.main import main; sys.exit(main())"]
SEED = 20261124
TODAY_TEXT = "2026-11-01"


@dataclass(frozen=True)
class Row:
    """What the benchmark keeps of one resident (enough to type variants of it)."""

    structure: str
    local_id: str
    nom: str
    prenoms: str
    premier: str | None
    ddn: str  # ISO
    sexe: str
    lieu: str | None
    nom_utilise: str | None
    prenom_utilise: str | None
    matricule: str | None
    attributs: str
    statut: str


def read_rows(folder: Path) -> Iterator[Row]:
    """The residents file's rows with a readable date, each (structure, local_id) once."""
    from insvigil.errors import InvalidValue
    from insvigil.traits import date as dates

    seen: set[tuple[str, str]] = set()
    with (folder / "residents.csv").open(encoding="utf-8-sig", newline="") as handle:
        for raw in csv.DictReader(handle, delimiter=";"):
            key = (raw["structure"], raw["local_id"])
            if key in seen or not raw["nom_naissance"] or not raw["prenoms_naissance"]:
                continue
            try:
                iso = dates.normalize(raw["date_naissance"])
            except InvalidValue:
                continue
            seen.add(key)
            yield Row(
                structure=raw["structure"],
                local_id=raw["local_id"],
                nom=raw["nom_naissance"],
                prenoms=raw["prenoms_naissance"],
                premier=raw["premier_prenom"] or None,
                ddn=iso,
                sexe=raw["sexe"].strip().upper() or "I",
                lieu=raw["lieu_naissance"] or None,
                nom_utilise=raw["nom_utilise"] or None,
                prenom_utilise=raw["prenom_utilise"] or None,
                matricule=raw["matricule_ins"].replace(" ", "") or None,
                attributs=raw["attributs"].strip().upper(),
                statut=raw["statut"].strip().upper() or "PROVISOIRE",
            )


def _typo(rng: random.Random, name: str) -> str:
    letters = list(name)
    spots = [i for i in range(len(letters) - 1) if (letters[i] + letters[i + 1]).isalpha()]
    if not spots:
        return name
    i = rng.choice(spots)
    if rng.random() < 0.5:
        letters[i], letters[i + 1] = letters[i + 1], letters[i]
    else:
        letters[i] = rng.choice("AEIOURSTNL")
    return "".join(letters)


def _fr(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"


def make_query(rng: random.Random, r: Row) -> tuple[str, dict[str, str]]:
    """(variant, typed fields) for record ``r``."""
    prenoms = r.prenoms.split()
    first = (r.premier or prenoms[0]).split()[0]
    base = {"nom": r.nom, "prenom": first, "ddn": _fr(r.ddn), "sexe": r.sexe}
    y, m, d = r.ddn.split("-")
    roll = rng.random()
    if roll < 0.30:
        return "exacte", base
    if roll < 0.40:
        return "casse", {**base, "nom": r.nom.lower(), "prenom": first.lower(), "ddn": r.ddn}
    if roll < 0.48 and r.nom_utilise:
        return "nom utilisé", {**base, "nom": r.nom_utilise}
    if roll < 0.56 and len(prenoms) > 1:
        return "autre prénom", {**base, "prenom": prenoms[-1]}
    if roll < 0.66:
        return "faute de frappe", {**base, "nom": _typo(rng, r.nom)}
    if roll < 0.74 and m != "00" and d != "00" and int(d) <= 12 and d != m:
        return "jour/mois inversés", {**base, "ddn": f"{m}/{d}/{y}"}
    if roll < 0.84:
        return "année seule", {**base, "ddn": y}
    if roll < 0.92:
        return "sans date", {"nom": r.nom, "prenom": first}
    if r.matricule and len(r.matricule) == 15:
        return "matricule", {"ins": r.matricule}
    return "nom seul", {"nom": r.nom}


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def timing(url: str, rows: list[Row], label: str) -> None:
    from insvigil.errors import InvalidValue
    from insvigil.lookup import parse_query
    from insvigil.store import open_store
    from insvigil.store.lookup_store import search_detailed

    rng = random.Random(SEED)
    sample = rng.sample(rows, min(len(rows), QUERIES + WARMUP))
    times: dict[str, list[float]] = defaultdict(list)
    first = top = total = 0
    with open_store(url) as store:
        for n, r in enumerate(sample):
            variant, fields = make_query(rng, r)
            started = time.perf_counter()
            try:
                query = parse_query(
                    fields.get("nom"),
                    fields.get("prenom"),
                    fields.get("ddn"),
                    fields.get("sexe"),
                    fields.get("ins"),
                )
                found = search_detailed(store, query, 10)
            except InvalidValue:  # a value the front desk could not have typed as such
                continue
            elapsed = (time.perf_counter() - started) * 1000
            if n < WARMUP:
                continue
            times[variant].append(elapsed)
            keys = [(c.structure, c.local_id) for c in found.candidats]
            total += 1
            first += bool(keys) and keys[0] == (r.structure, r.local_id)
            top += (r.structure, r.local_id) in keys
    every = [t for values in times.values() for t in values]
    line = (
        f"  {label:10s} {len(rows):>9,} dossiers, {len(every)} requêtes : "
        f"p50 {_pct(every, 0.5):5.1f} ms, p95 {_pct(every, 0.95):5.1f} ms, "
        f"p99 {_pct(every, 0.99):5.1f} ms, moyenne {statistics.fmean(every):5.1f} ms ; "
        f"dossier saisi en tête {100 * first / total:.1f} %, dans les 10 {100 * top / total:.1f} %"
    )
    print(line.replace(",", " "))
    for variant, values in sorted(times.items()):
        print(
            f"      {variant:20s} {len(values):5d} : p50 {_pct(values, 0.5):5.1f} ms, "
            f"p95 {_pct(values, 0.95):5.1f} ms, p99 {_pct(values, 0.99):5.1f} ms"
        )


def cli_timing(url: str, rows: list[Row]) -> None:
    """Wall time of the whole command (new process, imports, store opening, search, output):
    :data:`CLI_CALLS` typed variants, then the start-up alone (one name, :data:`CLI_CALLS`
    times), each after one call that is not counted (disk cache)."""
    from insvigil.errors import InvalidValue
    from insvigil.lookup import parse_query

    rng = random.Random(SEED + 1)
    queries: list[dict[str, str]] = []
    while len(queries) < CLI_CALLS:
        _, fields = make_query(rng, rng.choice(rows))
        try:  # only what a front desk could type (some synthetic names carry defects)
            parse_query(*(fields.get(k) for k in ("nom", "prenom", "ddn", "sexe", "ins")))
        except InvalidValue:
            continue
        queries.append(fields)
    same = [{"nom": queries[0].get("nom") or rows[0].nom}] * CLI_CALLS
    for label, batch in (("saisies variées", queries), ("même saisie (démarrage)", same)):
        walls = _cli_walls(url, [batch[0], *batch])
        if walls is None:
            return
        del walls[0]  # warm-up
        print(
            f"  ligne de commande (démarrage compris), {label}, {len(walls)} appels : "
            f"médiane {statistics.median(walls):.0f} ms, p95 {_pct(walls, 0.95):.0f} ms, "
            f"max {max(walls):.0f} ms"
        )
    loaded = _cli_loads_sqlalchemy(url, same[0])
    if loaded is not None:
        print(f"  ligne de commande : SQLAlchemy importé {'oui' if loaded else 'non'}")


def _cli_args(url: str, fields: dict[str, str]) -> list[str]:
    args = ["lookup", "--db", url]
    for name, value in fields.items():
        args += [f"--{name}", value]
    return args


def _cli_walls(url: str, queries: list[dict[str, str]]) -> list[float] | None:
    """Wall time (ms) of one ``insvigil lookup`` process per query; None (said) on a failure."""
    walls: list[float] = []
    for fields in queries:
        started = time.perf_counter()
        done = subprocess.run(
            [*CLI, *_cli_args(url, fields)], capture_output=True, text=True, check=False
        )
        walls.append((time.perf_counter() - started) * 1000)
        if done.returncode != 0 or not done.stdout.strip():
            print(f"  ligne de commande : échec ({done.returncode}) {done.stderr.strip()[:200]}")
            return None
    return walls


def _cli_loads_sqlalchemy(url: str, fields: dict[str, str]) -> bool | None:
    """Whether the command imported SQLAlchemy (a SQLite store at the newest schema is read
    with ``sqlite3`` alone); None when it failed."""
    probe = (
        "import sys; from insvigil_cli.main import cli; "
        "cli.main(sys.argv[1:], standalone_mode=False); "
        "print('sqlalchemy' in sys.modules, file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *_cli_args(url, fields)],
        capture_output=True,
        text=True,
        check=False,
    )
    answer = done.stderr.strip().splitlines()[-1:] if done.returncode == 0 else []
    return None if not answer else answer[0] == "True"


def main(sizes: list[int], cli_only: bool = False) -> None:
    print("recherche d'identité à l'accueil (lookup) :")
    pg = os.environ.get("INSVIGIL_BENCH_PG_URL", "")
    for n in sizes:
        folder = population(n)
        rows = list(read_rows(folder))
        db = OUT / f"lookup-{n}.db"
        url = f"sqlite:///{db}"
        residents = (folder / "residents.csv").stat()
        source = Path(f"{db}.source")  # which population the store was built from
        stamp = f"{residents.st_size} {residents.st_mtime_ns}"
        if not db.exists() or not source.exists() or source.read_text() != stamp:
            # Absent, or built from another population (the typed queries would then look
            # for records the store does not hold: 0.3 % found first instead of 95 %).
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
            build(url, rows, folder)
            source.write_text(stamp)
        if not cli_only:
            timing(url, rows, "SQLite")
        cli_timing(url, rows)
        if pg and not cli_only:
            pg_url = pg_schema(pg, f"bench_lookup_{n}")
            build(pg_url, rows, folder)
            timing(pg_url, rows, "PostgreSQL")


if __name__ == "__main__":
    only = "--cli" in sys.argv[1:]  # the command line alone (no in-library timing)
    main([int(a) for a in sys.argv[1:] if a != "--cli"] or [100_000, 1_000_000], only)
