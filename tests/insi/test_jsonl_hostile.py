"""Hostile INSi JSON lines: every line problem is one problem (one rejets.csv line), never a
crash of the run (issue 15). Synthetic identities only."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from insvigil.insi import InsiProblem, InsiResponse
from insvigil.insi.jsonl import parse_line, read_jsonl
from insvigil_cli.main import cli

FINESS = "750712184"
GOOD: dict[str, Any] = {
    "structure": FINESS,
    "local_id": "A-1",
    "operation": "RECHERCHE_TRAITS",
    "date": "2026-10-02T10:41:00",
    "cr": "00",
    "ins": {"matricule": "283052A00412307", "oid": "1.2.250.1.213.1.4.8", "historique": []},
    "traits": {
        "nom_naissance": "TESTNOM",
        "prenoms_naissance": "ALPHA",
        "sexe": "F",
        "date_naissance": "1983-05-12",
        "lieu_naissance": "2A004",
    },
}
HUGE_NUMBER = "9" * 5000  # over Python's 4,300-digit int conversion limit


def _with(path: str, value: Any) -> str:
    data = json.loads(json.dumps(GOOD))
    *parents, key = path.split(".")
    target = data
    for parent in parents:
        target = target[parent]
    target[key] = value
    return json.dumps(data)


HOSTILE = [
    pytest.param(HUGE_NUMBER, id="bare-huge-number"),
    pytest.param(_with("local_id", 1).replace(": 1,", f": {HUGE_NUMBER},"), id="huge-number"),
    pytest.param(_with("cr", 1).replace(": 1,", f": -{HUGE_NUMBER},"), id="huge-negative"),
    pytest.param("[" * 100_000, id="deep-list"),
    pytest.param('{"a":' * 50_000, id="deep-object"),
    pytest.param(_with("ins", 1).replace(": 1,", ": " + "[" * 3000 + "]" * 3000 + ","), id="deep"),
    pytest.param('"texte"', id="string"),
    pytest.param("null", id="null"),
    pytest.param("[1, 2]", id="list"),
    pytest.param("x\x00y", id="nul"),
    pytest.param(_with("structure", "A" * 2_000_000), id="huge-string"),
    pytest.param("1e999999", id="huge-float"),
    *(
        pytest.param(_with(key, value), id=f"{key}={type(value).__name__}")
        for key in (
            "structure",
            "local_id",
            "operation",
            "date",
            "cr",
            "ins",
            "traits",
            "ins.matricule",
            "ins.historique",
            "traits.sexe",
            "traits.prenoms_naissance",
        )
        for value in (1, 2.5, True, None, [], {}, "", [1, {"a": []}])
    ),
]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_hostile_line_is_a_problem_or_a_response_never_an_exception(text: str) -> None:
    result = parse_line(text, "insi.jsonl:7")
    assert isinstance(result, InsiProblem | InsiResponse)
    if isinstance(result, InsiProblem):
        assert result.source == "insi.jsonl:7" and result.code.startswith("IS")
        assert HUGE_NUMBER[:50] not in result.motif  # never the line's content


def test_huge_number_is_named_as_such() -> None:
    result = parse_line(HUGE_NUMBER, "insi.jsonl:1")
    assert isinstance(result, InsiProblem) and result.code == "IS06"
    assert "nombre démesuré" in result.motif


def test_every_non_blank_line_gives_one_result(tmp_path: Path) -> None:
    lines = [json.dumps(GOOD).encode(), HUGE_NUMBER.encode(), b"\xff\xfe{", b"", b"[" * 50_000]
    lines += [b"\xef\xbb\xbf" + json.dumps(GOOD).encode(), b"\x00\x00"]
    path = tmp_path / "insi.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    results = list(read_jsonl(path))
    kinds = [type(r).__name__ for r in results]  # one result a non-blank line, none raised
    assert kinds == ["InsiResponse", *["InsiProblem"] * 3, "InsiResponse", "InsiProblem"]


def test_qualify_goes_on_with_a_huge_number_in_the_responses(tmp_path: Path) -> None:
    residents = tmp_path / "residents.csv"
    residents.write_text(
        "structure;local_id;nom_naissance;prenoms_naissance;date_naissance;sexe\n"
        f"{FINESS};A-1;TESTNOM;ALPHA;1983-05-12;F\n",
        encoding="utf-8",
    )
    insi = tmp_path / "insi.jsonl"
    insi.write_text(json.dumps(GOOD) + "\n" + HUGE_NUMBER + "\n" + "[" * 100_000 + "\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        [
            "qualify",
            str(residents),
            "--insi",
            str(insi),
            "--out",
            str(out),
            "--db",
            f"sqlite:///{tmp_path / 'db.sqlite'}",
            "--date-traitement",
            "2026-11-01",
        ],
    )
    assert result.exit_code == 0, result.output
    with (out / "rejets.csv").open(encoding="utf-8-sig", newline="") as handle:
        rejets = list(csv.DictReader(handle, delimiter=";"))
    assert [(r["ligne"], r["colonne"], r.get("fichier")) for r in rejets] == [
        ("2", "reponse_insi", "insi.jsonl"),
        ("3", "reponse_insi", "insi.jsonl"),
    ]
    assert "nombre démesuré" in rejets[0]["motif"]
