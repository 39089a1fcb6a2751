"""The Splink side of :mod:`bench.bench_duplicates`: the flat file and the Splink child."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from bench.duplicates_common import THRESHOLD, PeakMemory, load, read_truth, scores

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
