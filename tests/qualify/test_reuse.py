"""Contract §7: a re-run keeps the stored result of every record whose inputs are unchanged,
evaluates the others, and writes what ``--complet`` would write."""

from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path

import pytest

from insvigil import QualifyOptions, RunSummary, qualify

OUTPUTS = ("identites.csv", "discordances.csv", "doublons.csv", "taux.csv", "rejets.csv")
TODAY = date(2026, 11, 1)


def _run(
    residents: Path,
    insi: Path,
    out: Path,
    db: str,
    *,
    today: date = TODAY,
    rules: Path | None = None,
    complet: bool = False,
    workers: int | None = None,
) -> tuple[RunSummary, dict[str, list[str]]]:
    summary = qualify(
        QualifyOptions(
            residents=residents,
            insi=(insi,),
            out=out,
            db_url=db,
            today=today,
            rules=rules,
            complet=complet,
            workers=workers,
        )
    )
    files = {
        name: sorted((out / name).read_text(encoding="utf-8-sig").splitlines()[1:])
        for name in OUTPUTS
    }
    return summary, files


@pytest.fixture
def inputs(population: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The first 400 rows of the shared population, with its INSi responses."""
    lines = (population / "residents.csv").read_text(encoding="utf-8-sig").splitlines()
    residents = tmp_path / "residents.csv"
    residents.write_text("\n".join(lines[:401]) + "\n", encoding="utf-8")
    return residents, population / "insi.jsonl"


def _edit(residents: Path, local_id: str, column: str, value: str) -> None:
    with residents.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    at = rows[0].index(column)
    for row in rows[1:]:
        if row[rows[0].index("local_id")] == local_id:
            row[at] = value
    with residents.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)


def _copy_db(source: Path, target: Path) -> str:
    shutil.copyfile(source, target)
    return f"sqlite:///{target}"


def test_an_unchanged_rerun_keeps_every_result_and_writes_the_same_files(
    inputs: tuple[Path, Path], tmp_path: Path
) -> None:
    residents, insi = inputs
    db = f"sqlite:///{tmp_path}/s.db"
    first, files1 = _run(residents, insi, tmp_path / "o1", db)
    assert first.reevalues == first.dossiers > 300 and first.repris == 0
    again, files2 = _run(residents, insi, tmp_path / "o2", db)
    assert (again.reevalues, again.repris) == (0, again.dossiers)
    assert files2 == files1
    forced, files3 = _run(residents, insi, tmp_path / "o3", db, complet=True)
    assert (forced.reevalues, forced.repris) == (forced.dossiers, 0)
    assert files3 == files1


def test_only_the_changed_record_is_evaluated_again(
    inputs: tuple[Path, Path], tmp_path: Path
) -> None:
    residents, insi = inputs
    db_file = tmp_path / "s.db"
    _run(residents, insi, tmp_path / "o1", f"sqlite:///{db_file}")
    with residents.open(encoding="utf-8") as handle:
        row = next(csv.DictReader(handle, delimiter=";"))
    _edit(residents, row["local_id"], "nom_naissance", row["nom_naissance"] + "X")
    copy = _copy_db(db_file, tmp_path / "copy.db")
    summary, files = _run(residents, insi, tmp_path / "o2", f"sqlite:///{db_file}")
    assert summary.reevalues == 1 and summary.repris == summary.dossiers - 1
    _, complete = _run(residents, insi, tmp_path / "o3", copy, complet=True)
    assert files == complete


def test_a_policy_change_evaluates_every_record_again(
    inputs: tuple[Path, Path], tmp_path: Path
) -> None:
    residents, insi = inputs
    db = f"sqlite:///{tmp_path}/s.db"
    _run(residents, insi, tmp_path / "o1", db)
    policy = tmp_path / "politique.toml"
    policy.write_text("[justificatifs]\nehpad = true\n", encoding="utf-8")
    summary, _ = _run(residents, insi, tmp_path / "o2", db, rules=policy)
    assert summary.repris == 0 and summary.reevalues == summary.dossiers
    again, _ = _run(residents, insi, tmp_path / "o3", db, rules=policy)
    assert again.reevalues == 0


def test_a_minor_is_evaluated_again_when_the_run_date_crosses_the_18th_birthday(
    tmp_path: Path,
) -> None:
    header = (
        "structure;local_id;nom_naissance;prenoms_naissance;date_naissance;sexe;"
        "lieu_naissance;justificatif;justificatif_complement\n"
    )
    residents = tmp_path / "residents.csv"
    residents.write_text(
        header
        + "750000001;M1;MARTIN;LEA;2008-12-01;F;75056;LIVRET_FAMILLE;PIECE_REPRESENTANT_LEGAL\n"
        + "750000001;A1;DURAND;PAUL;1950-01-02;M;75056;CNI;\n",
        encoding="utf-8",
    )
    insi = tmp_path / "insi.jsonl"
    insi.write_text("", encoding="utf-8")
    db_file = tmp_path / "s.db"
    db = f"sqlite:///{db_file}"
    _, before = _run(residents, insi, tmp_path / "o1", db, today=date(2026, 11, 30))
    same, _ = _run(residents, insi, tmp_path / "o2", db, today=date(2026, 11, 30))
    assert same.reevalues == 0
    copy = _copy_db(db_file, tmp_path / "copy.db")
    adult, after = _run(residents, insi, tmp_path / "o3", db, today=date(2026, 12, 1))
    assert (adult.reevalues, adult.repris) == (1, 1)  # the minor only
    assert before["identites.csv"] != after["identites.csv"]  # no longer a minor's document
    _, complete = _run(
        residents, insi, tmp_path / "o4", copy, today=date(2026, 12, 1), complet=True
    )
    assert after == complete


@pytest.mark.parametrize("workers", [1, 2])
def test_the_pairs_are_searched_again_only_when_something_they_depend_on_changed(
    inputs: tuple[Path, Path], tmp_path: Path, workers: int
) -> None:
    residents, insi = inputs
    db_file = tmp_path / "s.db"
    db = f"sqlite:///{db_file}"
    first, files1 = _run(residents, insi, tmp_path / "o1", db, workers=workers)
    assert not first.paires_reprises and files1["doublons.csv"]
    for k in (2, 3):  # again and again: each run takes the pairs of the one before
        same, files = _run(residents, insi, tmp_path / f"o{k}", db, workers=workers)
        assert same.paires_reprises and files == files1
    # One record changed: every shard prepares its records and the search runs again.
    with residents.open(encoding="utf-8") as handle:
        row = next(csv.DictReader(handle, delimiter=";"))
    _edit(residents, row["local_id"], "prenoms_naissance", row["prenoms_naissance"] + "E")
    copy = _copy_db(db_file, tmp_path / "copy0.db")
    edited, files_edited = _run(residents, insi, tmp_path / "oe", db, workers=workers)
    assert not edited.paires_reprises and edited.reevalues == 1
    _, complete = _run(residents, insi, tmp_path / "oc", copy, complet=True, workers=workers)
    assert files_edited == complete
    same, _ = _run(residents, insi, tmp_path / "of", db, workers=workers)
    assert same.paires_reprises
    # A record leaves the export: searched again, and the same as --complet.
    lines = residents.read_text(encoding="utf-8").splitlines()
    residents.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    copy = _copy_db(db_file, tmp_path / "copy.db")
    left, files4 = _run(residents, insi, tmp_path / "o4", db, workers=workers)
    assert not left.paires_reprises and left.reevalues == 0
    assert (left.sortis, left.sortis_depuis) == (1, 5) and same.sortis == 0
    forced, complete = _run(residents, insi, tmp_path / "o5", copy, complet=True, workers=workers)
    assert not forced.paires_reprises and files4 == complete
