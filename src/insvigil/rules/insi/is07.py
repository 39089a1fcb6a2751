from __future__ import annotations

from insvigil.rules.base import Rule


class IS07(Rule):
    """Code retour INSi inconnu (autre que 00, 01, 02) : réponse rejetée.

    Seuls 00 (une identité trouvée), 01 (aucune) et 02 (plusieurs) sont connus.

    Conforme : "cr": "02".
    Non conforme : "cr": "99"."""

    evaluated = False
