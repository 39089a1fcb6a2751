"""The CSV boundary: reading the residents file, writing output files.

Pure Python (no database, no command line). Reading is structural only: dates, codes and traits
are validated downstream.
"""

from __future__ import annotations

from insvigil.io.output_csv import neutralize, write_csv
from insvigil.io.residents_csv import ResidentsFile, open_residents
from insvigil.io.schema import COLUMNS, REJECTS_HEADER, REQUIRED, RawRow, Reject

__all__ = [
    "COLUMNS",
    "REJECTS_HEADER",
    "REQUIRED",
    "RawRow",
    "Reject",
    "ResidentsFile",
    "neutralize",
    "open_residents",
    "write_csv",
]
