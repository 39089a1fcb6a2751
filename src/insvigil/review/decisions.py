"""The decisions a referent may take on each kind of queue item, and what each one does.

insvigil never rewrites the DUI (domain.md IS05): a decision changes what the next ``qualify``
run does and tells the referent what to correct in the DUI. What each one lets the next run do:

* ACCEPTER_TRAITS_INSI: the discordance is no longer put to a referent, but the record still
  holds the wrong value, so the INS stays unusable (IS15, SAFE: never qualify on doubt) until an
  export carries INSi's values; then the record qualifies with no queue item;
* PAS_DE_COLLISION (record collision, IS12): the collision no longer blocks; the latest
  response's active matricule is the reference, and a local matricule that is neither it nor in
  its history still blocks (MI07, DI15);
* CORRECTION_CONFIRMEE (a change between exports, HIxx): the change no longer blocks; the
  record is evaluated on its new values as any other (it qualifies if INSi and the document
  allow);
* PERSONNES_DISTINCTES, HOMONYMES: the pair is no longer proposed while both records are
  unchanged (no effect on a status);
* every other decision changes nothing in the next run: the problem keeps blocking until the
  DUI is corrected (MEME_PERSONNE and COLLISION_CONFIRMEE on a pair, and the ATTRIBUTS
  decisions, never blocked a status: they only tell what to do in the DUI). Every decision is kept
(the item stays ``RESOLU``) when the same input is run again; an item whose records changed
since the decision is reopened when its kind says so (:func:`reopens_on_change`).

>>> [d.code for d in decisions_for(Kind.DOUBLON)]
['MEME_PERSONNE', 'PERSONNES_DISTINCTES', 'HOMONYMES']
>>> get_decision(Kind.DISCORDANCE, "accepter_traits_insi").debloque
True
>>> get_decision(Kind.DOUBLON, "ACCEPTER_TRAITS_INSI")
Traceback (most recent call last):
...
insvigil.review.errors.InvalidDecision: décision « ACCEPTER_TRAITS_INSI » non permise pour un \
élément DOUBLON (décisions possibles : MEME_PERSONNE, PERSONNES_DISTINCTES, HOMONYMES)
"""

from __future__ import annotations

from dataclasses import dataclass

from insvigil.review.errors import InvalidDecision
from insvigil.review.types import Kind

__all__ = [
    "DECISIONS",
    "Decision",
    "decisions_for",
    "get_decision",
    "reopens_on_change",
    "unblocking_kinds",
]


@dataclass(frozen=True, slots=True)
class Decision:
    """One decision: its code (``resolve --decision``), French label and effect."""

    code: str
    libelle: str
    effet: str
    #: The next runs receive the decision (engine's ``accepted``): the problem no longer asks
    #: for a referent. For a record collision (PAS_DE_COLLISION) that is the end of it; for a
    #: discordance (ACCEPTER_TRAITS_INSI) INSi's values still have to reach the DUI
    #: (``reporter_traits``).
    debloque: bool = False
    #: INSi's traits are the truth and the DUI holds another value: until an export carries
    #: INSi's values the INS stays unusable (IS15) and the worklist says what to type.
    reporter_traits: bool = False
    #: The two records are different persons: the pair is no longer proposed (matching's
    #: ``distinct``) unless one of the records changes.
    distinctes: bool = False

    def as_dict(self) -> dict[str, object]:
        return {"code": self.code, "libelle": self.libelle, "effet": self.effet}


_RESTE = "Le problème reste bloquant pour le statut jusqu'à la correction dans le DUI."

DECISIONS: dict[Kind, tuple[Decision, ...]] = {
    Kind.DISCORDANCE: (
        Decision(
            "ACCEPTER_TRAITS_INSI",
            "Accepter les traits INSi",
            "Les traits renvoyés par l'INSi sont les bons (vérifiés sur un justificatif) : "
            "reporter les traits INSi dans le DUI. L'écart n'est plus soumis à un référent, mais "
            "tant que l'export porte l'ancienne valeur l'INS n'est pas utilisable (identité au "
            "plus validée, constat IS15) ; au traitement qui suit la correction, l'identité peut "
            "être récupérée ou qualifiée.",
            debloque=True,
            reporter_traits=True,
        ),
        Decision(
            "IDENTITE_DOUTEUSE",
            "Garder la fiche locale, identité douteuse",
            "La fiche locale est gardée et l'identité est à marquer DOUTEUSE dans le DUI : "
            "l'INS n'est pas utilisé, l'identité redevient provisoire. " + _RESTE,
        ),
        Decision(
            "AUTRE_PERSONNE",
            "La réponse INSi est celle d'une autre personne",
            "La recherche INSi a trouvé une autre personne : l'INS renvoyé ne doit pas être "
            "utilisé ; refaire l'appel INSi avec les traits du justificatif. " + _RESTE,
        ),
    ),
    Kind.DOUBLON: (
        Decision(
            "MEME_PERSONNE",
            "Même personne",
            "Les deux dossiers sont ceux d'une seule personne : les fusionner dans le DUI "
            "(garder le dossier dont l'identité est la mieux qualifiée). La paire reste "
            "décidée aux prochains traitements ; elle est rouverte si un dossier change.",
        ),
        Decision(
            "PERSONNES_DISTINCTES",
            "Personnes distinctes",
            "Deux personnes différentes : la paire n'est plus proposée aux prochains "
            "traitements, sauf si l'un des deux dossiers change.",
            distinctes=True,
        ),
        Decision(
            "HOMONYMES",
            "Personnes distinctes, homonymes",
            "Deux personnes différentes aux traits très proches (jumeaux, homonymes) : poser "
            "l'attribut HOMONYME sur les deux dossiers dans le DUI ; la paire n'est plus "
            "proposée, sauf si l'un des deux dossiers change.",
            distinctes=True,
        ),
    ),
    Kind.COLLISION: (
        Decision(
            "COLLISION_CONFIRMEE",
            "Collision confirmée",
            "Deux personnes partagent un matricule ou un dossier : séparer les identités dans "
            "le DUI, retirer le matricule erroné et déclarer l'événement à la cellule "
            "d'identitovigilance. L'INS reste inutilisable jusque-là.",
        ),
        Decision(
            "PAS_DE_COLLISION",
            "Pas de collision",
            "Une seule personne est en cause : pour deux dossiers, ce sont des doublons à "
            "fusionner ; pour deux réponses INSi d'un même dossier, le matricule actif est "
            "retenu et l'alerte n'est plus bloquante aux prochains traitements.",
            debloque=True,
        ),
    ),
    Kind.CONTRADICTION: (
        Decision(
            "MATRICULE_A_CORRIGER",
            "Le matricule est erroné",
            "Le matricule n'est pas celui de la personne (souvent le NIR de l'ouvrant droit "
            "recopié de la carte Vitale) : le corriger dans le DUI par un appel INSi. " + _RESTE,
        ),
        Decision(
            "TRAITS_A_CORRIGER",
            "Les traits sont erronés",
            "Le matricule est le bon mais un trait saisi est faux : corriger le trait d'après "
            "un justificatif à haut niveau de confiance. " + _RESTE,
        ),
        Decision(
            "IDENTITE_DOUTEUSE",
            "Identité douteuse",
            "Le doute ne peut pas être levé : marquer l'identité DOUTEUSE dans le DUI "
            "(identité provisoire, pas d'appel INSi). " + _RESTE,
        ),
    ),
    Kind.ATTRIBUTS: (
        Decision(
            "RETIRER_FICTIVE",
            "L'identité n'est pas fictive",
            "Retirer l'attribut FICTIVE dans le DUI ; les autres attributs sont gardés.",
        ),
        Decision(
            "GARDER_FICTIVE_SEULE",
            "L'identité est fictive",
            "Garder FICTIVE seul dans le DUI : retirer DOUTEUSE et HOMONYME, qui ne se "
            "combinent pas avec elle.",
        ),
    ),
    Kind.CHANGEMENT: (
        Decision(
            "CORRECTION_CONFIRMEE",
            "Changement confirmé",
            "Le changement est une correction vérifiée sur un justificatif à haut niveau de "
            "confiance (ou, pour un matricule repris d'un autre dossier, la fusion de deux "
            "doublons) : il n'est plus bloquant aux prochains traitements ; l'identité est "
            "évaluée sur ses nouveaux traits.",
            debloque=True,
        ),
        Decision(
            "CHANGEMENT_ERRONE",
            "Changement erroné",
            "Le changement est une erreur (mauvais dossier modifié, collision) : rétablir dans "
            "le DUI les valeurs vérifiées et déclarer l'événement à la cellule "
            "d'identitovigilance. " + _RESTE,
        ),
        Decision(
            "IDENTITE_DOUTEUSE",
            "Identité douteuse",
            "Le doute ne peut pas être levé : marquer l'identité DOUTEUSE dans le DUI "
            "(identité provisoire, pas d'appel INSi). " + _RESTE,
        ),
    ),
}


def unblocking_kinds() -> frozenset[Kind]:
    """The kinds of item a decision can unblock (``debloque``): the record items whose
    decisions the next run passes to the engine as ``accepted`` keys (code, trait,
    ``valeur_locale``, ``valeur_insi`` of the item).

    >>> sorted(k.value for k in unblocking_kinds())
    ['CHANGEMENT', 'COLLISION', 'DISCORDANCE']
    """
    return frozenset(kind for kind, found in DECISIONS.items() if any(d.debloque for d in found))


def reopens_on_change(kind: Kind, pair: bool) -> bool:
    """Whether a decided item is reopened when one of its records changed since the decision.

    Pairs (DOUBLON, COLLISION of two records) and record problems without values (MI04, AT01)
    are; a discordance's or a record collision's values are part of its fingerprint, so the
    decision follows those values whatever else changes in the record.

    >>> reopens_on_change(Kind.DOUBLON, True), reopens_on_change(Kind.DISCORDANCE, False)
    (True, False)
    """
    return pair or kind in (Kind.CONTRADICTION, Kind.ATTRIBUTS)


def decisions_for(kind: Kind) -> tuple[Decision, ...]:
    """The decisions possible for an item of this kind, in display order."""
    return DECISIONS[kind]


def get_decision(kind: Kind, code: str) -> Decision:
    """The decision ``code`` (case and spaces ignored) for this kind; InvalidDecision if none."""
    wanted = code.strip().upper()
    for decision in DECISIONS[kind]:
        if decision.code == wanted:
            return decision
    allowed = ", ".join(d.code for d in DECISIONS[kind])
    shown = code.strip()[:40]
    raise InvalidDecision(
        f"décision « {shown} » non permise pour un élément {kind.value} "
        f"(décisions possibles : {allowed})"
    )
