from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding, Gravite
from insvigil.rules.base import Rule


class IS12(Rule):
    """Deux réponses INSi 00 donnent deux INS différents pour le même dossier : collision.

    Le dossier porte peut-être deux personnes (ou une recherche a été faite avec les traits d'une
    autre personne). L'INS n'est pas utilisable tant qu'un référent n'a pas tranché. Un NIA
    remplacé par un NIR (présent dans l'historique) n'est pas une collision.

    Conforme : deux réponses 00 avec le même matricule actif ; NIA puis NIR avec historique.
    Non conforme : deux réponses 00 avec des matricules actifs sans lien.
    """

    messages: ClassVar[Mapping[str, str]] = {
        "collision": "Deux réponses INSi 00 donnent des matricules différents sans lien "
        "d'historique : collision possible (deux personnes pour un dossier).",
    }

    phase = 20
    requires = "responses"

    def check(self, ctx: Context) -> Iterator[Finding]:
        if ctx.interdit:
            return
        sides = ctx.sides
        if len(sides) < 2:
            return
        for i, first in enumerate(sides):
            for second in sides[i + 1 :]:
                a, b = first.actif, second.actif
                if a is None or b is None or a == b:
                    continue
                if a in second.historique or b in first.historique:
                    continue
                yield self.say(
                    "collision",
                    Gravite.BLOQUANTE,
                    trait="matricule_ins",
                    locale=a,
                    insi=b,
                )
                return
