"""A qualified synthetic population with its review queue, for the review CLI and HTML tests.

``build`` generates ``synth.generate(3000, 5)``, runs ``qualify`` (run date 2026-11-01), then
does what the run's review integration does: saves the run's indicators and fills the queue
from the stored results (when ``qualify`` already did, nothing is redone).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import insvigil
from insvigil.model import Discordance, RecordResult
from insvigil.review.candidates import from_result
from insvigil.review.types import Kind, QueueFilter
from insvigil.store import Store, open_store
from insvigil.store.review import indicators, queue

GOLDEN = Path(__file__).parent / "golden" / "taux_synth_3000_seed5.csv"
RUN_DATE = date(2026, 11, 1)


@dataclass(frozen=True)
class Built:
    db_url: str
    out: Path
    run_id: int


def build(folder: Path) -> Built:
    population = folder / "population"
    insvigil.generate_population(3000, 5, population)
    db_url = f"sqlite:///{folder / 'store.db'}"
    summary = insvigil.qualify(
        insvigil.QualifyOptions(
            residents=population / "residents.csv",
            insi=(population / "insi.jsonl", population / "insi_xml"),
            out=folder / "out",
            db_url=db_url,
            today=RUN_DATE,
        )
    )
    with open_store(db_url) as store:
        saved = {r.run_id for r in indicators.latest_indicators(store)}
        if summary.run_id not in saved:
            indicators.save_indicators(store, summary.run_id, summary.tally.sorted())
        if queue.list_items(store, QueueFilter(etat=None, limite=1)).total == 0:
            _fill_queue(store, summary.run_id)
    return Built(db_url, folder / "out", summary.run_id)


def _fill_queue(store: Store, run_id: int) -> None:
    hashes = store.record_hashes()
    found: dict[tuple[str, str], list[Discordance]] = defaultdict(list)
    for stored in store.iter_discordances():
        found[(stored.structure, stored.local_id)].append(stored.discordance)
    candidates = []
    seen = set()
    for r in store.iter_results():
        key = (r.structure, r.local_id)
        seen.add(key)
        result = RecordResult(
            structure=r.structure,
            local_id=r.local_id,
            statut=r.statut,
            attributs=r.attributs,
            ins_utilisable=r.ins_utilisable,
            statut_declare=r.statut_declare,
            ecart_statut=r.ecart_statut,
            regles=r.regles,
            findings=r.findings,
            discordances=tuple(found[key]),
        )
        candidates += from_result(result, content_hash=hashes[key][1], actif=r.actif)
    looked = [k for k in Kind if k is not Kind.DOUBLON]  # no duplicate detection here
    queue.sync_queue(store, run_id, candidates, seen, kinds=looked)
