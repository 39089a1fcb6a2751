"""Build insvigil's birthplace sampling table from the INSEE COG tables (synthetic populations).

Reads the COG 2026 CSV files of ``reference/insee_communes/`` and writes ``lieux.txt.gz`` into
``src/insvigil/synth/data/``. Standard library only, no network; the same input always gives
byte-identical output (sorted lines, gzip ``mtime=0``).

Usage (from the repository root)::

    python reference/names/update_lieux.py                       # writes the package data
    python reference/names/update_lieux.py --cog DIR --out DIR   # other input/output folders

Output (UTF-8, TAB-separated)::

    insvigil-lieux<TAB>1<TAB>COG 2026<TAB>file=sha256,file=sha256,...
    <kind><TAB><code><TAB><start YYYYMMDD><TAB><end YYYYMMDD, empty = still valid><TAB><weight>

One line per version of a code (COG periods are half-open ``[start, end)``). Kinds:

- ``M`` a metropolitan commune or municipal arrondissement (``v_commune_depuis_1943``);
- ``D`` an overseas department's commune (``971``-``974``, ``976``, same file);
- ``A`` a commune of Algeria, Morocco or Tunisia before independence (``91``-``96``,
  ``v_commune_outremer_depuis_1943``, nature ``COM``);
- ``P`` a country or territory ``99xxx`` (``v_pays_et_territoire_depuis_1943``).

Weights (a sampler draws a row in proportion to its weight among the rows of one kind valid at
the birth date; weight 0 = never drawn, the row is kept for validity checks):

- every commune weighs 1; a department's chef-lieu (``v_departement_2026``, and ``20004`` /
  ``20033`` for Ajaccio and Bastia before 1976) weighs ``CHEF_LIEU`` (maternity hospitals are
  in towns; COG has no population, so this is the only size signal used);
- Paris, Lyon and Marseille are drawn through their municipal arrondissements (the code a NIR
  carries): ``75101``-``75120`` weigh ``PARIS_ARM`` each, Lyon's and Marseille's
  ``LYON_MARSEILLE_ARM``; the communes ``75056``, ``69123`` and ``13055`` weigh 0;
- countries weigh ``COUNTRY_WEIGHTS`` (countries of birth of older immigrants in France, a
  rough DESIGN choice, not a statistic), every other country 1 and France (``99100``) 0;
- pre-independence Maghreb communes weigh 1, their main towns ``MAGHREB_TOWNS``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DEFAULT_COG = ROOT / "reference" / "insee_communes"
DEFAULT_OUT = ROOT / "src" / "insvigil" / "synth" / "data"
FORMAT_VERSION = "1"
VINTAGE = "COG 2026"

COMMUNES = "v_commune_depuis_1943.csv"
OUTREMER = "v_commune_outremer_depuis_1943.csv"
PAYS = "v_pays_et_territoire_depuis_1943.csv"
DEPARTEMENTS = "v_departement_2026.csv"
SOURCES = (COMMUNES, OUTREMER, PAYS, DEPARTEMENTS)

CHEF_LIEU = 80
PARIS_ARM = 60
LYON_MARSEILLE_ARM = 25
PLM_COMMUNES = frozenset({"75056", "69123", "13055"})
CORSICA_OLD_CHEFS_LIEUX = frozenset({"20004", "20033"})  # Ajaccio, Bastia before 1976
DOM_PREFIXES = ("971", "972", "973", "974", "976")
MAGHREB_PREFIXES = ("91", "92", "93", "94", "95", "96")
FRANCE = "99100"

# code -> (COG name, weight); the name is checked so that a wrong code fails loudly.
COUNTRY_WEIGHTS: dict[str, tuple[str, int]] = {
    "99352": ("Algérie", 300),
    "99350": ("Maroc", 250),
    "99139": ("Portugal", 200),
    "99127": ("Italie", 120),
    "99351": ("Tunisie", 100),
    "99134": ("Espagne", 100),
    "99208": ("Turquie", 60),
    "99131": ("Belgique", 30),
    "99109": ("Allemagne", 30),
    "99114": ("Roumanie", 25),
    "99341": ("Sénégal", 25),
    "99132": ("Royaume-Uni", 20),
    "99122": ("Pologne", 20),
    "99335": ("Mali", 20),
    "99326": ("Côte d’Ivoire", 20),
    "99322": ("Cameroun", 20),
    "99216": ("Chine", 20),
    "99312": ("République démocratique du Congo", 15),
    "99333": ("Madagascar", 15),
    "99397": ("Comores", 15),
    "99410": ("Haïti", 15),
    "99243": ("Vietnam", 15),
    "99245": ("Vietnam du Sud", 10),
    "99234": ("Cambodge", 10),
    "99241": ("Laos", 8),
    "99324": ("Congo", 10),
    "99330": ("Guinée", 10),
    "99140": ("Suisse", 10),
    "99123": ("Russie", 10),
    "99121": ("Serbie", 10),
    "99205": ("Liban", 8),
    "99235": ("Sri Lanka", 8),
    "99416": ("Brésil", 8),
}
MAGHREB_TOWNS: dict[str, tuple[str, int]] = {
    "91110": ("ALGER", 30),
    "92110": ("ORAN", 30),
    "93110": ("CONSTANTINE", 20),
    "93310": ("BONE", 10),
    "95101": ("CASABLANCA", 20),
    "95601": ("RABAT", 10),
    "96211": ("TUNIS", 20),
}

Line = tuple[str, str, str, str, int]


def read_csv(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def ymd(text: str) -> str:
    return text.replace("-", "")


def chefs_lieux(src: Path) -> frozenset[str]:
    return frozenset(r["CHEFLIEU"] for r in read_csv(src / DEPARTEMENTS)) | CORSICA_OLD_CHEFS_LIEUX


def commune_weight(code: str, typecom: str, chefs: frozenset[str]) -> int:
    if code in PLM_COMMUNES:
        return 0
    if typecom == "ARM":
        return PARIS_ARM if code.startswith("75") else LYON_MARSEILLE_ARM
    return CHEF_LIEU if code in chefs else 1


def communes(src: Path) -> list[Line]:
    chefs = chefs_lieux(src)
    lines: list[Line] = []
    for r in read_csv(src / COMMUNES):
        code = r["COM"]
        kind = "D" if code.startswith(DOM_PREFIXES) else "M"
        weight = commune_weight(code, r["TYPECOM"], chefs)
        lines.append((kind, code, ymd(r["DATE_DEBUT"]), ymd(r["DATE_FIN"]), weight))
    return lines


def maghreb(src: Path) -> list[Line]:
    lines: list[Line] = []
    seen: dict[str, str] = {}
    for r in read_csv(src / OUTREMER):
        code = r["COM_COMER"]
        if r["NATURE_ZONAGE"] != "COM" or not code.startswith(MAGHREB_PREFIXES):
            continue
        seen[code] = r["NCC"]
        weight = MAGHREB_TOWNS[code][1] if code in MAGHREB_TOWNS else 1
        lines.append(("A", code, ymd(r["DATE_DEBUT"]), ymd(r["DATE_FIN"]), weight))
    for code, (name, _) in MAGHREB_TOWNS.items():
        if seen.get(code) != name:
            raise ValueError(f"{OUTREMER}: {code} is not {name} ({seen.get(code)!r})")
    return lines


def countries(src: Path) -> list[Line]:
    lines: list[Line] = []
    names: dict[str, set[str]] = {}
    for r in read_csv(src / PAYS):
        code = r["COG"]
        names.setdefault(code, set()).add(r["LIBCOG"])
        weight = 0 if code == FRANCE else COUNTRY_WEIGHTS.get(code, ("", 1))[1]
        lines.append(("P", code, ymd(r["DATE_DEBUT"]), ymd(r["DATE_FIN"]), weight))
    for code, (name, _) in COUNTRY_WEIGHTS.items():
        if name not in names.get(code, set()):
            raise ValueError(f"{PAYS}: {code} is not {name} ({names.get(code)!r})")
    return lines


def render(src: Path) -> str:
    lines = communes(src) + maghreb(src) + countries(src)
    lines.sort(key=lambda line: (line[0], line[1], line[2]))
    sources = ",".join(
        f"{name}={hashlib.sha256((src / name).read_bytes()).hexdigest()}" for name in SOURCES
    )
    out = [f"insvigil-lieux\t{FORMAT_VERSION}\t{VINTAGE}\t{sources}"]
    out += ["\t".join((kind, code, start, end, str(w))) for kind, code, start, end, w in lines]
    return "\n".join(out) + "\n"


def write(src: Path, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    target = out / "lieux.txt.gz"
    target.write_bytes(gzip.compress(render(src).encode("utf-8"), compresslevel=9, mtime=0))
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cog", type=Path, default=DEFAULT_COG, help="folder of the COG files")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = parser.parse_args(argv)
    target = write(args.cog, args.out)
    print(f"{target} ({target.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
