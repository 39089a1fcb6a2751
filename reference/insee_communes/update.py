"""Build insvigil's birthplace reference from the INSEE COG tables in this folder.

Reads the COG 2026 CSV files next to this script and writes ``cog.txt.gz`` (a small, gzip'd,
line-oriented text file) into ``src/insvigil/reference/data/``. Standard library only; the same
input always gives byte-identical output (sorted lines, gzip ``mtime=0``).

Usage (from the repository root)::

    python reference/insee_communes/update.py             # writes the package data
    python reference/insee_communes/update.py --out DIR   # writes DIR/cog.txt.gz instead

Output format (UTF-8, one record per line, fields separated by TAB, sections in this order)::

    insvigil-cog<TAB>1<TAB>COG 2026
    #S <n>      source files: name, SHA-256
    #P <n>      places: code, then one field per period "NATURE|debut|fin|libelle|nom"
                (dates YYYYMMDD, fin empty = still valid, nom empty = same as libelle)
    #L <n>      links: date, code before, code after, kind, flags
                (kind = INSEE MOD code, or DOM/OUTREMER for the derived overseas links;
                flags: E = the code before ends that day, S = the code after starts that day)
    #A <n>      municipal arrondissements: code, parent commune
    #D <n>      departments (2026): code, libelle

See README.md in this folder for the meaning of each choice.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import itertools
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE.parent.parent / "src" / "insvigil" / "reference" / "data"
OUTPUT_NAME = "cog.txt.gz"
FORMAT_VERSION = "1"
VINTAGE = "COG 2026"

COMMUNES = "v_commune_depuis_1943.csv"
OUTREMER = "v_commune_outremer_depuis_1943.csv"
PAYS = "v_pays_et_territoire_depuis_1943.csv"
TOM = "v_tom_depuis_1943.csv"
MOUVEMENTS = "v_mvt_commune_2026.csv"
COMMUNES_2026 = "v_commune_2026.csv"
DEPARTEMENTS = "v_departement_2026.csv"
SOURCES = (COMMUNES, OUTREMER, PAYS, TOM, MOUVEMENTS, COMMUNES_2026, DEPARTEMENTS)

# A territory that became a set of communes on one day; its communes are the codes with the
# prefix whose first period starts that day. Not in v_mvt_commune: derived from the tables'
# dates (DOM in 1946, Saint-Pierre-et-Miquelon in 1976, Mayotte in 1977).
TERRITORY_SPLITS: tuple[tuple[str, str, str], ...] = (
    ("98702", "971", "1946-03-21"),  # Guadeloupe
    ("98703", "972", "1946-03-21"),  # Martinique
    ("98704", "973", "1946-03-21"),  # Guyane et territoire de l'Inini
    ("98405", "974", "1946-03-21"),  # La Réunion
    ("98701", "975", "1976-07-21"),  # Saint-Pierre-et-Miquelon
    ("98402", "985", "1977-05-20"),  # Mayotte (Comores until 1975)
)
# One commune recoded on a change of overseas status, matched by code and name; "NN" stands
# for the commune's last two digits (Mayotte 985NN -> 976NN in 2007).
RECODINGS: tuple[tuple[str, str, str], ...] = (
    ("985NN", "976NN", "2007-02-23"),
    ("97123", "97701", "2007-02-23"),  # Saint-Barthélemy left Guadeloupe
    ("97127", "97801", "2007-02-23"),  # Saint-Martin left Guadeloupe
)
PLACE_TYPES = {"COM", "ARM"}
FORBIDDEN = ("\t", "\n", "|")


@dataclass(frozen=True, slots=True)
class Row:
    """One version of a place code, as read from a COG table."""

    code: str
    nature: str
    debut: date
    fin: date | None
    libelle: str
    nom: str


def read_csv(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def parse_date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def ncc(name: str) -> str:
    """INSEE's NCC from NCCENR (checked on every commune row): upper case, no accents."""
    name = name.replace("Œ", "OE").replace("œ", "oe").replace("Æ", "AE").replace("æ", "ae")
    name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    for char in "-'’":
        name = name.replace(char, " ")
    return " ".join(name.upper().split())


def read_places(src: Path) -> list[Row]:
    rows: list[Row] = []
    for r in read_csv(src / COMMUNES):
        rows.append(_row(r["COM"], r["TYPECOM"], r, r["NCCENR"]))
    for r in read_csv(src / OUTREMER):
        nature = "COMER" if r["NATURE_ZONAGE"] == "COM" else r["NATURE_ZONAGE"]
        rows.append(_row(r["COM_COMER"], nature, r, r["NCCENR"]))
    for r in read_csv(src / TOM):
        if re.fullmatch(r"[0-9]{5}", r["COMER"]):  # not 95 Maroc, 975, 90bis Sarre
            rows.append(_row(r["COMER"], "TOM", r, r["NCCENR"]))
    for r in read_csv(src / PAYS):
        rows.append(_row(r["COG"], "PAYS", {**r, "LIBELLE": r["LIBENR"]}, r["LIBCOG"]))
    for row in rows:
        if ncc(row.nom) == "" or any(c in row.libelle + row.nom for c in FORBIDDEN):
            raise ValueError(f"unexpected name for {row.code}: {row.libelle!r}")
    return rows


def _row(code: str, nature: str, r: dict[str, str], nom: str) -> Row:
    debut = parse_date(r["DATE_DEBUT"])
    if debut is None or not re.fullmatch(r"(?:[0-9]{2}|2[AB])[0-9]{3}", code):
        raise ValueError(f"bad row for {code!r}")
    if "NCC" in r and ncc(r["NCCENR"]) != r["NCC"]:  # NCC is not stored: it must be derivable
        raise ValueError(f"NCC of {code} is not derivable from NCCENR: {r['NCC']!r}")
    return Row(code, nature, debut, parse_date(r["DATE_FIN"]), r["LIBELLE"], nom)


def group_periods(rows: Iterable[Row]) -> dict[str, list[Row]]:
    by_code: dict[str, list[Row]] = {}
    for row in rows:
        by_code.setdefault(row.code, []).append(row)
    for code, periods in by_code.items():
        periods.sort(key=lambda p: (p.debut, p.fin or date.max))
        for before, after in itertools.pairwise(periods):
            if before.fin is None or before.fin > after.debut:
                raise ValueError(f"overlapping periods for {code}")
    return by_code


def valid_on(periods: list[Row], day: date) -> bool:
    return any(p.debut <= day and (p.fin is None or day < p.fin) for p in periods)


def read_links(src: Path, places: dict[str, list[Row]]) -> set[tuple[date, str, str, str]]:
    """Links between two place codes: v_mvt_commune rows plus the derived overseas links."""
    links: set[tuple[date, str, str, str]] = set()
    for r in read_csv(src / MOUVEMENTS):
        before, after = r["COM_AV"], r["COM_AP"]
        if r["TYPECOM_AV"] in PLACE_TYPES and r["TYPECOM_AP"] in PLACE_TYPES and before != after:
            links.add((date.fromisoformat(r["DATE_EFF"]), before, after, r["MOD"]))
    for territory, prefix, when in TERRITORY_SPLITS:
        day = date.fromisoformat(when)
        if places[territory][-1].fin != day:
            raise ValueError(f"{territory} does not end on {when}")
        for code, periods in places.items():
            if code.startswith(prefix) and any(p.debut == day for p in periods):
                links.add((day, territory, code, "DOM" if prefix < "975" else "OUTREMER"))
    for old, new, when in RECODINGS:
        day = date.fromisoformat(when)
        pairs = (
            [(old, new)]
            if "NN" not in old
            else [
                (code, new.replace("NN", code[3:])) for code in places if code.startswith(old[:3])
            ]
        )
        for before, after in pairs:
            a = next((p for p in places[before] if p.fin == day), None)
            b = next((p for p in places[after] if p.debut == day), None)
            if a is None or b is None or ncc(a.nom) != ncc(b.nom):
                raise ValueError(f"cannot link {before} to {after} on {when}")
            links.add((day, before, after, "OUTREMER"))
    return links


def flag_links(
    links: Iterable[tuple[date, str, str, str]], places: dict[str, list[Row]]
) -> list[tuple[date, str, str, str, str]]:
    """Keep the links usable at run time, flagged E (``before`` ends), S (``after`` starts)."""
    flagged: dict[tuple[date, str, str], tuple[date, str, str, str, str]] = {}
    for day, before, after, kind in sorted(links):
        if before not in places or after not in places:
            continue
        flags = ("E" if not valid_on(places[before], day) else "") + (
            "S" if not valid_on(places[after], day - timedelta(days=1)) else ""
        )
        if flags and (day, before, after) not in flagged:
            flagged[(day, before, after)] = (day, before, after, kind, flags)
    return sorted(flagged.values())


def read_arrondissements(src: Path) -> list[tuple[str, str]]:
    return sorted(
        (r["COM"], r["COMPARENT"]) for r in read_csv(src / COMMUNES_2026) if r["TYPECOM"] == "ARM"
    )


def read_departements(src: Path) -> list[tuple[str, str]]:
    return sorted((r["DEP"], r["LIBELLE"]) for r in read_csv(src / DEPARTEMENTS))


def check_open_communes(src: Path, places: dict[str, list[Row]]) -> None:
    """Cross-check: the communes open in the history table are exactly those of 2026."""
    current = {r["COM"] for r in read_csv(src / COMMUNES_2026) if r["TYPECOM"] == "COM"}
    open_com = {c for c, ps in places.items() if ps[-1].nature == "COM" and ps[-1].fin is None}
    if current != open_com:
        raise ValueError(f"{len(current ^ open_com)} communes differ between the tables")


def ymd(day: date | None) -> str:
    return "" if day is None else day.strftime("%Y%m%d")


def render(src: Path) -> str:
    places = group_periods(read_places(src))
    check_open_communes(src, places)
    links = flag_links(read_links(src, places), places)
    arrondissements = read_arrondissements(src)
    departements = read_departements(src)
    sources = [(name, hashlib.sha256((src / name).read_bytes()).hexdigest()) for name in SOURCES]
    lines = [f"insvigil-cog\t{FORMAT_VERSION}\t{VINTAGE}", f"#S {len(sources)}"]
    lines += ["\t".join(s) for s in sources]
    lines.append(f"#P {len(places)}")
    for code in sorted(places):
        fields = [
            "|".join(
                (p.nature, ymd(p.debut), ymd(p.fin), p.libelle, "" if p.nom == p.libelle else p.nom)
            )
            for p in places[code]
        ]
        lines.append("\t".join([code, *fields]))
    lines.append(f"#L {len(links)}")
    lines += ["\t".join((ymd(d), a, b, kind, flags)) for d, a, b, kind, flags in links]
    lines.append(f"#A {len(arrondissements)}")
    lines += ["\t".join(pair) for pair in arrondissements]
    lines.append(f"#D {len(departements)}")
    lines += ["\t".join(pair) for pair in departements]
    return "\n".join(lines) + "\n"


def write(src: Path, out: Path) -> Path:
    data = gzip.compress(render(src).encode("utf-8"), compresslevel=9, mtime=0)
    out.mkdir(parents=True, exist_ok=True)
    target = out / OUTPUT_NAME
    target.write_bytes(data)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=HERE, help="folder holding the COG CSV files")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = parser.parse_args(argv)
    target = write(args.src, args.out)
    print(f"{target} ({target.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
