"""Fellegi–Sunter weights: how much each comparison level says for "one person".

A level's weight is ``log2(m / u)`` in bits: ``m`` = how often the level is seen between two
records of one person, ``u`` = how often between two records of different persons. A pair's
weight is the prior plus the sum of its levels' weights, and its score the matching
probability ``1 / (1 + 2^-weight)``: every bit doubles the odds, so a referent can read why a
pair scored (``raisons`` lists the levels).

**Calibration** (``python -m bench.bench_duplicates --calibrate``): ``m`` over the true
duplicate pairs and ``u`` over 300,000 random pairs of a 100,000-record synthetic population,
rounded to half a bit, capped at ±15, and then reviewed by hand:

* absence (no birthplace, no matricule, sex ``I``) weighs 0: missing is not evidence, even if
  the generator's copies lack a birthplace more often than its originals;
* levels seldom seen in the sample were set next to their neighbours (``NORMALISE`` like
  ``SEPARATEURS``; ``ORDRE`` and ``FAUTE_SUIVANT`` at +10 rather than the measured +11/+12);
* a slip in the first first name weighs +6, not the measured +9.4: that is where twins and
  siblings with rare names one letter apart hide, which random pairs cannot measure;
* the prior is ``log2(d / (n - 1))`` for an identity base of ``n`` records with ``d`` = 0.05
  expected duplicates per record (DESIGN; audits report a few per cent), so that a bigger base
  asks for more agreement before two records are called one person.

Weights measure agreement; they cannot see that twins agree on everything but first names
(Fellegi–Sunter assumes independent traits). Those hard negatives are rules in
:mod:`~insvigil.matching.pairs`, not weights.

>>> from insvigil.matching.comparisons import COMPARISONS
>>> def levels(**codes): return tuple(c.level(codes[c.trait]) for c in COMPARISONS)
>>> slips = levels(nom="FAUTE", prenoms="INCOMPLETS", date="IDENTIQUE", sexe="IDENTIQUE",
...                lieu="ABSENT", matricule="ABSENT")
>>> weight(slips), round(prior(100_000), 2), round(score(weight(slips), prior(100_000)), 4)
(30.5, -20.93, 0.9987)
>>> more = levels(nom="FAUTE", prenoms="INCOMPLETS", date="PROCHE", sexe="IDENTIQUE",
...               lieu="ABSENT", matricule="ABSENT")
>>> weight(more), round(score(weight(more), prior(100_000)), 4)
(20.5, 0.4258)
"""

from __future__ import annotations

import math

from insvigil.matching.comparisons import COMPARISONS

__all__ = ["DUPLICATES_PER_RECORD", "WEIGHTS", "prior", "score", "weight"]

#: Expected duplicates per record in an identity base (DESIGN).
DUPLICATES_PER_RECORD = 0.05

# Weights in bits, one tuple per comparison, in the order of its levels.
_NOM = (
    0.0,  # ABSENT
    11.0,  # IDENTIQUE             m 0.79   u 3e-4
    10.0,  # NORMALISE             m 0.007  u < 1e-5
    10.0,  # SEPARATEURS           m 0.006  u 3e-6
    8.0,  # USAGE                  m 0.054  u 2e-4
    5.0,  # COMPOSE                m 0.002  u 5e-5
    8.5,  # FAUTE                  m 0.14   u 4e-4
    3.0,  # PROCHE                 m 0.003  u 4e-4
    -8.0,  # DIFFERENT             m 0.004  u 0.999
)
_PRENOMS = (
    0.0,  # ABSENTS
    11.0,  # IDENTIQUES            m 0.72   u 3e-4
    10.0,  # NORMALISES            m 0.008  u 7e-6
    6.0,  # INCOMPLETS             m 0.11   u 2e-3
    10.0,  # ORDRE                 m 0.045  u 2e-5
    8.0,  # USAGE                  m 0.011  u 4e-5
    10.0,  # FAUTE_SUIVANT         m 0.022  u 3e-6
    -1.0,  # PREMIER_IDENTIQUE     m 0.001  u 3e-3
    6.0,  # FAUTE_PREMIER          m 0.065  u 1e-4 (measured +9.4: lowered, twins hide there)
    1.5,  # PREMIER_VOISIN         m 0.002  u 7e-4 (two frequent first names: doubt)
    4.5,  # FLOUS                  m 0.005  u 3e-4
    -3.0,  # PREMIER_PROCHE        m 4e-4   u 4e-3
    -0.5,  # INCLUS                m 0.002  u 3e-3
    -6.5,  # UN_COMMUN             m 2e-4   u 0.021
    -10.0,  # DIFFERENTS           m 8e-4   u 0.966
)
_DATE = (
    15.0,  # IDENTIQUE             m 0.89   u 2e-5
    10.5,  # INVERSEE              m 0.038  u 2e-5
    5.5,  # PARTIELLE              m 0.001  u 3e-5
    5.0,  # PROCHE                 m 0.046  u 2e-3
    5.0,  # ANNEE                  m 0.020  u 6e-4
    -7.0,  # DIFFERENTE            m 0.006  u 0.998
)
_SEXE = (
    1.0,  # IDENTIQUE              m 0.98   u 0.51
    0.0,  # INDETERMINE
    -6.0,  # DIFFERENT             m 0.008  u 0.48
)
_LIEU = (
    0.0,  # ABSENT
    10.5,  # IDENTIQUE             m 0.82   u 6e-4
    4.0,  # MEME_COMMUNE           m 0.008  u 6e-4 (Paris, Lyon, Marseille arrondissements)
    6.0,  # CODE_POSTAL            m 0.008  u 1e-4
    -3.5,  # MEME_DEPARTEMENT      m 6e-4   u 8e-3
    -6.5,  # DIFFERENT             m 0.010  u 0.89
)
_MATRICULE = (
    0.0,  # ABSENT
    12.0,  # IDENTIQUE             m 0.28   u ~0 (collisions only)
    -5.0,  # DIFFERENT_NIA         m 2e-4   u 9e-3
    -9.5,  # DIFFERENT             m 8e-4   u 0.59
)

#: Weight of each level, per comparison (order of :data:`~.comparisons.COMPARISONS`).
WEIGHTS: tuple[tuple[float, ...], ...] = (_NOM, _PRENOMS, _DATE, _SEXE, _LIEU, _MATRICULE)

if tuple(len(w) for w in WEIGHTS) != tuple(len(c.codes) for c in COMPARISONS):  # pragma: no cover
    raise RuntimeError("one weight per comparison level")


def prior(n: int) -> float:
    """Log2 prior odds that two records of a base of ``n`` records are one person."""
    return math.log2(DUPLICATES_PER_RECORD / max(n - 1, 1))


def weight(levels: tuple[int, ...]) -> float:
    """Sum of the levels' weights (bits)."""
    n, p, d, s, li, m = levels
    return _NOM[n] + _PRENOMS[p] + _DATE[d] + _SEXE[s] + _LIEU[li] + _MATRICULE[m]


def score(total: float, prior_odds: float) -> float:
    """Matching probability for a pair of weight ``total`` under the prior log-odds."""
    x = total + prior_odds
    if x > 60:
        return 1.0
    if x < -60:
        return 0.0
    return 1.0 / (1.0 + math.pow(2.0, -x))
