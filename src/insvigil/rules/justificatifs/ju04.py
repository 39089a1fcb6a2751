from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding, Gravite
from insvigil.model.codes import Justificatif
from insvigil.rules.base import Rule
from insvigil.rules.justificatifs._document import MESSAGES, verdict


class JU04(Rule):
    """Pas de justificatif d'identité à haut niveau de confiance (aucun, carte Vitale, permis…).

    La carte Vitale et le permis de conduire ne sont pas des justificatifs d'identité ; AUTRE
    n'est pas reconnu. L'identité ne peut pas être validée : contrôler un passeport, une CNI ou
    un titre de séjour.

    Conforme : PASSEPORT.
    Non conforme : CARTE_VITALE, PERMIS_CONDUIRE, AUTRE, vide.
    """

    messages: ClassVar[Mapping[str, str]] = MESSAGES

    phase = 40
    reads_date = True  # the age of majority (justificatifs/_document.py)
    decides = True

    def check(self, ctx: Context) -> Iterator[Finding]:
        document = ctx.resident.justificatif
        policy = ctx.policy.justificatifs
        if document is Justificatif.IDENTITE_NUMERIQUE or (
            document is not None and document in policy.avec_complement
        ):
            return
        result = verdict(ctx)
        if not result.accepted:
            yield self.say(result.variant, Gravite.INFO, *result.params, trait="justificatif")
