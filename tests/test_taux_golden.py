"""The golden ``taux.csv`` of a fixed synthetic population (``synth.generate(3000, 5)``,
run date 2026-11-01). After an intended change of the figures, regenerate it with
``INSVIGIL_REGEN_GOLDEN=1 pytest tests/test_taux_golden.py`` and review the diff."""

from __future__ import annotations

import os
from pathlib import Path

from tests.review_fixture import GOLDEN, build


def test_golden_taux(tmp_path: Path) -> None:
    produced = (build(tmp_path).out / "taux.csv").read_bytes()
    if os.environ.get("INSVIGIL_REGEN_GOLDEN"):
        GOLDEN.write_bytes(produced)
    assert produced == GOLDEN.read_bytes(), "taux.csv a changé : INSVIGIL_REGEN_GOLDEN=1 si voulu"
