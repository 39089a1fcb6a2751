"""Free text that reaches the audit trail or a summary: no matricule in clear (domain.md §11).

The masking itself is :func:`insvigil.identifiers.matricule_text.mask_matricules` (pure core,
shared with every writer of insvigil); it is re-exported here for the review package.

>>> mask_matricules("Vu avec Mme X, NIR 2 83 05 2A 004 123 07 recopié de la carte Vitale.")
'Vu avec Mme X, NIR 2************07 recopié de la carte Vitale.'
>>> mask_matricules("dossier A-0001 du 12/05/1983"), mask_matricules("tel 0612345678")
('dossier A-0001 du 12/05/1983', 'tel 0612345678')
>>> mask_matricules("283052A00412307"), mask_matricules("NIR283052A00412307.")
('2************07', 'NIR2************07.')
"""

from __future__ import annotations

import re

from insvigil.identifiers.matricule_text import mask_matricules

__all__ = ["clean_text", "mask_matricules"]

_MAX_TEXT = 2000


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
