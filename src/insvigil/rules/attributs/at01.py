from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding, Gravite
from insvigil.model.codes import Attribut
from insvigil.rules.base import Rule


class AT01(Rule):
    """Combinaison d'attributs interdite : FICTIVE ne se combine avec aucun autre attribut.

    Seuls DOUTEUSE et HOMONYME peuvent aller ensemble. L'effet de chaque attribut s'applique
    quand même (une identité FICTIVE reste PROVISOIRE).

    Conforme : DOUTEUSE|HOMONYME.
    Non conforme : FICTIVE|HOMONYME ; FICTIVE|DOUTEUSE.
    """

    messages: ClassVar[Mapping[str, str]] = {
        "fictive": "Combinaison d'attributs interdite ({0}) : FICTIVE ne se combine avec aucun "
        "autre attribut.",
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        attributs = ctx.resident.attributs
        if Attribut.FICTIVE in attributs and len(attributs) > 1:
            shown = "|".join(sorted(a.value for a in attributs))
            yield self.say("fictive", Gravite.MINEURE, shown, trait="attributs")
