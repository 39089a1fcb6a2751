"""The French warnings a candidate carries at the front desk.

Order: what forbids using the identity first (fictitious, doubtful), then the open problems a
referent must decide on, the homonyms, the INS that may not be used, an inactive record.

>>> for a in alertes(statut="VALIDEE", attributs=("HOMONYME",), ins_utilisable=False):
...     print(a)
Homonyme signalé (attribut HOMONYME) : vérifier la date et le lieu de naissance et une pièce \
d'identité avant de choisir ce dossier.
INS non qualifié (identité validée) : le matricule INS ne doit être ni utilisé ni transmis.
>>> for a in alertes(statut="QUALIFIEE", attributs=(), ins_utilisable=True,
...                  ouverts=((12, "DOUBLON"),), homonymes=(("750000001", "A-2"),)):
...     print(a)
Doublon potentiel en attente de décision d'un référent (élément 12 de la file de revue) : ne \
pas créer ni fusionner de dossier avant sa décision.
Homonyme possible (ou doublon) : le dossier 750000001 / A-2 a un nom et un prénom très proches \
et la même date de naissance ; vérifier le lieu de naissance et une pièce d'identité.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

__all__ = ["alertes"]

_STATUT_LABELS = {
    "PROVISOIRE": "provisoire",
    "RECUPEREE": "récupérée",
    "VALIDEE": "validée",
    "QUALIFIEE": "qualifiée",
}

_OPEN_ITEMS = {
    "DOUBLON": "Doublon potentiel en attente de décision d'un référent (élément {id} de la file "
    "de revue) : ne pas créer ni fusionner de dossier avant sa décision.",
    "COLLISION": "Collision potentielle en attente de décision d'un référent (élément {id} de la "
    "file de revue) : ce dossier ou son matricule pourrait mêler deux personnes.",
    "DISCORDANCE": "Discordance avec l'INSi en attente de décision d'un référent (élément {id} "
    "de la file de revue).",
    "CONTRADICTION": "Matricule INS en contradiction avec les traits, en attente de décision "
    "d'un référent (élément {id} de la file de revue).",
    "CHANGEMENT": "Trait strict ou matricule changé depuis le dernier traitement, en attente "
    "de décision d'un référent (élément {id} de la file de revue) : vérifier l'identité avant "
    "d'utiliser l'INS.",
}
_OTHER_ITEM = (
    "Anomalie d'identité en attente de décision d'un référent (élément {id} de la file de revue)."
)


def alertes(
    *,
    statut: str | None,
    attributs: Iterable[str],
    ins_utilisable: bool,
    actif: bool = True,
    ouverts: Sequence[tuple[int, str]] = (),
    homonymes: Sequence[tuple[str, str]] = (),
) -> tuple[str, ...]:
    """The warnings of one candidate.

    ``ouverts``: (id, kind) of the open queue items that concern the record, ``homonymes``:
    (structure, local_id) of the other candidates with near-identical traits.
    """
    attrs = set(attributs)
    out: list[str] = []
    if "FICTIVE" in attrs:
        out.append(
            "Identité fictive (attribut FICTIVE) : ne pas utiliser pour la prise en charge "
            "d'une personne réelle."
        )
    if "DOUTEUSE" in attrs:
        out.append(
            "Identité douteuse (attribut DOUTEUSE) : vérifier l'identité avec une pièce "
            "avant tout usage ; l'INS ne doit pas être utilisé."
        )
    for item_id, kind in sorted(ouverts):
        out.append(_OPEN_ITEMS.get(kind, _OTHER_ITEM).format(id=item_id))
    if "HOMONYME" in attrs:
        out.append(
            "Homonyme signalé (attribut HOMONYME) : vérifier la date et le lieu de naissance "
            "et une pièce d'identité avant de choisir ce dossier."
        )
    for structure, local_id in homonymes:
        out.append(
            f"Homonyme possible (ou doublon) : le dossier {structure} / {local_id} a un nom et un "
            "prénom très proches et la même date de naissance ; vérifier le lieu de naissance "
            "et une pièce d'identité."
        )
    if statut is None:
        out.append(
            "Statut de l'identité inconnu (dossier jamais qualifié) : le matricule INS ne doit "
            "être ni utilisé ni transmis."
        )
    elif not ins_utilisable:
        label = _STATUT_LABELS.get(statut, statut.lower())
        out.append(
            f"INS non qualifié (identité {label}) : le matricule INS ne doit être ni utilisé "
            "ni transmis."
        )
    if not actif:
        out.append("Dossier hors file active.")
    return tuple(out)
