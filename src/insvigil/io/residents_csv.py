"""Structural reading of the residents file (contract section 1).

:func:`open_residents` checks the whole file before anything is yielded: encoding (UTF-8 with
or without BOM, else Windows-1252 with a warning; decided line by line, see
:mod:`insvigil.io.encoding`), delimiter (``;`` or ``,``, from the header), header (names
matched case-insensitively, unknown columns warned about once, a missing required column is an
:class:`~insvigil.errors.InputFileError`; the header repeated further down is skipped, with one
warning), duplicate (``structure``, ``local_id``) keys and FINESS keys (a warning per
structure, rows kept). A damaged spot (NUL byte, undecodable bytes, oversized cell, quote never
closed) costs its record, or the first line of a record it swallowed, never the file (see
:func:`insvigil.io._csvtext.scan`). :meth:`ResidentsFile.rows` then streams the rows: a
:class:`RawRow` per usable row, one or more :class:`Reject` (same ``ligne``) per row that
cannot be used. Values are not interpreted here.

Memory: nothing is held per row except, during the checking pass, one hash per key (freed at
the end of :func:`open_residents`); rows are compact tuples produced one at a time. A row whose
key hash was seen twice costs one more pass to confirm and locate the duplicates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

from insvigil.errors import InputFileError, InvalidValue
from insvigil.io import finess
from insvigil.io._csvtext import Record, Unreadable, detect_delimiter, normalize_name, scan
from insvigil.io._lines import LineReport, text_lines
from insvigil.io.encoding import Detected, cp1252_warning, detect, open_error
from insvigil.io.schema import COLUMNS, INDEX, REQUIRED_ORDERED, RawRow, Reject

__all__ = ["ResidentsFile", "open_residents"]

_MAX_LISTED = 10  # names or line numbers listed in one message
_MAX_FINESS_WARNINGS = 20
_Key = tuple[str, str]


def _shorten(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _listing(items: list[str]) -> str:
    shown = ", ".join(items[:_MAX_LISTED])
    return shown if len(items) <= _MAX_LISTED else f"{shown}… (+{len(items) - _MAX_LISTED})"


@dataclass(eq=False)
class ResidentsFile:
    """An opened and checked residents file; :meth:`rows` may be called several times."""

    path: Path
    encoding: str
    delimiter: str
    columns: tuple[str, ...]
    warnings: list[str] = field(default_factory=list)
    #: Non-blank data rows (rejected ones included).
    record_count: int = 0
    _width: int = field(default=0, repr=False)
    _positions: tuple[int, ...] = field(default=(), repr=False)
    _duplicates: dict[_Key, tuple[int, ...]] = field(default_factory=dict, repr=False)
    _detected: Detected = field(default=Detected("utf-8"), repr=False)
    #: The header's names as matched (:func:`normalize_name`), to recognise it when repeated.
    _names: tuple[str, ...] = field(default=(), repr=False)
    #: First lines of the header lines repeated further down (skipped, warned about once).
    _headers: frozenset[int] = field(default=frozenset(), repr=False)

    def _at(self, column: str) -> int:
        return self._positions[INDEX[column]]

    def _data(self, report: LineReport | None = None) -> Iterator[Record]:
        records = scan(self.path, self._detected, self.delimiter, report, self._width)
        next(records, None)  # the header
        return records

    def rows(self, keep: Callable[[str, str], bool] | None = None) -> Iterator[RawRow | Reject]:
        """Stream the data rows in file order: a RawRow, or one or more Rejects, per row.

        ``keep(structure, local_id)`` False leaves out a sound row of that key before it is
        built (a worker's share of a file); Rejects are always yielded.
        """
        width = self._width
        to_columns = itemgetter(*self._positions)
        required = [(name, self._at(name)) for name in REQUIRED_ORDERED]
        required_cells = itemgetter(*(i for _name, i in required))
        key_cells = itemgetter(self._at("structure"), self._at("local_id"))
        duplicates = self._duplicates
        headers = self._headers
        for start, end, cells in self._data():
            if len(cells) != width:
                if isinstance(cells, Unreadable):
                    yield Reject(start, "", "", cells.motif)
                elif any(c.strip() for c in cells):
                    yield _bad_width(start, end, len(cells), width)
                continue
            if headers and start in headers:
                continue
            if keep is not None:
                structure, local_id = key_cells(cells)
                key = (structure.strip(), local_id.strip())
                if (
                    not keep(*key)
                    and all(c.strip() for c in required_cells(cells))
                    and (not duplicates or key not in duplicates)
                ):
                    continue  # a sound row of another share: the RawRow it would have been
            # Stripped cells, then None: the cell absent columns point at.
            values: list[str | None] = [*map(str.strip, cells), None]
            others = duplicates.get(key_cells(values)) if duplicates else None
            if others is None and all(required_cells(values)):  # the common case
                yield RawRow(start, to_columns(values))
                continue
            empty = [name for name, i in required if not values[i]]
            if len(empty) == len(required) and not any(values):
                continue  # a line of delimiters only
            for name in empty:
                yield Reject(start, name, "", "valeur obligatoire absente")
            if others is not None:
                yield _duplicate(start, key_cells(values), others)

    def _check_rows(self) -> None:
        """The checking pass: counts, FINESS keys, duplicate keys (see the module docstring)."""
        width = self._width
        key_cells = itemgetter(self._at("structure"), self._at("local_id"))
        seen: set[int] = set()
        suspects: set[int] = set()
        per_structure: dict[str, int] = {}
        headers: list[int] = []
        report = LineReport()
        count = 0
        for start, _end, cells in self._data(report):
            if len(cells) != width:
                count += isinstance(cells, Unreadable) or any(c.strip() for c in cells)
                continue
            structure, local_id = key_cells(cells)
            structure, local_id = structure.strip(), local_id.strip()
            if (  # FINESS start with a digit: the full check runs on other lines only
                structure
                and not structure[0].isdigit()
                and structure.lower().endswith("structure")
                and self._is_header(cells)
            ):
                headers.append(start)
                continue
            if structure:
                per_structure[structure] = per_structure.get(structure, 0) + 1
            if not (structure and local_id):
                count += any(c.strip() for c in cells)
                continue
            count += 1
            h = hash((structure, local_id))
            if h in seen:
                suspects.add(h)
            else:
                seen.add(h)
        self.record_count = count
        del seen
        self.warnings.extend(_decoding_warnings(self.path, report))
        if headers:
            self._headers = frozenset(headers)
            self.warnings.append(
                f"{self.path} : en-tête répété ignoré, ligne(s) "
                f"{_listing([str(n) for n in headers])} (fichiers mis bout à bout ?)"
            )
        self.warnings.extend(_finess_warnings(self.path, per_structure))
        if suspects:
            self._duplicates = self._locate(suspects)

    def _is_header(self, cells: list[str]) -> bool:
        """Whether ``cells`` repeat the header (names as matched: case, spaces, BOM)."""
        return tuple(map(normalize_name, cells)) == self._names

    def _locate(self, suspects: set[int]) -> dict[_Key, tuple[int, ...]]:
        """Confirm suspected duplicate keys (equal hashes) and find their lines."""
        width = self._width
        key_cells = itemgetter(self._at("structure"), self._at("local_id"))
        lines: dict[_Key, list[int]] = {}
        for start, _end, cells in self._data():
            if len(cells) == width and start not in self._headers:
                structure, local_id = key_cells(cells)
                key = (structure.strip(), local_id.strip())
                if key[0] and key[1] and hash(key) in suspects:
                    lines.setdefault(key, []).append(start)
        return {key: tuple(found) for key, found in lines.items() if len(found) > 1}


def _decoding_warnings(path: Path, report: LineReport) -> list[str]:
    """The warning about lines read as Windows-1252 (the problems are rejects)."""
    if not report.cp1252:
        return []
    if not report.utf8_text:  # no line beyond ASCII was UTF-8: Windows-1252 throughout
        return [cp1252_warning(path)]
    return [
        f"{path} : ligne(s) {_listing([str(n) for n in report.cp1252])} pas en UTF-8 valide, "
        "lue(s) comme Windows-1252 (vérifier leurs accents)"
    ]


def _bad_width(start: int, end: int, found: int, width: int) -> Reject:
    motif = f"nombre de cellules incorrect : {found} au lieu de {width}, ligne ignorée en entier"
    if end > start:
        motif += f" (elle s'étend jusqu'à la ligne {end} : guillemet non fermé ?)"
    return Reject(start, "", f"{found} cellule{'s' if found > 1 else ''}", motif)


def _duplicate(start: int, key: _Key, lines: tuple[int, ...]) -> Reject:
    others = _listing([str(n) for n in lines if n != start])
    motif = (
        f"(structure, local_id) en double dans la structure {_shorten(key[0], 20)} : "
        f"aussi ligne(s) {others} ; aucune des lignes n'est retenue"
    )
    return Reject(start, "local_id", key[1], motif)


def _finess_warnings(path: Path, per_structure: dict[str, int]) -> list[str]:
    bad: list[str] = []
    for structure, count in per_structure.items():
        try:
            finess.validate(structure)
        except InvalidValue as exc:
            bad.append(
                f"{path} : structure {_shorten(structure, 20)} : {exc.message} ; "
                + (f"ses {count} lignes sont conservées" if count > 1 else "sa ligne est conservée")
            )
    if len(bad) > _MAX_FINESS_WARNINGS:
        rest = len(bad) - _MAX_FINESS_WARNINGS
        bad = [
            *bad[:_MAX_FINESS_WARNINGS],
            f"{path} : {rest} autre(s) structure(s) au FINESS invalide",
        ]
    return bad


def _expected() -> str:
    return f"attendu : {', '.join(REQUIRED_ORDERED)} ; séparateur « ; » ou « , »"


def _read_header(path: Path, detected: Detected) -> tuple[str, list[str]]:
    """The delimiter and the header cells; an empty (or blank) file is an InputFileError."""
    try:
        with closing(text_lines(path, detected, LineReport())) as lines:
            first = next((line for line in lines if line.strip()), None)
    except OSError as exc:  # pragma: no cover - detect() has just read the file
        raise open_error(path, exc) from None
    if first is None:
        raise InputFileError(f"{path} : fichier vide ({_expected()})")
    delimiter = detect_delimiter(first)
    with closing(scan(path, detected, delimiter)) as records:
        header = next(records, None)
    if header is None:
        raise InputFileError(f"{path} : fichier vide ({_expected()})")
    if isinstance(header[2], Unreadable):
        raise InputFileError(f"{path} : en-tête illisible : {header[2].motif}")
    return delimiter, header[2]


def open_residents(path: Path) -> ResidentsFile:
    """Open, check and describe a residents file; raise InputFileError when it is unusable."""
    path = Path(path)
    detected = detect(path)
    delimiter, header = _read_header(path, detected)
    found: dict[str, int] = {}
    unknown: list[str] = []
    for i, raw in enumerate(header):
        name = normalize_name(raw)
        if name in INDEX:
            if name in found:
                raise InputFileError(f"{path} : colonne en double dans l'en-tête : {name}")
            found[name] = i
        else:
            shown = raw.replace("\ufeff", "").strip()  # as written, for the user to find it
            unknown.append(_shorten(shown) if name else "(sans nom)")
    if not found:
        raise InputFileError(
            f"{path} : aucune colonne reconnue, la première ligne doit être l'en-tête "
            f"({_expected()})"
        )
    missing = [name for name in REQUIRED_ORDERED if name not in found]
    if missing:
        raise InputFileError(
            f"{path} : colonnes obligatoires absentes : {', '.join(missing)} ({_expected()})"
        )
    width = len(header)
    result = ResidentsFile(
        path=path,
        encoding=detected.codec,
        delimiter=delimiter,
        columns=tuple(sorted(found, key=found.__getitem__)),
        _width=width,
        _positions=tuple(found.get(name, width) for name in COLUMNS),
        _detected=detected,
        _names=tuple(normalize_name(raw) for raw in header),
    )
    if detected.warning:
        result.warnings.append(detected.warning)
    if unknown:
        result.warnings.append(f"{path} : colonnes inconnues ignorées : {_listing(unknown)}")
    result._check_rows()
    return result
