"""Blocking keys: pure functions ``record -> frozenset[str]`` (anteriority search, domain.md §9).

Two records share a block when their key sets meet. Each ``cle_*`` function is the definition;
the rules also keep the tuple form it is built from (cheaper in a loop over a million records)
and a test of "the key sets meet" written on the fields (cheaper on one pair).

=====================  ==============================================  ===================
rule                   key                                             pairs compared
=====================  ==============================================  ===================
``matricule``          each valid matricule (local, INSi, history)     all
``nom_ddn``            birth name or used name + birth date            all
``prenom_ddn``         first first name + birth date                   all
``ddn``                birth date                                      near names or
                                                                       first names
``ddn_inversee``       {date, date with day and month swapped}         same, other date
``nom_annee``          birth name + birth year                         near first names,
                                                                       or close dates
``prenom_annee_mois``  first first name + birth year and month         near names
``prenom_annee_jour``  first first name + birth year and day           near names
``prenom_jour_mois``   first first name + birth day and month          near names
=====================  ==============================================  ===================

"Near" rules only score the pairs of a block whose names or first names are near (rapidfuzz
``process.cdist``, :mod:`~insvigil.matching.prefilter`): a birth-date block holds tens of
records at a million, almost all unrelated. The last three rules find a slip in the birth date
combined with one in the name. The matricule rule ignores identity domains (an INS names one
person nationwide, so a matricule shared across domains is still a collision); the others stay
inside a domain.

All values below are synthetic.

>>> from insvigil.model import Resident
>>> from insvigil.matching.record import prepare
>>> r = prepare(Resident("S", "1", "Durand", "Paul", "1950-03-05", "M", nom_utilise="Roy"))
>>> sorted(cle_nom_ddn(r)), sorted(cle_ddn_inversee(r))
(['DURAND|1950-03-05', 'ROY|1950-03-05'], ['1950-03-05~1950-05-03'])
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from insvigil.matching import prefilter
from insvigil.matching.record import MatchRecord
from insvigil.traits.date import BirthDate

__all__ = [
    "RULES",
    "BlockingRule",
    "cle_ddn",
    "cle_ddn_inversee",
    "cle_matricule",
    "cle_nom_annee",
    "cle_nom_ddn",
    "cle_prenom_annee_jour",
    "cle_prenom_annee_mois",
    "cle_prenom_ddn",
    "cle_prenom_jour_mois",
]

Keys = tuple[str, ...]
_NONE: Keys = ()


def _matricule(r: MatchRecord) -> Keys:
    return r.matricules


def _nom_ddn(r: MatchRecord) -> Keys:
    if r.nom_utilise_cle and r.nom_utilise_cle != r.nom_cle:
        return (f"{r.nom_cle}|{r.ddn}", f"{r.nom_utilise_cle}|{r.ddn}") if r.nom_cle else (
            f"{r.nom_utilise_cle}|{r.ddn}",
        )
    return (f"{r.nom_cle}|{r.ddn}",) if r.nom_cle else _NONE


def _prenom_ddn(r: MatchRecord) -> Keys:
    return (f"{r.prenom1}|{r.ddn}",) if r.prenom1 else _NONE


def _ddn(r: MatchRecord) -> Keys:
    return (r.ddn,)


@cache
def _inversee(ddn: str) -> Keys:
    swapped = BirthDate(int(ddn[:4]), int(ddn[5:7]), int(ddn[8:])).swapped()
    if swapped is None:
        return _NONE
    low, high = sorted((ddn, swapped.iso()))
    return (f"{low}~{high}",)


def _ddn_inversee(r: MatchRecord) -> Keys:
    return _inversee(r.ddn)


def _nom_annee(r: MatchRecord) -> Keys:
    return (f"{r.nom_cle}|{r.ddn[:4]}",) if r.nom_cle else _NONE


def _full(r: MatchRecord) -> bool:
    return bool(r.prenom1) and not r.naissance.is_partial


def _prenom_annee_mois(r: MatchRecord) -> Keys:
    return (f"{r.prenom1}|{r.ddn[:7]}",) if _full(r) else _NONE


def _prenom_annee_jour(r: MatchRecord) -> Keys:
    return (f"{r.prenom1}|{r.ddn[:4]}|{r.ddn[8:]}",) if _full(r) else _NONE


def _prenom_jour_mois(r: MatchRecord) -> Keys:
    return (f"{r.prenom1}|{r.ddn[5:]}",) if _full(r) else _NONE


def cle_matricule(r: MatchRecord) -> frozenset[str]:
    return frozenset(_matricule(r))


def cle_nom_ddn(r: MatchRecord) -> frozenset[str]:
    return frozenset(_nom_ddn(r))


def cle_prenom_ddn(r: MatchRecord) -> frozenset[str]:
    return frozenset(_prenom_ddn(r))


def cle_ddn(r: MatchRecord) -> frozenset[str]:
    return frozenset(_ddn(r))


def cle_ddn_inversee(r: MatchRecord) -> frozenset[str]:
    return frozenset(_ddn_inversee(r))


def cle_nom_annee(r: MatchRecord) -> frozenset[str]:
    return frozenset(_nom_annee(r))


def cle_prenom_annee_mois(r: MatchRecord) -> frozenset[str]:
    return frozenset(_prenom_annee_mois(r))


def cle_prenom_annee_jour(r: MatchRecord) -> frozenset[str]:
    return frozenset(_prenom_annee_jour(r))


def cle_prenom_jour_mois(r: MatchRecord) -> frozenset[str]:
    return frozenset(_prenom_jour_mois(r))


# "The key sets meet", written on the fields (the tests keep them equal to the functions).


def _share_matricule(a: MatchRecord, b: MatchRecord) -> bool:
    return any(m in b.matricules for m in a.matricules)


def _share_nom_ddn(a: MatchRecord, b: MatchRecord) -> bool:
    if a.ddn != b.ddn:
        return False
    x = (a.nom_cle, a.nom_utilise_cle)
    return any(n and n in x for n in (b.nom_cle, b.nom_utilise_cle))


def _share_prenom_ddn(a: MatchRecord, b: MatchRecord) -> bool:
    return bool(a.prenom1) and a.prenom1 == b.prenom1 and a.ddn == b.ddn


def _share_ddn(a: MatchRecord, b: MatchRecord) -> bool:
    return a.ddn == b.ddn


def _share_ddn_inversee(a: MatchRecord, b: MatchRecord) -> bool:
    keys = _inversee(a.ddn)
    return bool(keys) and keys == _inversee(b.ddn)


def _share_nom_annee(a: MatchRecord, b: MatchRecord) -> bool:
    return bool(a.nom_cle) and a.nom_cle == b.nom_cle and a.ddn[:4] == b.ddn[:4]


def _share_prenom(a: MatchRecord, b: MatchRecord) -> bool:
    return a.prenom1 == b.prenom1 and _full(a) and _full(b)


def _share_prenom_annee_mois(a: MatchRecord, b: MatchRecord) -> bool:
    return _share_prenom(a, b) and a.ddn[:7] == b.ddn[:7]


def _share_prenom_annee_jour(a: MatchRecord, b: MatchRecord) -> bool:
    return _share_prenom(a, b) and a.ddn[:4] == b.ddn[:4] and a.ddn[8:] == b.ddn[8:]


def _share_prenom_jour_mois(a: MatchRecord, b: MatchRecord) -> bool:
    return _share_prenom(a, b) and a.ddn[5:] == b.ddn[5:]


@dataclass(frozen=True, slots=True)
class BlockingRule:
    """One blocking rule: its keys and how its blocks are searched."""

    code: str
    label: str  # French, for reports
    keys: Callable[[MatchRecord], frozenset[str]]  # the definition
    tuple_keys: Callable[[MatchRecord], Keys]  # the same keys, as built
    shares: Callable[[MatchRecord, MatchRecord], bool]  # keys(a) & keys(b) is not empty
    scoped: bool  # keys are taken inside an identity domain
    near: prefilter.Near | None  # only near pairs of a block are compared
    refine: Callable[[MatchRecord], str] | None  # finer key splitting a giant block

    def compared(self, a: MatchRecord, b: MatchRecord) -> bool:
        """Whether a block of this rule compares the pair (sharing a key is not enough when
        the rule only compares near pairs); giant blocks aside."""
        return self.shares(a, b) and (self.near is None or self.near.pair(a, b))


def _nom_initial(r: MatchRecord) -> str:
    return r.nom_cle[:1]


def _prenom_initial(r: MatchRecord) -> str:
    return r.prenom1[:1]


#: The rules, in the order pairs are assigned to blocks.
RULES: tuple[BlockingRule, ...] = (
    BlockingRule("matricule", "matricule", cle_matricule, _matricule, _share_matricule, False,
                 None, None),
    BlockingRule("nom_ddn", "nom (de naissance ou d'usage) et date de naissance", cle_nom_ddn,
                 _nom_ddn, _share_nom_ddn, True, None, _prenom_initial),
    BlockingRule("prenom_ddn", "premier prénom et date de naissance", cle_prenom_ddn,
                 _prenom_ddn, _share_prenom_ddn, True, None, _nom_initial),
    BlockingRule("ddn", "date de naissance", cle_ddn, _ddn, _share_ddn, True, prefilter.NOMS,
                 _nom_initial),
    BlockingRule("ddn_inversee", "date de naissance, jour et mois inversés", cle_ddn_inversee,
                 _ddn_inversee, _share_ddn_inversee, True, prefilter.NOMS_INVERSES,
                 _nom_initial),
    BlockingRule("nom_annee", "nom de naissance et année de naissance", cle_nom_annee,
                 _nom_annee, _share_nom_annee, True, prefilter.PRENOM_OU_DATE, _prenom_initial),
    BlockingRule("prenom_annee_mois", "premier prénom, année et mois de naissance",
                 cle_prenom_annee_mois, _prenom_annee_mois, _share_prenom_annee_mois, True,
                 prefilter.NOM, _nom_initial),
    BlockingRule("prenom_annee_jour", "premier prénom, année et jour de naissance",
                 cle_prenom_annee_jour, _prenom_annee_jour, _share_prenom_annee_jour, True,
                 prefilter.NOM, _nom_initial),
    BlockingRule("prenom_jour_mois", "premier prénom, jour et mois de naissance",
                 cle_prenom_jour_mois, _prenom_jour_mois, _share_prenom_jour_mois, True,
                 prefilter.NOM, _nom_initial),
)  # fmt: skip
