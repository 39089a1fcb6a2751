"""Comparisons: for each trait, ordered levels ending in a catch-all, each with a French label.

A comparison returns the index of the first level that applies, in the order of the rulebook
(domain.md §9): missing → exact → equal after normalisation → known variant → rapidfuzz
similarity → different. Levels are what the score is made of (:mod:`~insvigil.matching.scoring`)
and what a referent reads in ``raisons``.

Every comparison is symmetric: ``compare(a, b) == compare(b, a)``.

All values below are synthetic.

>>> from insvigil.model import Resident
>>> from insvigil.matching.record import prepare
>>> a = prepare(Resident("S", "1", "Le Gall", "Jean-Pierre Marie", "1950-03-05", "M"))
>>> b = prepare(Resident("S", "2", "LEGALL", "JEAN PIERRE", "1950-05-03", "M"))
>>> [c.label(a, b) for c in COMPARISONS]  # doctest: +NORMALIZE_WHITESPACE
['nom identique sans séparateurs (LE GALL / LEGALL)',
 'liste de prénoms incomplète (mêmes premiers prénoms)', 'jour et mois inversés',
 'sexe identique', 'lieu de naissance absent', 'matricule absent']
"""

from __future__ import annotations

from rapidfuzz.distance import JaroWinkler

from insvigil.matching import places
from insvigil.matching.levels import SIMILAR, Comparison, typo
from insvigil.matching.prenoms import PRENOMS, compare_prenoms
from insvigil.matching.record import MatchRecord

__all__ = [
    "COMPARISONS",
    "DATE",
    "LIEU",
    "MATRICULE",
    "NOM",
    "PRENOMS",
    "SEXE",
    "Comparison",
    "compare_all",
    "compare_date",
    "compare_lieu",
    "compare_matricule",
    "compare_nom",
    "compare_prenoms",
    "compare_sexe",
]

# -- nom de naissance ------------------------------------------------------------------------


def compare_nom(a: MatchRecord, b: MatchRecord) -> int:
    x, y = a.nom_cle, b.nom_cle
    if not x or not y:
        return 0
    if a.nom == b.nom:
        return 1
    if x == y:
        return 2
    if x.replace(" ", "") == y.replace(" ", ""):
        return 3
    if (a.nom_utilise_cle and a.nom_utilise_cle == y) or (
        b.nom_utilise_cle and b.nom_utilise_cle == x
    ):
        return 4
    short, long_ = (x, y) if len(x) < len(y) else (y, x)
    if len(short) >= 3 and set(short.split(" ")) < set(long_.split(" ")):
        return 5
    if typo(x, y):
        return 6
    if JaroWinkler.normalized_similarity(x, y) >= SIMILAR:
        return 7
    return 8


NOM = Comparison(
    "nom",
    ("ABSENT", "IDENTIQUE", "NORMALISE", "SEPARATEURS", "USAGE", "COMPOSE", "FAUTE", "PROCHE",
     "DIFFERENT"),
    ("nom de naissance absent", "nom identique",
     "nom identique après normalisation (tiret, espace, apostrophe)",
     "nom identique sans séparateurs (LE GALL / LEGALL)",
     "nom d'usage saisi comme nom de naissance", "nom composé saisi en partie",
     "nom à une faute de frappe près", "nom proche (Jaro-Winkler ≥ 0,90)",
     "nom de naissance différent"),
    compare_nom,
)  # fmt: skip

# -- date de naissance -------------------------------------------------------------------------


def _year_slip(x: int, y: int) -> bool:
    """One digit of the year mistyped, two neighbours swapped, or one year apart."""
    if abs(x - y) == 1:
        return True
    sx, sy = f"{x:04d}", f"{y:04d}"
    diff = [i for i in range(4) if sx[i] != sy[i]]
    if len(diff) == 1:
        return True
    i = diff[0]
    return len(diff) == 2 and diff[1] == i + 1 and sx[i] == sy[i + 1] and sx[i + 1] == sy[i]


def compare_date(a: MatchRecord, b: MatchRecord) -> int:
    x, y = a.naissance, b.naissance
    if x == y:
        return 0
    if x.is_partial or y.is_partial:
        if x.earliest() <= y.latest() and y.earliest() <= x.latest():
            return 2
        return 5
    if x.swapped() == y:
        return 1
    same = (x.year == y.year) + (x.month == y.month) + (x.day == y.day)
    one_day = abs(x.earliest().toordinal() - y.earliest().toordinal()) == 1
    if (same == 2 and x.year == y.year) or one_day:
        return 3
    if same == 2 and _year_slip(x.year, y.year):
        return 4
    return 5


DATE = Comparison(
    "date",
    ("IDENTIQUE", "INVERSEE", "PARTIELLE", "PROCHE", "ANNEE", "DIFFERENTE"),
    ("date de naissance identique", "jour et mois inversés",
     "date incomplète (00) compatible", "date proche (jour ou mois différent, ou un jour d'écart)",
     "même jour et mois, année à un chiffre près", "date de naissance différente"),
    compare_date,
)  # fmt: skip

# -- sexe, lieu, matricule ---------------------------------------------------------------------


def compare_sexe(a: MatchRecord, b: MatchRecord) -> int:
    if a.sexe == "I" or b.sexe == "I" or not a.sexe or not b.sexe:
        return 1
    return 0 if a.sexe == b.sexe else 2


SEXE = Comparison(
    "sexe",
    ("IDENTIQUE", "INDETERMINE", "DIFFERENT"),
    ("sexe identique", "sexe indéterminé (I)", "sexe différent"),
    compare_sexe,
)


def compare_lieu(a: MatchRecord, b: MatchRecord) -> int:
    x, y = a.lieu, b.lieu
    if not x or not y:
        return 0
    if x == y:
        return 1
    cx, cy = places.communes(x), places.communes(y)
    if not cx.isdisjoint(cy):
        return 2
    if not (cx | places.postal_communes(x)).isdisjoint(cy | places.postal_communes(y)):
        return 3
    dx = places.departement(x)
    if dx and dx == places.departement(y):
        return 4
    return 5


LIEU = Comparison(
    "lieu",
    ("ABSENT", "IDENTIQUE", "MEME_COMMUNE", "CODE_POSTAL", "MEME_DEPARTEMENT", "DIFFERENT"),
    ("lieu de naissance absent", "lieu de naissance identique",
     "même commune (code historique ou arrondissement)", "code postal de la même commune",
     "même département de naissance", "lieu de naissance différent"),
    compare_lieu,
)  # fmt: skip


def compare_matricule(a: MatchRecord, b: MatchRecord) -> int:
    if not a.matricules or not b.matricules:
        return 0
    if any(m in b.matricules for m in a.matricules):
        return 1
    return 2 if a.nia or b.nia else 3


MATRICULE = Comparison(
    "matricule",
    ("ABSENT", "IDENTIQUE", "DIFFERENT_NIA", "DIFFERENT"),
    ("matricule absent", "même matricule INS", "matricules différents (NIA possible)",
     "matricules INS différents"),
    compare_matricule,
)

#: Every comparison, in the order of a pair's levels.
COMPARISONS: tuple[Comparison, ...] = (NOM, PRENOMS, DATE, SEXE, LIEU, MATRICULE)


def compare_all(a: MatchRecord, b: MatchRecord) -> tuple[int, int, int, int, int, int]:
    """The level of each comparison for the pair (order of :data:`COMPARISONS`)."""
    return (
        compare_nom(a, b),
        compare_prenoms(a, b),
        compare_date(a, b),
        compare_sexe(a, b),
        compare_lieu(a, b),
        compare_matricule(a, b),
    )
