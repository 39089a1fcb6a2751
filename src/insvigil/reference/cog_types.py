"""Value types of the COG birthplace reference: periods, check results, equivalences.

A :class:`Period` is one version of a code, valid on the half-open range ``[debut, fin)``.
INSEE's history starts on 1943-01-01, so a period starting that day is also taken to cover any
earlier date (a person born in 1930 in Paris has code ``75056``).

>>> p = Period("20004", "COM", "Ajaccio", date(1943, 1, 1), date(1976, 1, 1))
>>> p.contains(date(1930, 5, 1)), p.contains(date(1975, 12, 31)), p.contains(date(1976, 1, 1))
(True, True, False)
>>> p.intersects(date(1976, 1, 1), date(1976, 12, 31))
False
>>> p.derniere_date
datetime.date(1975, 12, 31)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

__all__ = ["COG_START", "Equivalence", "Period", "PlaceCheck", "PlaceStatus"]

#: First day of INSEE's COG history; a period starting then is open towards the past.
COG_START = date(1943, 1, 1)


@dataclass(frozen=True, slots=True)
class Period:
    """One version of a place code, valid on ``[debut, fin)`` (``fin`` None: still valid).

    ``nature`` says which COG table the version comes from:

    - ``COM`` commune, ``ARM`` municipal arrondissement (Paris, Lyon, Marseille), both from
      ``v_commune_depuis_1943``;
    - ``COMER`` a commune outside the DOM list (``v_commune_outremer_depuis_1943``):
      pre-independence Algeria (91-94), Morocco (95), Tunisia (96), Saint-Pierre-et-Miquelon,
      Mayotte before 2011, Saint-Barthélemy, Saint-Martin, Polynesia, New Caledonia; the same
      table's other zoning units keep INSEE's nature (``DIS``, ``CIR``, ``CPT``, ``CDM``);
    - ``TOM`` a former territory with a 5-character code (``v_tom_depuis_1943``, e.g. ``98405``
      La Réunion before 1946-03-21);
    - ``PAYS`` a country or territory abroad, ``99xxx`` (``v_pays_et_territoire_depuis_1943``).

    ``libelle`` is INSEE's ``LIBELLE`` (name with its article) or, for a country, ``LIBENR``
    (official name, e.g. « Royaume du Maroc »); ``nom`` is ``NCCENR`` (name without article) or,
    for a country, ``LIBCOG`` (« Maroc »).
    """

    code: str
    nature: str
    libelle: str
    debut: date
    fin: date | None
    nom: str = ""

    @property
    def derniere_date(self) -> date | None:
        """The last day of validity (``fin`` minus one day), None when still valid."""
        return None if self.fin is None else self.fin - timedelta(days=1)

    def contains(self, day: date) -> bool:
        """Whether the code designated this place on ``day``."""
        return self.intersects(day, day)

    def intersects(self, start: date, end: date) -> bool:
        """Whether the code was valid on at least one day of ``[start, end]``."""
        debut = date.min if self.debut == COG_START else self.debut
        return debut <= end and (self.fin is None or start < self.fin)


class PlaceStatus(StrEnum):
    """Whether a code designated a place at a date."""

    VALIDE = "VALIDE"  # valid on at least one possible day of birth
    AUTRE_DATE = "AUTRE_DATE"  # a COG code, but not valid on any possible day of birth
    INCONNU = "INCONNU"  # not a COG code at all


class Equivalence(StrEnum):
    """How two place codes relate at a date (ordered from the strongest to none)."""

    IDENTIQUE = "IDENTIQUE"  # the same code
    MEME_COMMUNE = "MEME_COMMUNE"  # linked by COG history: recoding, merger, restoration
    ARRONDISSEMENT = "ARRONDISSEMENT"  # a municipal arrondissement and its commune (note only)
    DIFFERENT = "DIFFERENT"  # two different places
    INCONNU = "INCONNU"  # at least one code is not a COG code


@dataclass(frozen=True, slots=True)
class PlaceCheck:
    """The answer of :meth:`insvigil.reference.cog.Cog.check` for one code and date range.

    - ``periode``: the version valid in the range (the earliest if several), for ``VALIDE``;
    - ``autres_periodes``: the code's other versions (all of them unless ``VALIDE``);
    - ``codes_a_la_date``: the code itself for ``VALIDE``; for ``AUTRE_DATE`` the code(s) that
      designated the place in the range according to COG history (empty if none is known);
    - ``successeurs``: the code(s) that took the place over when this code ended (merger,
      recoding), whatever the date;
    - ``lien_historique``: for ``AUTRE_DATE``, True when COG history links the code to a code
      valid in the range, for a DOM commune code before 1946-03-21, or for a ``99xxx`` code
      (re)created after the birth (TR06: MINEURE rather than non conforme).
    """

    code: str
    statut: PlaceStatus
    periode: Period | None = None
    autres_periodes: tuple[Period, ...] = ()
    codes_a_la_date: tuple[str, ...] = ()
    successeurs: tuple[str, ...] = ()
    lien_historique: bool = False

    @property
    def libelle_a_la_date(self) -> str | None:
        """The place's name in the range when the code was valid then."""
        return None if self.periode is None else self.periode.libelle

    @property
    def valide(self) -> bool:
        return self.statut is PlaceStatus.VALIDE
