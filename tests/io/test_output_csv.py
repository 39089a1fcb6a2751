"""Output CSV files: BOM, ';', neutralised formulas, 0600, atomic replacement."""

from __future__ import annotations

import codecs
import csv
import io
import os
import stat
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path

import pytest

from insvigil.io import REJECTS_HEADER, Reject, neutralize, write_csv
from insvigil.io.output_csv import cell


def read_back(path: Path) -> list[list[str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(
    ("raw", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+33 6", "'+33 6"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("\n=1", "'\n=1"),
        ("＝1+1", "'＝1+1"),
        ("DUPONT-TEST", "DUPONT-TEST"),
        ("JEAN-PIERRE", "JEAN-PIERRE"),
        (" =1", " =1"),
        ("'=1", "'=1"),
        ("", ""),
    ],
)
def test_neutralize(raw: str, written: str) -> None:
    assert neutralize(raw) == written


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (None, ""),
        (True, "1"),
        (False, "0"),
        (0, "0"),
        (-3, "-3"),
        (0.25, "0.25"),
        (Decimal("0.5000"), "0.5000"),
        ("-x", "'-x"),
        (Path("=a"), "'=a"),
    ],
)
def test_cell(value: object, written: str) -> None:
    assert cell(value) == written


def test_file_format(tmp_path: Path) -> None:
    target = tmp_path / "rejets.csv"
    rejects = [
        Reject(3, "matricule_ins", "283052A00412307", "clé incorrecte"),
        Reject(4, "nom_naissance", '=HYPERLINK("x")', "caractère interdit ; voir «\nguide»"),
        Reject(5, "", "2 cellules", "nombre de cellules incorrect"),
    ]
    count = write_csv(target, REJECTS_HEADER, (r.as_row() for r in rejects))
    assert count == 3
    raw = target.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8 + b"ligne;colonne;valeur;motif\n")
    assert b"283052A00412307" not in raw
    assert read_back(target) == [
        ["ligne", "colonne", "valeur", "motif"],
        ["3", "matricule_ins", "2************07", "clé incorrecte"],
        ["4", "nom_naissance", '\'=HYPERLINK("x")', "caractère interdit ; voir «\nguide»"],
        ["5", "", "2 cellules", "nombre de cellules incorrect"],
    ]


def test_header_only(tmp_path: Path) -> None:
    target = tmp_path / "doublons.csv"
    assert write_csv(target, ["a", "b"], []) == 0
    assert target.read_bytes() == codecs.BOM_UTF8 + b"a;b\n"


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077])
def test_mode_is_0600(tmp_path: Path, umask: int) -> None:
    target = tmp_path / "identites.csv"
    target.write_text("ancien")
    target.chmod(0o644)
    previous = os.umask(umask)
    try:
        write_csv(target, ["x"], [["1"]])
    finally:
        os.umask(previous)
    assert mode(target) == 0o600


def test_file_is_0600_before_any_data_is_written(tmp_path: Path) -> None:
    target = tmp_path / "identites.csv"
    seen: list[int] = []

    def rows() -> Iterator[Sequence[object]]:
        (temporary,) = [p for p in tmp_path.iterdir() if p != target]
        seen.append(mode(temporary))
        yield ["1"]

    write_csv(target, ["x"], rows())
    assert seen == [0o600]


class Boom(RuntimeError):
    pass


def failing_rows() -> Iterator[Sequence[object]]:
    yield ["1", "a"]
    yield ["2", "b"]
    raise Boom("interrompu")


def test_interrupted_write_leaves_the_target_untouched(tmp_path: Path) -> None:
    target = tmp_path / "taux.csv"
    target.write_bytes(b"ancien contenu")
    with pytest.raises(Boom):
        write_csv(target, ["n", "v"], failing_rows())
    assert target.read_bytes() == b"ancien contenu"
    assert [p.name for p in tmp_path.iterdir()] == ["taux.csv"]


def test_interrupted_write_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(Boom):
        write_csv(tmp_path / "taux.csv", ["n", "v"], failing_rows())
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_raises_oserror(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_csv(tmp_path / "absent" / "x.csv", ["a"], [])


NIR = "283052A00412307"  # synthetic, valid key


@pytest.mark.parametrize(
    "value",
    [
        NIR,
        "2 83 05 2A 004 123 07",
        f"justificatif inconnu « {NIR} » (attendu : CNI, …)",
        "Date de naissance « 2 83 05 2A 004 123 0… » illisible",
        f"={NIR}",
    ],
)
def test_a_matricule_in_any_cell_is_masked(value: str) -> None:
    written = cell(value)
    assert NIR not in written.replace(" ", "") and NIR[:13] not in written.replace(" ", "")
    assert "2************" in written


def test_every_cell_of_a_file_is_masked(tmp_path: Path) -> None:
    # The writer masks whatever the column: header, text cells, a cell written by a worker.
    from insvigil.io.output_csv import AtomicCsv, format_row

    target = tmp_path / "rejets.csv"
    with AtomicCsv(target, ["ligne", "colonne", "valeur", NIR]) as out:
        out.writerow([3, "nom_utilise", f"M. {NIR}", f"valeur « {NIR} » illisible"])
        out.write_formatted(format_row([4, "local_id", "2 83 05 2A 004 123 07", None]))
        out.commit()
    text = target.read_text("utf-8-sig")
    assert NIR not in text.replace(" ", "") and text.count("2************07") == 4
    # numbers are numbers, not text: never touched
    assert cell(283052004123070) == "283052004123070"
