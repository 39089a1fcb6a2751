"""The INSi side of a record: the deciding response and its traits, normalised like local ones."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from insvigil.errors import InvalidValue
from insvigil.identifiers import matricule
from insvigil.insi.model import InsiResponse, Operation
from insvigil.traits import date as birth_date
from insvigil.traits import nom, prenoms
from insvigil.traits.charset import Normalized
from insvigil.traits.date import BirthDate

_OLDEST = datetime.min


def order(responses: Sequence[InsiResponse]) -> tuple[InsiResponse, ...]:
    """Oldest first; the last one decides (domain.md §6.2: latest by date, on a tie the worse).

    An undated response (the téléservice's XML files carry no timestamp) cannot be placed
    against dated ones: SAFE reading, it counts as tied with the latest dated response, so
    that, if it is the worse, it decides (never qualify on doubt).
    """
    dated = [r.date for r in responses if r.date is not None]
    latest = max(dated) if dated else _OLDEST

    def rank(response: InsiResponse) -> tuple[datetime, int]:
        return (response.date or latest, 0 if response.cr == "00" else 1)

    return tuple(sorted(responses, key=rank))


@dataclass(frozen=True, slots=True)
class InsiSide:
    """Traits of a ``00`` response, normalised as the local traits are."""

    response: InsiResponse
    nom: Normalized | None
    prenoms: Normalized | None
    premier: str | None  # forme INS of the first first name
    naissance: BirthDate | None
    naissance_brute: str | None
    sexe: str | None
    lieu: str | None
    actif: str | None  # compacted active matricule
    actif_valide: bool
    oid: str | None
    historique: tuple[str, ...]

    @property
    def verification(self) -> bool:
        return self.response.operation is Operation.VERIFICATION


def _compact(value: str) -> str:
    try:
        return matricule.compact(value)
    except InvalidValue:
        return value


def build(response: InsiResponse) -> InsiSide:
    traits = response.traits
    nom_n = nom.normalize(traits.nom_naissance) if traits and traits.nom_naissance else None
    liste = traits.prenoms_naissance if traits else None
    prenoms_n = prenoms.normalize(liste) if liste else None
    # prenoms.premier (TR03), without normalising the list twice: the typed premier prénom,
    # else the first token of the list in forme INS (spaces there are single, never leading).
    premier: str | None = None
    typed = traits.premier_prenom if traits else None
    if typed is not None and typed.strip():
        premier = prenoms.normalize(typed).value or None
    elif prenoms_n is not None:
        premier = prenoms_n.value.split(" ", 1)[0] or None
    naissance: BirthDate | None = None
    if traits and traits.date_naissance:
        try:
            naissance = birth_date.parse(traits.date_naissance)
        except InvalidValue:
            naissance = None
    actif = _compact(response.actif.matricule) if response.actif else None
    return InsiSide(
        response=response,
        nom=nom_n,
        prenoms=prenoms_n,
        premier=premier,
        naissance=naissance,
        naissance_brute=traits.date_naissance if traits else None,
        sexe=(traits.sexe or "").strip().upper() or None if traits else None,
        lieu=(traits.lieu_naissance or "").strip().upper() or None if traits else None,
        actif=actif,
        actif_valide=actif is not None and matricule.is_valid(actif),
        oid=response.actif.oid if response.actif else None,
        historique=tuple(_compact(h.matricule) for h in response.historique),
    )
