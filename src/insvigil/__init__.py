"""insvigil: identitovigilance and INS qualification engine (RNIV).

The public façade: the command-line adapter and other programs import from here only.
"""

from __future__ import annotations

from insvigil.errors import (
    ConfigurationError,
    InputFileError,
    InsvigilError,
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    InvalidValue,
    StoreError,
)
from insvigil.findings import Finding, Gravite
from insvigil.ins_check import InsCheck, check_ins
from insvigil.qualify.run import QualifyOptions, RunSummary, qualify
from insvigil.reference.finder import Candidate as PlaceCandidate
from insvigil.reference.finder import PlaceSearch, find_place, search_place, suggest_for
from insvigil.rules import FAMILIES as RULE_FAMILIES
from insvigil.rules import Rule, all_rules, get_rule
from insvigil.synth import generate as generate_population

__version__ = "0.1.0"

__all__ = [
    "RULE_FAMILIES",
    "ConfigurationError",
    "Finding",
    "Gravite",
    "InputFileError",
    "InsCheck",
    "InsvigilError",
    "InvalidChecksum",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidLength",
    "InvalidValue",
    "PlaceCandidate",
    "PlaceSearch",
    "QualifyOptions",
    "Rule",
    "RunSummary",
    "StoreError",
    "__version__",
    "all_rules",
    "check_ins",
    "find_place",
    "generate_population",
    "get_rule",
    "qualify",
    "search_place",
    "suggest_for",
]
