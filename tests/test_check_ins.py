"""check-ins: the library service and the command (CliRunner). Synthetic matricules only."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from insvigil import check_ins
from insvigil.identifiers import matricule
from insvigil_cli.main import cli

VALID = "283052A00412307"  # F, May 1983, Ajaccio (2A004)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check-ins", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("value", "kwargs", "valide", "codes"),
    [
        (VALID, {"sexe": "F", "ddn": "1983-05-12", "lieu": "2A004"}, True, {"MI05"}),
        (VALID, {"sexe": "M"}, False, {"MI05", "MI04"}),
        (VALID, {"ddn": "1990-05-12"}, False, {"MI05", "MI04"}),
        (VALID, {"ddn": "1983-06-12"}, False, {"MI05", "MI04"}),
        (VALID, {"ddn": "1983-00-00"}, True, {"MI05"}),
        (VALID, {"ddn": "1983-05-12", "lieu": "75056"}, False, {"MI05", "MI04"}),
        ("283052A00412345", {}, False, {"MI02", "MI05"}),
        ("2830", {}, False, {"MI01", "MI05"}),
        ("246012000411885", {"ddn": "1946-01-17", "lieu": "2A004"}, True, {"MI05", "TR06"}),
        ("246012000411885", {"ddn": "1980-01-17", "lieu": "2A004"}, False, {"MI05", "MI04"}),
        ("185039935007149", {"sexe": "M", "ddn": "1985-03-02", "lieu": "99350"}, True, {"MI05"}),
        ("201079741101237", {"sexe": "F", "ddn": "2001-07-15", "lieu": "97411"}, True, {"MI05"}),
    ],
)
def test_check_ins_table(value: str, kwargs: dict[str, str], valide: bool, codes: set[str]) -> None:
    result = check_ins(value, **kwargs)  # type: ignore[arg-type]
    assert result.valide is valide
    assert {c.code for c in result.constats} == codes
    assert result.matricule == matricule.mask(value)


def test_oid_decides_type_and_test_oid_is_never_valid() -> None:
    assert check_ins(VALID, oid_value="1.2.250.1.213.1.4.8").type == "NIR"
    assert check_ins(VALID, oid_value="1.2.250.1.213.1.4.9").type == "NIA"
    test = check_ins(VALID, oid_value="1.2.250.1.213.1.4.10")
    assert test.valide is False
    assert any(c.code == "MI05" and c.bloquante for c in test.constats)


def test_json_shape_and_masking() -> None:
    code, out, err = run(VALID, "--sexe", "M", "--json")
    assert code == 0 and err == ""
    document = json.loads(out)
    assert set(document) >= {"valide", "type", "matricule", "constats"}
    assert document["valide"] is False and document["type"] is None
    assert document["matricule"] == "2************07"
    assert VALID not in out
    assert all(set(c) >= {"code", "gravite", "message"} for c in document["constats"])


def test_human_output_and_spaces_without_quotes() -> None:
    code, out, _ = run("2", "83", "05", "2A", "004", "123", "07", "--sexe", "F")
    assert code == 0
    assert "Verdict : VALIDE" in out and VALID not in out


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        ((VALID, "--sexe", "X"), "--sexe"),
        ((VALID, "--ddn", "1983-13-01"), "--ddn"),
        ((VALID, "--lieu", "ABCDE"), "--lieu"),
        ((VALID, "--inconnue"), "option inconnue"),
        ((), "manquant"),
    ],
)
def test_bad_options_exit_1_with_one_french_line(args: tuple[str, ...], needle: str) -> None:
    code, out, err = run(*args)
    assert code == 1
    assert out == ""
    assert needle in err and len(err.strip().splitlines()) == 1
