"""Free text that reaches the audit trail or a summary: no matricule in clear (domain.md §11).

A matricule is 13 characters (digits; ``2A``/``2B`` for Corsica) and a 2-digit key, possibly
written with spaces or dots between groups. Anything of that shape is replaced by its masked form.

>>> mask_matricules("Vu avec Mme X, NIR 2 83 05 2A 004 123 07 recopié de la carte Vitale.")
'Vu avec Mme X, NIR 2************07 recopié de la carte Vitale.'
>>> mask_matricules("dossier A-0001 du 12/05/1983"), mask_matricules("tel 0612345678")
('dossier A-0001 du 12/05/1983', 'tel 0612345678')
>>> mask_matricules("283052A00412307"), mask_matricules("NIR283052A00412307.")
('2************07', 'NIR2************07.')
"""

from __future__ import annotations

import re

from insvigil.identifiers.matricule import mask

__all__ = ["MATRICULE_IN_TEXT", "clean_text", "mask_matricules"]

#: 13 characters (a digit first, then digits or A/B) and a 2-digit key, with optional
#: spaces/dots between characters, not glued to other digits (letters may touch it: "NIR2830…").
MATRICULE_IN_TEXT = re.compile(
    r"(?<![0-9])[0-9](?:[ .]?[0-9ABab]){12}[ .]?[0-9][ .]?[0-9](?![0-9])"
)

_MAX_TEXT = 2000


def mask_matricules(text: str) -> str:
    """``text`` with every matricule-shaped sequence masked."""
    return MATRICULE_IN_TEXT.sub(lambda m: mask(m.group(0)), text)


def clean_text(text: str | None, limit: int = _MAX_TEXT) -> str | None:
    """A comment or name as stored: stripped, control characters turned into spaces, cut to
    ``limit`` characters, matricules masked; ``None`` (or blank) gives ``None``.

    >>> clean_text("  ok\\tvu\\x00 "), clean_text("   ")
    ('ok vu', None)
    """
    if text is None:
        return None
    flat = "".join(" " if (ord(c) < 32 or ord(c) == 127) else c for c in text).strip()
    flat = re.sub(r" {2,}", " ", flat)
    if not flat:
        return None
    return mask_matricules(flat)[:limit]
