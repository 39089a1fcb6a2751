"""Build the name index of ``insvigil lieu`` (package data ``lieux_index.txt``).

Reads the COG package data ``cog.txt.gz`` (written by ``update.py`` from the COG 2026 tables
next to this script; ``tests/reference/test_cog.py`` checks that it is up to date with them)
and ``population.tsv`` (written by ``update_population.py``), builds the
index of every COG name with insvigil's own name normalisation
(``insvigil.reference.names_index``, so the keys are exactly those the search computes) and
writes it, uncompressed, into ``src/insvigil/reference/data/``. The format is described in
``insvigil.reference.place_index``. No network; the same inputs always give the same bytes
(tested by ``tests/reference/test_place_index.py``).

Run it with the project's interpreter (it imports insvigil), from the repository root::

    .venv/bin/python reference/insee_communes/update_index.py            # the package data
    .venv/bin/python reference/insee_communes/update_index.py --out DIR  # DIR/lieux_index.txt

Run it after ``update.py`` or ``update_population.py`` changed their output, or when the name
normalisation (``name_key``) changes; the tests say when the committed index is stale.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import sys
from pathlib import Path

from insvigil.reference.cog import Cog
from insvigil.reference.cog_data import DATA_FILE as COG_FILE
from insvigil.reference.cog_data import CogData
from insvigil.reference.names_index import Entry, NameIndex, departement_of, name_key
from insvigil.reference.place_index import DATA_FILE, MAGIC

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE.parent.parent / "src" / "insvigil" / "reference" / "data"
POPULATION = HERE / "population.tsv"


def read_population(path: Path) -> tuple[dict[str, int], str]:
    """Code -> population from ``population.tsv``, and the file's SHA-256."""
    raw = path.read_bytes()
    lines = raw.decode("utf-8").splitlines()
    if not lines or not lines[0].startswith("# insvigil-population\t1\t"):
        raise ValueError(f"{path}: not a population table (format 1)")
    table = {}
    for line in lines[1:]:
        code, population = line.split("\t")
        table[code] = int(population)
    return table, hashlib.sha256(raw).hexdigest()


def _version(entry: Entry, bare: str) -> str:
    article = entry.full[: -len(bare)].strip() if entry.full != bare else ""
    if (f"{article} {bare}" if article else bare) != entry.full or "," in entry.nature:
        raise ValueError(f"{entry.code}: name key {entry.full!r} is not article + {bare!r}")
    return f"{entry.code},{entry.debut:%Y%m%d},{entry.nature},{article}"


def _section(tag: str, lines: list[str]) -> list[str]:
    return [f"#{tag} {len(lines)}", *lines]


def render(cog_text: str, population: dict[str, int], population_sha: str) -> str:
    """The index's text (see ``insvigil.reference.place_index`` for the format)."""
    cog = Cog(CogData.parse(cog_text))
    index = NameIndex(cog)
    codes = cog.codes()
    unknown = sorted(set(population) - set(codes))
    if unknown:
        raise ValueError(f"population of codes that are not COG codes: {' '.join(unknown[:10])}")
    departements = sorted({departement_of(c) for c in codes} | {"20"})
    depts = []
    for code in departements:
        label = cog.departement(code)
        depts.append(f"{code}\t{name_key(label).bare if label else ''}")
    arms = [
        f"{commune}\t{' '.join(index.arrondissements(commune))}"
        for commune in index.communes_with_arrondissements()
    ]
    territories = [f"{bare}\t{_version(e, bare)}" for bare, e in index.territories()]
    keys = index.keys()  # a list, sorted
    names = [f"{bare}\t{';'.join(_version(e, bare) for e in index.entries(bare))}" for bare in keys]
    sources = [
        f"cog\t{hashlib.sha256(cog_text.encode('utf-8')).hexdigest()}",
        f"{POPULATION.name}\t{population_sha}",
    ]
    lines = [
        f"{MAGIC}{cog.vintage}",
        *_section("S", sources),
        *_section("D", depts),
        *_section("A", arms),
        *_section("T", territories),
        *_section("R", [f"{code}\t{count}" for code, count in sorted(population.items())]),
        *_section("K", names),
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    parser.add_argument("--cog", type=Path, default=DEFAULT_OUT / COG_FILE, help="cog.txt.gz")
    parser.add_argument("--population", type=Path, default=POPULATION, help="population.tsv")
    args = parser.parse_args(argv)
    population, sha = read_population(args.population)
    cog_text = gzip.decompress(args.cog.read_bytes()).decode("utf-8")
    text = render(cog_text, population, sha)
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / DATA_FILE
    target.write_bytes(text.encode("utf-8"))
    print(f"wrote {target} ({target.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
