"""Issue 17: a change of strict trait or matricule on a trusted identity between two exports
is a finding (HI01) with a queue item; a matricule moved to another record too (HI02). The
event holds at the following runs until a referent decides, and an incremental run writes
what ``--complet`` writes."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from insvigil import QueueFilter, list_queue, open_store, resolve_queue_item
from tests.qualify.test_reuse import _edit, _run


@pytest.fixture
def inputs(population: Path, tmp_path: Path) -> tuple[Path, Path]:
    lines = (population / "residents.csv").read_text(encoding="utf-8-sig").splitlines()
    residents = tmp_path / "residents.csv"
    residents.write_text("\n".join(lines[:401]) + "\n", encoding="utf-8")
    return residents, population / "insi.jsonl"


def _rows(files: dict[str, list[str]], name: str = "identites.csv") -> dict[str, list[str]]:
    return {line.split(";")[1]: line.split(";") for line in files[name]}


def _resident(residents: Path, local_id: str) -> dict[str, str]:
    with residents.open(encoding="utf-8") as handle:
        return next(r for r in csv.DictReader(handle, delimiter=";") if r["local_id"] == local_id)


def test_a_trusted_identity_whose_birth_name_changed_is_an_event_until_decided(
    inputs: tuple[Path, Path], tmp_path: Path
) -> None:
    residents, insi = inputs
    db_file = tmp_path / "s.db"
    db = f"sqlite:///{db_file}"
    _, first = _run(residents, insi, tmp_path / "o1", db)
    qualified = next(r for r in _rows(first).values() if r[2] == "QUALIFIEE")
    local_id = qualified[1]
    before = _resident(residents, local_id)["nom_naissance"]
    _edit(residents, local_id, "nom_naissance", before + "Z")
    copy = _copy(db_file, tmp_path / "c2.db")
    changed, second = _run(residents, insi, tmp_path / "o2", db)
    row = _rows(second)[local_id]
    assert "HI01" in row[7].split("|") and row[2] != "QUALIFIEE"
    assert changed.reevalues == 1
    assert second == _run(residents, insi, tmp_path / "c2", copy, complet=True)[1]
    # The next export is the same: the event holds (kept as it is, and --complet agrees).
    copy = _copy(db_file, tmp_path / "c3.db")
    same, third = _run(residents, insi, tmp_path / "o3", db)
    assert same.reevalues == 0 and "HI01" in _rows(third)[local_id][7]
    assert third == _run(residents, insi, tmp_path / "c3", copy, complet=True)[1]
    with open_store(db) as store:
        items = [
            i for i in list_queue(store, QueueFilter(limite=500)).items if i.local_id == local_id
        ]
        event = next(i for i in items if i.kind.value == "CHANGEMENT")
        resolve_queue_item(store, event.id, decision="CORRECTION_CONFIRMEE", by="Mme Référente")
    decided, fourth = _run(residents, insi, tmp_path / "o4", db)
    assert decided.reevalues == 1  # the decision is one of the record's inputs
    assert "HI01" not in _rows(fourth)[local_id][7].split("|")


def test_a_matricule_moved_to_another_record_is_an_event(
    inputs: tuple[Path, Path], tmp_path: Path
) -> None:
    residents, insi = inputs
    db = f"sqlite:///{tmp_path}/s.db"
    _run(residents, insi, tmp_path / "o1", db)
    with residents.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    holder = next(r for r in rows if r["matricule_ins"])
    other = next(r for r in rows if not r["matricule_ins"] and r["local_id"] != holder["local_id"])
    _edit(residents, holder["local_id"], "matricule_ins", "")
    _edit(residents, other["local_id"], "matricule_ins", holder["matricule_ins"])
    _, files = _run(residents, insi, tmp_path / "o2", db)
    assert "HI02" in _rows(files)[other["local_id"]][7].split("|")
    assert holder["matricule_ins"] not in "".join(files["identites.csv"])  # masked


def _copy(source: Path, target: Path) -> str:
    shutil.copyfile(source, target)
    return f"sqlite:///{target}"
