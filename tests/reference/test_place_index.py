"""The compact name index of ``insvigil lieu`` (package data) and what each call loads."""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from insvigil.reference import load
from insvigil.reference._files import DATA_DIR
from insvigil.reference.names_index import NameIndex, departement_of, name_key
from insvigil.reference.place_index import DATA_FILE, PlaceIndex, load_index

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIR = ROOT / "reference" / "insee_communes"
SCRIPT = SOURCE_DIR / "update_index.py"
COMMITTED = Path(DATA_DIR) / DATA_FILE


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("update_index", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def built() -> NameIndex:
    return NameIndex(load())


def test_regenerating_the_index_gives_the_committed_bytes(tmp_path: Path) -> None:
    assert _builder().main(["--out", str(tmp_path)]) == 0
    assert (tmp_path / DATA_FILE).read_bytes() == COMMITTED.read_bytes()


def test_index_records_its_inputs() -> None:
    """Stale against the COG package data (itself checked against the COG tables by
    test_cog) or against population.tsv: the recorded SHA-256 no longer match."""
    sources = load_index().sources
    cog_text = gzip.decompress((Path(DATA_DIR) / "cog.txt.gz").read_bytes())
    assert sources["cog"] == hashlib.sha256(cog_text).hexdigest()
    population = (SOURCE_DIR / "population.tsv").read_bytes()
    assert sources["population.tsv"] == hashlib.sha256(population).hexdigest()
    assert load_index().vintage == load().vintage == "COG 2026"


def test_population_provenance_is_recorded() -> None:
    header = (SOURCE_DIR / "population.tsv").read_text(encoding="utf-8").splitlines()[0]
    _, version, package, sha = header.split("\t")
    readme = (SOURCE_DIR / "README.md").read_text(encoding="utf-8")
    assert version == "1" and package == "@etalab/decoupage-administratif 6.0.0"
    assert sha in readme  # the same communes.json as the postal codes, recorded there
    assert hashlib.sha256((SOURCE_DIR / "population.tsv").read_bytes()).hexdigest() in readme


def test_compact_index_reads_what_the_in_memory_index_holds(built: NameIndex) -> None:
    index = load_index()
    keys = built.keys()  # a list, sorted
    assert index.keys() == keys
    for bare in keys:
        assert index.entries(bare) == built.entries(bare), bare
    for bare in ("", "NOPE", "SAINT", "A\tB", "A\nB", "ZZZZZZZZ"):
        assert index.entries(bare) == built.entries(bare)
    for words in ("SENEGAL", "MAROC", "GUINEE", "ILES", "REPUBLIQUE ALLEMAGNE", ""):
        key = name_key(words)
        assert index.territories_containing(key) == built.territories_containing(key)
    for commune in ("75056", "69123", "13055", "42218", "99350"):
        assert index.arrondissements(commune) == built.arrondissements(commune)


def test_departements_as_the_cog_gives_them() -> None:
    cog, index = load(), load_index()
    codes = cog.codes()
    assert index.departements == frozenset(departement_of(c) for c in codes) | {"20"}
    for code in index.departements:
        label = cog.departement(code)
        if label is not None and code not in ("2A", "2B"):
            assert index.dept_names[name_key(label).bare] == code
    assert index.dept_names["CORSE"] == "20"
    assert index.dept_names["REUNION"] == "974" and index.dept_names["LOIRE"] == "42"


def test_population() -> None:
    index = load_index()
    assert index.population("75056") > index.population("42218") > index.population("04178") > 0
    assert index.population("75115") > 0  # arrondissements have their own
    assert index.population("99350") == index.population("20004") == 0  # country, old code
    assert index.population("") == index.population("NOPE") == 0


def test_parser_refuses_another_file() -> None:
    with pytest.raises(ValueError, match="not an insvigil place index"):
        PlaceIndex("insvigil-cog\t1\tCOG 2026\n")


def test_index_is_in_the_wheel() -> None:
    """hatch ships every file under the wheel's packages that .gitignore does not exclude."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    packages = config["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"]
    relative = COMMITTED.relative_to(ROOT)
    assert any(relative.is_relative_to(p) for p in packages), packages
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", str(relative)], cwd=ROOT, check=False
    ).returncode
    assert ignored == 1  # 1: not ignored


# -- what one ``insvigil lieu`` call loads (a fresh interpreter each) ---------------------------

_PROBE = """
import json, sys
opened = []
sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == "open" else None)
from insvigil_cli.main import cli
try:
    cli.main(sys.argv[1:], prog_name="insvigil")
except SystemExit as end:
    code = end.code
data = sorted({p.replace("\\\\", "/").rsplit("/", 1)[-1] for p in opened if "reference" in p
               and ("/data/" in p.replace("\\\\", "/"))})
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"rapidfuzz", "unidecode", "sqlalchemy",
                                                         "insvigil.store", "pydantic"})
print(json.dumps({"code": code, "data": data, "heavy": heavy}))
"""


def _probe(*args: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, "lieu", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


@pytest.mark.parametrize(
    ("args", "code", "data", "heavy"),
    [
        (["st etienne", "--ddn", "1980-13-45"], 1, [], []),  # a bad date costs no data
        (["st etienne", "--cp", "7501"], 1, [], []),
        (["st etienne", "--ddn", "1980-05-12"], 0, ["cog.txt.gz", DATA_FILE], []),
        (["st etienne", "--json"], 0, ["cog.txt.gz", DATA_FILE], []),
        (["Saint-Denis", "--cp", "97400"], 0, ["cog.txt.gz", DATA_FILE, "postal.txt.gz"], []),
        (["Bordaux"], 0, ["cog.txt.gz", DATA_FILE], ["rapidfuzz"]),  # approximate names only
    ],
)
def test_a_call_loads_only_what_the_answer_needs(
    args: list[str], code: int, data: list[str], heavy: list[str]
) -> None:
    assert _probe(*args) == {"code": code, "data": sorted(data), "heavy": heavy}
