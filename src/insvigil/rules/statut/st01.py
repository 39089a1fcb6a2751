from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding, Gravite
from insvigil.rules.base import Rule


class ST01(Rule):
    """Identité douteuse ou fictive : statut PROVISOIRE, quelles que soient les preuves.

    Une identité douteuse (doute sur sa véracité) ou fictive (anonymat, test, formation) reste
    provisoire ; le matricule et l'OID ne sont pas utilisables.

    Conforme : identité sans attribut DOUTEUSE ni FICTIVE.
    Non conforme : DOUTEUSE avec une CNI et une réponse INSi 00 : PROVISOIRE.
    """

    messages: ClassVar[Mapping[str, str]] = {
        "provisoire": "Attribut {0} : statut PROVISOIRE imposé, INS inutilisable."
    }

    phase = 50
    decides = True

    def check(self, ctx: Context) -> Iterator[Finding]:
        if ctx.interdit:
            which = "|".join(
                sorted(a.value for a in ctx.resident.attributs if a.value != "HOMONYME")
            )
            yield self.say("provisoire", Gravite.INFO, which, trait="attributs")
