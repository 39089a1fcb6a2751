"""Strict INS traits: normalisation (TR01), conformity (TR02) and checks (TR03-TR05).

One small module per trait, with the same verbs: ``normalize``, ``validate`` (forme INS or an
:class:`~insvigil.errors.InvalidValue` with a TR code), ``is_valid`` (never raises), ``key``.
``charset`` holds the character rules that birth names and first names share.
"""

from __future__ import annotations

from insvigil.traits import charset, date, nom, prenoms, sexe
from insvigil.traits.charset import (
    CHANGE_LABELS,
    Change,
    Normalized,
    comparison_key,
    is_ins_form,
    to_ins_form,
)
from insvigil.traits.date import BirthDate

__all__ = [
    "CHANGE_LABELS",
    "BirthDate",
    "Change",
    "Normalized",
    "charset",
    "comparison_key",
    "date",
    "is_ins_form",
    "nom",
    "prenoms",
    "sexe",
    "to_ins_form",
]
