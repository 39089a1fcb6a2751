"""Low-level CSV text scanning shared by the residents reader: delimiter, header names, records.

Records come with the physical line where they start (the header's first line is 1), which
stays right when quoted cells hold newlines, because the file is read with ``newline=""``.
"""

from __future__ import annotations

import csv
from collections import deque
from collections.abc import Generator, Iterator
from itertools import chain, islice
from pathlib import Path

from insvigil.errors import InputFileError
from insvigil.io._lines import LineReport, text_lines
from insvigil.io.encoding import Detected, open_error

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


class Unreadable(list[str]):
    """The cells of a record that cannot be used at all (never equal to a header's width: it
    is empty), with the French reason: a NUL byte, undecodable bytes, an oversized cell."""

    def __init__(self, motif: str) -> None:
        super().__init__()
        self.motif = motif


def _oversized(start: int, end: int, exc: csv.Error) -> Unreadable:
    if "field larger" not in str(exc):  # pragma: no cover - the only error of a lax reader
        return Unreadable("structure CSV illisible (guillemets mal placés), ligne ignorée")
    motif = f"cellule de plus de {csv.field_size_limit() // 1024} Kio, ligne ignorée en entier"
    if end > start:
        motif += f" (lignes {start} à {end} : guillemet ouvrant jamais fermé ?)"
    return Unreadable(motif)


def _problem(start: int, end: int, problems: dict[int, str]) -> Unreadable | None:
    for number in range(start, end + 1):
        why = problems.get(number)
        if why is not None:
            if end == start:
                return Unreadable(f"{why} : ligne ignorée en entier")
            return Unreadable(
                f"{why} à la ligne {number} : enregistrement des lignes {start} à {end} "
                "ignoré en entier"
            )
    return None


Record = tuple[int, int, list[str]]
#: Restarts after an unclosed quote, per reading of a file (each re-reads the file up to the
#: restart line, at C speed); past that, a record swallowed by a quote is rejected whole.
MAX_RESYNCS = 100


def _unclosed(start: int, end: int) -> Unreadable:
    return Unreadable(
        f"guillemet ouvrant jamais fermé ? l'enregistrement s'étendait jusqu'à la ligne {end} ; "
        f"seule la ligne {start} est ignorée, la lecture reprend à la ligne suivante"
    )


def _skipped(lines: Iterator[str], count: int) -> Iterator[str]:
    """``lines`` past its first ``count`` lines (consumed at C speed)."""
    deque(islice(lines, count), maxlen=0)
    return lines


def scan(
    path: Path,
    detected: Detected,
    delimiter: str | None,
    report: LineReport | None = None,
    width: int | None = None,
) -> Generator[Record]:
    """Yield ``(first_line, last_line, cells)`` for every non-empty record, header included.

    Leading blank lines are skipped. ``delimiter=None`` detects it from the first non-blank
    line. Empty lines inside the file are skipped (lines holding only spaces or delimiters are
    yielded: the caller decides). A record that cannot be used (a NUL byte, undecodable bytes,
    a cell over the size limit) is yielded with :class:`Unreadable` cells: it costs that record
    only. ``report`` collects what decoding found (see :class:`LineReport`).

    ``width`` (the header's cell count) makes a quote opened and never closed cost one line:
    a record that spans several lines and has not ``width`` cells (or a cell over the size
    limit) is taken for one; its first line is yielded as :class:`Unreadable` and reading
    starts again on the next line (at most :data:`MAX_RESYNCS` times, then as without width).
    """
    report = report if report is not None else LineReport()
    problems = report.problems
    done = 0
    resyncs = 0
    lines = text_lines(path, detected, report)
    try:
        for first in lines:
            if first.strip():
                break
            done += 1
        else:
            return
        delimiter = delimiter or detect_delimiter(first)
        source: Iterator[str] = chain([first], lines)
        while True:
            offset = done
            reader = csv.reader(source, delimiter=delimiter, skipinitialspace=True)
            restart = 0
            while True:  # one round per csv.Error, which the reader survives
                try:
                    for cells in reader:  # C iteration: no Python step per line
                        start = done + 1
                        done = offset + reader.line_num
                        if (
                            done > start
                            and width is not None
                            and len(cells) != width
                            and resyncs < MAX_RESYNCS
                            and any(c.strip() for c in cells)
                        ):
                            restart = start
                            break
                        if problems:
                            bad = _problem(start, done, problems)
                            if bad is not None:
                                yield start, done, bad
                                continue
                        if cells:
                            yield start, done, cells
                except csv.Error as exc:  # the rest of the line is dropped, the next one read
                    start = done + 1
                    done = offset + reader.line_num
                    if width is not None and done > start and resyncs < MAX_RESYNCS:
                        restart = start
                    else:
                        yield start, done, _oversized(start, done, exc)
                        continue
                break
            if not restart:
                return
            resyncs += 1
            yield restart, restart, _problem(restart, restart, problems) or _unclosed(restart, done)
            lines.close()  # read again from the line after ``restart``
            lines = text_lines(path, detected, LineReport(problems=problems))
            source = _skipped(lines, restart)
            done = restart
    except UnicodeDecodeError:  # the file changed since its encoding was detected
        raise InputFileError(f"{path} : ligne {done + 1} : octets illisibles") from None
    except OSError as exc:
        raise open_error(path, exc) from None
    finally:
        lines.close()
