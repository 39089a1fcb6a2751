"""Compact the INSEE first-name and family-name files into insvigil's synthetic-population data.

Reads ``prenoms-2023-nat.csv`` and ``noms2008nat_txt.txt`` next to this script and writes two
small gzip'd text files into ``src/insvigil/reference/data/``. Standard library only, no network;
the same input always gives byte-identical output (sorted lines, gzip ``mtime=0``).

Usage (from the repository root)::

    python reference/names/update.py             # writes the package data
    python reference/names/update.py --out DIR   # writes into DIR instead

``prenoms.txt.gz`` (UTF-8, TAB-separated)::

    insvigil-prenoms<TAB>1<TAB><SHA-256 of the source file>
    <sexe 1|2><TAB><year><TAB><births that year, all names><TAB>NAME:count<TAB>NAME:count...

One line per sex and birth year (1900-2023), with the ``TOP_PRENOMS`` most given names of that
year, most frequent first (ties by name), accents kept (``ANDRÉ``). ``_PRENOMS_RARES`` and the
``XXXX`` (year unknown) rows are dropped; the births column still counts them, so a reader can
tell which share of births the kept names cover.

``noms.txt.gz`` (ASCII, TAB-separated)::

    insvigil-noms<TAB>1<TAB><SHA-256 of the source file><TAB>1891-1900,...,1991-2000
    NAME<TAB>count 1891-1900<TAB>...<TAB>count 1991-2000

The ``TOP_NOMS`` family names with the most bearers born 1891-2000, most frequent first (ties
by name), plus every less frequent name that has a particle or separator (space, hyphen,
apostrophe: ``LE GALL``, ``D'ANGELO``) and at least ``MIN_SEPARATED`` bearers, so that such
names keep a realistic variety. ``AUTRES NOMS`` (INSEE's pool of rare names) is dropped.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE.parent.parent / "src" / "insvigil" / "reference" / "data"
PRENOMS = "prenoms-2023-nat.csv"
NOMS = "noms2008nat_txt.txt"
FORMAT_VERSION = "1"

TOP_PRENOMS = 300
TOP_NOMS = 20_000
MIN_SEPARATED = 300
RARE_PRENOMS = "_PRENOMS_RARES"
RARE_NOMS = "AUTRES NOMS"
FORBIDDEN = ("\t", ":", "\n", "\r")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def render_prenoms(src: Path) -> str:
    """The first-name table as text (see the module docstring)."""
    counts: dict[tuple[str, int], dict[str, int]] = defaultdict(dict)
    births: dict[tuple[str, int], int] = defaultdict(int)
    with (src / PRENOMS).open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        if next(reader) != ["sexe", "preusuel", "annais", "nombre"]:
            raise ValueError(f"{PRENOMS}: unexpected header")
        for sexe, name, year, number in reader:
            if year == "XXXX":
                continue
            key = (sexe, int(year))
            births[key] += int(number)
            if name == RARE_PRENOMS:
                continue
            if any(c in name for c in FORBIDDEN) or " " in name:
                raise ValueError(f"{PRENOMS}: unexpected first name {name!r}")
            counts[key][name] = counts[key].get(name, 0) + int(number)
    lines = [f"insvigil-prenoms\t{FORMAT_VERSION}\t{sha256(src / PRENOMS)}"]
    for key in sorted(counts):
        top = sorted(counts[key].items(), key=lambda item: (-item[1], item[0]))[:TOP_PRENOMS]
        pairs = "\t".join(f"{name}:{number}" for name, number in top)
        lines.append(f"{key[0]}\t{key[1]}\t{births[key]}\t{pairs}")
    return "\n".join(lines) + "\n"


def render_noms(src: Path) -> str:
    """The family-name table as text (see the module docstring)."""
    rows: list[tuple[int, str, list[str]]] = []
    with (src / NOMS).open(encoding="ascii", newline="") as handle:
        header = handle.readline().rstrip("\r\n").split("\t")
        if header[0] != "NOM" or len(header) != 12:
            raise ValueError(f"{NOMS}: unexpected header")
        for line in handle:
            fields = line.rstrip("\r\n").split("\t")
            if fields[0] == RARE_NOMS:
                continue
            if len(fields) != 12 or any(c in fields[0] for c in FORBIDDEN):
                raise ValueError(f"{NOMS}: unexpected row {fields[0]!r}")
            rows.append((sum(int(v) for v in fields[1:]), fields[0], fields[1:]))
    rows.sort(key=lambda row: (-row[0], row[1]))
    kept = rows[:TOP_NOMS] + [
        row
        for row in rows[TOP_NOMS:]
        if row[0] >= MIN_SEPARATED and any(c in row[1] for c in " -'")
    ]
    decades = ",".join(h.strip("_").replace("_", "-") for h in header[1:])
    lines = [f"insvigil-noms\t{FORMAT_VERSION}\t{sha256(src / NOMS)}\t{decades}"]
    lines += ["\t".join([name, *values]) for _, name, values in kept]
    return "\n".join(lines) + "\n"


def write(src: Path, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in (("prenoms.txt.gz", render_prenoms(src)), ("noms.txt.gz", render_noms(src))):
        target = out / name
        target.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--src", type=Path, default=HERE, help="folder holding the INSEE files")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = parser.parse_args(argv)
    for target in write(args.src, args.out):
        print(f"{target} ({target.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
