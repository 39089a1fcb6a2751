from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding, Gravite
from insvigil.rules.base import Rule


class IS04(Rule):
    """Dernière recherche INSi sans résultat unique (01 aucune identité, 02 plusieurs).

    L'INS n'est pas récupéré : vérifier les traits saisis (nom de naissance, prénoms dans
    l'ordre de l'état civil, date, sexe, lieu) ou affiner la recherche, puis appeler de nouveau.

    Conforme : dernière réponse 00.
    Non conforme : dernière réponse 01 ou 02.
    """

    messages: ClassVar[Mapping[str, str]] = {
        "aucune": "Dernière réponse INSi {0} (aucune identité trouvée) : vérifier les traits ou "
        "affiner la recherche.",
        "plusieurs": "Dernière réponse INSi {0} (plusieurs identités trouvées) : vérifier les "
        "traits ou affiner la recherche.",
    }

    phase = 20
    requires = "responses"
    decides = True

    def check(self, ctx: Context) -> Iterator[Finding]:
        latest = ctx.latest
        if latest is None or ctx.interdit or latest.cr not in ("01", "02"):
            return
        if latest.operation is not None and latest.operation.value == "VERIFICATION":
            return
        variant = "aucune" if latest.cr == "01" else "plusieurs"
        yield self.say(variant, Gravite.MINEURE, str(latest.cr), trait="insi")
