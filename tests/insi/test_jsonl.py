"""JSON Lines reader: one result per non-blank line, bad lines never stop the file."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from insvigil.errors import InputFileError
from insvigil.insi import (
    InsIdentifier,
    InsiProblem,
    InsiResponse,
    InsiTraits,
    Operation,
    parse_line,
    read_jsonl,
    summary,
)

FIXTURE = Path(__file__).parent / "fixtures" / "jsonl" / "responses.jsonl"

GOOD: dict[str, Any] = {
    "structure": "750000001",
    "local_id": "A-0001",
    "operation": "RECHERCHE_TRAITS",
    "date": "2026-10-02T10:41:00",
    "cr": "00",
    "ins": {"matricule": "283052A00412307", "oid": "1.2.250.1.213.1.4.8"},
    "traits": {
        "nom_naissance": "DUPONT",
        "prenoms_naissance": "MARIE CLAIRE",
        "sexe": "F",
        "date_naissance": "1983-05-12",
        "lieu_naissance": "2A004",
    },
}


def line(**changes: Any) -> str:
    data = {**GOOD, **changes}
    return json.dumps({key: value for key, value in data.items() if value is not ...})


def parse(**changes: Any) -> InsiResponse | InsiProblem:
    return parse_line(line(**changes), "r.jsonl:1")


def problem(**changes: Any) -> InsiProblem:
    result = parse(**changes)
    assert isinstance(result, InsiProblem), result
    return result


def response(**changes: Any) -> InsiResponse:
    result = parse(**changes)
    assert isinstance(result, InsiResponse), result
    return result


@pytest.fixture(scope="module")
def results() -> dict[int, InsiResponse | InsiProblem]:
    return {int(item.source.rpartition(":")[2]): item for item in read_jsonl(FIXTURE)}


def test_fixture_one_result_per_non_blank_line(
    results: dict[int, InsiResponse | InsiProblem],
) -> None:
    assert sorted(results) == [1, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14]
    assert all(item.source.startswith("responses.jsonl:") for item in results.values())
    assert summary(results.values()) == {"reponses": 4, "IS03": 2, "IS06": 4, "IS07": 1, "IS08": 1}


@pytest.mark.parametrize(
    ("number", "code"),
    [
        (4, "IS06"),
        (5, "IS06"),
        (6, "IS07"),
        (7, "IS08"),
        (8, "IS03"),
        (9, "IS03"),
        (11, "IS06"),
        (13, "IS06"),
    ],
)
def test_fixture_problems(
    results: dict[int, InsiResponse | InsiProblem], number: int, code: str
) -> None:
    item = results[number]
    assert isinstance(item, InsiProblem)
    assert item.code == code
    assert item.motif.endswith(".")


def test_fixture_first_line_despite_bom(results: dict[int, InsiResponse | InsiProblem]) -> None:
    first = results[1]
    assert first == InsiResponse(
        structure="750000001",
        local_id="A-0001",
        operation=Operation.RECHERCHE_TRAITS,
        date=datetime(2026, 10, 2, 10, 41),
        cr="00",
        libelle_cr="OK",
        actif=InsIdentifier("283052A00412307", "1.2.250.1.213.1.4.8"),
        historique=(InsIdentifier("283052A00412307", "1.2.250.1.213.1.4.8"),),
        traits=InsiTraits("DUPONT", "MARIE CLAIRE", None, "F", "1983-05-12", "2A004"),
        source="responses.jsonl:1",
    )


def test_fixture_nia_to_nir_and_first_name_list(
    results: dict[int, InsiResponse | InsiProblem],
) -> None:
    item = results[12]
    assert isinstance(item, InsiResponse)
    assert item.operation is Operation.RECHERCHE_CARTE_VITALE
    assert item.actif == InsIdentifier("185039935007149", "1.2.250.1.213.1.4.8")
    assert item.historique == (InsIdentifier("185039935099102", "1.2.250.1.213.1.4.9"),)
    assert item.traits is not None
    assert item.traits.prenoms_naissance == "PAUL JEAN-PIERRE"
    assert item.date == datetime(2026, 1, 15, 10, 41)


def test_fixture_01_without_ins_is_a_response(
    results: dict[int, InsiResponse | InsiProblem],
) -> None:
    item = results[3]
    assert isinstance(item, InsiResponse)
    assert (item.cr, item.actif, item.historique, item.traits) == ("01", None, (), None)
    assert item.operation is Operation.VERIFICATION
    assert item.date == datetime(2026, 10, 2, 10, 41)


def test_problem_keeps_the_record_key_when_readable(
    results: dict[int, InsiResponse | InsiProblem],
) -> None:
    missing_cr = results[5]
    assert (missing_cr.structure, missing_cr.local_id) == ("750000001", "A-0004")
    bad_json = results[4]
    assert (bad_json.structure, bad_json.local_id) == (None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-10-02T10:41:00", datetime(2026, 10, 2, 10, 41)),
        ("2026-10-02T10:41", datetime(2026, 10, 2, 10, 41)),
        ("2026-10-02 10:41:05.250", datetime(2026, 10, 2, 10, 41, 5, 250000)),
        ("2026-10-02T08:41:00Z", datetime(2026, 10, 2, 10, 41)),
        ("2026-10-02T10:41:00+02:00", datetime(2026, 10, 2, 10, 41)),
        ("2026-01-15T09:41:00+00:00", datetime(2026, 1, 15, 10, 41)),
        ("2026-10-02", datetime(2026, 10, 2)),
    ],
)
def test_dates_are_naive_paris_wall_time(text: str, expected: datetime) -> None:
    item = response(date=text)
    assert item.date == expected
    assert item.date is not None and item.date.tzinfo is None


@pytest.mark.parametrize("text", ["02/10/2026 10:41", "2026-13-02T10:41", "", "maintenant"])
def test_bad_date_is_is06(text: str) -> None:
    found = problem(date=text)
    assert found.code == "IS06"
    assert "date" in found.motif


@pytest.mark.parametrize("key", ["structure", "local_id", "operation", "date", "cr"])
def test_missing_required_key_is_is06_naming_the_key(key: str) -> None:
    found = problem(**{key: ...})
    assert found.code == "IS06"
    assert f"clé manquante « {key} »" in found.motif


@pytest.mark.parametrize(
    ("changes", "where"),
    [
        ({"cr": 0}, "cr"),
        ({"structure": "  "}, "structure"),
        ({"ins": {"oid": "1.2.250.1.213.1.4.8"}}, "ins.matricule"),
        ({"ins": "283052A00412307"}, "ins"),
        ({"traits": {**GOOD["traits"], "sexe": 2}}, "traits.sexe"),
        (
            {"ins": {**GOOD["ins"], "historique": [{"oid": "1.2.250.1.213.1.4.9"}]}},
            "ins.historique.0.matricule",
        ),
    ],
)
def test_wrong_shapes_are_is06(changes: dict[str, Any], where: str) -> None:
    found = problem(**changes)
    assert found.code == "IS06"
    assert f"« {where} »" in found.motif


def test_motif_never_echoes_values() -> None:
    found = problem(ins={"matricule": "283052A00412307", "oid": 12345}, local_id="SECRET-ID")
    assert found.code == "IS06"
    assert "283052A00412307" not in found.motif
    assert "12345" not in found.motif
    assert "SECRET" not in found.motif


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"cr": "05"}, "IS07"),
        ({"cr": "0"}, "IS07"),
        ({"operation": "RECHERCHE_NIR"}, "IS08"),
        ({"ins": ...}, "IS03"),
        ({"ins": None}, "IS03"),
        ({"traits": ...}, "IS03"),
        ({"cr": "01"}, "IS03"),
        ({"cr": "02", "traits": ...}, "IS03"),
        ({"cr": "02", "ins": ...}, "IS03"),
    ],
)
def test_problem_codes(changes: dict[str, Any], code: str) -> None:
    assert problem(**changes).code == code


def test_01_and_02_without_identity_are_responses() -> None:
    for cr in ("01", "02"):
        item = response(cr=cr, ins=..., traits=...)
        assert (item.cr, item.actif, item.traits) == (cr, None, None)


def test_values_are_cleaned_not_validated() -> None:
    item = response(
        structure=" 750000001 ",
        operation="verification",
        ins={"matricule": "2 83 05 2A 004 123 45", "oid": ""},
        traits={
            "nom_naissance": "",
            "prenoms_naissance": [" MARIE ", "CLAIRE"],
            "premier_prenom": "MARIE",
        },
        extra_key="ignored",
    )
    assert item.structure == "750000001"
    assert item.operation is Operation.VERIFICATION
    assert item.actif == InsIdentifier("283052A00412345", None)  # bad key kept as given
    assert item.traits == InsiTraits(None, "MARIE CLAIRE", "MARIE", None, None, None)


@pytest.mark.parametrize("text", ["{oops", "[1]", "42", '"x"', "null", "[" * 100_000])
def test_not_an_object_is_is06(text: str) -> None:
    found = parse_line(text, "r.jsonl:9")
    assert isinstance(found, InsiProblem)
    assert found.code == "IS06"


def test_bad_encoding_line_does_not_stop_the_file(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_bytes(b'{"structure": "\xe9"}\n\n' + line().encode() + b"\n")
    first, second = list(read_jsonl(path))
    assert isinstance(first, InsiProblem) and "UTF-8" in first.motif
    assert first.source == "r.jsonl:1"
    assert isinstance(second, InsiResponse) and second.source == "r.jsonl:3"


def test_empty_file_yields_nothing(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_bytes(b"\xef\xbb\xbf\n  \n")
    assert list(read_jsonl(path)) == []


def test_missing_file_raises_at_once(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="illisible") as info:
        read_jsonl(tmp_path / "absent.jsonl")
    assert "absent.jsonl" in info.value.message
