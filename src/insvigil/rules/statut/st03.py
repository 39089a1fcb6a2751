from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.engine.status import decide
from insvigil.findings import Finding, Gravite
from insvigil.rules.base import Rule


class ST03(Rule):
    """L'INS n'est utilisable (et transmissible) que pour une identité QUALIFIEE.

    Seule une identité qualifiée permet de référencer des données de santé avec le matricule INS
    (DMP, messagerie sécurisée, documents).

    Conforme : QUALIFIEE : ins_utilisable = 1.
    Non conforme : RECUPEREE : ins_utilisable = 0.
    """

    messages: ClassVar[Mapping[str, str]] = {"utilisable": "INS utilisable et transmissible."}

    phase = 50
    decides = True

    def check(self, ctx: Context) -> Iterator[Finding]:
        if decide(ctx).ins_utilisable:
            yield self.say("utilisable", Gravite.INFO, trait="statut")
