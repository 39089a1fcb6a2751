"""Package data: small, and rebuilt byte for byte by the offline scripts."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src" / "insvigil" / "synth" / "data"  # birthplaces (lieux.txt.gz)
NAMES = ROOT / "src" / "insvigil" / "reference" / "data"  # INSEE names (shared with matching)
SCRIPTS = ROOT / "reference" / "names"


def load_script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"synth_{name}", SCRIPTS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_data_is_small() -> None:
    sizes = {p.name: p.stat().st_size for p in DATA.glob("*.gz")}
    sizes |= {p.name: p.stat().st_size for p in NAMES.glob("*noms.txt.gz")}
    assert set(sizes) == {"prenoms.txt.gz", "noms.txt.gz", "lieux.txt.gz"}
    assert sum(sizes.values()) < 1_000_000


@pytest.mark.slow
def test_names_data_is_rebuilt_identically(tmp_path: Path) -> None:
    if not (SCRIPTS / "prenoms-2023-nat.csv").exists():
        pytest.skip("INSEE source files not present")
    update = load_script("update")
    for target in update.write(SCRIPTS, tmp_path):
        assert target.read_bytes() == (NAMES / target.name).read_bytes()


def test_birthplace_data_is_rebuilt_identically(tmp_path: Path) -> None:
    update = load_script("update_lieux")
    if not (update.DEFAULT_COG / update.COMMUNES).exists():
        pytest.skip("COG source files not present")
    target = update.write(update.DEFAULT_COG, tmp_path)
    assert target.read_bytes() == (DATA / target.name).read_bytes()
