"""A birthplace code that is really a postal code (TR06's hint): which commune it names.

Split from :mod:`insvigil.traits.lieu`, which re-exports :class:`PostalHint` and
:func:`is_postal_code_like`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from insvigil.reference import Cog, load
from insvigil.reference.postal import postal_reading

__all__ = ["PostalHint", "codes_text", "communes_text", "is_postal_code_like", "label_at"]


def label_at(cog: Cog, code: str, start: date, end: date) -> str:
    """The place's name in ``[start, end]``, ``?`` when the code was not valid then."""
    period = cog.period_at(code, start, end)
    return "?" if period is None else period.libelle


@dataclass(frozen=True, slots=True)
class PostalHint:
    """A code that looks like a postal code rather than an INSEE code, and its likely commune.

    ``code_insee``/``libelle``: the first commune (by code) of the postal code at the birth
    date; ``communes``: all of them, ``(code, libelle)`` (a postal code may cover several).
    """

    code_postal: str
    code_insee: str
    libelle: str
    communes: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        return f"{self.code_postal} : {communes_text(self)}"


def communes_text(hint: PostalHint, *, codes: bool = True) -> str:
    """« Paris 15e Arrondissement (75115) », « A (01004), B (01005), C (01006) ou 3 autres
    communes »."""
    pairs = hint.communes or ((hint.code_insee, hint.libelle),)
    named = [f"{libelle} ({code})" if codes else libelle for code, libelle in pairs[:3]]
    rest = len(pairs) - len(named)
    if rest:
        plural = "s" if rest > 1 else ""
        return f"{', '.join(named)} ou {rest} autre{plural} commune{plural}"
    return named[0] if len(named) == 1 else f"{', '.join(named[:-1])} ou {named[-1]}"


def codes_text(hint: PostalHint) -> str:
    codes = [code for code, _ in hint.communes] or [hint.code_insee]
    shown = ", ".join(codes[:3]) + ("…" if len(codes) > 3 else "")
    return f"code INSEE {shown}" if len(codes) == 1 else f"codes INSEE {shown}"


def is_postal_code_like(
    code: str, start: date, end: date | None = None, cog: Cog | None = None
) -> PostalHint | None:
    """A hint when ``code`` is a postal code in use (La Poste, via
    :mod:`insvigil.reference.postal`) that should be read as such for a birth in
    ``[start, end]``, with the INSEE code(s) of its communes at that date.

    Read as a postal code when it is not an INSEE code valid in the range and not the INSEE
    code of a place created after the birth (``13119``, Carnoux-en-Provence's INSEE code,
    carved out of Roquefort-la-Bédoule ``13085``, is also Saint-Savournin's postal code: for
    a birth in 1950 it is read as the recent INSEE code, MINEURE, not as a postal code); see
    :func:`insvigil.reference.postal.postal_reading`. So
    ``75015`` fires from 1968 only (before, it was Bry-sur-Marne's INSEE code), and valid INSEE
    codes (``75115``, ``69001`` Affoux, ``13001`` Aix-en-Provence) never fire. A Paris, Lyon or
    Marseille postal code names the arrondissement when its code was valid in the range.
    ``cog`` names the communes (default: the shared COG, which the reading itself uses).
    """
    if not isinstance(code, str):
        return None
    stop = start if end is None else end
    value = code.strip().upper()
    codes = postal_reading(value, start, stop)
    if not codes:
        return None
    reference = cog or load()
    communes = tuple((c, label_at(reference, c, start, stop)) for c in codes)
    return PostalHint(value, communes[0][0], communes[0][1], communes)
