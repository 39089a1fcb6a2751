"""INSEE's first-name and family-name frequency tables, as the package ships them.

``data/prenoms.txt.gz`` (births per first name, sex and year, 1900-2023, *Fichier des
prénoms*) and ``data/noms.txt.gz`` (family names by birth decade, *noms2008nat*) are built
offline from the INSEE files by ``reference/names/update.py`` (formats in its docstring;
licence and provenance in ``reference/names/README.md``). Synthetic populations draw names
from them (:mod:`insvigil.synth.names`); duplicate detection reads which first names are
frequent (:func:`insvigil.matching.prenoms.frequent_first_names`).

>>> lines(PRENOMS)[0].split("\\t")[:2]
['insvigil-prenoms', '1']
"""

from __future__ import annotations

import gzip
from importlib import resources

__all__ = ["NOMS", "PRENOMS", "lines"]

PRENOMS = "prenoms.txt.gz"
NOMS = "noms.txt.gz"


def lines(name: str) -> list[str]:
    """The lines of one of the tables (:data:`PRENOMS`, :data:`NOMS`), header first."""
    if name not in (PRENOMS, NOMS):
        raise ValueError(f"unknown INSEE names table: {name}")
    raw = (resources.files("insvigil.reference") / "data" / name).read_bytes()
    return gzip.decompress(raw).decode("utf-8").splitlines()
