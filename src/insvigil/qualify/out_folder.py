"""The output folder of a run: checked before any work, and the run's scratch space inside it.

A run writes its part files in a ``.insvigil-parts-*`` folder of ``--out`` and removes it on
every way out (success, error, Ctrl-C, SIGTERM); a run killed outright (SIGKILL, power cut)
cannot, so the next run removes the parts folders no live run holds. A live run holds an
exclusive ``flock`` on a file in its parts folder: the kernel releases it when the process dies,
so a folder whose lock can be taken belongs to a dead run.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from pathlib import Path

from insvigil.errors import OutputError
from insvigil.os_reason import why

__all__ = ["PARTS_PREFIX", "PartsFolder", "check_out_folder", "remove_created", "remove_stale"]

PARTS_PREFIX = ".insvigil-parts-"
_LOCK_NAME = ".verrou"


def _fail(folder: Path, reason: str) -> OutputError:
    return OutputError(f"dossier de sortie inutilisable : {folder} ({reason})")


def _not_a_folder(folder: Path) -> Path | None:
    """The first path from ``folder`` up that exists and is not a folder, if any."""
    for path in (folder, *folder.parents):
        if path.exists() or path.is_symlink():
            return None if path.is_dir() else path
    return None


def check_out_folder(folder: Path) -> list[Path]:
    """Create ``folder`` if needed and make sure a file can be written in it, before any work.

    Raises :class:`OutputError` (one French line naming the folder and why). Returns the
    folders this call created, innermost first (:func:`remove_created` removes them again when
    the run stops before writing anything)."""
    blocking = _not_a_folder(folder)
    if blocking is not None:
        where = "c'est un fichier" if blocking == folder else f"{blocking} est un fichier"
        raise _fail(folder, f"{where}, pas un dossier")
    created = [p for p in (folder, *folder.parents) if not p.exists()]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(prefix=".insvigil-essai-", dir=folder)
        os.close(handle)
        os.unlink(probe)
    except OSError as error:
        remove_created(created)
        raise _fail(folder, why(error)) from None
    return created


def remove_created(created: list[Path]) -> None:
    """Remove the folders :func:`check_out_folder` created, as long as they are empty."""
    for path in created:
        with contextlib.suppress(OSError):
            path.rmdir()


def remove_stale(folder: Path) -> None:
    """Remove the parts folders left in ``folder`` by runs that were killed outright."""
    for stale in folder.glob(f"{PARTS_PREFIX}*"):
        if not stale.is_dir() or stale.is_symlink():
            continue
        try:
            lock = os.open(stale / _LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            continue
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # held: a run is using it right now
            os.close(lock)
            continue
        try:
            shutil.rmtree(stale, ignore_errors=True)
        finally:
            os.close(lock)


class PartsFolder:
    """A fresh parts folder in an output folder, locked while the run uses it; the run calls
    :meth:`remove` on every way out."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(tempfile.mkdtemp(prefix=PARTS_PREFIX, dir=folder))
        self._lock: int | None = os.open(self.path / _LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self._lock, fcntl.LOCK_EX)

    def remove(self) -> None:
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None
        shutil.rmtree(self.path, ignore_errors=True)
