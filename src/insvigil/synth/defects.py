"""Typing defects injected into a record's local traits (see :mod:`insvigil.synth.catalogue`).

A :class:`Draft` holds a record's local traits before styling (case, accents); each defect is a
function that changes the draft when it applies to the person and returns whether it did.
:func:`inject` draws zero, one or two defects on distinct traits.

This module owns the defects' weights and the draw; :class:`Draft` lives in
:mod:`~insvigil.synth.draft` (re-exported here), the defects themselves in
:mod:`~insvigil.synth.defects_names`, :mod:`~insvigil.synth.defects_birth` and
:mod:`~insvigil.synth.defects_identifiers`.
"""

from __future__ import annotations

from bisect import bisect
from collections.abc import Callable
from itertools import accumulate
from random import Random

from insvigil.synth.catalogue import DEFAUTS
from insvigil.synth.defects_birth import (
    date_completee,
    date_faute,
    date_inversee,
    lieu_absent,
    lieu_code_actuel,
    lieu_code_postal,
    lieu_commune_plm,
    lieu_errone,
    sexe_errone,
    sexe_indetermine,
)
from insvigil.synth.defects_identifiers import matricule_cle, oid_changed_to
from insvigil.synth.defects_names import (
    nom_faute,
    nom_non_conforme,
    nom_particule_collee,
    nom_tiret_espace,
    nom_utilise_saisi,
    prenom_faute,
    prenom_tiret_espace,
    prenom_utilise_en_premier,
    prenoms_incomplets,
    prenoms_ordre,
)
from insvigil.synth.draft import Context, Draft
from insvigil.synth.people import Person
from insvigil.synth.places import Places

__all__ = ["Draft", "inject"]

# code -> (weight when applicable, function)
_DEFECTS: tuple[tuple[str, float, Callable[[Context], bool]], ...] = (
    ("NOM_FAUTE", 10, nom_faute),
    ("NOM_TIRET_ESPACE", 25, nom_tiret_espace),
    ("NOM_PARTICULE_COLLEE", 15, nom_particule_collee),
    ("NOM_UTILISE_SAISI", 12, nom_utilise_saisi),
    ("NOM_NON_CONFORME", 1, nom_non_conforme),
    ("PRENOM_FAUTE", 6, prenom_faute),
    ("PRENOM_TIRET_ESPACE", 40, prenom_tiret_espace),
    ("PRENOMS_INCOMPLETS", 12, prenoms_incomplets),
    ("PRENOMS_ORDRE", 4, prenoms_ordre),
    ("PRENOM_UTILISE_EN_PREMIER", 25, prenom_utilise_en_premier),
    ("DATE_JOUR_MOIS_INVERSES", 9, date_inversee),
    ("DATE_FAUTE", 4, date_faute),
    ("DATE_INCONNUE_COMPLETEE", 60, date_completee),
    ("SEXE_ERRONE", 0.6, sexe_errone),
    ("SEXE_INDETERMINE", 0.6, sexe_indetermine),
    ("LIEU_ABSENT", 10, lieu_absent),
    ("LIEU_CODE_POSTAL", 30, lambda c: lieu_code_postal(c, other_commune=False)),
    ("LIEU_CODE_POSTAL_AUTRE_COMMUNE", 30, lambda c: lieu_code_postal(c, other_commune=True)),
    ("LIEU_CODE_ACTUEL", 120, lieu_code_actuel),
    ("LIEU_COMMUNE_PLM", 25, lieu_commune_plm),
    ("LIEU_ERRONE", 3, lieu_errone),
    ("MATRICULE_CLE_INVALIDE", 3, matricule_cle),
    ("OID_ABSENT", 4, oid_changed_to("")),
    ("OID_TEST", 1, oid_changed_to("1.2.250.1.213.1.4.10")),
)
_GROUPS = {"premier_prenom": "prenoms", "oid": "matricule", "nom/prenoms": "nom"}
DATE_OR_SEX = frozenset(code for code, d in DEFAUTS.items() if d.trait in ("date", "sexe"))
_CUMULATIVE = tuple(accumulate(weight for _, weight, _ in _DEFECTS))
_GROUP = tuple(_GROUPS.get(DEFAUTS[c].trait, DEFAUTS[c].trait) for c, _, _ in _DEFECTS)
_ATTEMPTS = 16


def inject(
    rng: Random, places: Places, person: Person, draft: Draft, count: int, today: int
) -> list[str]:
    """Apply up to ``count`` defects on distinct traits (drawn by weight among those that
    apply to this person); return their codes."""
    context = Context(rng, places, person, draft, today)
    done: list[str] = []
    tried: set[int] = set()
    groups: set[str] = set()
    total = _CUMULATIVE[-1]
    for _ in range(_ATTEMPTS):
        i = bisect(_CUMULATIVE, rng.random() * total)
        if i in tried:
            continue
        tried.add(i)
        code, _, apply = _DEFECTS[i]
        if _GROUP[i] not in groups and apply(context):
            done.append(code)
            groups.add(_GROUP[i])
            if len(done) == count:
                break
    return done
