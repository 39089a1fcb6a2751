from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding, Gravite
from insvigil.rules.base import Rule
from insvigil.rules.historique._values import (
    MATRICULE,
    P_APRES,
    P_AVANT,
    P_CONTEXTE,
    pending,
    same,
)


class HI02(Rule):
    """Matricule INS porté au dernier traitement par un autre dossier, désormais par celui-ci.

    Au dernier traitement, le matricule que ce dossier porte aujourd'hui était celui d'un autre
    dossier, et ce dossier ne le portait pas. Un matricule qui passe d'un dossier à l'autre est
    un événement d'identitovigilance (collision, fusion ou erreur de saisie) : le constat est
    bloquant, nomme l'autre dossier et ouvre un élément de la file (type CHANGEMENT), quel que
    soit le statut des deux dossiers. Lecture prudente (jamais qualifier sur un doute), le
    constat retient la preuve INSi comme une discordance bloquante : l'identité est au plus
    VALIDEE tant qu'un référent n'a pas confirmé le changement (CORRECTION_CONFIRMEE, par
    exemple après la fusion de deux doublons). L'événement est repris à chaque traitement tant
    qu'aucun référent n'a décidé et que le dossier porte ce matricule.

    Conforme : le dossier porte le même matricule qu'au dernier traitement, ou un matricule
    qu'aucun autre dossier ne portait.
    Non conforme : le matricule 2 83 05 2A 004 789 20 était celui du dossier A-1, il est
    désormais sur le dossier B-7 (constat bloquant sur B-7).
    """

    # Same place as HI01 (see there): decided on like a discordance, withholds I.
    messages: ClassVar[Mapping[str, str]] = {
        "deplace": "{0:libelle_trait} {2:valeur_hi} porté au dernier traitement par le dossier "
        "{1}, désormais par ce dossier (qui portait « {3:valeur_hi} ») : vérifier l'identité "
        "des deux dossiers (collision, fusion ou erreur de saisie) avant d'utiliser l'INS.",
    }

    phase = 25
    decides = False

    def check(self, ctx: Context) -> Iterator[Finding]:
        previous = ctx.previous
        if previous is None:
            return
        value = ctx.resident.matricule_ins or ""
        if not value.strip():
            return
        for event in pending(ctx, self.code):
            if same(MATRICULE, event.params[P_APRES], value):
                # undecided, and the record still carries that matricule: the same event
                p = event.params
                yield self._event(p[P_AVANT], p[P_APRES], p[P_CONTEXTE])
                return
        holder = previous.holder
        mine = previous.trait(MATRICULE)
        if holder is None or holder == ctx.resident.key or same(MATRICULE, mine, value):
            return
        yield self._event(f"{holder[0]}/{holder[1]}", value, mine)

    def _event(self, other: str, value: str, mine: str) -> Finding:
        return self.say(
            "deplace", Gravite.BLOQUANTE, MATRICULE, other, value, mine, trait=MATRICULE
        )
