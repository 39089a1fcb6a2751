"""Identifiers of the INS: the matricule (NIR or NIA), its OID and INSi's history.

Pure functions in the python-stdnum style (``compact``, ``validate``, ``is_valid``, ``format``),
no I/O. Codes: MI01 (shape), MI02 (key), MI03 (first digit), MI05 (OID), MI06/MI07 (history).

* :mod:`~insvigil.identifiers.matricule`: validate, mask, split and build matricules;
* :mod:`~insvigil.identifiers.oid`: classify OIDs and report MI05 findings;
* :mod:`~insvigil.identifiers.history`: local matricule against INSi active/historic ones.

>>> from insvigil.identifiers import matricule, oid
>>> matricule.is_valid('2 83 05 2A 004 123 07'), oid.matricule_type('1.2.250.1.213.1.4.9')
(True, 'NIA')
"""

from __future__ import annotations

from insvigil.identifiers import history, matricule, oid
from insvigil.identifiers.history import HistoryMatch, InsiIdentity, InsiMatricules
from insvigil.identifiers.matricule import Parts
from insvigil.identifiers.oid import OidKind

__all__ = [
    "HistoryMatch",
    "InsiIdentity",
    "InsiMatricules",
    "OidKind",
    "Parts",
    "history",
    "matricule",
    "oid",
]
