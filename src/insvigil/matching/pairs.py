"""Pairs of records and their verdict: DOUBLON, COLLISION, a homonymy to record, or nothing.

The score (:mod:`~insvigil.matching.scoring`) measures agreement; these rules say what
agreement cannot (domain.md §9):

1. **Same matricule.** Two records sharing a matricule are one person (DOUBLON) unless their
   traits contradict it: *contradiction points* (first names unrelated 2, birth dates unrelated
   2, or 1 when under 15 years apart, sex 1, birth name 1) reach 2 → COLLISION (one matricule,
   two persons: a child under a parent's NIR, a wife under her husband's), scored
   ``0.8 + 0.05 × points`` (at most 1).
2. **Hard negatives** (no DOUBLON, whatever the score): two different NIRs; first names
   unrelated (twins: same name, date and place, other first names); birth dates unrelated
   (homonyms, parent and child); a different sex without first names that agree (``LOUIS`` /
   ``LOUISE``). Twins and look-alikes (same birth name and date, birthplace not different)
   are returned as a HOMONYME suggestion instead.
3. **Doubt** (written for review, score kept below ``seuil_probable``): another birth name,
   or one only alike (Jaro-Winkler) unless first names and date agree; first names only
   included in one another, only close, or two frequent first names one slip apart (``LEO`` /
   ``LEON``: twins); the same day and month but another year (a slip, or homonyms) away from
   the same birthplace; a different sex with a birth name only alike.

All values below are synthetic.

>>> from insvigil.matching.comparisons import compare_all
>>> from insvigil.matching.record import prepare
>>> from insvigil.model import Resident
>>> a = prepare(Resident("S", "1", "MARTIN", "PAUL", "2010-04-02", "M", lieu_naissance="75056"))
>>> b = prepare(Resident("S", "2", "MARTIN", "LEA", "2010-04-02", "F", lieu_naissance="75056"))
>>> classify(compare_all(a, b), a, b, prior_odds=-20.0, probable=0.9).kind
'HOMONYME'
"""

from __future__ import annotations

from dataclasses import dataclass

from insvigil.matching.comparisons import (
    COMPARISONS,
    DATE,
    LIEU,
    MATRICULE,
    NOM,
    PRENOMS,
    SEXE,
    compare_date,
    compare_lieu,
    compare_matricule,
    compare_nom,
    compare_prenoms,
    compare_sexe,
)
from insvigil.matching.record import MatchRecord
from insvigil.matching.scoring import WEIGHTS, score, weight
from insvigil.model.codes import TypePaire

__all__ = [
    "Homonymie",
    "Pair",
    "Verdict",
    "classify",
    "contradictions",
    "evaluate",
    "make_homonymie",
    "make_pair",
    "reasons",
]

_P_UNRELATED = frozenset(PRENOMS.level(c) for c in ("UN_COMMUN", "DIFFERENTS"))
_P_STRONG = frozenset(
    PRENOMS.level(c)
    for c in ("IDENTIQUES", "NORMALISES", "INCOMPLETS", "ORDRE", "USAGE", "FAUTE_SUIVANT")
)
_P_DOUBT = frozenset(PRENOMS.level(c) for c in ("PREMIER_VOISIN", "INCLUS", "PREMIER_PROCHE"))
_N_DIFFERENT = NOM.level("DIFFERENT")
_D_DIFFERENTE, _D_ANNEE = DATE.level("DIFFERENTE"), DATE.level("ANNEE")
_L_SAME = frozenset(LIEU.level(c) for c in ("IDENTIQUE", "MEME_COMMUNE", "CODE_POSTAL"))
_N_WEAK = frozenset(NOM.level(c) for c in ("COMPOSE", "PROCHE", "DIFFERENT"))
_N_PROCHE = NOM.level("PROCHE")
_D_SURE = frozenset(DATE.level(c) for c in ("IDENTIQUE", "INVERSEE"))
_D_IDENTIQUE = DATE.level("IDENTIQUE")
_N_SAME = frozenset(NOM.level(c) for c in ("IDENTIQUE", "NORMALISE", "SEPARATEURS"))
_L_DIFFERENT = LIEU.level("DIFFERENT")
_S_DIFFERENT = SEXE.level("DIFFERENT")
_M_SAME, _M_DIFFERENT = MATRICULE.level("IDENTIQUE"), MATRICULE.level("DIFFERENT")
_FAR_YEARS = 15
_ABSENT_CODES = frozenset({"ABSENT", "ABSENTS", "INDETERMINE"})


@dataclass(frozen=True, slots=True)
class Pair:
    """One row of ``doublons.csv`` and what it was decided from (``b`` empty: record level)."""

    structure_a: str
    local_id_a: str
    structure_b: str
    local_id_b: str
    score: float
    type: TypePaire
    raisons: str
    levels: tuple[str, ...]  # ``trait=LEVEL`` codes
    hash_a: str = ""
    hash_b: str = ""

    def row(self) -> tuple[str, str, str, str, str, str, str]:
        """The contract's columns (score with 4 decimals)."""
        return (
            self.structure_a, self.local_id_a, self.structure_b, self.local_id_b,
            f"{self.score:.4f}", self.type.value, self.raisons,
        )  # fmt: skip

    @property
    def sort_key(self) -> tuple[str, str, str, str, str]:
        return (self.structure_a, self.local_id_a, self.structure_b, self.local_id_b, self.type)


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a compared pair is: ``kind`` DOUBLON, COLLISION, HOMONYME or ``""`` (nothing)."""

    kind: str
    score: float = 0.0
    motif: str = ""  # French, heads ``raisons``


_NOTHING = Verdict("")


def contradictions(levels: tuple[int, ...], a: MatchRecord, b: MatchRecord) -> int:
    """Points of evidence that the two records are two persons (see the module docstring)."""
    n, p, d, s, _, _ = levels
    points = 2 if p in _P_UNRELATED else 0
    if d == _D_DIFFERENTE:
        points += 2 if abs(a.naissance.year - b.naissance.year) >= _FAR_YEARS else 1
    return points + (s == _S_DIFFERENT) + (n == _N_DIFFERENT)


def classify(
    levels: tuple[int, ...],
    a: MatchRecord,
    b: MatchRecord,
    *,
    prior_odds: float,
    probable: float,
    same_domain: bool = True,
) -> Verdict:
    """The verdict for a compared pair (rules of the module docstring)."""
    n, p, d, s, li, m = levels
    if m == _M_SAME:
        points = contradictions(levels, a, b)
        if points >= 2:
            return Verdict("COLLISION", min(1.0, 0.8 + 0.05 * points), _COLLISION)
        if not same_domain:
            return _NOTHING
        return Verdict("DOUBLON", score(weight(levels), prior_odds))
    if not same_domain:
        return _NOTHING
    if _hard_negative(p, d, s, m):
        alike = _look_alike(n, d) and li != _L_DIFFERENT
        return Verdict("HOMONYME", 0.0, _HOMONYME) if alike else _NOTHING
    proba = score(weight(levels), prior_odds)
    if (
        n == _N_DIFFERENT
        or (n == _N_PROCHE and not (p in _P_STRONG and d in _D_SURE))
        or p in _P_DOUBT
        or (d == _D_ANNEE and li not in _L_SAME)
        or (s == _S_DIFFERENT and n in _N_WEAK)
    ):
        return Verdict("DOUBLON", min(proba, probable - 0.01), _DOUBT)
    return Verdict("DOUBLON", proba)


def _hard_negative(p: int, d: int, s: int, m: int) -> bool:
    return (
        m == _M_DIFFERENT
        or p in _P_UNRELATED
        or d == _D_DIFFERENTE
        or (s == _S_DIFFERENT and p not in _P_STRONG)
    )


def _look_alike(n: int, d: int) -> bool:
    """Same birth name and birth date (twins, look-alikes): the HOMONYME attribute may fit."""
    return n in _N_SAME and d == _D_IDENTIQUE


_BEST_LIEU = max(WEIGHTS[4])


def evaluate(
    a: MatchRecord,
    b: MatchRecord,
    *,
    prior_odds: float,
    probable: float,
    revue: float,
    same_domain: bool = True,
) -> tuple[tuple[int, int, int, int, int, int], Verdict] | None:
    """Levels and verdict of a pair, or None when it cannot be written nor suggested.

    Same result as :func:`~.comparisons.compare_all` then :func:`classify`, but the birthplace
    (the costliest comparison) is only compared for pairs that could still make it."""
    n, p, d, s, m = (
        compare_nom(a, b), compare_prenoms(a, b), compare_date(a, b), compare_sexe(a, b),
        compare_matricule(a, b),
    )  # fmt: skip
    if m != _M_SAME:
        if not same_domain:
            return None
        if _hard_negative(p, d, s, m):
            if not _look_alike(n, d):
                return None
        elif score(weight((n, p, d, s, 0, m)) + _BEST_LIEU, prior_odds) < revue:
            return None
    levels = (n, p, d, s, compare_lieu(a, b), m)
    verdict = classify(
        levels, a, b, prior_odds=prior_odds, probable=probable, same_domain=same_domain
    )
    return levels, verdict


_COLLISION = "même matricule INS pour des traits de deux personnes"
_DOUBT = "à vérifier : un trait essentiel diffère"
_HOMONYME = "homonymes probables (jumeaux ou proches) : attribut HOMONYME à envisager"


def level_codes(levels: tuple[int, ...]) -> tuple[str, ...]:
    return tuple(f"{c.trait}={c.codes[i]}" for c, i in zip(COMPARISONS, levels, strict=True))


def reasons(levels: tuple[int, ...], motif: str = "") -> str:
    """``|``-separated French labels of the levels that carry evidence, after the motif."""
    labels = [
        c.labels[i]
        for c, i in zip(COMPARISONS, levels, strict=True)
        if c.codes[i] not in _ABSENT_CODES
    ]
    return "|".join([motif, *labels] if motif else labels)


@dataclass(frozen=True, slots=True)
class Homonymie:
    """Two records of look-alike persons (twins…): no pair, but the HOMONYME attribute fits."""

    structure_a: str
    local_id_a: str
    structure_b: str
    local_id_b: str
    raisons: str


def make_pair(a: MatchRecord, b: MatchRecord, levels: tuple[int, ...], verdict: Verdict) -> Pair:
    """The DOUBLON or COLLISION pair, oriented so that ``a`` sorts first."""
    if b.key < a.key:
        a, b = b, a
    return Pair(
        a.structure, a.local_id, b.structure, b.local_id, round(verdict.score, 4),
        TypePaire(verdict.kind), reasons(levels, verdict.motif), level_codes(levels),
        a.content_hash, b.content_hash,
    )  # fmt: skip


def make_homonymie(a: MatchRecord, b: MatchRecord, levels: tuple[int, ...]) -> Homonymie:
    if b.key < a.key:
        a, b = b, a
    return Homonymie(a.structure, a.local_id, b.structure, b.local_id, reasons(levels, _HOMONYME))
