"""Issue 5 benchmark: duplicates and collisions, insvigil against Splink, on the same files.

Usage: ``python -m bench.bench_duplicates [N ...] [--no-splink] [--calibrate]`` (default
10000 100000 1000000). For each size the synthetic population ``bench/out/synth-N-20261124/``
is made (or reused), then each tool runs in a fresh process (wall time and peak memory as a
user sees them) and is scored against ``verite_paires.csv``:

* **insvigil**: reads ``residents.csv`` and the INSi responses (contract §1-2), prepares the
  records (:func:`insvigil.matching.prepare`, INSi active matricule as the engine reads it) and
  runs :func:`insvigil.matching.find_pairs` on 2 workers; the INSi responses are also checked
  for another person's traits (:func:`insvigil.matching.insi_collisions`).
* **Splink** (DuckDB backend): reads a flat CSV of the same records, normalised by insvigil
  (forme INS clés, ISO dates, canonical matricule: Splink gets the same evidence, cleaned),
  with blocking rules mirroring insvigil's keys (without its "near pairs" filter), comparisons
  on birth name (exact, Jaro-Winkler, term frequencies), first names, first first name, birth
  date (Damerau-Levenshtein on the ISO text, so a swap or a slip is a level), birthplace, sex
  and matricule (exact), the prior from exact name + first names + date agreement (recall
  0.7), ``u`` by random sampling (5 million pairs), ``m`` by EM over three training blocks
  (name and date, first first name and date, name and year), and a match threshold of 0.90
  (insvigil's ``seuil_probable``). Splink has no notion of
  collision: its collision column says n/a.

Precision, recall and F1 are over DOUBLON pairs at the probable threshold (0.90); "faux
homonymes" counts twin, homonym and parent-child pairs typed DOUBLON at that threshold (and, for
insvigil, at the review threshold 0.60). Collision recall: the share of true collisions found
as such (pair or record), and the share whose record was flagged at all. Peak memory is the
proportional set size (shared pages counted once) of the process and its workers, sampled.
``--calibrate`` prints, for each comparison level, ``m`` over the true duplicate pairs and ``u``
over random pairs (the source of :mod:`insvigil.matching.scoring`'s weights).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from bench.common import population

THRESHOLD = 0.90
HARD = ("JUMEAUX", "HOMONYMES", "PARENT_ENFANT")


# -- shared by both children -------------------------------------------------------------------


class PeakMemory:
    """Samples the proportional set size of this process and its children (MiB)."""

    def __init__(self, every: float = 0.25) -> None:
        self.peak = 0.0
        self.split = (0.0, 0.0)  # (this process, its children) at the peak
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(every,), daemon=True)
        self._thread.start()

    @staticmethod
    def _pss(pid: int) -> float:
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            pass
        return 0.0

    def _children(self, pid: int) -> list[int]:
        try:
            with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as handle:
                return [int(x) for x in handle.read().split()]
        except OSError:
            return []

    def sample(self) -> None:
        me = os.getpid()
        own = self._pss(me)
        children = sum(self._pss(c) for c in self._children(me))
        if own + children > self.peak:
            self.peak, self.split = own + children, (own, children)

    def _run(self, every: float) -> None:
        while not self._stop.wait(every):
            self.sample()

    def stop(self) -> float:
        self.sample()
        self._stop.set()
        self._thread.join()
        return self.peak


def read_truth(folder: Path) -> dict[tuple[tuple[str, str], tuple[str, str]], str]:
    truth = {}
    for line in (folder / "verite_paires.csv").read_text(encoding="utf-8").splitlines()[1:]:
        sa, la, sb, lb, kind = line.split(";")
        a, b = (sa, la), (sb, lb)
        if b != ("", "") and b < a:
            a, b = b, a
        truth[(a, b)] = kind
    return truth


def scores(
    found: dict[tuple[tuple[str, str], tuple[str, str]], float],
    truth: dict[tuple[tuple[str, str], tuple[str, str]], str],
    keys: set[tuple[str, str]],
    threshold: float,
) -> dict[str, Any]:
    """Precision, recall, F1 over DOUBLON pairs at ``threshold``, and false hard negatives."""
    true = {k for k, v in truth.items() if v == "DOUBLON" and k[0] in keys and k[1] in keys}
    predicted = {k for k, s in found.items() if s >= threshold}
    right = len(predicted & true)
    p = right / len(predicted) if predicted else 0.0
    r = right / len(true) if true else 0.0
    hard = {kind: sum(1 for k in predicted if truth.get(k) == kind) for kind in HARD}
    return {"predits": len(predicted), "vrais": len(true), "precision": p, "rappel": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0, "faux_homonymes": hard}  # fmt: skip


# -- insvigil child ------------------------------------------------------------------------------


def load(folder: Path) -> tuple[list[Any], list[Any], float, float]:
    """Read and prepare: (records, INSi record-level collisions, read seconds, prepare seconds)."""
    from datetime import date

    from insvigil.engine import insi_side
    from insvigil.insi import InsiResponse, read_insi
    from insvigil.io.residents_csv import open_residents
    from insvigil.io.schema import RawRow
    from insvigil.matching import insi_collisions, prepare
    from insvigil.model import Attribut, RecordResult, Statut
    from insvigil.qualify.parse import parse_row

    today = date(2026, 11, 1)
    started = time.perf_counter()
    by_key: dict[tuple[str, str], list[InsiResponse]] = {}
    for path in (folder / "insi.jsonl", folder / "insi_xml"):
        for item in read_insi(path):
            if isinstance(item, InsiResponse):
                by_key.setdefault((item.structure, item.local_id), []).append(item)
    read = time.perf_counter() - started
    prepared = 0.0
    records, collisions = [], []
    blocked = {Attribut.DOUTEUSE, Attribut.FICTIVE}
    for row in open_residents(folder / "residents.csv").rows():  # streamed, as qualify does
        tick = time.perf_counter()
        resident = parse_row(row, today) if isinstance(row, RawRow) else []
        if isinstance(resident, list):
            read += time.perf_counter() - tick
            continue
        responses = by_key.pop(resident.key, None)
        tock = time.perf_counter()
        read += tock - tick
        result = None
        if responses and not blocked & resident.attributs:
            latest = insi_side.order(responses)[-1]  # the deciding response, as the engine
            if latest.cr == "00" and latest.actif is not None:
                result = RecordResult(resident.structure, resident.local_id, Statut.RECUPEREE,
                                      resident.attributs, False, None, None, (),
                                      insi_active=latest.actif.matricule,
                                      insi_oid=latest.actif.oid)  # fmt: skip
        record = prepare(resident, result, str(resident.ligne))
        records.append(record)
        if responses:
            found = insi_collisions(resident, result, responses, local=record)
            if found is not None:
                collisions.append(found)
        prepared += time.perf_counter() - tock
    return records, collisions, read, prepared


def child_insvigil(folder: Path) -> dict[str, Any]:
    import gc

    from insvigil.matching import find_pairs
    from insvigil.policy import load_policy

    memory = PeakMemory()
    gc.disable()  # as a qualify run: millions of long-lived objects, no cycles
    records, insi_rows, read, prepared = load(folder)
    policy = load_policy().doublons
    started = time.perf_counter()
    report = find_pairs(records, policy, workers=2)
    matching = time.perf_counter() - started
    peak = memory.stop()
    truth = read_truth(folder)
    keys = {r.key for r in records}
    dup = {((p.structure_a, p.local_id_a), (p.structure_b, p.local_id_b)): p.score
           for p in report.pairs if p.type.value == "DOUBLON"}  # fmt: skip
    rows = [p for p in report.pairs if p.type.value == "COLLISION"] + insi_rows
    found = {((p.structure_a, p.local_id_a), (p.structure_b, p.local_id_b)) for p in rows}
    flagged = {k for pair in found for k in pair if k != ("", "")}
    true_col = [k for k, v in truth.items() if v == "COLLISION"]
    return {
        "outil": "insvigil",
        "lecture_s": read,
        "preparation_s": prepared,
        "appariement_s": matching,
        "total_s": read + prepared + matching,
        "memoire_mio": peak,
        "memoire_detail_mio": memory.split,
        "comparaisons": report.comparisons,
        "blocs": report.blocks,
        "blocs_geants": report.giant_blocks,
        "probable": scores(dup, truth, keys, policy.seuil_probable),
        "revue": scores(dup, truth, keys, policy.seuil_revue),
        "collisions": {
            "vraies": len(true_col),
            "trouvees": sum(1 for k in true_col if k in found),
            "dossier_signale": sum(1 for a, b in true_col if a in flagged or b in flagged),
            "lignes": len(rows),
        },
    }


# -- flat file for Splink ----------------------------------------------------------------------

FLAT_COLUMNS = ("unique_id", "structure", "local_id", "nom", "nom_utilise", "prenoms", "premier",
                "prenom1", "ddn", "ddn_inversee", "annee", "mois", "jour", "sexe", "lieu",
                "matricule")  # fmt: skip


def write_flat(folder: Path) -> Path:
    """The records as insvigil normalised them, one CSV row each (for Splink)."""
    flat = folder / "matching_flat.csv"
    if flat.exists():
        return flat
    records, _, _, _ = load(folder)
    tmp = flat.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(",".join(FLAT_COLUMNS) + "\n")
        for i, r in enumerate(records):
            d = r.naissance
            swapped = d.swapped()
            values = (str(i), r.structure, r.local_id, r.nom_cle, r.nom_utilise_cle,
                      r.prenoms_cle, r.premier, r.prenom1, r.ddn,
                      swapped.iso() if swapped else "", str(d.year), f"{d.month:02d}",
                      f"{d.day:02d}", r.sexe, r.lieu, r.matricule)  # fmt: skip
            handle.write(",".join(v.replace(",", " ") for v in values) + "\n")
    tmp.replace(flat)
    return flat


# -- Splink child --------------------------------------------------------------------------------


def splink_settings() -> Any:
    """Splink's model: blocking rules as insvigil's keys, comparisons on the same traits."""
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    blocking = [
        block_on("matricule"),
        block_on("nom", "ddn"),
        "l.nom = r.nom_utilise and l.ddn = r.ddn",
        "l.nom_utilise = r.nom and l.ddn = r.ddn",
        block_on("prenom1", "ddn"),
        block_on("ddn"),
        "l.ddn = r.ddn_inversee",
        block_on("nom", "annee"),
        block_on("prenom1", "annee", "mois"),
        block_on("prenom1", "annee", "jour"),
        block_on("prenom1", "mois", "jour"),
    ]
    return SettingsCreator(
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=blocking,
        comparisons=[
            cl.NameComparison("nom").configure(term_frequency_adjustments=True),
            cl.JaroWinklerAtThresholds("prenoms", [0.92, 0.80]),
            cl.NameComparison("premier"),
            cl.DamerauLevenshteinAtThresholds("ddn", [1, 2]),
            cl.ExactMatch("lieu"),
            cl.ExactMatch("sexe"),
            cl.ExactMatch("matricule"),
        ],
    )


def child_splink(folder: Path) -> dict[str, Any]:
    import logging

    import duckdb
    import pyarrow.csv as pv
    from splink import Linker, block_on
    from splink.backends.duckdb import DuckDBAPI

    logging.getLogger("splink").setLevel(logging.WARNING)
    flat = folder / "matching_flat.csv"
    memory = PeakMemory()
    started = time.perf_counter()
    con = duckdb.connect()
    con.execute("SET threads TO 2")
    table = pv.read_csv(
        flat,
        convert_options=pv.ConvertOptions(
            strings_can_be_null=True, column_types=dict.fromkeys(FLAT_COLUMNS, "string")
        ),
    )
    db_api = DuckDBAPI(con)
    linker = Linker(db_api.register(table, dataset_display_name="residents"), splink_settings())
    read = time.perf_counter() - started
    started = time.perf_counter()
    training = linker.training
    training.estimate_probability_two_random_records_match(
        [block_on("nom", "prenoms", "ddn")], recall=0.7
    )
    training.estimate_u_using_random_sampling(max_pairs=5e6, seed=1)
    for rule in (block_on("nom", "ddn"), block_on("prenom1", "ddn"), block_on("nom", "annee")):
        training.estimate_parameters_using_expectation_maximisation(rule)
    trained = time.perf_counter() - started
    started = time.perf_counter()
    predictions = linker.inference.predict(threshold_match_probability=0.6)
    rows = con.sql(
        f"select unique_id_l, unique_id_r, match_probability from {predictions.physical_name}"
    ).fetchall()
    predicted = time.perf_counter() - started
    peak = memory.stop()
    cols = table.select(["unique_id", "structure", "local_id"]).to_pydict()
    ids = {u: (s, li) for u, s, li in zip(cols["unique_id"], cols["structure"], cols["local_id"],
                                          strict=True)}  # fmt: skip
    found: dict[tuple[tuple[str, str], tuple[str, str]], float] = {}
    for left, right, probability in rows:
        a, b = sorted((ids[left], ids[right]))
        found[(a, b)] = max(probability, found.get((a, b), 0.0))
    truth = read_truth(folder)
    keys = set(ids.values())
    return {
        "outil": "splink",
        "lecture_s": read,
        "entrainement_s": trained,
        "appariement_s": trained + predicted,
        "prediction_s": predicted,
        "total_s": read + trained + predicted,
        "memoire_mio": peak,
        "comparaisons": None,
        "probable": scores(found, truth, keys, THRESHOLD),
        "revue": scores(found, truth, keys, 0.6),
    }


# -- calibration ---------------------------------------------------------------------------------


def calibrate(sizes: list[int]) -> None:
    """m and u of each comparison level, and log2(m/u), on a synthetic population."""
    import math
    import random

    from insvigil.matching.comparisons import COMPARISONS, compare_all
    from insvigil.matching.scoring import WEIGHTS

    for n in sizes:
        folder = population(n)
        records, _, _, _ = load(folder)
        by_key = {r.key: r for r in records}
        m = [[0] * len(c.codes) for c in COMPARISONS]
        u = [[0] * len(c.codes) for c in COMPARISONS]
        for (a, b), kind in read_truth(folder).items():
            if kind == "DOUBLON" and a in by_key and b in by_key:
                for t, level in enumerate(compare_all(by_key[a], by_key[b])):
                    m[t][level] += 1
        rng = random.Random(1)
        for _ in range(300_000):
            a, b = rng.choice(records), rng.choice(records)
            if a is not b:
                for t, level in enumerate(compare_all(a, b)):
                    u[t][level] += 1
        print(f"Calibration sur {n} dossiers (m : vraies paires DOUBLON ; u : paires au hasard)")
        for t, c in enumerate(COMPARISONS):
            tm, tu = sum(m[t]) or 1, sum(u[t]) or 1
            print(f"  {c.trait}")
            for level, code in enumerate(c.codes):
                pm, pu = m[t][level] / tm, u[t][level] / tu
                measured = f"{math.log2(pm / pu):+6.1f}" if pm and pu else "   n/a"
                print(f"    {code:18s} m {pm:8.5f}  u {pu:9.6f}  log2(m/u) {measured}  "
                      f"poids retenu {WEIGHTS[t][level]:+5.1f}")  # fmt: skip


# -- parent ----------------------------------------------------------------------------------


def _run_child(tool: str, folder: Path, timeout: float) -> dict[str, Any] | str:
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "bench.bench_duplicates", f"--child={tool}", str(folder)],
            capture_output=True, text=True, timeout=timeout, check=False,
            cwd=Path(__file__).resolve().parents[1],
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return f"arrêté après {timeout:.0f} s"
    if done.returncode != 0:
        return "échec : " + done.stderr.strip().splitlines()[-1][:200] if done.stderr else "échec"
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    figures["processus_s"] = time.perf_counter() - started
    return figures


def _line(f: dict[str, Any]) -> str:
    p, r = f["probable"], f["revue"]
    hard = sum(p["faux_homonymes"].values())
    hard_revue = sum(r["faux_homonymes"].values())
    memory = f"{f['memoire_mio']:,.0f}".replace(",", " ")
    return (
        f"  {f['outil']:9s} P {p['precision']:.4f}  R {p['rappel']:.4f}  F1 {p['f1']:.4f}  "
        f"(revue ≥ 0.60 : P {r['precision']:.4f} R {r['rappel']:.4f})  faux homonymes "
        f"{hard} (revue {hard_revue})  appariement {f['appariement_s']:.1f} s  total "
        f"{f['total_s']:.1f} s  mémoire max {memory} Mio"
    )


def main(sizes: list[int], splink: bool) -> None:
    print("Doublons et collisions : insvigil et Splink sur les mêmes fichiers")
    for n in sizes:
        folder = population(n)
        print(f"\n{n} dossiers ({folder.name})")
        mine = _run_child("insvigil", folder, timeout=1800)
        if isinstance(mine, str):
            print(f"  insvigil : {mine}")
            continue
        print(_line(mine))
        c = mine["collisions"]
        print(f"            collisions : rappel {c['trouvees'] / c['vraies']:.4f} "
              f"(dossier signalé {c['dossier_signale'] / c['vraies']:.4f}) sur {c['vraies']}, "
              f"{c['lignes']} lignes COLLISION ; lecture {mine['lecture_s']:.1f} s, "
              f"préparation {mine['preparation_s']:.1f} s, {mine['comparaisons']} paires "
              f"comparées, {mine['blocs']} blocs")  # fmt: skip
        for line in mine["blocs_geants"]:
            print(f"            bloc géant : {line}")
        print(f"            détail : {json.dumps(mine['probable']['faux_homonymes'])}")
        if not splink:
            continue
        write_flat(folder)
        theirs = _run_child("splink", folder, timeout=3600)
        if isinstance(theirs, str):
            print(f"  splink    : {theirs}")
            continue
        print(_line(theirs))
        print(f"            collisions : sans équivalent dans Splink ; lecture "
              f"{theirs['lecture_s']:.1f} s, entraînement {theirs['entrainement_s']:.1f} s, "
              f"prédiction {theirs['prediction_s']:.1f} s")  # fmt: skip
        ratio_f1 = mine["probable"]["f1"] / max(theirs["probable"]["f1"], 1e-9)
        print(f"  rapports  : F1 insvigil/Splink {ratio_f1:.3f} ; temps d'appariement "
              f"Splink/insvigil {theirs['appariement_s'] / mine['appariement_s']:.1f} ; total "
              f"{theirs['total_s'] / mine['total_s']:.1f} ; mémoire "
              f"{theirs['memoire_mio'] / mine['memoire_mio']:.1f}")  # fmt: skip


if __name__ == "__main__":
    args = sys.argv[1:]
    child = next((a.split("=", 1)[1] for a in args if a.startswith("--child=")), None)
    if child is not None:
        folder = Path(args[-1])
        result = child_insvigil(folder) if child == "insvigil" else child_splink(folder)
        print(json.dumps(result))
    elif "--calibrate" in args:
        calibrate([int(a) for a in args if a.isdigit()] or [100_000])
    else:
        sizes = [int(a) for a in args if a.isdigit()] or [10_000, 100_000, 1_000_000]
        main(sizes, splink="--no-splink" not in args)
