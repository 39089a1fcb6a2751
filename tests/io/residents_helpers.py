"""What the residents-file tests share: a header, a row under it, writing and reading a file
(synthetic identities only)."""

from __future__ import annotations

from pathlib import Path

from insvigil.io import RawRow, Reject, ResidentsFile, open_residents

MATRICULE = "283052A00412307"  # synthetic, valid key
FINESS_OK = "750712184"
FINESS_OK_2 = "2B0000020"
FINESS_BAD = "750712185"
HEADER = "structure;local_id;nom_naissance;prenoms_naissance;date_naissance;sexe;matricule_ins"


def line(
    structure: str = FINESS_OK, local_id: str = "1", nom: str = "TESTNOM", sep: str = ";"
) -> str:
    """One data row under HEADER."""
    return sep.join([structure, local_id, nom, "ALPHA BETA", "1980-01-01", "F", MATRICULE])


def write(tmp_path: Path, text: str | bytes, encoding: str = "utf-8") -> Path:
    path = tmp_path / "residents.csv"
    path.write_bytes(text if isinstance(text, bytes) else text.encode(encoding))
    return path


def read(path: Path) -> tuple[ResidentsFile, list[RawRow], list[Reject]]:
    opened = open_residents(path)
    items = list(opened.rows())
    return (
        opened,
        [i for i in items if isinstance(i, RawRow)],
        [i for i in items if isinstance(i, Reject)],
    )
