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
        ("246012000411885", {"ddn": "1980-01-17", "lieu": "2A004"}, False,
         {"MI05", "MI04", "MI08"}),
        # Corsica across the 1976 split: a warning (MI08), not a contradiction (domain.md §2.1)
        ("160012B02012385", {"sexe": "M", "ddn": "1960-01-01"}, True, {"MI05", "MI08"}),
        ("160012B02012385", {"ddn": "1960-01-01", "lieu": "20020"}, True, {"MI05", "MI08"}),
        ("283052000412377", {"ddn": "1983-05-12", "lieu": "2A004"}, True, {"MI05", "MI08"}),
        ("246012000411885", {"ddn": "1946-00-00"}, True, {"MI05"}),
        ("185039935007149", {"sexe": "M", "ddn": "1985-03-02", "lieu": "99350"}, True, {"MI05"}),
        ("201079741101237", {"sexe": "F", "ddn": "2001-07-15", "lieu": "97411"}, True, {"MI05"}),
    ],
)
def test_check_ins_table(value: str, kwargs: dict[str, str], valide: bool, codes: set[str]) -> None:
    result = check_ins(value, **kwargs)  # type: ignore[arg-type]
    assert result.valide is valide
    assert {c.code for c in result.constats} == codes
    assert result.matricule == matricule.mask(value)


def test_corsica_warning_is_mineure_and_says_why() -> None:
    result = check_ins("160012B02012385", sexe="M", ddn="1960-01-01")
    [warning] = [c for c in result.constats if c.code == "MI08"]
    assert warning.gravite.value == "MINEURE" and result.valide is True
    assert "1960-01-01" in warning.message and "Aucun texte de l'INSEE" in warning.message
    assert "l'INSi peut renvoyer" in warning.message
    code, out, _ = run("160012B02012385", "--ddn", "1960-01-01", "--json")
    assert code == 0 and json.loads(out)["valide"] is True


def test_contradictions_show_the_traits_never_the_matricule_digits() -> None:
    """MI04 says which part contradicts which trait with the given values; the matricule's
    year (83), month (05), place (2A004), order (123) never appear (issue 15)."""
    args = (VALID, "--sexe", "M", "--ddn", "1991-06-14", "--lieu", "29019")
    code, text, _ = run(*args)
    code_json, out, _ = run(*args, "--json")
    assert code == code_json == 0
    messages = [c["message"] for c in json.loads(out)["constats"] if c["code"] == "MI04"]
    assert len(messages) == 4
    expected = [
        "Le sexe codé dans le matricule ne correspond pas au sexe du dossier (M).",
        "L'année de naissance codée dans le matricule ne correspond pas à la date de naissance "
        "du dossier (1991-06-14).",
        "Le mois de naissance codé dans le matricule ne correspond pas à la date de naissance "
        "du dossier (1991-06-14).",
        "Le lieu de naissance codé dans le matricule ne correspond pas au lieu de naissance du "
        "dossier (29019).",
    ]
    assert messages == expected
    lines = [line for line in text.splitlines() if "MI04" in line]
    assert len(lines) == 4
    for shown in (*lines, *messages):
        for digits in ("83", "05", "2A", "004", "123", "1 =", "2 ="):
            assert digits not in shown, (digits, shown)


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
