from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding, Gravite
from insvigil.rules.base import Rule
from insvigil.rules.justificatifs._document import verdict


class JU01(Rule):
    """Identité contrôlée sur un justificatif à haut niveau de confiance, traits stricts complets.

    Il faut un justificatif accepté par la politique RNIV (passeport, CNI, titre de séjour ;
    livret de famille ou extrait de naissance seulement avec le complément prévu) et des traits
    stricts locaux complets et conformes (lieu de naissance compris).

    Conforme : CNI, traits conformes, lieu 75056.
    Non conforme : carte Vitale ; CNI mais lieu de naissance absent.
    """

    messages: ClassVar[Mapping[str, str]] = {
        "controlee": "Identité contrôlée sur un justificatif à haut niveau de confiance ({0}).",
    }

    phase = 40
    reads_date = True  # the age of majority (justificatifs/_document.py)
    decides = True

    def check(self, ctx: Context) -> Iterator[Finding]:
        if not verdict(ctx).accepted or not ctx.lieu:
            return
        if ctx.blocking(families=("TR",)) and not all(
            f.code == "TR05" for f in ctx.findings if f.bloquante and f.code.startswith("TR")
        ):
            return
        document = ctx.resident.justificatif
        name = document.value if document else ""
        yield self.say("controlee", Gravite.INFO, name, trait="justificatif")
