from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding, Gravite
from insvigil.rules.base import Rule


class TR02(Rule):
    """Trait strict non conforme à la forme INS : l'identité reste au plus PROVISOIRE.

    Après mise en forme (TR01), un nom ou un prénom qui contient encore un caractère interdit
    (chiffre, point, barre…), commence par un tiret ou une espace, double une apostrophe, ou est
    vide ne peut servir ni à récupérer l'INS ni à valider l'identité.

    Conforme : « MARTIN--DURAND », « D'ARTAGNAN ».
    Non conforme : « DUPONT2 », « -DUPONT », « O''NEILL », prénom « ANNE- ».
    """

    messages: ClassVar[Mapping[str, str]] = {
        trait: label + " « {0} » non conforme : {1}"
        for trait, label in (
            ("nom_naissance", "Nom de naissance"),
            ("prenoms_naissance", "Prénoms de naissance"),
            ("premier_prenom", "Premier prénom"),
        )
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        traits = [("nom_naissance", ctx.nom), ("prenoms_naissance", ctx.prenoms)]
        if ctx.resident.premier_prenom:
            traits.append(("premier_prenom", ctx.premier))
        for trait, value in traits:
            if not value.conforme:
                yield self.say(trait, Gravite.BLOQUANTE, value.raw, str(value.defaut), trait=trait)
