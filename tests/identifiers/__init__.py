"""Tests of :mod:`insvigil.identifiers` (synthetic matricules only)."""

from __future__ import annotations

import math

#: Values no validator or normaliser may crash on (robustness tests, python-stdnum style).
JUNK: tuple[object, ...] = (
    None,
    "",
    " ",
    ".",
    "\t\u00a0\u202f",
    "🙂",
    "2🙂3052A00412307",
    "٢٨٣٠٥٢٠٠٠٤١٢٣٠٧",  # Arabic-Indic digits: isdigit() but not ASCII
    "²83052A00412307",
    "2A" * 10,
    "2" * 10_000,
    "x" * 10_000,
    "2 83 05 2A 004 123 07\n",
    "\x00" * 15,
    "ß" * 15,
    0,
    283052100412307,
    -1,
    3.14,
    math.nan,
    True,
    b"283052A00412307",
    bytearray(b"246012000411885"),
    ["283052A00412307"],
    ("2", "83"),
    {"matricule": "283052A00412307"},
    object(),
)
