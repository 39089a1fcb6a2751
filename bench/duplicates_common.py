"""What both children of :mod:`bench.bench_duplicates` share: the truth, the scores, memory."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any

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
