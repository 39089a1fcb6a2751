"""No matricule in clear anywhere insvigil writes, whatever column it was typed in (issue 15).

One synthetic matricule is typed in every column of a residents file (one row per column), in
rows that go to ``rejets.csv`` for different reasons, in the name of an unknown column, in the
file's own name, in INSi responses, and in a referent's name and comment. Then every output
file of ``qualify``, every line it prints, and the outputs of ``report``, ``worklist``,
``lookup``, ``queue list``, ``queue resolve``, ``audit`` and ``check-ins`` are searched for its
digits (separators removed), and for its 13-character body (which gives the key). ``queue
show`` is the one place where a referent sees a record's full matricule (contract §5).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from insvigil.identifiers.matricule import compact, is_valid
from insvigil_cli.main import cli

NIR = "283052A00412307"  # synthetic, valid key
GROUPED = "2 83 05 2A 004 123 07"
COLUMNS = (
    "structure",
    "local_id",
    "nom_naissance",
    "prenoms_naissance",
    "premier_prenom",
    "date_naissance",
    "sexe",
    "lieu_naissance",
    "nom_utilise",
    "prenom_utilise",
    "matricule_ins",
    "oid_ins",
    "justificatif",
    "justificatif_complement",
    "attributs",
    "statut",
    "actif",
)
BASE = {
    "structure": "750000001",
    "nom_naissance": "DUPONT",
    "prenoms_naissance": "MARIE CLAIRE",
    "date_naissance": "1983-05-12",
    "sexe": "F",
    "lieu_naissance": "2A004",
    "justificatif": "CNI",
    "statut": "VALIDEE",
    "actif": "1",
}


def assert_masked(where: str, text: str) -> None:
    flat = compact(text)  # spaces, dots, tabs, no-break spaces removed
    assert NIR not in flat, f"{where} : matricule en clair"
    assert NIR[:13] not in flat, f"{where} : corps du matricule en clair"
    assert NIR[:7] + "…" not in flat, f"{where} : début du matricule en clair"


def write_residents(path: Path) -> None:
    header = [*COLUMNS, NIR]  # an unknown column, named after the matricule
    rows = []
    for index, column in enumerate(COLUMNS):
        row = dict(BASE, local_id=f"L{index:02d}")
        row[column] = GROUPED if index % 2 else NIR
        rows.append([row.get(c, "") for c in COLUMNS] + [NIR])
    # Rows rejected whole: too short; the same (structure, local_id) twice.
    rows.append(["750000001", "COURTE", NIR, GROUPED])
    for _ in range(2):
        row = dict(BASE, local_id="DOUBLE", nom_utilise=f"épouse {NIR}")
        rows.append([row.get(c, "") for c in COLUMNS] + [""])
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)


def write_insi(path: Path) -> None:
    traits = {
        "nom_naissance": NIR,
        "prenoms_naissance": "MARIE CLAIRE",
        "sexe": "F",
        "date_naissance": "1983-05-12",
        "lieu_naissance": "2A004",
    }
    ins = {"matricule": NIR, "oid": "1.2.250.1.213.1.4.8"}
    lines = [
        {"structure": "750000001", "local_id": "L08", "operation": "RECHERCHE_TRAITS",
         "date": "2026-10-02T10:41:00", "cr": "00", "ins": ins, "traits": traits},
        {"structure": "750000001", "local_id": NIR, "operation": "RECHERCHE_TRAITS",
         "date": "2026-10-02T10:41:00", "cr": "00", "ins": ins, "traits": traits},
        {"structure": "750000001", "local_id": "L09", "operation": GROUPED,
         "date": "2026-10-02T10:41:00", "cr": "00"},
    ]  # fmt: skip
    text = "\n".join(json.dumps(line) for line in lines)
    path.write_text(text + f'\n{{"structure": "750000001", "local_id": "{NIR}", oups\n')


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture(scope="module")
def qualified(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Result]:
    folder = tmp_path_factory.mktemp("clair")
    residents = folder / f"export_{NIR}.csv"
    write_residents(residents)
    write_insi(folder / "insi.jsonl")
    db = f"sqlite:///{folder / 'store.db'}"
    result = run(
        "qualify", str(residents), "--insi", str(folder / "insi.jsonl"),
        "--out", str(folder / "out"), "--db", db, "--date-traitement", "2026-11-01",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return folder, db, result


def test_the_fixture_really_carries_the_matricule_everywhere(
    qualified: tuple[Path, str, Result],
) -> None:
    # The test is worth something only if the matricule went in: rows rejected, rows kept.
    folder, _, _ = qualified
    assert is_valid(NIR)
    rejets = (folder / "out" / "rejets.csv").read_text("utf-8-sig")
    for reason in ("sexe", "date_naissance", "justificatif", "actif", "cellules", "DOUBLE"):
        assert reason in rejets, reason
    assert "2************07" in rejets
    identites = (folder / "out" / "identites.csv").read_text("utf-8-sig")
    assert "nom_naissance" not in identites and "L02" in identites


def test_qualify_outputs_and_lines(qualified: tuple[Path, str, Result]) -> None:
    folder, _, result = qualified
    assert_masked("stdout de qualify", result.stdout)
    assert_masked("stderr de qualify", result.stderr)
    assert "2************07" in result.stderr  # the unknown column, the structure's FINESS
    files = sorted((folder / "out").iterdir())
    assert {f.name for f in files} >= {"identites.csv", "rejets.csv", "doublons.csv"}
    for path in files:
        assert_masked(path.name, path.read_text("utf-8-sig"))


@pytest.mark.parametrize(
    "args",
    [
        ("report",),
        ("report", "--format", "json"),
        ("report", "--format", "html"),
        ("worklist",),
        ("worklist", "--format", "json", "--tous"),
        ("lookup", "--nom", "DUPONT"),
        ("lookup", "--nom", "DUPONT", "--json"),
        ("lookup", "--nom", NIR),
        ("lookup", "--nom", "DUPONT", "--ins", GROUPED, "--json"),
        ("queue", "list", "--etat", "TOUS"),
        ("queue", "list", "--etat", "TOUS", "--json"),
        ("audit", "verify"),
    ],
)
def test_every_reading_command(qualified: tuple[Path, str, Result], args: tuple[str, ...]) -> None:
    _, db, _ = qualified
    result = run(*args, "--db", db)
    assert result.exit_code in (0, 1), result.output
    assert_masked(" ".join(args), result.stdout)
    assert_masked(" ".join(args), result.stderr)


def test_files_written_with_out(qualified: tuple[Path, str, Result], tmp_path: Path) -> None:
    _, db, _ = qualified
    for args, name in [
        (("report", "--format", "html"), "r.html"),
        (("report", "--format", "json"), "r.json"),
        (("worklist", "--format", "json", "--tous"), "w.json"),
        (("worklist", "--tous"), "w.csv"),
    ]:
        result = run(*args, "--db", db, "--out", str(tmp_path / name))
        assert result.exit_code == 0, result.output
        assert_masked(name, (tmp_path / name).read_text("utf-8-sig"))


def test_decisions_and_audit_export(qualified: tuple[Path, str, Result], tmp_path: Path) -> None:
    _, db, _ = qualified
    listed = json.loads(run("queue", "list", "--json", "--db", db).stdout)
    item = listed["items"][0]["id"]
    choices = json.loads(run("queue", "show", str(item), "--json", "--db", db).stdout)
    decision = choices["decisions_possibles"][0]
    resolved = run(
        "queue", "resolve", str(item), "--decision", decision, "--db", db,
        "--by", f"Dr X {NIR}", "--comment", f"vu avec la famille, NIR {GROUPED} confirmé",
    )  # fmt: skip
    assert resolved.exit_code == 0, resolved.output
    assert_masked("queue resolve", resolved.stdout + resolved.stderr)
    for fmt in ("csv", "json"):
        shown = run("audit", "export", "--format", fmt, "--db", db)
        assert shown.exit_code == 0, shown.output
        assert_masked(f"audit export {fmt}", shown.stdout)
        target = tmp_path / f"audit.{fmt}"
        written = run("audit", "export", "--format", fmt, "--db", db, "--out", str(target))
        assert written.exit_code == 0, written.output
        assert_masked(f"audit export {fmt} --out", target.read_text("utf-8-sig"))
    assert run("audit", "verify", "--db", db).exit_code == 0  # hashes untouched by masking


def test_check_ins_and_errors(qualified: tuple[Path, str, Result]) -> None:
    _, db, _ = qualified
    for args in (
        ("check-ins", GROUPED, "--lieu", NIR),
        ("check-ins", GROUPED, "--ddn", NIR, "--json"),
        ("queue", "show", NIR, "--db", db),
        ("report", "--structure", NIR, "--db", db),
        ("qualify", f"/nulle/part/{NIR}.csv", "--db", db),
    ):
        result = run(*args)
        assert_masked(" ".join(args), result.stdout)
        assert_masked(" ".join(args), result.stderr)


def test_queue_show_still_shows_the_record_to_a_referent(
    qualified: tuple[Path, str, Result],
) -> None:
    # Contract §5: the one command asked to show one record to a referent shows it whole.
    _, db, _ = qualified
    listed = json.loads(run("queue", "list", "--etat", "TOUS", "--json", "--db", db).stdout)
    shown = [run("queue", "show", str(i["id"]), "--db", db).stdout for i in listed["items"]]
    assert any(NIR in compact(text) for text in shown)


def test_help_screens_keep_their_synthetic_examples() -> None:
    # A help screen is the program's own text, not data: its example is shown as written.
    assert GROUPED in run("--help").stdout
    assert GROUPED in run("check-ins", "--help").stdout
    # ... but the same text printed as a result is masked.
    assert GROUPED not in run("check-ins", GROUPED, "--lieu", GROUPED).stdout
