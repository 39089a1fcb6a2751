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
from insvigil.insi.jsonl import read_jsonl_ranked
from insvigil.insi.model import InsiProblem, InsiResponse, Share
from insvigil.insi.soap import read_soap, split_name

_EXPECTED = (
    "un fichier .jsonl, un fichier <structure>__<local_id>.xml ou un dossier de ces fichiers"
)
_SUFFIXES = (".jsonl", ".xml")


def _is_response_file(path: Path) -> bool:
    return not path.name.startswith(".") and path.suffix.lower() in _SUFFIXES and path.is_file()


#: A result with its place in the path's reading order: (file of the folder, line of the file).
Ranked = tuple[tuple[int, int], InsiResponse | InsiProblem]


def _read_file(path: Path, number: int, share: Share | None) -> Iterator[Ranked]:
    """One file of a path, the ``number``-th (0 for a path that is a file)."""
    if path.suffix.lower() == ".jsonl":
        lines = read_jsonl_ranked(path, share)  # raises now when the file cannot be opened
        return (((number, line), item) for line, item in lines)
    if share is not None and not _ours(share, split_name(path.name), number):
        return iter(())  # the record key is in the file name: not even opened
    return iter([((number, 0), read_soap(path))])


def _ours(share: Share, key: tuple[str, str] | None, number: int) -> bool:
    return share.keep_key(*key) if key is not None else share.keep_item(number)


def _read_folder(files: list[Path], share: Share | None) -> Iterator[Ranked]:
    for number, path in enumerate(files):
        try:
            results = _read_file(path, number, share)
        except InputFileError:
            key = split_name(path.name)
            if share is None or _ours(share, key, number):
                structure, local_id = key if key is not None else (None, None)
                yield (number, 0), InsiProblem(
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
    ranked = read_insi_ranked(path)
    return (item for _, item in ranked)


def read_insi_ranked(path: Path, share: Share | None = None) -> Iterator[Ranked]:
    """:func:`read_insi` with each result's place in the reading order; with ``share``, only
    that share's results (:class:`~insvigil.insi.model.Share`): the processes of a sharded run
    each read every path, and together keep each response and each problem exactly once.
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
        return _read_folder(files, share)
    if not path.exists():
        raise InputFileError(f"Réponses INSi introuvables : {path} ; attendu : {_EXPECTED}.")
    if not path.is_file() or path.suffix.lower() not in _SUFFIXES:
        raise InputFileError(f"Réponses INSi non reconnues : {path} ; attendu : {_EXPECTED}.")
    return _read_file(path, 0, share)
