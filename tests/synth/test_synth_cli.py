"""``insvigil synth``: never touches a folder that holds files; a summary in good French."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from insvigil_cli.main import cli


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def synth(out: Path, n: int = 3) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["synth", "--n", str(n), "--seed", "4", "--out", str(out)])
    return result.exit_code, result.stdout, result.stderr


def test_a_folder_that_is_not_empty_is_refused_and_left_untouched(tmp_path: Path) -> None:
    out = tmp_path / "existant"
    (out / "insi_xml").mkdir(parents=True)
    for name in ("residents.csv", "insi.jsonl", "verite.csv", "verite_paires.csv"):
        (out / name).write_text(f"données précieuses de {name}\n", encoding="utf-8")
    (out / "insi_xml" / "750000001__A1.xml").write_text("<réponse/>", encoding="utf-8")
    before = snapshot(out)
    code, stdout, stderr = synth(out)
    assert code == 1
    assert stdout == ""
    assert stderr.strip().splitlines() == [
        f"insvigil : {out} : le dossier n'est pas vide (insi.jsonl, insi_xml, residents.csv, …) ; "
        "rien n'a été modifié, choisir un dossier vide ou nouveau"
    ]
    assert snapshot(out) == before


def test_an_absent_or_empty_folder_is_fine_and_the_summary_agrees(tmp_path: Path) -> None:
    code, stdout, _ = synth(tmp_path / "neuf" / "dossier", n=1)
    assert code == 0
    assert stdout.startswith("1 dossier synthétique (1 personne, 1 structure) écrit dans ")
    (tmp_path / "vide").mkdir()
    code, stdout, _ = synth(tmp_path / "vide", n=3)
    assert code == 0
    assert " 1 structure) écrits dans " in stdout and "structures" not in stdout
    assert stdout.startswith("3 dossiers synthétiques (")
