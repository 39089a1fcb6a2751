from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding, Gravite
from insvigil.rules.base import Rule


class IS09(Rule):
    """Vérification INSi en échec (code autre que 00) : l'INS récupéré auparavant est annulé.

    Une opération de vérification plus récente que la recherche qui a renvoyé l'INS et dont le
    code n'est pas 00 annule l'INS : QUALIFIEE redevient VALIDEE, RECUPEREE redevient PROVISOIRE.

    Conforme : recherche 00 puis vérification 00.
    Non conforme : recherche 00 puis vérification 01.
    """

    messages: ClassVar[Mapping[str, str]] = {
        "echec": "Vérification INSi en échec (code {0}) : l'INS n'est plus utilisable."
    }

    phase = 20
    requires = "responses"
    decides = True

    def check(self, ctx: Context) -> Iterator[Finding]:
        latest = ctx.latest
        if latest is None or ctx.interdit or latest.cr == "00":
            return
        if latest.operation is None or latest.operation.value != "VERIFICATION":
            return
        yield self.say("echec", Gravite.MINEURE, str(latest.cr), trait="insi")
