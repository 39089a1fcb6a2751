from __future__ import annotations

from pathlib import Path

import pytest

from insvigil.synth import generate


@pytest.fixture(scope="session")
def population(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small synthetic population shared by the qualify tests (read-only)."""
    folder = tmp_path_factory.mktemp("population")
    generate(3000, 11, folder)
    return folder
