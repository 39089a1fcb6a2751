from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding
from insvigil.rules.base import Rule
from insvigil.rules.discordances._shared import insi_side


class DI15(Rule):
    """Matricule local inconnu de l'INSi (ni actif ni historique), ou clé invalide d'un côté.

    Bloquant par défaut : collision possible (NIR d'un parent, d'un homonyme) ou erreur de
    saisie. Le matricule renvoyé par l'INSi est lui aussi contrôlé (clé).

    Conforme : matricule local = matricule actif INSi.
    Non conforme : matricule local absent de la réponse ; clé INSi invalide.
    """

    messages: ClassVar[Mapping[str, str]] = {
        "insi_invalide": "Matricule renvoyé par l'INSi invalide (format ou clé) : INS "
        "inutilisable.",
        "local_invalide": "Matricule local invalide (format ou clé) : reprendre le matricule de "
        "l'INSi.",
        "collision": "Matricule local différent du matricule actif INSi et absent de son "
        "historique : collision possible.",
    }

    phase = 30
    requires = "insi"

    def check(self, ctx: Context) -> Iterator[Finding]:
        insi = insi_side(ctx)
        if insi is None or insi.actif is None:
            return
        gravite = ctx.policy.gravite(self.code)
        if not insi.actif_valide:
            yield self.say(
                "insi_invalide",
                gravite,
                trait="matricule_ins",
                locale=ctx.matricule or "",
                insi=insi.actif,
            )
            return
        if ctx.matricule is None:
            return
        if ctx.matricule_error is not None:
            yield self.say(
                "local_invalide",
                gravite,
                trait="matricule_ins",
                locale=ctx.matricule,
                insi=insi.actif,
            )
        elif ctx.matricule != insi.actif and ctx.matricule not in insi.historique:
            yield self.say(
                "collision",
                gravite,
                trait="matricule_ins",
                locale=ctx.matricule,
                insi=insi.actif,
            )
