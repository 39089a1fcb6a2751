"""Writing the review's outputs: CSV as the contract says (BOM, ``;``, formulas neutralised,
mode 0600, atomic), and JSON or HTML text atomically with mode 0600."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import secrets
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from insvigil.errors import InputFileError
from insvigil.identifiers.matricule_text import mask_matricules
from insvigil.io.output_csv import DELIMITER, FILE_MODE, cell, write_csv
from insvigil.os_reason import why

__all__ = ["csv_lines", "csv_text", "write_csv_file", "write_text_file"]


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """The CSV as text (for stdout: no BOM), cells as in the output files.

    >>> csv_text(("a", "b"), [(1, "=x"), (None, True)])
    "a;b\\n1;'=x\\n;1\\n"
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\n")
    writer.writerow([cell(h) for h in header])
    writer.writerows([cell(v) for v in row] for row in rows)
    return buffer.getvalue()


def csv_lines(header: Sequence[str], rows: Iterable[Sequence[object]]) -> Iterator[str]:
    """The CSV line by line (header first), for streaming to the terminal."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\n")
    writer.writerow([cell(h) for h in header])
    yield buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([cell(v) for v in row])
        yield buffer.getvalue()


def write_csv_file(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Write an output CSV file (UTF-8 with BOM, 0600, atomic); InputFileError if impossible."""
    try:
        return write_csv(path, header, rows)
    except OSError as exc:
        raise InputFileError(f"{path} : écriture impossible ({why(exc)})") from None


def write_text_file(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically with mode 0600, its matricules masked
    (a JSON or HTML report, a worklist, an audit export: domain.md §11)."""
    tmp = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        try:
            with open(fd, "w", encoding="utf-8", newline="") as handle:
                os.fchmod(handle.fileno(), FILE_MODE)
                handle.write(mask_matricules(text))
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        os.replace(tmp, path)
    except OSError as exc:
        raise InputFileError(f"{path} : écriture impossible ({why(exc)})") from None
