from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding, Gravite
from insvigil.model.codes import Justificatif
from insvigil.rules.base import Rule
from insvigil.rules.justificatifs._document import MESSAGES, verdict


class JU03(Rule):
    """Identité numérique : refusée par défaut tant que le RNIV en vigueur n'est pas confirmé.

    Aucune source lue ne nomme France Identité parmi les dispositifs du RNIV ; lecture prudente :
    refusée tant qu'un référent ne l'a pas ajoutée à la politique (haute_confiance).

    Conforme : IDENTITE_NUMERIQUE ajoutée à la politique par la cellule d'identitovigilance.
    Non conforme : IDENTITE_NUMERIQUE avec la politique par défaut.
    """

    messages: ClassVar[Mapping[str, str]] = MESSAGES

    phase = 40
    reads_date = True  # the age of majority (justificatifs/_document.py)
    decides = True

    def check(self, ctx: Context) -> Iterator[Finding]:
        if ctx.resident.justificatif is Justificatif.IDENTITE_NUMERIQUE:
            result = verdict(ctx)
            if not result.accepted:
                yield self.say(
                    result.variant, Gravite.MINEURE, *result.params, trait="justificatif"
                )
