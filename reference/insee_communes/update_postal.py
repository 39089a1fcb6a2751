"""Build insvigil's postal-code reference (INSEE commune code -> postal codes).

Reads ``data/communes.json`` of the npm package ``@etalab/decoupage-administratif`` (Etalab /
DINUM; data under Licence Ouverte, postal codes from La Poste's *Base officielle des codes
postaux*) and writes ``postal.txt.gz`` into ``src/insvigil/reference/data/``. Standard library
only; the same ``communes.json`` always gives byte-identical output (sorted lines, gzip
``mtime=0``), whether it is read from the tarball, the unpacked package or the file itself.

Usage (from the repository root)::

    cd /tmp/x && npm pack @etalab/decoupage-administratif@6.0.0 && tar xzf *.tgz; cd -
    python reference/insee_communes/update_postal.py \
        --src /tmp/x/etalab-decoupage-administratif-6.0.0.tgz      # the tarball, or
        --src /tmp/x/package                                       # the unpacked package, or
        --src /tmp/x/package/data/communes.json                    # the file itself
    ... --out DIR            # writes DIR/postal.txt.gz instead of the package data

Output format (UTF-8, one record per line, fields separated by TAB, sections in this order)::

    insvigil-postal<TAB>1<TAB>@etalab/decoupage-administratif 6.0.0
    #S <n>      source files: path inside the package, SHA-256
    #C <n>      communes: INSEE code, then its postal codes separated by spaces (sorted)

Only entries that carry ``codesPostaux`` are kept: current communes (``commune-actuelle``) and
the municipal arrondissements of Paris, Lyon and Marseille (``arrondissement-municipal``); the
parent commune of arrondissements keeps the union of their postal codes, as in the source.
Delegated and associated communes carry no postal code in the source and are left out (their
INSEE code is the current commune's, or an old code that COG history links to it).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import re
import sys
import tarfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DEFAULT_OUT = ROOT / "src" / "insvigil" / "reference" / "data"
COG_DATA = DEFAULT_OUT / "cog.txt.gz"
OUTPUT_NAME = "postal.txt.gz"
FORMAT_VERSION = "1"
PACKAGE = "@etalab/decoupage-administratif"
MEMBER = "package/data/communes.json"
_CODE = re.compile(r"(?:[0-9]{2}|2[AB])[0-9]{3}")
_POSTAL = re.compile(r"[0-9]{5}")


class SourceError(Exception):
    """The source is not what this script expects."""


def _read_source(src: Path) -> tuple[bytes, str]:
    """``communes.json``'s bytes and the package version (from ``package.json``)."""
    if src.is_file() and src.name.endswith((".tgz", ".tar.gz")):
        with tarfile.open(src, "r:gz") as tar:
            data = _member(tar, MEMBER)
            meta = _member(tar, "package/package.json")
        return data, _version(meta)
    if src.is_dir():
        src = src / "data" / "communes.json"
    if not src.is_file():
        raise SourceError(f"{src}: not found (expected the tarball, the package dir or the JSON)")
    package_json = src.parent.parent / "package.json"
    if not package_json.is_file():
        raise SourceError(f"{package_json}: not found (needed for the package version)")
    return src.read_bytes(), _version(package_json.read_bytes())


def _member(tar: tarfile.TarFile, name: str) -> bytes:
    handle = tar.extractfile(name)  # read in memory; nothing is extracted to disk
    if handle is None:
        raise SourceError(f"{name}: missing from the tarball")
    return handle.read()


def _version(package_json: bytes) -> str:
    meta = json.loads(package_json)
    if meta.get("name") != PACKAGE:
        raise SourceError(f"package.json names {meta.get('name')!r}, expected {PACKAGE!r}")
    return str(meta["version"])


def extract(communes: list[dict[str, Any]]) -> dict[str, list[str]]:
    """INSEE code -> sorted postal codes, from the entries that carry ``codesPostaux``."""
    table: dict[str, set[str]] = {}
    for entry in communes:
        postaux = entry.get("codesPostaux")
        if not postaux:
            continue
        code = entry["code"]
        if _CODE.fullmatch(code) is None:
            raise SourceError(f"bad INSEE code {code!r}")
        for cp in postaux:
            if _POSTAL.fullmatch(cp) is None:
                raise SourceError(f"{code}: bad postal code {cp!r}")
        table.setdefault(code, set()).update(postaux)
    return {code: sorted(cps) for code, cps in sorted(table.items())}


def render(version: str, sha: str, table: dict[str, list[str]]) -> str:
    lines = [
        f"insvigil-postal\t{FORMAT_VERSION}\t{PACKAGE} {version}",
        "#S 1",
        f"{MEMBER}\t{sha}",
        f"#C {len(table)}",
        *(f"{code}\t{' '.join(cps)}" for code, cps in table.items()),
    ]
    return "\n".join(lines) + "\n"


def _cog_codes() -> set[str] | None:
    """Every code of the committed COG package data (cross-check), None when absent."""
    if not COG_DATA.is_file():
        return None
    text = gzip.decompress(COG_DATA.read_bytes()).decode("utf-8")
    start = text.index("\n#P ")
    body = text[text.index("\n", start + 1) + 1 : text.index("\n#L ")]
    return {line.split("\t", 1)[0] for line in body.splitlines()}


def write(out_dir: Path, text: str) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / OUTPUT_NAME
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    target.write_bytes(buffer.getvalue())
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, required=True, help="tarball, package dir or JSON")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    args = parser.parse_args(argv)
    try:
        raw, version = _read_source(args.src)
        table = extract(json.loads(raw))
    except (SourceError, OSError, ValueError, KeyError, tarfile.TarError) as error:
        print(f"update_postal: {error}", file=sys.stderr)
        return 1
    sha = hashlib.sha256(raw).hexdigest()
    target = write(args.out, render(version, sha, table))
    cog = _cog_codes()
    unknown = sorted(set(table) - cog) if cog is not None else []
    print(f"{PACKAGE} {version}, {MEMBER} sha256 {sha}")
    print(f"{len(table)} communes, {len({c for v in table.values() for c in v})} postal codes")
    if unknown:  # informative: the COG and the package may differ by a few overseas codes
        print(f"{len(unknown)} INSEE code(s) not in the COG data: {' '.join(unknown)}")
    print(f"wrote {target} ({target.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
