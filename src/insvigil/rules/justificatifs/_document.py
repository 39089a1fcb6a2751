"""Shared by the JU rules: is the recorded document accepted by the policy in force?"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from insvigil.engine.context import Context
from insvigil.model.codes import Complement, Justificatif


@dataclass(frozen=True, slots=True)
class DocumentVerdict:
    accepted: bool
    #: For the finding when not accepted: the template (in :data:`MESSAGES`) and its values.
    variant: str = ""
    params: tuple[str, ...] = ()


#: The JU rules' messages (each rule declares them all; a verdict picks one).
MESSAGES = {
    "aucun": "Aucun justificatif d'identité contrôlé.",
    "mineur": "{0} accepté seulement avec un complément : la personne n'est pas mineure à la "
    "date du traitement.",
    "ehpad": "{0} accepté seulement avec un complément : la politique de la structure n'est pas "
    "celle d'un EHPAD.",
    "complement": "{0} accepté seulement avec un complément : document complémentaire absent.",
    "numerique": "Identité numérique non reconnue par la politique en vigueur (en attente de la "
    "confirmation d'un référent).",
    "non_reconnu": "{0} n'est pas un justificatif d'identité à haut niveau de confiance.",
}


def _certainly_minor(ctx: Context) -> bool:
    # SAFE: a partial date counts as minor only if even its earliest possible day gives < 18.
    born = ctx.naissance.earliest()
    limit = ctx.policy.justificatifs.age_majorite
    today = ctx.today
    try:
        adult_on = born.replace(year=born.year + limit)
    except ValueError:  # 29 February
        adult_on = date(born.year + limit, 3, 1)
    minor = today < adult_on
    # The answer changes on ``adult_on`` only: a stored result holds until then, or from then.
    if minor:
        ctx.same_between(None, adult_on)
    else:
        ctx.same_between(adult_on, None)
    return minor


def verdict(ctx: Context) -> DocumentVerdict:
    document = ctx.resident.justificatif
    policy = ctx.policy.justificatifs
    if document is None:
        return DocumentVerdict(False, "aucun")
    if document in policy.haute_confiance:
        return DocumentVerdict(True)
    if document in policy.avec_complement:
        complement = ctx.resident.justificatif_complement
        if complement is Complement.PIECE_REPRESENTANT_LEGAL and _certainly_minor(ctx):
            return DocumentVerdict(True)
        if complement is Complement.CARTE_VITALE_PHOTO and policy.ehpad:
            return DocumentVerdict(True)
        if complement is Complement.PIECE_REPRESENTANT_LEGAL:
            variant = "mineur"
        elif complement is Complement.CARTE_VITALE_PHOTO:
            variant = "ehpad"
        else:
            variant = "complement"
        return DocumentVerdict(False, variant, (document.value,))
    if document is Justificatif.IDENTITE_NUMERIQUE:
        return DocumentVerdict(False, "numerique")
    return DocumentVerdict(False, "non_reconnu", (document.value,))
