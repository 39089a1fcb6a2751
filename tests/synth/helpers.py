"""Shared constants and the population record of the synth tests."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from insvigil.synth import SynthSummary

N = 2000
SEED = 20261101


@dataclass(frozen=True)
class Population:
    out: Path
    summary: SynthSummary
    residents: list[dict[str, str]]
    truth: list[dict[str, str]]
    pairs: list[dict[str, str]]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))
