"""Low-level CSV text scanning shared by the residents reader: delimiter, header names, records.

Records come with the physical line where they start (the header's first line is 1), which
stays right when quoted cells hold newlines, because the file is read with ``newline=""``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from itertools import chain
from pathlib import Path

from insvigil.errors import InputFileError
from insvigil.io.encoding import open_error

DELIMITERS = (";", ",")
# A BOM read through cp1252 (a BOM-prefixed file that is not valid UTF-8 otherwise).
_BOM_AS_CP1252 = "\u00ef\u00bb\u00bf"


def detect_delimiter(header_line: str) -> str:
    """The delimiter of a header line: ``;`` or ``,``, whichever occurs more outside quotes.

    Ties (including a one-column header) go to ``;``, the French spreadsheet default.

    >>> detect_delimiter('structure,local_id;"nom; naissance",sexe')
    ','
    >>> detect_delimiter("structure;local_id")
    ';'
    >>> detect_delimiter("structure")
    ';'
    """
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    return "," if counts[","] > counts[";"] else ";"


def normalize_name(raw: str) -> str:
    """A header name as matched: BOM, quotes and surrounding spaces removed, lower case.

    >>> normalize_name('\\ufeff "Nom_Naissance " ')
    'nom_naissance'
    >>> normalize_name("\u00ef\u00bb\u00bfSTRUCTURE")
    'structure'
    """
    name = raw.replace("\ufeff", "").strip()
    name = name.removeprefix(_BOM_AS_CP1252).strip().strip('"').strip()
    return name.lower()


def _csv_error(path: Path, line: int, exc: csv.Error) -> InputFileError:
    if "field larger" in str(exc):
        why = "cellule démesurée (guillemet ouvrant jamais fermé ?)"
    else:
        why = "guillemets mal placés"
    return InputFileError(f"{path} : ligne {line} : structure CSV illisible, {why}")


def scan(path: Path, codec: str, delimiter: str | None) -> Iterator[tuple[int, int, list[str]]]:
    """Yield ``(first_line, last_line, cells)`` for every non-empty record, header included.

    Leading blank lines are skipped. ``delimiter=None`` detects it from the first non-blank
    line. Empty lines inside the file are skipped (lines holding only spaces or delimiters are
    yielded: the caller decides). Raises :class:`InputFileError` on unreadable text.
    """
    done = 0
    try:
        with path.open(encoding=codec, newline="") as f:
            for first in f:
                if first.strip():
                    break
                done += 1
            else:
                return
            offset = done
            reader = csv.reader(
                chain([first], f),
                delimiter=delimiter or detect_delimiter(first),
                skipinitialspace=True,
            )
            try:
                for cells in reader:
                    start = done + 1
                    done = offset + reader.line_num
                    if cells:
                        yield start, done, cells
            except csv.Error as exc:
                raise _csv_error(path, done + 1, exc) from None
    except UnicodeDecodeError:  # the file changed since its encoding was detected
        raise InputFileError(f"{path} : ligne {done + 1} : octets illisibles en {codec}") from None
    except OSError as exc:
        raise open_error(path, exc) from None
