"""``qualify --out``: checked before any work, and no scratch folder left behind whatever ends
the run (error, Ctrl-C, SIGTERM, or a SIGKILL cleaned up by the next run)."""

from __future__ import annotations

import errno
import fcntl
import importlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from insvigil import OutputError
from insvigil.qualify import out_folder
from insvigil_cli.main import cli
from tests.qualify.test_interrupted_run import saved_results


def qualify(population: Path, out: Path | str, db: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli,
        [
            *("qualify", str(population / "residents.csv"), "--out", str(out)),
            *("--db", f"sqlite:///{db}", "--date-traitement", "2026-11-01", *extra),
        ],
    )
    return result.exit_code, result.stderr


def parts_left(out: Path) -> list[Path]:
    return sorted(out.glob(".insvigil-parts-*"))


def assert_refused(code: int, err: str, folder: str, reason: str, db: Path) -> None:
    assert code == 1, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"insvigil : dossier de sortie inutilisable : {folder} (")
    assert reason in lines[0]
    assert not db.exists()  # checked before the store is opened: no run recorded


def test_an_out_that_cannot_be_created_is_refused_before_any_work(
    population: Path, tmp_path: Path
) -> None:
    db = tmp_path / "db.sqlite"
    code, err = qualify(population, "/proc/insvigil-x", db)
    assert_refused(code, err, "/proc/insvigil-x", "rien ne peut être créé à cet emplacement", db)


def test_an_out_under_a_regular_file_is_refused(population: Path, tmp_path: Path) -> None:
    (tmp_path / "fichier").write_text("x", encoding="utf-8")
    db = tmp_path / "db.sqlite"
    folder = tmp_path / "fichier" / "sous" / "dossier"
    code, err = qualify(population, folder, db)
    assert_refused(code, err, str(folder), f"{tmp_path / 'fichier'} est un fichier", db)


def unwritable_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "lecture-seule"
    folder.mkdir()
    folder.chmod(0o500)
    if os.access(folder, os.W_OK):  # root writes anyway: use a folder the kernel refuses
        folder = Path("/sys/kernel")
        if not folder.is_dir() or os.access(folder / "x", os.F_OK):
            pytest.skip("no folder is read-only for this user")
    return folder


def test_an_unwritable_out_is_refused_the_same_way(population: Path, tmp_path: Path) -> None:
    folder = unwritable_folder(tmp_path)
    db = tmp_path / "db.sqlite"
    code, err = qualify(population, folder, db)
    assert_refused(code, err, str(folder), "droits insuffisants", db)


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.EACCES, "droits insuffisants pour y écrire"),
        (errno.EROFS, "système de fichiers en lecture seule"),
        (errno.ENOSPC, "disque plein"),
        (errno.EIO, "erreur système EIO"),
    ],
)
def test_each_reason_is_said_in_french(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, reason: str
) -> None:
    def refuse(**_: object) -> tuple[int, str]:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(out_folder.tempfile, "mkstemp", refuse)
    with pytest.raises(OutputError) as caught:
        out_folder.check_out_folder(tmp_path / "neuf" / "out")
    assert caught.value.message == (
        f"dossier de sortie inutilisable : {tmp_path / 'neuf' / 'out'} ({reason})"
    )
    assert not (tmp_path / "neuf").exists()  # what the check created is removed again


def test_a_refused_input_leaves_no_new_out_folder(tmp_path: Path) -> None:
    """The folder is created by the check, before the inputs are read: a run refused for its
    residents file removes it again (nothing was written)."""
    (tmp_path / "residents.csv").write_text("a;b\n1;2\n", encoding="utf-8")  # no contract column
    db = tmp_path / "db.sqlite"
    code, err = qualify(tmp_path, tmp_path / "nouveau" / "out", db)
    assert code == 1, err
    assert not (tmp_path / "nouveau").exists()
    assert not db.exists()


def test_stale_parts_of_a_killed_run_are_removed_by_the_next(
    population: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    stale = out / ".insvigil-parts-tue"
    stale.mkdir(parents=True)
    (stale / "identites.0.part").write_text("1;x\n", encoding="utf-8")
    live = out / ".insvigil-parts-vivant"
    live.mkdir()
    lock = os.open(live / ".verrou", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)  # as a run still going on would hold it
        code, err = qualify(population, out, tmp_path / "db.sqlite", "--sans-doublons")
    finally:
        os.close(lock)
    assert code == 0, err
    assert parts_left(out) == [live]
    assert (out / "identites.csv").exists()


def test_a_failing_run_removes_its_parts(
    population: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_module = importlib.import_module("insvigil.qualify.run")

    def broken(*_: object) -> None:
        raise RuntimeError("panne simulée")

    monkeypatch.setattr(run_module, "merge_parts", broken)
    out = tmp_path / "out"
    code, _ = qualify(population, out, tmp_path / "db.sqlite", "--sans-doublons")
    assert code == 2
    assert parts_left(out) == []


def test_sigterm_ends_the_run_in_one_line_and_removes_its_parts(
    population: Path, tmp_path: Path
) -> None:
    out, db = tmp_path / "out", tmp_path / "db.sqlite"
    proc = subprocess.Popen(
        [
            *(sys.executable, "-m", "insvigil_cli", "qualify"),
            str(population / "residents.csv"),
            *("--insi", str(population / "insi.jsonl")),
            *("--out", str(out), "--db", f"sqlite:///{db}"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    # Once results are saved (not while the collector runs its callbacks, where Python drops
    # any exception a signal handler raises, as with Ctrl-C).
    while (
        not (parts_left(out) and saved_results(db))
        and proc.poll() is None
        and time.monotonic() < deadline
    ):
        time.sleep(0.005)
    if proc.poll() is not None:
        pytest.skip("the run finished before it could be stopped")
    os.kill(proc.pid, signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1, err
    assert err.strip().splitlines()[-1].startswith("insvigil : traitement interrompu")
    assert parts_left(out) == []
