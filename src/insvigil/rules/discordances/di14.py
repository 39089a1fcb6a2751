from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding
from insvigil.identifiers import oid
from insvigil.rules.base import Rule
from insvigil.rules.discordances._shared import insi_side


class DI14(Rule):
    """Matricule local ancien (historique INSi, NIA remplacé par un NIR) ou OID local absent.

    Le matricule local figure dans l'historique renvoyé par l'INSi : le remplacer par le
    matricule actif. Un OID local absent est repris de l'INSi. Mineur par défaut.

    Conforme : matricule local = matricule actif, même OID.
    Écart mineur : matricule local = NIA historique, NIR actif.
    """

    messages: ClassVar[Mapping[str, str]] = {
        "nia": "Matricule local ancien (NIA remplacé par un NIR) : le remplacer par le matricule "
        "actif.",
        "historique": "Matricule local ancien (matricule historique) : le remplacer par le "
        "matricule actif.",
        "oid_absent": "OID local absent : reprendre l'OID renvoyé par l'INSi.",
    }

    phase = 30
    requires = "insi"

    def check(self, ctx: Context) -> Iterator[Finding]:
        insi = insi_side(ctx)
        if insi is None or insi.actif is None or ctx.matricule is None:
            return
        gravite = ctx.policy.gravite(self.code)
        if ctx.matricule != insi.actif and ctx.matricule in insi.historique:
            nia = oid.classify(ctx.resident.oid_ins) is oid.OidKind.NIA
            yield self.say(
                "nia" if nia else "historique",
                gravite,
                trait="matricule_ins",
                locale=ctx.matricule,
                insi=insi.actif,
            )
        if ctx.matricule == insi.actif and not ctx.resident.oid_ins and insi.oid:
            yield self.say(
                "oid_absent",
                gravite,
                trait="oid_ins",
                locale="",
                insi=insi.oid,
            )
