"""TR02, the forme INS of a name or first names: its pattern and why a value breaks it.

Split from :mod:`insvigil.traits.charset`, which re-exports :data:`FORM_RE`,
:data:`MAX_LENGTH`, :data:`Kind` and :func:`is_ins_form`. The *forme INS* is A-Z, space,
apostrophe and hyphen, a double hyphen in names only; :func:`defaut` says in French what a value
that is not in forme INS gets wrong.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

__all__ = ["FORM_RE", "MAX_LENGTH", "Kind", "defaut", "is_ins_form"]

Kind = Literal["nom", "prenom"]

#: Longest forme INS per kind (nom de naissance: 1-100 characters); ``None``: no limit known.
MAX_LENGTH: dict[str, int | None] = {"nom": 100, "prenom": None}

# TR02, after the TLSI regex, plus a leading apostrophe (allowed by the rulebook).
FORM_RE: dict[str, re.Pattern[str]] = {
    "nom": re.compile(r"'?[A-Z]+(?:(?:--?|[' ])[A-Z]+)*"),
    "prenom": re.compile(r"'?[A-Z]+(?:[-' ][A-Z]+)*"),
}
_ALLOWED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ '-")


def is_ins_form(value: str, kind: Kind) -> bool:
    """Whether ``value`` is already in forme INS (TR02) for ``kind``.

    >>> is_ins_form("MARTIN--DURAND", "nom"), is_ins_form("ANNE--MARIE", "prenom")
    (True, False)
    """
    limit = MAX_LENGTH[kind]
    if limit is not None and len(value) > limit:
        return False
    return FORM_RE[kind].fullmatch(value) is not None


def _show(ch: str) -> str:
    if ch.isascii() and ch.isprintable() and ch != " ":
        return f"« {ch} »"
    if ch.isprintable() and not ch.isspace() and not unicodedata.category(ch).startswith("M"):
        return f"« {ch} » (U+{ord(ch):04X})"
    return f"U+{ord(ch):04X}"


def defaut(value: str, kind: Kind) -> str:
    """French sentence saying why ``value`` (already through TR01) is not in forme INS."""
    if not value:
        return "Valeur vide : le trait est obligatoire."
    limit = MAX_LENGTH[kind]
    if limit is not None and len(value) > limit:
        return f"Valeur trop longue : {len(value)} caractères ({limit} au plus)."
    bad = sorted(set(value) - _ALLOWED, key=value.index)
    if bad:
        plural = "s" if len(bad) > 1 else ""
        shown = ", ".join(_show(c) for c in bad[:5]) + (", …" if len(bad) > 5 else "")
        return (
            f"Caractère{plural} non autorisé{plural} {shown} ; seuls les lettres A à Z, l'espace, "
            "l'apostrophe et le tiret sont admis."
        )
    checks = (
        (value[0] == "-", "Commence par un tiret."),
        (value[0] == " ", "Commence par une espace."),
        ("---" in value, "Plus de deux tirets consécutifs."),
        (kind == "prenom" and "--" in value, "Double tiret interdit dans un prénom."),
        (
            any(p in value for p in ("''", "  ", "' ", " '")),
            "Espaces ou apostrophes doublées ou accolées.",
        ),
        (any(p in value for p in ("-'", "'-")), "Tiret accolé à une apostrophe."),
        (any(p in value for p in ("- ", " -")), "Espace accolée à un tiret."),
        (value[-1] == "-", "Se termine par un tiret."),
        (value[-1] == "'", "Se termine par une apostrophe."),
        (value[-1] == " ", "Se termine par une espace."),
    )
    for failed, message in checks:
        if failed:
            return message
    return "Forme INS non respectée."  # pragma: no cover - every case is named above
