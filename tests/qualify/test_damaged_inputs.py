"""Property: whatever damage a residents file or an INSi JSON Lines file suffers, ``qualify``
never crashes, and when it ends 0 nothing is lost (issue 15).

Inputs: a small synthetic population (``insvigil.synth``), mutated by hypothesis: bytes
flipped, deleted, files cut, delimiters, quotes, line breaks, NUL bytes, BOMs, oversized cells,
Windows-1252 / UTF-16 / undecodable bytes inserted, header lines repeated, lines doubled,
hostile JSON lines (huge numbers, deep nesting, non-objects). Each example runs the CLI entry
(click's CliRunner, so the CLI's own error mapping) into a fresh folder and SQLite store, in
one process or, for a third of them, in two forked workers as for a large input.

Asserted for every example: exit 0 or 1 (2 is an internal error), never a traceback.

Accounting when the run ends 0 (``S``, ``R``, ``I`` below):

*Residents file.* Its physical lines end at ``\\n``, ``\\r\\n`` or ``\\r``. A BOM at a line
start is not content. Leading blank lines are skipped; the first non-blank line starts the
header. From there the CSV grammar groups physical lines into records: one line, or several
when a quoted cell holds line breaks (a cell over the reader's size limit ends its record at
the line where it went over; the next line starts a new record). A record that spans several
lines with a wrong cell count (or a cell over the limit) is taken for a quote never closed:
its first line alone is a record, and the grammar starts again on the next line (at most
``MAX_RESYNCS`` times per file). Every physical line is thus
exactly one of: a blank line between records, a line of the header, a line of a repeated
header (same names as the header: skipped, listed in one warning), a line of a blank record
(only spaces and delimiters), or a line of a *data record*. A data record is identified by
its first line; ``S`` is the set of those first lines. Each data record must be accounted for
exactly once: either it is a dossier (one ``identites.csv`` row) or it is rejected (one or more
``rejets.csv`` rows whose ``ligne`` is its first line and ``fichier`` the residents file).
Hence: the rejected lines ``R`` are a subset of ``S``, and ``I`` (identites rows) equals
``|S| - |R|`` (a record both kept and rejected, lost, or written twice breaks the equality).
The lines of the repeated headers are the ones the warning lists.

*INSi file.* Its lines end at ``\\n``; a BOM at a line start is not content; a line that
decodes as UTF-8 to nothing but spaces is blank. Every other line is one response or one
problem: a problem, or a response no record took, is one ``rejets.csv`` row (``ligne``: the
line, ``fichier``: the INSi file); a response a record took is stored with that record (its
``source`` is ``insi.jsonl:<line>``), once: the store keeps one copy of identical responses of
a record, so a line neither rejected nor stored must be a JSON object for a record that has a
stored response. No line is both rejected and stored.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from unittest.mock import patch

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, currently_in_test_context, given, settings
from hypothesis import event as hypothesis_event
from hypothesis import strategies as st

from insvigil.io._csvtext import MAX_RESYNCS, detect_delimiter, normalize_name
from insvigil.qualify import run as qualify_run
from insvigil.synth import generate
from insvigil_cli.main import cli

RESIDENTS = "residents.csv"
INSI = "insi.jsonl"
BOM = b"\xef\xbb\xbf"
#: Examples per run; INSVIGIL_FUZZ_EXAMPLES raises it to search harder.
EXAMPLES = int(os.environ.get("INSVIGIL_FUZZ_EXAMPLES", "20"))

INSERTS = [
    b";",
    b",",
    b'"',
    b'";"',
    b"\n",
    b"\r",
    b"\r\n",
    b"\x00",
    b"\x00\x00\x00",
    BOM,
    "ÉLODIE".encode("cp1252"),
    "Hélène".encode(),
    "Nom".encode("utf-16-le"),
    b"\x81\x8d",
    b"\xff\xfe",
    b"A" * 140_000,  # over the 128 KiB cell limit
    b'"' + b"B" * 140_000,
    b"   ",
]
JSON_LINES = [
    b"9" * 5000,
    b'{"structure": "1", "local_id": ' + b"1" * 5000 + b"}",
    b"[" * 20_000,
    b"null",
    b'"texte"',
    b'{"structure": 1, "local_id": [], "cr": {}}',
    b"{",
]


@pytest.fixture(scope="module")
def sample() -> tuple[bytes, bytes]:
    """A small synthetic residents file and its INSi responses (read-only)."""
    with tempfile.TemporaryDirectory() as folder:
        generate(16, 5, Path(folder), xml_count=0)
        return (Path(folder, RESIDENTS).read_bytes(), Path(folder, INSI).read_bytes())


def event(text: str) -> None:
    """Count ``text`` in hypothesis' statistics (``--hypothesis-show-statistics``)."""
    if currently_in_test_context():
        hypothesis_event(text)


def _line_starts(data: bytes) -> list[int]:
    starts, at = [0], 0
    for line in data.splitlines(keepends=True):
        at += len(line)
        starts.append(at)
    return starts


@st.composite
def mutation(draw: st.DrawFn, data: bytes, lines: list[bytes]) -> bytes:
    """``data`` after one to four random damages (``lines``: whole lines that may be inserted)."""
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "delete", "cut", "insert", "line", "bytes"]))
        # Mostly after the first line: a damaged header makes the whole file unusable (exit
        # 1), which is right but checks little else.
        low = draw(st.sampled_from([0, *[data.find(b"\n") + 1] * 5]))
        at = draw(st.integers(low, len(data)))
        if kind == "flip" and data:
            at = min(at, len(data) - 1)
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
        elif kind == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 40)) :]
        elif kind == "cut":
            data = data[:at]
        elif kind == "insert":
            data = data[:at] + draw(st.sampled_from(INSERTS)) + data[at:]
        elif kind == "bytes":
            data = data[:at] + draw(st.binary(min_size=1, max_size=6)) + data[at:]
        else:  # a whole line at a line start: a header, a copy of a line, a BOM, a blank
            starts = [start for start in _line_starts(data) if start >= low]
            at = starts[draw(st.integers(0, len(starts) - 1))]
            line = draw(st.sampled_from(lines))
            data = data[:at] + line + (b"" if line.endswith(b"\n") else b"\n") + data[at:]
    return data


@st.composite
def damaged(draw: st.DrawFn, sample: tuple[bytes, bytes]) -> tuple[bytes, bytes]:
    residents, insi = sample
    r_lines = residents.splitlines(keepends=True)
    i_lines = insi.splitlines(keepends=True)
    which = draw(st.sampled_from(["residents", "insi", "both"]))
    if which != "insi":
        header = r_lines[0]
        extra = [header, header, BOM + header, header.upper(), BOM + r_lines[1], b"\n", b";;;\n"]
        residents = draw(mutation(residents, [*r_lines, *extra]))
    if which != "residents":
        insi = draw(mutation(insi, [*i_lines, BOM + i_lines[0], b"  \n", *JSON_LINES]))
    return residents, insi


# -- the residents file's records, as the CSV grammar groups its lines ----------------------


def _decoded(line: bytes) -> str:
    for codec in ("utf-8", "cp1252", "latin-1"):
        try:
            text = line.decode(codec)
        except UnicodeDecodeError:
            continue
        while text.startswith(("\ufeff", "\u00ef\u00bb\u00bf")):
            text = text.removeprefix("\ufeff").removeprefix("\u00ef\u00bb\u00bf")
        return text
    raise AssertionError("latin-1 decodes anything")  # pragma: no cover


def residents_records(data: bytes) -> tuple[set[int], list[int]]:
    """``S`` (first lines of the data records) and the first lines of repeated headers."""
    lines = [_decoded(line) for line in data.splitlines(keepends=True)]
    skipped = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    if skipped == len(lines):
        return set(), []
    delimiter = detect_delimiter(lines[skipped])
    header: list[str] | None = None
    starts: set[int] = set()
    headers: list[int] = []
    at, resyncs = skipped, 0  # the reader starts on line ``at + 1``
    while True:
        reader = csv.reader(iter(lines[at:]), delimiter=delimiter, skipinitialspace=True)
        done, restart = at, 0
        while True:
            start = done + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error:  # an oversized cell: its record ends here
                done = at + reader.line_num
                if done > start and resyncs < MAX_RESYNCS:
                    restart = start
                    break
                starts.add(start)
                continue
            done = at + reader.line_num
            names = [normalize_name(c) for c in cells]
            if header is None:
                header = names
            elif (
                done > start
                and len(cells) != len(header)
                and any(c.strip() for c in cells)
                and resyncs < MAX_RESYNCS
            ):
                restart = start
                break
            elif names == header:
                headers.append(start)
            elif any(c.strip() for c in cells):
                starts.add(start)
        if not restart:
            return starts, headers
        resyncs += 1
        starts.add(restart)
        at = restart


def insi_lines(data: bytes) -> dict[int, str]:
    """Non-blank lines of the INSi file, by number (undecodable ones as ``""``)."""
    found: dict[int, str] = {}
    for number, raw in enumerate(io.BytesIO(data), start=1):
        while raw.startswith(BOM):
            raw = raw[len(BOM) :]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            found[number] = ""
            continue
        if text.strip():
            found[number] = text
    return found


def _read(path: Path) -> list[dict[str, str]]:
    limit = csv.field_size_limit(1 << 30)  # an output cell may echo a huge input value
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle, delimiter=";"))
    finally:
        csv.field_size_limit(limit)


def _key(text: str) -> tuple[str, str] | None:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    structure, local_id = data.get("structure"), data.get("local_id")
    if isinstance(structure, str) and isinstance(local_id, str):
        return structure.strip(), local_id.strip()
    return None


def check_accounting(folder: Path, residents: bytes, insi: bytes, stderr: str) -> None:
    out = folder / "out"
    rejets = _read(out / "rejets.csv")
    identites = _read(out / "identites.csv")
    # Residents.
    starts, headers = residents_records(residents)
    rejected = {int(r["ligne"]) for r in rejets if r["fichier"] == RESIDENTS}
    event(f"résidents : {'des' if rejected else 'aucun'} rejet(s)")
    event(f"en-têtes répétés : {bool(headers)}")
    assert rejected <= starts, sorted(rejected - starts)
    assert not [r for r in identites if "\ufeff" in r["structure"]], "a BOM made a structure"
    assert len(identites) == len(starts) - len(rejected)
    if headers:
        listed = ", ".join(str(n) for n in headers[:10])
        assert f"en-tête répété ignoré, ligne(s) {listed}" in stderr
    # INSi.
    lines = insi_lines(insi)
    insi_rejected = [int(r["ligne"]) for r in rejets if r["fichier"] == INSI]
    event(f"INSi : {'des' if insi_rejected else 'aucun'} rejet(s)")
    assert len(insi_rejected) == len(set(insi_rejected)), "an INSi line rejected twice"
    with sqlite3.connect(folder / "db.sqlite") as db:
        stored = db.execute(
            "select r.structure, r.local_id, i.source from insi_responses i "
            "join records r on r.id = i.record_id"
        ).fetchall()
    taken = {int(source.rpartition(":")[2]) for _s, _l, source in stored}
    keys_taken = {(s, loc) for s, loc, _source in stored}
    assert not taken & set(insi_rejected), "an INSi line both taken and rejected"
    assert set(insi_rejected) | taken <= set(lines)
    for number in set(lines) - taken - set(insi_rejected):
        assert _key(lines[number]) in keys_taken, f"INSi line {number} lost"


def qualify_and_check(residents: bytes, insi: bytes, *, sharded: bool = False) -> int:
    """Run ``qualify`` on the two files, check the run (module docstring); its exit code.

    ``sharded``: two forked workers, as for a large input (each reads the whole files and keeps
    its share of the records, rejects and INSi lines)."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / RESIDENTS).write_bytes(residents)
        (folder / INSI).write_bytes(insi)
        args = [
            "qualify",
            str(folder / RESIDENTS),
            "--insi",
            str(folder / INSI),
            "--out",
            str(folder / "out"),
            "--db",
            f"sqlite:///{folder / 'db.sqlite'}",
            "--date-traitement",
            "2026-11-01",
        ]
        parallel_from = 0 if sharded else qualify_run.PARALLEL_FROM
        with patch.object(qualify_run, "PARALLEL_FROM", parallel_from):
            result = CliRunner().invoke(cli, args)
        event(f"code de sortie {result.exit_code}")
        assert result.exit_code in (0, 1), result.output
        assert "Traceback" not in result.output and "erreur interne" not in result.output
        if result.exception is not None:
            assert isinstance(result.exception, SystemExit), repr(result.exception)
        if result.exit_code == 0:
            check_accounting(folder, residents, insi, result.stderr)
        else:
            assert result.stderr.count("\n") == 1, result.stderr  # one French line
            event(result.stderr.replace(str(folder), "")[:60])
        return result.exit_code


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize="INSVIGIL_FUZZ_EXAMPLES" not in os.environ,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_damaged_inputs_never_crash_and_lose_nothing(
    sample: tuple[bytes, bytes], data: st.DataObject
) -> None:
    residents, insi = data.draw(damaged(sample))
    qualify_and_check(residents, insi, sharded=data.draw(st.sampled_from([False, False, True])))


def _after_line(data: bytes, number: int, inserted: bytes) -> bytes:
    at = _line_starts(data)[number]
    return data[:at] + inserted + data[at:]


Damage = Callable[[bytes, bytes], tuple[bytes, bytes]]
KNOWN: dict[str, Damage] = {  # damages seen in real use (issue 15): (residents, insi) -> pair
    "huge-number-in-insi": lambda r, i: (r, _after_line(i, 2, b"9" * 5000 + b"\n")),
    "deep-json-in-insi": lambda r, i: (r, _after_line(i, 1, b"[" * 50_000 + b"\n")),
    "repeated-header": lambda r, i: (_after_line(r, 5, BOM + r.splitlines(True)[0]), i),
    "bom-before-a-row": lambda r, i: (_after_line(r, 3, BOM), i),
    "nul-in-a-cell": lambda r, i: (_after_line(r, 4, b"\x00"), i),
    "oversized-cell": lambda r, i: (_after_line(r, 6, b"A" * 140_000), i),
    "unclosed-quote": lambda r, i: (_after_line(r, 2, b'"'), i),
    "one-windows-1252-line": lambda r, i: (_after_line(r, 3, "É;".encode("cp1252")), i),
    "undecodable-bytes": lambda r, i: (_after_line(r, 7, b"\x81\x8d"), i),
    "utf-16-line": lambda r, i: (_after_line(r, 7, "1;2".encode("utf-16-le") + b"\n"), i),
}


@pytest.mark.parametrize(
    ("damage", "sharded"),
    [
        *((damage, False) for damage in sorted(KNOWN)),
        *(
            pytest.param(damage, True, id=f"{damage}-deux-processus")
            for damage in ("huge-number-in-insi", "nul-in-a-cell", "repeated-header")
        ),
    ],
)
def test_known_damages_are_accounted_for(
    sample: tuple[bytes, bytes], damage: str, sharded: bool
) -> None:
    residents, insi = KNOWN[damage](*sample)
    assert qualify_and_check(residents, insi, sharded=sharded) == 0
