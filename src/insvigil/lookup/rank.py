"""Likeness of a stored record to a front-desk query, as ordered, labelled levels.

Each trait the query gives is compared on ordered levels (exact → near → phonetic → typing
error → else), every level with a French label, so a candidate says *why* it ranks where it
does. The score is the weighted mean of the levels' values over the traits the query gave, in
[0, 1]; a trait not typed weighs nothing. Weights: name 0.40, first name 0.25, birth date 0.25
(0.18 month and year only, 0.12 year only), sex 0.10, matricule 0.50.

>>> from insvigil.lookup.keys import index_keys
>>> from insvigil.lookup.query import parse_query
>>> from insvigil.model import Resident
>>> rec = index_keys(Resident("750000001", "A-1", "DUPONT", "MARIE CLAIRE", "1983-05-12", "F",
...                           nom_utilise="MARTIN"))
>>> likeness(parse_query(nom="dupont", prenom="marie", ddn="12/05/1983", sexe="F"), rec)
Likeness(score=1.0, raisons=('nom de naissance identique', 'premier prénom identique', \
'date de naissance identique', 'sexe identique'))
>>> likeness(parse_query(nom="Martin", prenom="Claire", ddn="05/12/1983"), rec)
Likeness(score=0.9033, raisons=('nom utilisé identique', 'un des prénoms de naissance', \
'jour et mois inversés'))
>>> likeness(parse_query(nom="Dupond", ddn="1983"), rec).raisons
('nom de naissance phonétiquement identique', 'année de naissance identique')
"""

from __future__ import annotations

from dataclasses import dataclass

from insvigil.lookup.distance import bigram_similarity, within_edits
from insvigil.lookup.keys import IndexKeys
from insvigil.lookup.phonetic import phonex
from insvigil.lookup.query import LookupQuery

__all__ = ["MIN_SCORE", "WEIGHTS", "Likeness", "likeness", "near_identical"]

#: Candidates below this score are not shown.
MIN_SCORE = 0.6

WEIGHTS = {
    "nom": 0.40,
    "prenom": 0.25,
    "ddn": 0.25,
    "ddn_mois": 0.18,
    "ddn_annee": 0.12,
    "sexe": 0.10,
    "ins": 0.50,
}

#: A used-name match counts slightly less than the same birth-name match.
_USED_NAME = 0.97
#: The most a "different" name or first name level may be worth (its similarity, scaled).
_DIFFERENT_MAX = 0.6

Level = tuple[float, str]


@dataclass(frozen=True, slots=True)
class Likeness:
    score: float  # in [0, 1], 4 decimals
    raisons: tuple[str, ...]  # one label per trait compared, in the order name, first name…


def _typo(a: str, b: str) -> bool:
    """One typing error (two for long names): insertion, deletion, substitution, transposition."""
    return within_edits(a, b, 2 if min(len(a), len(b)) >= 8 else 1)


def _name_level(query: LookupQuery, cle: str | None, phon: str | None, label: str) -> Level:
    qcle = query.nom_cle or ""
    if not cle:
        return 0.0, f"{label} absent"
    if cle == qcle:
        return 1.0, f"{label} identique"
    joined, qjoined = cle.replace(" ", ""), qcle.replace(" ", "")
    if joined == qjoined:
        return 0.95, f"{label} identique aux espaces près"
    if phon == query.nom_phon:
        return 0.9, f"{label} phonétiquement identique"
    if _typo(joined, qjoined):
        return 0.8, f"{label} proche (faute de frappe)"
    parts, qparts = cle.split(" "), qcle.split(" ")
    if _contains(parts, qparts) or _contains(qparts, parts):
        return 0.75, f"{label} : une partie d'un nom composé"
    return _DIFFERENT_MAX * bigram_similarity(joined, qjoined), f"{label} différent"


def _contains(whole: list[str] | tuple[str, ...], part: list[str] | tuple[str, ...]) -> bool:
    """Whether ``part`` is a contiguous run of ``whole`` (and shorter)."""
    n = len(part)
    return 0 < n < len(whole) and any(
        tuple(whole[i : i + n]) == tuple(part) for i in range(len(whole) - n + 1)
    )


def _nom(query: LookupQuery, keys: IndexKeys) -> Level:
    birth = _name_level(query, keys.nom_cle, keys.nom_phon, "nom de naissance")
    if birth[0] == 1.0 or not keys.nom_utilise_cle:
        return birth
    used = _name_level(query, keys.nom_utilise_cle, keys.nom_utilise_phon, "nom utilisé")
    used = (used[0] * _USED_NAME, used[1])
    # A used name wins only on a real match level (not the "different" fall-back's similarity).
    return used if used[0] > max(birth[0], _DIFFERENT_MAX) else birth


def _prenom(query: LookupQuery, keys: IndexKeys) -> Level:
    typed = query.prenoms
    tokens = tuple((keys.prenoms_cles or "").split(" ")) if keys.prenoms_cles else ()
    used = tuple((keys.prenom_utilise_cle or "").split(" ")) if keys.prenom_utilise_cle else ()
    if tokens[: len(typed)] == typed:
        return 1.0, "premier prénom identique"
    if _contains(tokens, typed):
        return 0.9, "un des prénoms de naissance"
    if used and used[: len(typed)] == typed:
        return 0.9, "prénom utilisé identique"
    if query.prenom_phon and query.prenom_phon == keys.prenom1_phon:
        return 0.85, "premier prénom phonétiquement identique"
    first = typed[0]
    if any(phonex(t) == query.prenom_phon for t in (*tokens, *used)):
        return 0.8, "un prénom phonétiquement identique"
    if tokens and _typo(tokens[0], first):
        return 0.75, "premier prénom proche (faute de frappe)"
    best = max((bigram_similarity(t, first) for t in (*tokens, *used)), default=0.0)
    return 0.5 * best, "prénom différent"


def _one_digit(a: int, b: int, width: int) -> bool:
    """Whether two numbers written on ``width`` digits differ by one digit or by two adjacent
    digits swapped (``1983``/``1938``)."""
    sa, sb = f"{a:0{width}d}", f"{b:0{width}d}"
    return _typo(sa, sb) and len(sa) == len(sb)


def _ddn(query: LookupQuery, keys: IndexKeys) -> tuple[float, str, float]:
    """(value, label, weight) of the birth-date comparison."""
    assert query.ddn is not None
    y, m, d = query.ddn.year, query.ddn.month, query.ddn.day
    weight = WEIGHTS["ddn"] if d else WEIGHTS["ddn_mois"] if m else WEIGHTS["ddn_annee"]
    if keys.annee is None:
        return 0.0, "date de naissance absente", weight
    ry, rm, rd = keys.annee, keys.mois or 0, keys.jour or 0
    if (ry, rm, rd) == (y, m, d):
        label = (
            "date de naissance identique"
            if d
            else "mois et année de naissance identiques"
            if m
            else "année de naissance identique"
        )
        return 1.0, label, weight
    if not d:  # the query is partial: compatible when every typed part agrees
        month_agrees = not m or rm in (0, m)
        if ry == y and month_agrees:
            label = "mois et année de naissance identiques" if m else "année de naissance identique"
            return 1.0, label, weight
        if month_agrees and _one_digit(ry, y, 4):
            return 0.6, "année de naissance proche (faute de frappe)", weight
        return 0.0, "date de naissance différente", weight
    if (ry, rd, rm) == (y, m, d):
        return 0.8, "jour et mois inversés", weight
    if ry == y and rm in (0, m) and rd in (0, d):
        return 0.75, "date de naissance partielle compatible", weight
    if (ry, rm) == (y, m) and _one_digit(rd, d, 2):
        return 0.6, "jour de naissance proche (faute de frappe)", weight
    if (rm, rd) == (m, d) and _one_digit(ry, y, 4):
        return 0.6, "année de naissance proche (faute de frappe)", weight
    if (ry, rd) == (y, d) and _one_digit(rm, m, 2):
        return 0.55, "mois de naissance proche (faute de frappe)", weight
    if ry == y:
        return 0.3, "même année de naissance seulement", weight
    return 0.0, "date de naissance différente", weight


def _sexe(query: LookupQuery, keys: IndexKeys) -> Level:
    if keys.sexe == query.sexe:
        return 1.0, "sexe identique"
    if keys.sexe in (None, "I") or query.sexe == "I":
        return 0.5, "sexe indéterminé"
    return 0.0, "sexe différent"


def likeness(query: LookupQuery, keys: IndexKeys) -> Likeness:
    """Score and reasons of one record's keys against a query (pure, deterministic)."""
    total = weights = 0.0
    raisons: list[str] = []

    def add(level: Level, weight: float) -> None:
        nonlocal total, weights
        total += level[0] * weight
        weights += weight
        raisons.append(level[1])

    if query.matricule:
        same = query.matricule in (keys.matricule, keys.matricule_insi)
        add(
            (1.0, "matricule INS identique") if same else (0.0, "matricule INS différent"),
            WEIGHTS["ins"],
        )
    if query.nom_cle:
        add(_nom(query, keys), WEIGHTS["nom"])
    if query.prenoms:
        add(_prenom(query, keys), WEIGHTS["prenom"])
    if query.ddn is not None:
        value, label, weight = _ddn(query, keys)
        add((value, label), weight)
    if query.sexe:
        add(_sexe(query, keys), WEIGHTS["sexe"])
    score = round(total / weights, 4) if weights else 0.0
    return Likeness(score=min(1.0, max(0.0, score)), raisons=tuple(raisons))


def near_identical(a: IndexKeys, b: IndexKeys) -> bool:
    """Whether two records look like the same identity: same birth-name Phonex, same full
    birth date and same first-name Phonex (twins, homonyms, or duplicates).

    Symmetric; a record is not near-identical to nothing (missing keys never match).
    """
    return (
        a.nom_phon is not None
        and a.nom_phon == b.nom_phon
        and a.ddn is not None
        and a.ddn == b.ddn
        and (a.jour or 0) > 0
        and (a.mois or 0) > 0
        and a.prenom1_phon is not None
        and a.prenom1_phon == b.prenom1_phon
    )
