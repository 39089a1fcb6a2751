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
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import population
from bench.duplicates_common import PeakMemory, load, read_truth, scores
from bench.duplicates_splink import child_splink, write_flat

# -- insvigil child ------------------------------------------------------------------------------


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
