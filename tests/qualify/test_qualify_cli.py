"""insvigil qualify end to end on a synthetic population (CliRunner, SQLite)."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from insvigil_cli.main import cli

CONTRACT = {
    "identites.csv": "structure;local_id;statut;attributs;ins_utilisable;statut_declare;"
    "ecart_statut;regles",
    "discordances.csv": "structure;local_id;trait;valeur_locale;valeur_insi;gravite;code",
    "doublons.csv": "structure_a;local_id_a;structure_b;local_id_b;score;type;raisons",
    "taux.csv": "structure;actifs;provisoires;recuperees;validees;qualifiees;"
    "taux_qualification;douteuses;fictives;discordances_ouvertes;doublons_ouverts",
    "rejets.csv": "ligne;colonne;valeur;motif",
}


def run(population: Path, out: Path, db: Path, *extra: str) -> tuple[int, str, str]:
    args = [
        "qualify",
        str(population / "residents.csv"),
        "--insi",
        str(population / "insi.jsonl"),
        "--insi",
        str(population / "insi_xml"),
        "--out",
        str(out),
        "--db",
        f"sqlite:///{db}",
        "--date-traitement",
        "2026-11-01",
        *extra,
    ]
    result = CliRunner().invoke(cli, args)
    return result.exit_code, result.stdout, result.stderr


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def table_counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        names = [r[0] for r in conn.execute("select name from sqlite_master where type='table'")]
        return {n: conn.execute(f'select count(*) from "{n}"').fetchone()[0] for n in names}


def test_outputs_follow_the_contract(population: Path, tmp_path: Path) -> None:
    code, out, _ = run(population, tmp_path / "out", tmp_path / "db.sqlite")
    assert code == 0, out
    assert "Structure" in out and "dossier(s) actif(s)" in out
    for name, header in CONTRACT.items():
        raw = (tmp_path / "out" / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), name
        first = raw[3:].split(b"\n", 1)[0].decode()
        assert first.startswith(header), name
        assert (tmp_path / "out" / name).stat().st_mode & 0o777 == 0o600
    identites = read(tmp_path / "out" / "identites.csv")
    assert {r["statut"] for r in identites} == {"PROVISOIRE", "RECUPEREE", "VALIDEE", "QUALIFIEE"}
    assert all(
        r["ins_utilisable"] == ("1" if r["statut"] == "QUALIFIEE" else "0") for r in identites
    )
    for row in read(tmp_path / "out" / "discordances.csv"):
        if row["trait"] == "matricule_ins":
            for value in (row["valeur_locale"], row["valeur_insi"]):
                assert not value or "*" in value


def test_statuses_match_the_ground_truth(population: Path, tmp_path: Path) -> None:
    code, _, _ = run(population, tmp_path / "out", tmp_path / "db.sqlite")
    assert code == 0
    truth = {
        (r["structure"], r["local_id"]): r["statut_attendu"]
        for r in read(population / "verite.csv")
    }
    got = {
        (r["structure"], r["local_id"]): r["statut"]
        for r in read(tmp_path / "out" / "identites.csv")
    }
    expected = {k: v for k, v in truth.items() if v != "REJET"}
    assert set(got) == set(expected)
    wrong = {k: (expected[k], got[k]) for k in expected if expected[k] != got[k]}
    assert not wrong, list(wrong.items())[:5]


def test_taux_equals_identites(population: Path, tmp_path: Path) -> None:
    run(population, tmp_path / "out", tmp_path / "db.sqlite")
    identites = read(tmp_path / "out" / "identites.csv")
    residents = {
        (r["structure"], r["local_id"]): r["actif"] != "0"
        for r in read(population / "residents.csv")
    }
    for row in read(tmp_path / "out" / "taux.csv"):
        mine = [
            r
            for r in identites
            if r["structure"] == row["structure"] and residents[(r["structure"], r["local_id"])]
        ]
        assert int(row["actifs"]) == len(mine)
        assert int(row["qualifiees"]) == sum(r["statut"] == "QUALIFIEE" for r in mine)
        rate = int(row["qualifiees"]) / int(row["actifs"])
        assert row["taux_qualification"] == f"{rate:.4f}"


def test_rerun_is_idempotent_and_changes_are_kept(population: Path, tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite"
    run(population, tmp_path / "out1", db)
    first = table_counts(db)
    run(population, tmp_path / "out2", db)
    second = table_counts(db)
    assert second["runs"] == first["runs"] + 1
    # Each run keeps its own indicators (the trend); nothing else may grow on the same input.
    assert second["indicators"] == 2 * first["indicators"]
    per_run = {"runs", "indicators"}
    assert {k: v for k, v in second.items() if k not in per_run} == {
        k: v for k, v in first.items() if k not in per_run
    }
    assert first["queue_items"] > 0
    for name in ("identites.csv", "discordances.csv", "taux.csv", "rejets.csv"):
        assert (tmp_path / "out1" / name).read_bytes() == (tmp_path / "out2" / name).read_bytes()

    edited = tmp_path / "edited"
    edited.mkdir()
    lines = (population / "residents.csv").read_text(encoding="utf-8").splitlines(True)
    header, first_row = lines[0].split(";"), lines[1].split(";")
    first_row[header.index("nom_utilise")] = "NOUVEAUNOM"
    lines[1] = ";".join(first_row)
    (edited / "residents.csv").write_text("".join(lines), encoding="utf-8")
    (edited / "insi.jsonl").write_bytes((population / "insi.jsonl").read_bytes())
    (edited / "insi_xml").symlink_to(population / "insi_xml")
    run(edited, tmp_path / "out3", db)
    third = table_counts(db)
    assert third["records"] == first["records"]
    assert third["record_changes"] == first["record_changes"] + 1


def test_unreadable_inputs_exit_1_with_one_french_line(tmp_path: Path) -> None:
    missing = CliRunner().invoke(cli, ["qualify", str(tmp_path / "absent.csv")])
    assert missing.exit_code == 1 and "introuvable" in missing.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("a;b\n1;2\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["qualify", str(bad), "--db", f"sqlite:///{tmp_path}/x"])
    assert result.exit_code == 1
    assert "attendu : structure, local_id" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    rules = tmp_path / "rules.toml"
    rules.write_text('[discordances]\nDI09 = "FAIBLE"\n', encoding="utf-8")
    good = tmp_path / "good.csv"
    good.write_text(
        "structure;local_id;nom_naissance;prenoms_naissance;date_naissance;sexe\n"
        "750000001;A;DUPONT;MARIE;1980-01-01;F\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["qualify", str(good), "--rules", str(rules)])
    assert result.exit_code == 1 and "DI09" in result.stderr and "FAIBLE" in result.stderr
    result = CliRunner().invoke(cli, ["qualify", str(good), "--insi", str(tmp_path / "nope")])
    assert result.exit_code == 1 and "nope" in result.stderr
