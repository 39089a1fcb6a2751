"""read_insi: a .jsonl file, one .xml file or a folder of both."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from insvigil.errors import InputFileError
from insvigil.insi import InsiProblem, InsiResponse, read_insi, summary
from insvigil.insi import reader as reader_module

FIXTURES = Path(__file__).parent / "fixtures"
SOAP = FIXTURES / "soap"
JSONL = FIXTURES / "jsonl" / "responses.jsonl"


def test_soap_folder_in_name_order_other_files_ignored() -> None:
    items = list(read_insi(SOAP))
    sources = [item.source for item in items]
    assert sources == sorted(path.name for path in SOAP.glob("*.xml"))
    assert "notes.txt" not in sources
    assert summary(items) == {"reponses": 5, "IS02": 3, "IS03": 3, "IS06": 2, "IS07": 1}


def test_single_files() -> None:
    assert len(list(read_insi(JSONL))) == 12
    (only,) = read_insi(SOAP / "750000001__A-0001.xml")
    assert isinstance(only, InsiResponse) and only.local_id == "A-0001"


def test_mixed_folder_is_not_recursive_and_skips_hidden_files(tmp_path: Path) -> None:
    shutil.copy(JSONL, tmp_path / "b.JSONL")
    shutil.copy(SOAP / "750000001__A-0001.xml", tmp_path / "750000001__A-0001.xml")
    (tmp_path / "._750000001__A-0001.xml").write_bytes(b"\x00\x05\x16\x07")
    (tmp_path / "sub").mkdir()
    shutil.copy(SOAP / "750000001__A-0001.xml", tmp_path / "sub" / "750000001__S-1.xml")
    (tmp_path / "dir__x.xml").mkdir()
    items = list(read_insi(tmp_path))
    assert items[0].source == "750000001__A-0001.xml"
    assert all(item.source.startswith("b.JSONL:") for item in items[1:])
    assert len(items) == 13


def test_empty_folder_yields_nothing(tmp_path: Path) -> None:
    assert list(read_insi(tmp_path)) == []


def test_unreadable_file_in_folder_is_a_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(SOAP / "750000001__A-0001.xml", tmp_path / "750000001__A-0001.xml")
    shutil.copy(SOAP / "750000002__D-0005.xml", tmp_path / "750000002__D-0005.xml")

    def refuse(path: Path) -> InsiResponse | InsiProblem:
        raise InputFileError("refusé")

    monkeypatch.setattr(reader_module, "read_soap", refuse)
    items = list(read_insi(tmp_path))
    assert [(item.code, item.structure) for item in items if isinstance(item, InsiProblem)] == [
        ("IS06", "750000001"),
        ("IS06", "750000002"),
    ]


def test_missing_path_raises_a_french_message_at_once(tmp_path: Path) -> None:
    missing = tmp_path / "absent"
    with pytest.raises(InputFileError) as info:
        read_insi(missing)  # raised on call, not on iteration
    message = info.value.message
    assert str(missing) in message
    assert "introuvables" in message and ".jsonl" in message
    assert "<structure>__<local_id>.xml" in message


def test_wrong_kind_of_file_raises(tmp_path: Path) -> None:
    path = tmp_path / "reponses.csv"
    path.write_text("structure;local_id\n")
    with pytest.raises(InputFileError, match="non reconnues"):
        read_insi(path)


def test_unreadable_folder_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(self: Path) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "iterdir", denied)
    with pytest.raises(InputFileError, match="Dossier de réponses INSi illisible"):
        read_insi(tmp_path)
