from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding, Gravite
from insvigil.rules.base import Rule
from insvigil.traits import prenoms


class TR03(Rule):
    """Premier prénom incohérent avec la liste des prénoms de naissance.

    Le premier prénom doit être le premier élément (ou les premiers, pour un prénom composé) de
    la liste des prénoms de naissance, dans l'ordre de l'état civil ; le prénom utilisé ne doit
    jamais y être recopié.

    Conforme : premier prénom « ANNE SOPHIE », liste « ANNE-SOPHIE MARIE ».
    Non conforme : premier prénom « SOPHIE », liste « ANNE SOPHIE ».
    """

    messages: ClassVar[Mapping[str, str]] = {
        "different": "Premier prénom « {0} » différent du début de la liste des prénoms « {1} ».",
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        given = ctx.resident.premier_prenom
        if given and given.strip() and not prenoms.premier_coherent(given, ctx.prenoms.raw):
            yield self.say(
                "different", Gravite.MINEURE, given, ctx.prenoms.raw, trait="premier_prenom"
            )
