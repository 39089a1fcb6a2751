"""Read INSi responses from a path: a ``.jsonl`` file, one ``.xml`` file or a folder.

A folder is read non-recursively (the contract puts the responses "in a folder" and the file
name already carries the record key, so sub-folders are not needed and are ignored): every
``*.jsonl`` and ``*.xml`` file directly inside (suffix case ignored, hidden files such as
``._x.xml`` or ``.DS_Store`` skipped), in file-name order, so a run is reproducible. Other
files are ignored. An empty folder yields nothing.

Only a path that cannot be used at all raises :class:`~insvigil.errors.InputFileError`; inside
a folder, a file that cannot be opened becomes an IS06 problem and the others are still read.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from insvigil.errors import InputFileError
from insvigil.insi.jsonl import read_jsonl
from insvigil.insi.model import InsiProblem, InsiResponse
from insvigil.insi.soap import read_soap, split_name

_EXPECTED = (
    "un fichier .jsonl, un fichier <structure>__<local_id>.xml ou un dossier de ces fichiers"
)
_SUFFIXES = (".jsonl", ".xml")


def _is_response_file(path: Path) -> bool:
    return not path.name.startswith(".") and path.suffix.lower() in _SUFFIXES and path.is_file()


def _read_file(path: Path) -> Iterator[InsiResponse | InsiProblem]:
    if path.suffix.lower() == ".jsonl":
        return read_jsonl(path)
    return iter([read_soap(path)])


def _read_folder(files: list[Path]) -> Iterator[InsiResponse | InsiProblem]:
    for path in files:
        try:
            results = _read_file(path)
        except InputFileError:
            key = split_name(path.name)
            structure, local_id = key if key is not None else (None, None)
            yield InsiProblem(
                path.name, structure, local_id, "IS06", "Fichier de réponses INSi illisible."
            )
            continue
        yield from results


def read_insi(path: Path) -> Iterator[InsiResponse | InsiProblem]:
    """Every INSi response (or problem) found at ``path``.

    The path is checked at once (before iteration starts); raises
    :class:`~insvigil.errors.InputFileError` when it does not exist, cannot be read, or is
    neither a ``.jsonl`` file, an ``.xml`` file nor a folder.
    """
    if path.is_dir():
        try:
            files = sorted(
                (child for child in path.iterdir() if _is_response_file(child)),
                key=lambda child: child.name,
            )
        except OSError as exc:
            raise InputFileError(
                f"Dossier de réponses INSi illisible : {path} "
                f"({exc.strerror or 'erreur de lecture'}) ; attendu : {_EXPECTED}."
            ) from None
        return _read_folder(files)
    if not path.exists():
        raise InputFileError(f"Réponses INSi introuvables : {path} ; attendu : {_EXPECTED}.")
    if not path.is_file() or path.suffix.lower() not in _SUFFIXES:
        raise InputFileError(f"Réponses INSi non reconnues : {path} ; attendu : {_EXPECTED}.")
    return _read_file(path)
