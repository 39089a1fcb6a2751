"""One synthetic population shared by the synth tests (generated once per session)."""

from __future__ import annotations

import pytest

from insvigil.synth import generate
from tests.synth.helpers import SEED, N, Population, read_csv


@pytest.fixture(scope="session")
def population(tmp_path_factory: pytest.TempPathFactory) -> Population:
    out = tmp_path_factory.mktemp("synth")
    summary = generate(N, SEED, out)
    return Population(
        out,
        summary,
        read_csv(out / "residents.csv"),
        read_csv(out / "verite.csv"),
        read_csv(out / "verite_paires.csv"),
    )
