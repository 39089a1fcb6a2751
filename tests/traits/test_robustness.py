"""Junk fed to every trait normaliser and validator (python-stdnum style robustness test).

Decision: ``is_valid`` takes any object and answers True/False, never raising. ``normalize``
takes a string: for any string, ``nom``/``prenoms`` return a :class:`Normalized` result (junk
becomes non conforme) while ``date``/``sexe`` (which return the canonical text) raise an
:class:`InvalidValue`; for a non-string, every ``normalize`` raises :class:`InvalidValue`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pytest

from insvigil.errors import InvalidValue
from insvigil.traits import charset, date, nom, prenoms, sexe
from insvigil.traits.charset import Normalized

JUNK_STR: tuple[str, ...] = (
    "",
    " ",
    "\t\u00a0\u202f",
    "\x00",
    "\x00" * 50,
    "🙂",
    "👨‍👩‍👧",
    "🇫🇷",
    "x" * 10_000,
    "A" * 10_000,
    "A " * 5_000,
    "é" * 10_000,
    "\u0301",
    "\u0301\u0308\u0327",
    " \u0301A",
    "שלום",  # RTL
    "\u202eDUPONT\u202c",  # RTL override
    "مرحبا",
    "李小龙",
    "ǰǅﬁßẞİı",
    "\ud800",  # lone surrogate
    "\n\r\v\f",
    "'",
    "--",
    "-",
    "'-' '",
    "1950-06-15",
    "15/06/1950",
    "M",
    "٢٠٢٠-٠١-٠١",
    "\uffff\ufffe",
)
JUNK_OTHER: tuple[object, ...] = (
    None,
    0,
    1,
    -1,
    3.14,
    math.nan,
    True,
    b"DUPONT",
    bytearray(b"M"),
    ["DUPONT"],
    ("M",),
    {"nom": "DUPONT"},
    object(),
    Normalized("A", "A", (), True, None),
)
JUNK: tuple[object, ...] = JUNK_STR + JUNK_OTHER

IS_VALID: dict[str, Callable[[object], bool]] = {
    "nom": nom.is_valid,
    "prenoms": prenoms.is_valid,
    "date": date.is_valid,
    "sexe": sexe.is_valid,
    "sexe.is_indetermine": sexe.is_indetermine,
}
NORMALIZED: dict[str, Callable[[str], Normalized]] = {
    "nom": nom.normalize,
    "prenoms": prenoms.normalize,
    "charset.nom": lambda raw: charset.to_ins_form(raw, "nom"),
    "charset.prenom": lambda raw: charset.to_ins_form(raw, "prenom"),
}
STRICT: dict[str, Callable[[str], object]] = {
    "date.normalize": date.normalize,
    "date.validate": date.validate,
    "date.parse": date.parse,
    "sexe.normalize": sexe.normalize,
    "sexe.validate": sexe.validate,
    "sexe.nir_digit": sexe.nir_digit,
    "nom.validate": nom.validate,
    "prenoms.validate": prenoms.validate,
}
KEYS: dict[str, Callable[[str], object]] = {
    "nom.key": nom.key,
    "prenoms.key": prenoms.key,
    "prenoms.tokens": prenoms.tokens,
}
STR_CALLS: dict[str, Callable[[str], object]] = {**STRICT, **KEYS}
ALL_CALLS: dict[str, Callable[[Any], object]] = {**NORMALIZED, **STRICT, **KEYS}


@pytest.mark.parametrize("junk", JUNK, ids=repr)
@pytest.mark.parametrize("name", IS_VALID)
def test_is_valid_never_raises(name: str, junk: object) -> None:
    assert IS_VALID[name](junk) in (True, False)


@pytest.mark.parametrize("junk", JUNK_STR, ids=repr)
@pytest.mark.parametrize("name", NORMALIZED)
def test_normalize_returns_a_result_for_any_string(name: str, junk: str) -> None:
    result = NORMALIZED[name](junk)
    assert isinstance(result, Normalized)
    assert result.raw == junk
    assert (result.defaut is None) is result.conforme
    assert isinstance(charset.comparison_key(result.value), str)


@pytest.mark.parametrize("junk", JUNK_STR, ids=repr)
@pytest.mark.parametrize("name", STR_CALLS)
def test_strings_raise_only_invalid_value(name: str, junk: str) -> None:
    try:
        STR_CALLS[name](junk)
    except InvalidValue as error:
        assert error.code in ("TR02", "TR04", "TR05")
        assert str(error)


@pytest.mark.parametrize("junk", JUNK_OTHER, ids=repr)
@pytest.mark.parametrize("name", ALL_CALLS)
def test_non_strings_raise_invalid_value(name: str, junk: object) -> None:
    with pytest.raises(InvalidValue) as info:
        ALL_CALLS[name](junk)
    assert info.value.code in ("TR02", "TR04", "TR05")
