from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding
from insvigil.identifiers import coherence
from insvigil.rules.base import Rule


class MI04(Rule):
    """Matricule INS incohérent avec les traits de l'identité (sexe, année, mois, lieu).

    Le matricule porte le sexe, l'année et le mois de naissance et le lieu de naissance (commune
    ou 99 + pays). Une contradiction bloque la qualification : cause fréquente, le NIR de
    l'ouvrant droit recopié depuis la carte Vitale. Le lieu est comparé selon l'historique du
    COG (20004 = 2A004) ; la Corse codée 2A/2B pour une naissance avant 1976, ou 20 après,
    n'est pas une contradiction mais un signalement (MI08). Le message dit quelle partie du
    matricule contredit quel trait et montre la valeur du dossier, jamais les chiffres du
    matricule.

    Conforme : « 2 83 05 2A 004 123 07 », femme née en mai 1983 à Ajaccio (2A004).
    Non conforme : le même matricule pour un garçon né en 2010 (NIR d'un parent).
    """

    #: The coherence module's messages, said of the local or of the INSi matricule.
    messages: ClassVar[Mapping[str, str]] = {
        f"{side}.{variant}": f"{label} : {template}"
        for side, label in (("local", "Matricule local"), ("insi", "Matricule INSi"))
        for variant, template in coherence.MESSAGES.items()
    }
    phase = 20

    def check(self, ctx: Context) -> Iterator[Finding]:
        seen: set[str] = set()
        candidates = [("local", ctx.matricule, ctx.matricule_error is None)]
        if ctx.insi is not None and not ctx.interdit:
            candidates.append(("insi", ctx.insi.actif, ctx.insi.actif_valide))
        for side, value, valid in candidates:
            if value is None or not valid or value in seen:
                continue
            seen.add(value)
            for found in coherence.check(
                value,
                sexe=ctx.resident.sexe,
                naissance=ctx.span,
                lieu=ctx.lieu if ctx.lieu_result is not None else None,
                cog=ctx.cog,
            ):
                yield self.say(
                    f"{side}.{found.variant}", found.gravite, *found.params, trait=found.trait
                )
