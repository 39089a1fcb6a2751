from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding, Gravite
from insvigil.rules.base import Rule
from insvigil.rules.justificatifs._document import MESSAGES, verdict


class JU02(Rule):
    """Livret de famille ou extrait de naissance sans le document complémentaire requis.

    RNIV volet 1 §3.3.3 (2024) : accepté pour un mineur avec une pièce à haut niveau de confiance
    d'un parent ou représentant légal (PIECE_REPRESENTANT_LEGAL), ou pour une admission directe en
    EHPAD avec une carte Vitale portant une photo (CARTE_VITALE_PHOTO, si la politique le prévoit).

    Conforme : LIVRET_FAMILLE + PIECE_REPRESENTANT_LEGAL pour un enfant de 8 ans.
    Non conforme : LIVRET_FAMILLE seul ; + PIECE_REPRESENTANT_LEGAL pour un adulte.
    """

    messages: ClassVar[Mapping[str, str]] = MESSAGES

    phase = 40
    reads_date = True  # the age of majority (justificatifs/_document.py)
    decides = True

    def check(self, ctx: Context) -> Iterator[Finding]:
        document = ctx.resident.justificatif
        if document is None or document not in ctx.policy.justificatifs.avec_complement:
            return
        result = verdict(ctx)
        if not result.accepted:
            yield self.say(result.variant, Gravite.MINEURE, *result.params, trait="justificatif")
