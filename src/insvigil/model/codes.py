"""Official and contract codes, as ``str`` enums (their values are public and permanent).

>>> Statut.QUALIFIEE.rank > Statut.VALIDEE.rank
True
>>> Statut.parse(" qualifiee ")
<Statut.QUALIFIEE: 'QUALIFIEE'>
>>> sorted(Attribut.parse_many("DOUTEUSE|homonyme"))
[<Attribut.DOUTEUSE: 'DOUTEUSE'>, <Attribut.HOMONYME: 'HOMONYME'>]
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from insvigil.errors import InvalidFormat

E = TypeVar("E", bound=StrEnum)


def _parse(enum: type[E], raw: str, what: str) -> E:
    value = raw.strip().upper()
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        shown = raw.strip()[:40]
        raise InvalidFormat(f"{what} inconnu « {shown} » (attendu : {allowed})") from None


class Statut(StrEnum):
    """The four exclusive RNIV identity statuses (RNIV EXI SI 07)."""

    PROVISOIRE = "PROVISOIRE"
    RECUPEREE = "RECUPEREE"
    VALIDEE = "VALIDEE"
    QUALIFIEE = "QUALIFIEE"

    @property
    def insi(self) -> bool:
        """True when the status says the INS was retrieved or verified through INSi (I)."""
        return self in (Statut.RECUPEREE, Statut.QUALIFIEE)

    @property
    def document(self) -> bool:
        """True when the status says a high-trust document was checked (C)."""
        return self in (Statut.VALIDEE, Statut.QUALIFIEE)

    @property
    def rank(self) -> int:
        return {"PROVISOIRE": 0, "RECUPEREE": 1, "VALIDEE": 1, "QUALIFIEE": 2}[self.value]

    @classmethod
    def parse(cls, raw: str) -> Statut:
        return _parse(cls, raw, "statut")


class Attribut(StrEnum):
    """Identity attributes (RNIV)."""

    DOUTEUSE = "DOUTEUSE"
    FICTIVE = "FICTIVE"
    HOMONYME = "HOMONYME"

    @classmethod
    def parse(cls, raw: str) -> Attribut:
        return _parse(cls, raw, "attribut")

    @classmethod
    def parse_many(cls, raw: str) -> frozenset[Attribut]:
        return frozenset(cls.parse(part) for part in raw.split("|") if part.strip())


class Justificatif(StrEnum):
    """Identity documents that admission staff may record (contract §4)."""

    CNI = "CNI"
    PASSEPORT = "PASSEPORT"
    TITRE_SEJOUR = "TITRE_SEJOUR"
    LIVRET_FAMILLE = "LIVRET_FAMILLE"
    EXTRAIT_NAISSANCE = "EXTRAIT_NAISSANCE"
    IDENTITE_NUMERIQUE = "IDENTITE_NUMERIQUE"
    PERMIS_CONDUIRE = "PERMIS_CONDUIRE"
    CARTE_VITALE = "CARTE_VITALE"
    AUTRE = "AUTRE"

    @classmethod
    def parse(cls, raw: str) -> Justificatif:
        return _parse(cls, raw, "justificatif")


class Complement(StrEnum):
    """Companion documents that some RNIV cases require beside ``justificatif`` (contract §1)."""

    PIECE_REPRESENTANT_LEGAL = "PIECE_REPRESENTANT_LEGAL"
    CARTE_VITALE_PHOTO = "CARTE_VITALE_PHOTO"

    @classmethod
    def parse(cls, raw: str) -> Complement:
        return _parse(cls, raw, "justificatif_complement")


class EcartStatut(StrEnum):
    """Gap between the status the DUI declares and the computed one (ST04)."""

    SURESTIME = "SURESTIME"
    SOUSESTIME = "SOUSESTIME"


class TypePaire(StrEnum):
    """Kinds of pairs in ``doublons.csv``."""

    DOUBLON = "DOUBLON"
    COLLISION = "COLLISION"
