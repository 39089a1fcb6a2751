from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding
from insvigil.rules.base import Rule
from insvigil.rules.discordances._shared import insi_side, key, squeezed
from insvigil.traits import nom


class DI04(Rule):
    """Nom de naissance différent de celui de l'INSi (autres lettres ; nom utilisé saisi ?).

    Faute de frappe, autre personne, ou nom d'usage (nom d'époux) saisi à la place du nom de
    naissance. Bloquant par défaut : vérifier sur le justificatif.

    Un nom absent de la réponse INSi 00 ne peut pas être comparé : bloquant aussi (lecture
    prudente).

    Conforme : « DUPONT » / « DUPONT ».
    Non conforme : « DUPONT » / « DUPOND » ; « MARTIN » (nom d'époux) / « DURAND ».
    """

    messages: ClassVar[Mapping[str, str]] = {
        "absent": "Nom de naissance absent de la réponse INSi : comparaison impossible.",
        "different": "Nom de naissance différent de celui de l'INSi.",
        "nom_usage": "Nom de naissance différent de celui de l'INSi. Le nom saisi est le nom "
        "utilisé : nom d'usage saisi comme nom de naissance ?",
        "inverses": "Nom de naissance différent de celui de l'INSi. Le nom de l'INSi est le nom "
        "utilisé local : noms inversés ?",
    }

    phase = 30
    requires = "insi"

    def check(self, ctx: Context) -> Iterator[Finding]:
        insi = insi_side(ctx)
        if insi is None:
            return
        if insi.nom is None:
            # SAFE (domain.md conventions: never raise a status on doubt): a strict trait INSi
            # did not return cannot be compared (fix: the comparison was skipped and the
            # identity could be QUALIFIEE on an unchecked name).
            yield self.say(
                "absent",
                ctx.policy.gravite(self.code),
                trait="nom_naissance",
                locale=ctx.nom.raw,
                insi="",
            )
            return
        if squeezed(ctx.nom.value) == squeezed(insi.nom.value):
            return
        variant = "different"
        used = ctx.resident.nom_utilise
        if used and nom.is_valid(used):
            used_key = key(nom.normalize(used).value)
            if used_key == key(ctx.nom.value):
                variant = "nom_usage"
            elif used_key == key(insi.nom.value):
                variant = "inverses"
        yield self.say(
            variant,
            ctx.policy.gravite(self.code),
            trait="nom_naissance",
            locale=ctx.nom.raw,
            insi=insi.nom.raw,
        )
