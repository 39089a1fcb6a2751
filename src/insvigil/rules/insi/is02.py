from __future__ import annotations

from insvigil.rules.base import Rule


class IS02(Rule):
    """Fichier XML hostile refusé (DTD, entité, référence externe) : jamais suivi.

    Une réponse XML qui déclare une DTD ou une entité, ou qui référence un fichier externe, est
    refusée et portée dans rejets.csv ; son contenu n'est jamais interprété.

    Conforme : une enveloppe SOAP sans DTD.
    Non conforme : <!ENTITY x SYSTEM "file:///etc/passwd">."""

    evaluated = False
