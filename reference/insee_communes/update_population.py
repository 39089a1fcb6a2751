"""Extract the legal population of each current commune, to rank homonyms in ``insvigil lieu``.

Reads ``data/communes.json`` of the npm package ``@etalab/decoupage-administratif`` (the same
tarball as ``update_postal.py``; its ``population`` field is INSEE's *population légale*, per
the package's README) and writes ``population.tsv`` next to this script. That small file is
committed: ``update_index.py`` reads it to build the name index shipped as package data.
Standard library only; the same ``communes.json`` always gives the same bytes.

Usage (from the repository root)::

    python reference/insee_communes/update_population.py --src TARBALL   # or package dir, JSON
    ... --out DIR            # writes DIR/population.tsv instead

Output (UTF-8, TAB-separated, sorted by code; the header's SHA-256 is communes.json's)::

    # insvigil-population<TAB>1<TAB>@etalab/decoupage-administratif 6.0.0<TAB><SHA-256>
    <INSEE code><TAB><population>

Kept: the entries of type ``commune-actuelle`` and ``arrondissement-municipal`` (Paris, Lyon,
Marseille) that carry a population; the six without one (TAAF districts, Clipperton) are left
out. Delegated and associated communes carry no population in the source.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tarfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from update_postal import PACKAGE, SourceError, _read_source  # noqa: E402

OUTPUT_NAME = "population.tsv"
FORMAT_VERSION = "1"
KINDS = frozenset({"commune-actuelle", "arrondissement-municipal"})
_CODE = re.compile(r"(?:[0-9]{2}|2[AB])[0-9]{3}")


def extract(communes: list[dict[str, Any]]) -> dict[str, int]:
    """INSEE code -> population, for the current communes and arrondissements that have one."""
    table: dict[str, int] = {}
    for entry in communes:
        if entry.get("type") not in KINDS or "population" not in entry:
            continue
        code, population = entry["code"], entry["population"]
        if _CODE.fullmatch(code) is None:
            raise SourceError(f"bad INSEE code {code!r}")
        if not isinstance(population, int) or population < 0:
            raise SourceError(f"{code}: bad population {population!r}")
        if code in table:
            raise SourceError(f"{code}: listed twice")
        table[code] = population
    return dict(sorted(table.items()))


def render(version: str, sha: str, table: dict[str, int]) -> str:
    lines = [f"# insvigil-population\t{FORMAT_VERSION}\t{PACKAGE} {version}\t{sha}"]
    lines.extend(f"{code}\t{population}" for code, population in table.items())
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, required=True, help="tarball, package dir or JSON")
    parser.add_argument("--out", type=Path, default=HERE, help="output directory")
    args = parser.parse_args(argv)
    try:
        raw, version = _read_source(args.src)
        table = extract(json.loads(raw))
    except (SourceError, OSError, ValueError, KeyError, tarfile.TarError) as error:
        print(f"update_population: {error}", file=sys.stderr)
        return 1
    sha = hashlib.sha256(raw).hexdigest()
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / OUTPUT_NAME
    target.write_bytes(render(version, sha, table).encode("utf-8"))
    print(f"{PACKAGE} {version}, communes.json sha256 {sha}")
    print(f"{len(table)} codes with a population")
    print(f"wrote {target} ({target.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
