from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding
from insvigil.identifiers import coherence
from insvigil.rules.base import Rule


class MI08(Rule):
    """Corse codée dans le matricule selon un découpage autre que celui de la date de naissance.

    Avant le 1er janvier 1976 la Corse est codée 20 (COG), ensuite 2A ou 2B. Un matricule codé
    2A/2B pour une naissance avant 1976, ou 20 pour une naissance à partir de 1976, est signalé
    sans être une contradiction : aucun texte de l'INSEE ne tranche, et une identité de test
    du téléservice INSi (née en 1960, codée 2B020) montre que l'INSi peut renvoyer un tel
    matricule (domain.md §2.1 et §13.6). Cause possible : le NIR de l'ouvrant droit recopié
    depuis la carte Vitale. Gravité MINEURE : le constat est à lire par un référent, il ne
    change jamais le statut (il n'y a pas de gravité « avertissement » ; INFO est réservé aux
    simples notes) ; il figure dans ``regles`` pour être vu dans identites.csv.

    Conforme : « 2 46 01 20 004 118 85 », née en janvier 1946 à Ajaccio (codé 20 avant 1976).
    Signalé : « 1 60 01 2B 020 777 13 », né le 1960-01-01 (2B avant 1976) ; 20 pour une
    naissance en 1983.
    """

    #: The coherence module's messages, said of the local or of the INSi matricule.
    messages: ClassVar[Mapping[str, str]] = {
        f"{side}.{variant}": f"{label} : {template}"
        for side, label in (("local", "Matricule local"), ("insi", "Matricule INSi"))
        for variant, template in coherence.CORSICA_MESSAGES.items()
    }
    phase = 20
    signale = True

    def check(self, ctx: Context) -> Iterator[Finding]:
        seen: set[str] = set()
        candidates = [("local", ctx.matricule, ctx.matricule_error is None)]
        if ctx.insi is not None and not ctx.interdit:
            candidates.append(("insi", ctx.insi.actif, ctx.insi.actif_valide))
        start, end = ctx.span
        for side, value, valid in candidates:
            if value is None or not valid or value in seen:
                continue
            seen.add(value)
            found = coherence.corsica(value, start, end)
            if found is not None:
                yield self.say(
                    f"{side}.{found.variant}", found.gravite, *found.params, trait=found.trait
                )
