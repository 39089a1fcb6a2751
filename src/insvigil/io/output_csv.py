"""Output CSV files (contract section 5; security: domain rulebook section 11).

UTF-8 with a BOM (spreadsheets then detect the encoding), ``;``-delimited, header first,
``\\n`` line ends, RFC 4180 quoting of cells holding ``;``, ``"`` or a line break.

Formula neutralisation: a text cell starting with ``=``, ``+``, ``-`` or ``@`` (the contract),
or with a tab, carriage return, line feed or NUL (OWASP "CSV Injection" and ASVS 1.2.10 list
tab/CR and NUL as formula-entry characters too), or with the full-width ``＝ ＋ － ＠`` (SAFE
extra) gets a leading ``'`` so that no spreadsheet evaluates it. Numbers (``int``, ``float``,
``Decimal``) are written as numbers: they cannot carry a formula.

No matricule in clear (contract §5, domain.md §11): every text cell, whatever its column, goes
through :func:`~insvigil.identifiers.matricule_text.mask_matricules` before it is written, so
that a matricule typed in a name, a justificatif or a record number, and copied into a
``rejets.csv`` reason or an explanation, comes out as ``2************07``.

Files are created 0600 (``os.open`` with that mode, which the umask can only narrow, then
``fchmod`` to exactly 0600) before any byte is written, and written
atomically: a temporary file in the target's folder, ``fsync``, then ``os.replace``. An
interrupted run leaves the previous file (or none) and never half a file.

>>> neutralize("=1+1"), neutralize("-3"), neutralize("DUPONT"), neutralize("")
("'=1+1", "'-3", 'DUPONT', '')
>>> cell(None), cell(True), cell(3), cell("@x"), cell("valeur 2 83 05 2A 004 123 07")
('', '1', '3', "'@x", 'valeur 2************07')
"""

from __future__ import annotations

import contextlib
import csv
import os
import secrets
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

from insvigil.identifiers.matricule_text import mask_matricules

__all__ = ["AtomicCsv", "cell", "format_row", "neutralize", "write_csv"]

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\x00", "＝", "＋", "－", "＠")
DELIMITER = ";"
FILE_MODE = 0o600
_SHORTEST_MATRICULE_TEXT = 8  # shorter text cannot hold a matricule (mask_matricules)


def neutralize(cell: str) -> str:
    """Prefix ``cell`` with ``'`` when a spreadsheet could read it as a formula."""
    return "'" + cell if cell.startswith(FORMULA_TRIGGERS) else cell


def cell(value: object) -> str:
    """One output cell: None → empty, bool → 1/0, numbers as they are, text with its
    matricules masked, then neutralised."""
    if type(value) is str:  # the common case first
        if len(value) >= _SHORTEST_MATRICULE_TEXT:
            value = mask_matricules(value)
        return "'" + value if value.startswith(FORMULA_TRIGGERS) else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float | Decimal):
        return str(value)
    return neutralize(mask_matricules(value if isinstance(value, str) else str(value)))


class _Line:
    """A file-like sink keeping what the csv writer wrote last."""

    __slots__ = ("text",)

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        self.text = text
        return len(text)


_LINE = _Line()
_LINE_WRITER = csv.writer(_LINE, delimiter=DELIMITER, lineterminator="\n")


def format_row(row: Sequence[object]) -> str:
    """The text :meth:`AtomicCsv.writerow` writes for ``row``, its final ``\\n`` included.

    >>> print(format_row(["DUPONT", None, 3, "=1", "a;b"]), end="")
    DUPONT;;3;'=1;"a;b"
    """
    _LINE_WRITER.writerow([cell(v) for v in row])
    return _LINE.text


def _fsync_dir(folder: Path) -> None:
    """Make the rename durable; best effort (not every platform can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class AtomicCsv:
    """An output CSV written row by row, published atomically by :meth:`commit`.

    Until ``commit`` the rows go to a hidden temporary file (mode 0600) beside the target; an
    exception inside the ``with`` block, or :meth:`abort`, removes it and leaves the target as
    it was.
    """

    def __init__(self, path: Path, header: Sequence[str]) -> None:
        self.path = Path(path)
        self.rows = 0
        self._tmp = self.path.parent / f".{self.path.name}.{secrets.token_hex(6)}.tmp"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(self._tmp, flags, FILE_MODE)
        try:
            os.fchmod(fd, FILE_MODE)
            self._file = open(fd, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
        except BaseException:
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(self._tmp)
            raise
        self._writer = csv.writer(self._file, delimiter=DELIMITER, lineterminator="\n")
        self._writer.writerow([cell(h) for h in header])
        self._done = False

    def writerow(self, row: Sequence[object]) -> None:
        self._writer.writerow([cell(v) for v in row])
        self.rows += 1

    def write_formatted(self, text: str) -> None:
        """Write one row already formatted by :func:`format_row` (e.g. in another process)."""
        self._file.write(text)
        self.rows += 1

    def writerows(self, rows: Iterable[Sequence[object]]) -> None:
        for row in rows:
            self.writerow(row)

    def commit(self) -> int:
        """Flush, fsync and move the file into place; return the number of rows written."""
        if self._done:
            return self.rows
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        os.replace(self._tmp, self.path)
        self._done = True
        _fsync_dir(self.path.parent)
        return self.rows

    def abort(self) -> None:
        if self._done:
            return
        self._done = True
        with contextlib.suppress(OSError):
            self._file.close()
        with contextlib.suppress(OSError):
            os.unlink(self._tmp)

    def __enter__(self) -> AtomicCsv:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if error is not None:
            self.abort()


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Write ``header`` then ``rows`` to ``path`` atomically with mode 0600; return rows written.

    If ``rows`` raises, the exception propagates, the temporary file is removed and ``path`` is
    left as it was.
    """
    with AtomicCsv(path, header) as out:
        out.writerows(rows)
        return out.commit()
