from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding, Gravite
from insvigil.identifiers import matricule
from insvigil.model.codes import Statut
from insvigil.rules.base import Rule
from insvigil.rules.historique._values import (
    LABELS,
    MATRICULE,
    P_AVANT,
    P_CONTEXTE,
    P_TRAIT,
    TRUSTED,
    accepted_insi,
    insi_replacement,
    pending,
    same,
    watched,
    with_premier,
)


class HI01(Rule):
    """Trait strict ou matricule changé sur une identité qualifiée ou validée au dernier traitement.

    Au dernier traitement, l'identité était QUALIFIEE ou VALIDEE (traits contrôlés sur un
    justificatif à haut niveau de confiance) ; l'export de ce jour porte un autre nom de
    naissance, d'autres prénoms, un autre premier prénom, une autre date de naissance, un autre
    sexe, un autre lieu de naissance ou un autre matricule INS. C'est un événement
    d'identitovigilance (une « transgression ») : le constat est bloquant, donne l'ancienne et la
    nouvelle valeur, et ouvre un élément de la file (type CHANGEMENT). L'identité est recalculée
    sur ses nouveaux traits (domain.md §6.2 : « trait strict modifié → recalcul à partir des
    preuves »), mais, lecture prudente (jamais qualifier sur un doute), le constat retient la
    preuve INSi comme une discordance bloquante : l'identité est au plus VALIDEE tant qu'un
    référent n'a pas confirmé la correction (CORRECTION_CONFIRMEE).

    Ne sont pas des événements : une correction de casse ou d'accents seulement (même forme
    INS) ; un trait vide complété ; la valeur INSi qu'un référent a acceptée sur une
    discordance (la correction demandée, IS15) ; un matricule remplacé par celui que l'INSi
    donne comme actif en gardant l'ancien dans son historique (NIA remplacé par un NIR) ; un
    matricule invalide (format ou clé, MI01-MI02) corrigé, qui n'identifiait personne ; un
    changement sur une identité PROVISOIRE ou RECUPEREE (traits jamais contrôlés sur un
    justificatif). Une identité marquée DOUTEUSE ou FICTIVE dans l'export de ce jour reste
    signalée : l'attribut n'explique pas le changement. L'événement est repris à chaque
    traitement tant qu'aucun référent n'a décidé et que le trait porte la nouvelle valeur ; un
    nouveau changement est comparé à la dernière valeur de confiance ; le retour à cette valeur
    clôt l'événement.

    Conforme : identité QUALIFIEE au dernier traitement, export identique, ou « Lefèvre »
    devenu « LEFEVRE ».
    Non conforme : identité QUALIFIEE au dernier traitement avec la date 1945-01-24, l'export
    porte 1954-01-24 (constat bloquant, identité au plus VALIDEE).
    """

    # After INSi's and before the comparisons with it: phase 25 (referents' decisions apply,
    # like phase 20 and 30's); before the evidence I (IS11, phase 40), which a BLOQUANTE HI
    # finding withholds (Context.blocking counts the HI family).
    messages: ClassVar[Mapping[str, str]] = {
        "change": "{0:trait_modifie} depuis le dernier traitement sur une identité {3} : "
        "« {1:valeur_hi} » devenu « {2:valeur_hi} ». Vérifier le changement sur un justificatif "
        "à haut niveau de confiance avant d'utiliser l'INS.",
    }

    phase = 25
    decides = False

    def check(self, ctx: Context) -> Iterator[Finding]:
        previous = ctx.previous
        if previous is None:
            return
        now = watched(ctx.resident)
        carried = {f.params[P_TRAIT]: f for f in pending(ctx, self.code)}
        before = with_premier(previous.traits)
        for trait in LABELS:
            event = carried.get(trait)
            trusted: Statut | None
            if event is not None:
                # An undecided event: compare with the last trusted value, not last run's row.
                origin = event.params[P_AVANT]
                trusted = Statut.parse(event.params[P_CONTEXTE])
            else:
                origin = before.get(trait, "")
                trusted = previous.statut
            if trusted is None or trusted not in TRUSTED or not origin.strip():
                continue  # not a trusted identity, or an empty trait completed
            value = now[trait]
            if same(trait, origin, value) or accepted_insi(ctx, trait, value):
                continue
            if trait == MATRICULE and (
                not matricule.is_valid(origin) or insi_replacement(ctx, origin, value)
            ):
                continue  # an invalid matricule identified nobody: its correction is expected
            yield self._event(trait, origin, value, trusted)

    def _event(self, trait: str, avant: str, apres: str, trusted: Statut) -> Finding:
        return self.say(
            "change", Gravite.BLOQUANTE, trait, avant, apres, trusted.value, trait=trait
        )
