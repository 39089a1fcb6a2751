"""INSi responses: readers for JSON Lines and SOAP XML files, and the dataclasses they yield.

>>> from insvigil.insi import parse_line
>>> r = parse_line('{"structure": "750000001", "local_id": "A-1", "operation": "VERIFICATION",'
...                ' "date": "2026-10-02T10:41", "cr": "01"}', "r.jsonl:1")
>>> (r.cr, r.actif, r.operation)
('01', None, <Operation.VERIFICATION: 'VERIFICATION'>)
"""

from __future__ import annotations

from insvigil.insi.jsonl import parse_line, read_jsonl
from insvigil.insi.model import (
    KNOWN_CR,
    PROBLEM_CODES,
    InsIdentifier,
    InsiProblem,
    InsiResponse,
    InsiTraits,
    Operation,
    Share,
    parse_timestamp,
    summary,
)
from insvigil.insi.reader import read_insi, read_insi_ranked
from insvigil.insi.soap import parse_soap, read_soap, split_name

__all__ = [
    "KNOWN_CR",
    "PROBLEM_CODES",
    "InsIdentifier",
    "InsiProblem",
    "InsiResponse",
    "InsiTraits",
    "Operation",
    "Share",
    "parse_line",
    "parse_soap",
    "parse_timestamp",
    "read_insi",
    "read_insi_ranked",
    "read_jsonl",
    "read_soap",
    "split_name",
    "summary",
]
