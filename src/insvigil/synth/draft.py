"""What a typing defect works on: a record's local traits before styling, and its context.

Split from :mod:`insvigil.synth.defects`, which re-exports :class:`Draft`. A :class:`Context`
is what each defect function of :mod:`~insvigil.synth.defects_names`,
:mod:`~insvigil.synth.defects_birth` and :mod:`~insvigil.synth.defects_identifiers` receives.
"""

from __future__ import annotations

from dataclasses import dataclass
from random import Random

from insvigil.synth.people import Person
from insvigil.synth.places import Places

__all__ = ["Context", "Draft"]


@dataclass(slots=True)
class Draft:
    """A record's local traits before styling; strings are upper case, accents kept."""

    nom: str
    prenoms: list[str]
    annee: int
    mois: int
    jour: int
    sexe: str
    lieu: str
    nom_utilise: str
    prenom_utilise: str
    matricule: str
    oid: str
    premier: bool  # fill the premier_prenom column
    suffix: str = ""  # appended to the typed name (NOM_NON_CONFORME)


@dataclass(slots=True)
class Context:
    """What a defect function is given: the dice, the places, the person and its draft."""

    rng: Random
    places: Places
    person: Person
    draft: Draft
    today: int
