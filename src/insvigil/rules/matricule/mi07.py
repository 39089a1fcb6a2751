from __future__ import annotations

from insvigil.rules.base import Rule


class MI07(Rule):
    """Matricule local comparé au matricule actif et à l'historique INSi (voir DI14, DI15).

    Matricule local égal au matricule actif : rien à faire. Égal à une entrée d'historique :
    écart mineur (DI14), remplacer par le matricule actif. Ni l'un ni l'autre : écart bloquant
    (DI15), collision possible.

    Conforme : matricule local = matricule actif INSi.
    Non conforme : matricule local absent de la réponse INSi.
    """

    evaluated = False
