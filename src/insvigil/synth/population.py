"""``generate``: write a synthetic population, its INSi responses and its ground truth.

Everything comes from one ``random.Random(seed)``; no set order, clock or environment enters
the output, so the same ``(n, seed, today, xml_count, structures)`` always gives byte-identical
files. Records are produced cluster by cluster (:mod:`insvigil.synth.clusters`), shuffled by
blocks so that a person's records do not sit side by side, given their local ids, then
streamed to the files. The cyclic garbage collector is paused meanwhile (the generator makes
no reference cycles; collections would only cost time).
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from random import Random

from insvigil.synth.clusters import Clusters
from insvigil.synth.people import PersonFactory
from insvigil.synth.records import Record, RecordBuilder
from insvigil.synth.structures import default_count, make_structures
from insvigil.synth.writers import Writers

__all__ = ["DEFAULT_TODAY", "SynthSummary", "generate"]

DEFAULT_TODAY = date(2026, 11, 1)
_BLOCK = 20_000  # records shuffled together before writing


@dataclass(frozen=True, slots=True)
class SynthSummary:
    """What :func:`generate` wrote (counts only; keys sorted)."""

    out: Path
    records: int
    persons: int
    structures: int
    insi_jsonl: int  # responses written to insi.jsonl
    insi_xml: int  # response files written to insi_xml/
    statuts: Mapping[str, int]  # expected status (or REJET) -> records
    defauts: Mapping[str, int]  # defect code -> records carrying it
    paires: Mapping[str, int]  # pair type -> rows of verite_paires.csv
    attributs: Mapping[str, int]  # attribute -> records carrying it

    def lines(self) -> list[str]:
        """A short French report, one line each."""

        def counts(values: Mapping[str, int]) -> str:
            return ", ".join(f"{k} {v}" for k, v in values.items()) or "aucun"

        return [
            f"Population synthétique écrite dans {self.out}",
            f"{self.records} enregistrements, {self.persons} personnes, "
            f"{self.structures} structures",
            f"Réponses INSi : {self.insi_jsonl} dans insi.jsonl, {self.insi_xml} fichiers XML",
            f"Statuts attendus : {counts(self.statuts)}",
            f"Attributs : {counts(self.attributs)}",
            f"Paires : {counts(self.paires)}",
            f"Défauts injectés : {counts(self.defauts)}",
        ]


def _sorted(counter: Counter[str]) -> dict[str, int]:
    return {key: counter[key] for key in sorted(counter)}


def generate(
    n: int,
    seed: int,
    out: Path,
    *,
    today: date = DEFAULT_TODAY,
    xml_count: int = 20,
    structures: int | None = None,
) -> SynthSummary:
    """Write ``n`` records into ``out``: ``residents.csv``, ``insi.jsonl``, ``insi_xml/``,
    ``verite.csv`` and ``verite_paires.csv``. ``out`` must be absent or an empty folder:
    anything else raises :class:`insvigil.errors.OutputError` and nothing is written.

    ``today`` is the reference date (ages, minors, INSi response dates); ``xml_count`` records
    with a single INSi response get it as a SOAP file instead of a JSON line; ``structures``
    defaults to one per 250 records.
    """
    if n < 0 or xml_count < 0 or (structures is not None and structures < 1):
        raise ValueError("n and xml_count must be >= 0, structures >= 1")
    rng = Random(seed)
    places = make_structures(rng, structures if structures is not None else default_count(n))
    factory = PersonFactory(rng, today)
    builder = RecordBuilder(rng, factory, today)
    clusters = Clusters(rng, factory, builder, places)
    writers = Writers(Path(out), sorted(rng.sample(range(n), min(xml_count, n))))
    stats: dict[str, Counter[str]] = {k: Counter() for k in ("s", "d", "p", "a")}
    produced = persons = 0
    block: list[Record] = []
    collecting = gc.isenabled()
    gc.disable()  # millions of short-lived objects and no reference cycle: refcounting suffices
    try:
        while produced < n:
            records, held = clusters.make(n - produced)
            block += records
            produced += len(records)
            persons += held
            if len(block) >= _BLOCK or produced >= n:
                _flush(rng, block, writers, stats)
                block = []
    finally:
        writers.close()
        if collecting:
            gc.enable()
    return SynthSummary(
        Path(out), produced, persons, len(places), writers.counts["jsonl"],
        writers.counts["xml"], _sorted(stats["s"]), _sorted(stats["d"]),
        _sorted(stats["p"]), _sorted(stats["a"]),
    )  # fmt: skip


def _flush(
    rng: Random, block: list[Record], writers: Writers, stats: dict[str, Counter[str]]
) -> None:
    rng.shuffle(block)
    for rec in block:
        if rec.same_id_as is None:
            rec.local_id = rec.structure.new_local_id(rng)
    for rec in block:
        if rec.same_id_as is not None:
            rec.local_id = rec.same_id_as.local_id
    statuts, defauts, attributs = stats["s"], stats["d"], stats["a"]
    for rec in block:
        writers.record(rec)
        statuts[rec.attendu] += 1
        if rec.defauts:
            defauts.update(rec.defauts)
        if rec.cells[12]:
            attributs.update(rec.cells[12].split("|"))
    for rec in block:
        for other, kind in rec.pairs:
            writers.pair(rec, other, kind)
            stats["p"][kind] += 1
