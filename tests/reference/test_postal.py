"""Postal codes (La Poste via @etalab/decoupage-administratif): package data, lookups, builder."""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import re
import sys
import tarfile
from datetime import date
from importlib import resources
from pathlib import Path
from types import ModuleType

import pytest

from insvigil.reference import postal
from insvigil.reference.postal import (
    communes_for_postal,
    is_postal_code,
    load_postal,
    postal_codes_at,
    postal_for_commune,
    postal_reading,
)

D = date
ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "reference" / "insee_communes" / "update_postal.py"
README = ROOT / "reference" / "insee_communes" / "README.md"


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("update_postal", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["update_postal"] = module
    spec.loader.exec_module(module)
    return module


def test_package_data_provenance() -> None:
    data = load_postal()
    assert data.source == "@etalab/decoupage-administratif 6.0.0"
    sha = data.sources["package/data/communes.json"]
    assert re.fullmatch(r"[0-9a-f]{64}", sha)
    assert sha in README.read_text(encoding="utf-8")  # the README records the same file
    assert len(data.by_commune) == 35009
    raw = (resources.files("insvigil.reference") / "data" / postal.DATA_FILE).read_bytes()
    assert len(raw) < 200_000  # small package data


def test_tables_agree() -> None:
    data = load_postal()
    for code, cps in list(data.by_commune.items())[::97]:
        for cp in cps:
            assert code in data.by_postal[cp]
    assert all(re.fullmatch(r"[0-9]{5}", cp) for cp in data.by_postal)


@pytest.mark.parametrize(
    ("cp", "communes"),
    [
        ("75015", ("75056", "75115")),  # Paris carries all its arrondissements' postal codes
        ("75116", ("75056", "75116")),  # a postal code that is also an INSEE code
        ("97400", ("97411",)),
        ("69009", ("69123", "69389")),
        ("13119", ("13101",)),  # Saint-Savournin; 13119 is also Carnoux's INSEE code
        ("20000", ("2A004",)),
        (" 33000 ", ("33063",)),
        ("7501", ()),
        ("00000", ()),
        ("", ()),
    ],
)
def test_communes_for_postal(cp: str, communes: tuple[str, ...]) -> None:
    assert communes_for_postal(cp) == communes
    assert is_postal_code(cp) is bool(communes)


@pytest.mark.parametrize(
    ("code", "cps"),
    [
        ("2A004", ("20000", "20090", "20167")),
        ("2a004", ("20000", "20090", "20167")),
        ("75115", ("75015",)),
        ("97411", ("97400", "97417", "97490")),
        ("20004", ()),  # not a current code
        ("99350", ()),  # a country
    ],
)
def test_postal_for_commune(code: str, cps: tuple[str, ...]) -> None:
    assert postal_for_commune(code) == cps


@pytest.mark.parametrize(
    ("cp", "day", "with_arm", "without_arm"),
    [
        ("75015", D(1980, 1, 1), ("75115",), ("75056", "75115")),
        ("69009", D(1950, 1, 1), ("69385",), ("69123", "69385")),  # 9e carved out of 5e, 1964
        ("69009", D(1990, 1, 1), ("69389",), ("69123", "69389")),
        ("20000", D(1950, 1, 1), ("20004",), ("20004",)),
        ("97400", D(1945, 1, 1), ("98405",), ("98405",)),  # La Réunion before the DOM
        ("99999", D(1990, 1, 1), (), ()),
    ],
)
def test_postal_codes_at(
    cp: str, day: date, with_arm: tuple[str, ...], without_arm: tuple[str, ...]
) -> None:
    assert postal_codes_at(cp, day) == with_arm
    assert postal_codes_at(cp, day, arrondissements=False) == without_arm


@pytest.mark.parametrize(
    ("code", "day", "expected"),
    [
        ("75015", D(1980, 1, 1), ("75115",)),  # Bry-sur-Marne's INSEE code until 1968
        ("75015", D(1960, 1, 1), ()),  # still an INSEE code then
        ("33000", D(1990, 1, 1), ("33063",)),  # not an INSEE code at all
        ("13119", D(1950, 1, 1), ()),  # Carnoux's code, created later: MINEURE, not postal
        ("69001", D(1980, 1, 1), ()),  # Affoux: a valid INSEE code
        ("75115", D(1980, 1, 1), ()),
        ("7501", D(1980, 1, 1), ()),
        ("2A004", D(1950, 1, 1), ()),
    ],
)
def test_postal_reading(code: str, day: date, expected: tuple[str, ...]) -> None:
    assert postal_reading(code, day) == expected


# -- the offline builder ---------------------------------------------------------------------

SAMPLE = [
    {"code": "01001", "nom": "L'Abergement-Clémenciat", "type": "commune-actuelle",
     "codesPostaux": ["01400"]},
    {"code": "75056", "nom": "Paris", "type": "commune-actuelle",
     "codesPostaux": ["75002", "75001"]},
    {"code": "75101", "nom": "Paris 1er Arrondissement", "type": "arrondissement-municipal",
     "codesPostaux": ["75001"]},
    {"code": "01015", "nom": "Arbignieu", "type": "commune-deleguee", "chefLieu": "01015"},
    {"code": "2A004", "nom": "Ajaccio", "type": "commune-actuelle",
     "codesPostaux": ["20090", "20000", "20167"]},
]  # fmt: skip


def _package(root: Path, communes: list[dict[str, object]]) -> Path:
    package = root / "package"
    (package / "data").mkdir(parents=True)
    meta = {"name": "@etalab/decoupage-administratif", "version": "9.9.9"}
    (package / "package.json").write_text(json.dumps(meta), encoding="utf-8")
    (package / "data" / "communes.json").write_text(json.dumps(communes), encoding="utf-8")
    return package


def test_builder_is_deterministic_whatever_the_source_form(tmp_path: Path) -> None:
    builder = _builder()
    package = _package(tmp_path, SAMPLE)  # type: ignore[arg-type]
    tarball = tmp_path / "etalab.tgz"
    with tarfile.open(tarball, "w:gz") as tar:
        tar.add(package, arcname="package")
    outputs = []
    for i, src in enumerate([package, package / "data" / "communes.json", tarball, package]):
        out = tmp_path / f"out{i}"
        assert builder.main(["--src", str(src), "--out", str(out)]) == 0
        outputs.append((out / "postal.txt.gz").read_bytes())
    assert len(set(outputs)) == 1
    text = gzip.decompress(outputs[0]).decode("utf-8")
    sha = hashlib.sha256((package / "data" / "communes.json").read_bytes()).hexdigest()
    assert text.splitlines() == [
        "insvigil-postal\t1\t@etalab/decoupage-administratif 9.9.9",
        "#S 1",
        f"package/data/communes.json\t{sha}",
        "#C 4",
        "01001\t01400",
        "2A004\t20000 20090 20167",
        "75056\t75001 75002",
        "75101\t75001",
    ]
    parsed = postal.PostalData.parse(text)
    assert parsed.by_postal["75001"] == ("75056", "75101")


@pytest.mark.parametrize(
    "bad",
    [
        [{"code": "7505", "codesPostaux": ["75001"]}],
        [{"code": "75056", "codesPostaux": ["7500"]}],
    ],
)
def test_builder_refuses_bad_codes(tmp_path: Path, bad: list[dict[str, object]]) -> None:
    package = _package(tmp_path, bad)
    assert _builder().main(["--src", str(package), "--out", str(tmp_path / "out")]) == 1
    assert not (tmp_path / "out" / "postal.txt.gz").exists()


def test_builder_refuses_another_package(tmp_path: Path) -> None:
    package = _package(tmp_path, SAMPLE)  # type: ignore[arg-type]
    (package / "package.json").write_text('{"name": "other", "version": "1"}', encoding="utf-8")
    assert _builder().main(["--src", str(package), "--out", str(tmp_path / "out")]) == 1


def test_lookups_agree_with_the_whole_table() -> None:
    """The lookups that read no more than the lines they need (``insvigil lieu --cp`` pays no
    parsing) give exactly what the whole mappings give, for every code of the table; so do
    the lookups past the first few (answered from the whole mappings)."""
    raw = (resources.files("insvigil.reference") / "data" / postal.DATA_FILE).read_bytes()
    text = gzip.decompress(raw).decode("utf-8")
    whole = postal.PostalData.parse(text)
    by_postal, by_commune = whole.by_postal, whole.by_commune
    searched = postal.PostalData.parse(text)
    for i, (cp, communes) in enumerate(by_postal.items()):
        if i % 50 == 0:
            searched = postal.PostalData.parse(text)  # fresh: the text is searched
        assert searched._by_postal is None
        assert searched.communes(cp) == communes, cp
    many = postal.PostalData.parse(text)  # one instance asked for every code
    for cp, communes in by_postal.items():
        assert many.communes(cp) == communes == communes_for_postal(cp), cp
    for code, cps in by_commune.items():
        assert many.postal_codes(code) == cps == postal_for_commune(code), code
    fresh = postal.PostalData.parse(text)
    assert fresh.communes("7501") == fresh.communes("ABCDE") == fresh.postal_codes("2A00") == ()
    assert fresh.communes("00000") == () and fresh._by_postal is None
