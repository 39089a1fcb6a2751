"""Shared by the DI rules: which INSi side to compare, and clé helpers."""

from __future__ import annotations

from insvigil.engine.context import Context
from insvigil.engine.insi_side import InsiSide
from insvigil.traits.charset import comparison_key


def insi_side(ctx: Context) -> InsiSide | None:
    """The INSi traits to compare with, or None (no 00 response, or INSi call forbidden)."""
    return None if ctx.interdit else ctx.insi


def key(value: str) -> str:
    return comparison_key(value)


def squeezed(value: str) -> str:
    """Clé without any separator: LE GALL and LEGALL give the same."""
    return comparison_key(value).replace(" ", "")


def premier_local(ctx: Context) -> str:
    return ctx.premier.value
