from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context, accepted_key
from insvigil.findings import Finding, Gravite
from insvigil.identifiers.matricule import mask
from insvigil.rules.base import Rule

#: The traits a discordance (DIxx) can be about, as a referent reads them.
_LABELS = {
    "nom_naissance": "nom de naissance",
    "prenoms_naissance": "prénoms de naissance",
    "premier_prenom": "premier prénom",
    "date_naissance": "date de naissance",
    "sexe": "sexe",
    "lieu_naissance": "lieu de naissance",
    "matricule_ins": "matricule INS",
    "oid_ins": "OID du matricule",
}
_MATRICULE_TRAITS = frozenset({"matricule_ins"})


def _shown(trait: str, value: str) -> str:
    return mask(value) if trait in _MATRICULE_TRAITS and value else value


class IS15(Rule):
    """Traits INSi acceptés par un référent, pas encore reportés dans le DUI : INS inutilisable.

    Un référent a tranché une discordance (DIxx) par la décision ACCEPTER_TRAITS_INSI : les
    traits renvoyés par l'INSi sont les bons. Tant que l'export du DUI porte encore l'ancienne
    valeur, l'identité du DUI n'est pas celle de l'INS : l'INS n'est ni utilisable ni
    transmissible (au plus VALIDEE, lecture prudente : jamais qualifier sur un doute). Le constat
    dit, trait par trait, la valeur INSi à saisir dans le DUI ; au traitement qui suit la
    correction, l'écart a disparu et l'identité peut être qualifiée.

    Conforme : la discordance acceptée a disparu, le DUI porte la date de l'INSi (1945-01-25).
    Non conforme : date acceptée 1945-01-25, le DUI porte encore 1945-01-24 (constat bloquant).
    """

    # After the comparisons with INSi (phase 30, whose accepted findings it reads) and before
    # the evidence I (IS11, phase 40), which it withholds by being BLOQUANTE.
    messages: ClassVar[Mapping[str, str]] = {
        "a_reporter": "Traits INSi acceptés par un référent ({0}), pas encore reportés dans le "
        "DUI : reporter les traits INSi dans le DUI — {1} : {2} (le DUI porte « {3} »). L'INS "
        "n'est pas utilisable d'ici là.",
    }

    phase = 35
    decides = True

    def check(self, ctx: Context) -> Iterator[Finding]:
        accepted = ctx.accepted
        if not accepted:
            return
        for found in ctx.findings:
            if (
                found.valeur_insi is None
                or not found.code.startswith("DI")
                or accepted_key(found) not in accepted
            ):
                continue
            trait = found.trait or ""
            label = _LABELS.get(trait, trait)
            value = _shown(trait, found.valeur_insi)
            local = _shown(trait, found.valeur_locale or "")
            yield self.say(
                "a_reporter", Gravite.BLOQUANTE, found.code, label, value, local, trait=trait
            )
