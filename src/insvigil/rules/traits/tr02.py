from __future__ import annotations

from collections.abc import Iterator

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

    def check(self, ctx: Context) -> Iterator[Finding]:
        traits = [
            ("Nom de naissance", "nom_naissance", ctx.nom),
            ("Prénoms de naissance", "prenoms_naissance", ctx.prenoms),
        ]
        if ctx.resident.premier_prenom:
            traits.append(("Premier prénom", "premier_prenom", ctx.premier))
        for label, trait, value in traits:
            if not value.conforme:
                yield self.finding(
                    Gravite.BLOQUANTE,
                    f"{label} « {value.raw} » non conforme : {value.defaut}",
                    trait,
                )
