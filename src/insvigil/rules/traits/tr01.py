from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding, Gravite, make, register_converter
from insvigil.rules.base import Rule
from insvigil.traits.charset import CHANGE_LABELS, Change, Normalized

#: Variant (stored) -> trait and label.
_TRAITS = {
    "nom": ("nom_naissance", "Nom de naissance"),
    "prenoms": ("prenoms_naissance", "Prénoms de naissance"),
}


def _labels(codes: str) -> str:
    """The changes stored as their codes (``CASSE,ACCENTS``), as a referent reads them."""
    return ", ".join(CHANGE_LABELS[Change(code)] for code in codes.split(","))


register_converter("changements", _labels)


@lru_cache(maxsize=65536)
def _finding(code: str, variant: str, value: Normalized) -> Finding:
    # Memoised: the same raw spellings come back record after record.
    changes = ",".join(c.value for c in value.changes)
    # domain.md §3 TR01: "spaces around a hyphen removed (DESIGN, MINEURE)" (fix: every
    # change was reported as INFO).
    gravite = Gravite.MINEURE if Change.ESPACE_TIRET in value.changes else Gravite.INFO
    return make(code, variant, gravite, (value.raw, value.value, changes), _TRAITS[variant][0])


class TR01(Rule):
    """Traits stricts mis en forme INS : chaque changement appliqué est signalé.

    Le nom et les prénoms de naissance sont comparés sous leur forme INS : majuscules A à Z,
    sans accents, ligatures développées (Œ → OE), apostrophe droite, espaces superflus retirés.
    Rien n'est supprimé en silence : chaque changement est listé, pour qu'un référent voie
    pourquoi deux écritures sont jugées égales.

    Une note (INFO) en général ; écart mineur quand des espaces autour d'un tiret sont retirés
    (« Jean - Pierre » → JEAN-PIERRE : deux prénoms ou un prénom composé ?).

    Conforme (rien à signaler) : « LEFEVRE ».
    Signalé : « Lefèvre » → LEFEVRE (minuscules mises en majuscules, accents retirés).
    Écart mineur : « Jean - Pierre » → JEAN-PIERRE.
    """

    messages: ClassVar[Mapping[str, str]] = {
        variant: label + " « {0} » mis en forme INS « {1} » : {2:changements}."
        for variant, (_trait, label) in _TRAITS.items()
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        for variant, value in (("nom", ctx.nom), ("prenoms", ctx.prenoms)):
            if value.changes:
                yield _finding(self.code, variant, value)
