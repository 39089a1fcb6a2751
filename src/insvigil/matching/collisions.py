"""Record-level collisions: a record whose matricule, or whose INSi identity, is another person's.

Two kinds, each a ``doublons.csv`` row with ``structure_b;local_id_b`` empty (domain.md §13.9):

* **matricule incoherent with the record** (:func:`matricule_collision`): the sex digit, the
  birth year or the birth month of the local matricule contradict the record's traits beyond a
  typing slip. Points: sex 1; year 2, or 1 when one digit apart; month 1 (both known). A date
  one day off or with day and month swapped that agrees with the matricule counts nothing. Two
  points make a collision (typical cause: the ouvrant droit's NIR copied from the carte Vitale).
  The pair rule (two records sharing a matricule) is in :mod:`~insvigil.matching.pairs`.
* **INSi identity of another person** (:func:`insi_collision`): the traits of a ``00`` response
  contradict the local traits by two points or more (same points as for pairs).

Scores are ``0.8 + 0.05 × points`` (at most 1). All values below are synthetic.

>>> from insvigil.model import Resident
>>> from insvigil.matching.record import prepare
>>> father = "185037511912309"  # M, March 1985, Paris 15e
>>> child = prepare(Resident("S", "1", "ROY", "LEA", "2015-07-02", "F", matricule_ins=father))
>>> for reason in matricule_collision(child).raisons.split("|"):
...     print(reason)
matricule INS incohérent avec les traits du dossier
sexe du matricule contraire au sexe du dossier
année du matricule contraire à l'année de naissance
mois du matricule contraire au mois de naissance
>>> matricule_collision(prepare(Resident("S", "2", "ROY", "PAUL", "1985-03-20", "M",
...                                      matricule_ins=father))) is None
True
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from insvigil.insi.model import InsiResponse, InsiTraits
from insvigil.matching.comparisons import compare_all
from insvigil.matching.pairs import Pair, contradictions, reasons
from insvigil.matching.record import (
    MatchRecord,
    first_name_keys,
    name_keys,
    prepare,
    traits_record,
)
from insvigil.model.codes import TypePaire
from insvigil.model.records import Resident
from insvigil.model.results import RecordResult
from insvigil.traits.date import BirthDate

__all__ = [
    "insi_collision",
    "insi_collisions",
    "matricule_collision",
    "matricule_collisions",
    "matricule_points",
    "owner_collisions",
    "profile",
]

_SEX_DIGIT = {"M": "1", "F": "2"}


def _dates(d: BirthDate) -> list[tuple[int, int]]:
    """(year, month) the record's date may stand for, slips included."""
    out = [(d.year, d.month)]
    swapped = d.swapped()
    if swapped is not None:
        out.append((swapped.year, swapped.month))
    if not d.is_partial:
        day = datetime.date(d.year, d.month, d.day)
        for delta in (-1, 1):
            other = day + datetime.timedelta(days=delta)
            out.append((other.year, other.month))
    return out


def _slip(x: int, y: int) -> bool:
    """Two-digit years a typing slip apart: one digit, two digits swapped, or one year."""
    a, b = f"{x % 100:02d}", f"{y % 100:02d}"
    return (a[0] == b[0]) != (a[1] == b[1]) or a == b[::-1] or (x - y) % 100 in (1, 99)


def matricule_points(r: MatchRecord) -> tuple[int, list[str]]:
    """Contradiction points between the local matricule and the record, with French reasons."""
    m = r.matricule_local
    if not m:
        return 0, []
    points, why = 0, []
    digit = _SEX_DIGIT.get(r.sexe)
    if digit is not None and m[0] != digit:
        points += 1
        why.append("sexe du matricule contraire au sexe du dossier")
    if m[1:5] == r.ddn[2:4] + r.ddn[5:7] or (m[1:3] == r.ddn[2:4] and not "01" <= m[3:5] <= "12"):
        return points, why  # year and month agree (or the matricule's month is unknown)
    yy, mm = int(m[1:3]), int(m[3:5])
    candidates = _dates(r.naissance)
    if any(y % 100 == yy and (mo == mm or mo == 0 or not 1 <= mm <= 12) for y, mo in candidates):
        return points, why
    if all(y % 100 != yy for y, _ in candidates):
        points += 1 if _slip(r.naissance.year, yy) else 2
        why.append("année du matricule contraire à l'année de naissance")
    if 1 <= mm <= 12 and r.naissance.month and all(mo != mm for _, mo in candidates):
        points += 1
        why.append("mois du matricule contraire au mois de naissance")
    return points, why


def profile(r: MatchRecord) -> str:
    """What a matricule's first ten characters would be for this record's traits (sex, year,
    month, birthplace), ``""`` when a trait is unknown."""
    digit = _SEX_DIGIT.get(r.sexe)
    d = r.naissance
    if digit is None or not d.month or len(r.lieu) != 5:
        return ""
    return f"{digit}{d.year % 100:02d}{d.month:02d}{r.lieu}"


def _family(r: MatchRecord) -> set[str]:
    return {w for n in (r.nom_cle, r.nom_utilise_cle) for w in n.split(" ") if len(w) > 2}


def owner_collisions(
    records: Sequence[MatchRecord], suspects: Sequence[tuple[MatchRecord, int]]
) -> list[Pair]:
    """COLLISION pairs between a record carrying another person's matricule and the record of
    that person: born the sex, year, month and place the matricule says, sharing a family name
    (birth or used), and holding no other matricule (typical: a child under a parent's NIR
    while the parent's own record has none)."""
    wanted: dict[str, list[tuple[MatchRecord, int]]] = {}
    for suspect, points in suspects:
        wanted.setdefault(suspect.matricule_local[:10], []).append((suspect, points))
    out = []
    for r in records:
        p = profile(r) if r.lieu else ""
        if not p or p not in wanted:
            continue
        for suspect, points in wanted[p]:
            m = suspect.matricule_local
            if r is suspect or (r.matricules and m not in r.matricules):
                continue
            if _family(r).isdisjoint(_family(suspect)):
                continue
            a, b = (suspect, r) if suspect.key < r.key else (r, suspect)
            out.append(Pair(a.structure, a.local_id, b.structure, b.local_id, _score(points),
                            TypePaire.COLLISION, _OWNER, ("matricule=AUTRE_PERSONNE",),
                            a.content_hash, b.content_hash))  # fmt: skip
    return out


_OWNER = (
    "matricule INS d'un dossier conforme au sexe, à l'année, au mois et au lieu de naissance "
    "de l'autre, même nom de famille : NIR de l'ouvrant droit recopié ?"
)


def _score(points: int) -> float:
    return round(min(1.0, 0.8 + 0.05 * points), 4)


def matricule_collision(r: MatchRecord) -> Pair | None:
    """A record-level COLLISION when the local matricule cannot be the record's own."""
    points, why = matricule_points(r)
    if points < 2:
        return None
    raisons = "|".join(["matricule INS incohérent avec les traits du dossier", *why])
    return Pair(r.structure, r.local_id, "", "", _score(points), TypePaire.COLLISION, raisons,
                ("matricule=INCOHERENT",), r.content_hash, "")  # fmt: skip


def matricule_collisions(records: Sequence[MatchRecord]) -> list[Pair]:
    """Every record-level matricule collision, and the pairs :func:`owner_collisions` finds."""
    out: list[Pair] = []
    suspects: list[tuple[MatchRecord, int]] = []
    for r in records:
        if r.matricule_local:
            found = matricule_collision(r)
            if found is not None:
                out.append(found)
                suspects.append((r, round((found.score - 0.8) / 0.05)))
    return out + owner_collisions(records, suspects)


def insi_collision(
    resident: Resident,
    result: RecordResult | None,
    insi_traits: InsiTraits,
    *,
    local: MatchRecord | None = None,
) -> Pair | None:
    """A record-level COLLISION when an INSi ``00`` response carries another person's traits.

    ``local`` is the record already prepared, if the caller has it."""
    if local is None:
        local = prepare(resident, result)
    t = insi_traits
    if (
        t.date_naissance == local.ddn
        and name_keys(t.nom_naissance or "")[1] == local.nom_cle
        and first_name_keys(t.prenoms_naissance or "", t.premier_prenom or "")[1]
        == local.prenoms_cle
    ):
        return None  # the usual case: INSi confirms the record's identity
    other = traits_record(
        resident.structure, resident.local_id, nom=t.nom_naissance, prenoms=t.prenoms_naissance,
        premier_prenom=t.premier_prenom, naissance=t.date_naissance, sexe=t.sexe,
        lieu=t.lieu_naissance,
    )  # fmt: skip
    if other is None:
        return None
    levels = compare_all(local, other)
    levels = (*levels[:5], 0)  # the INSi matricule is not a trait to compare here
    points = contradictions(levels, local, other)
    if points < 2:
        return None
    raisons = reasons(levels, "réponse INSi portant les traits d'une autre personne")
    return Pair(resident.structure, resident.local_id, "", "", _score(points),
                TypePaire.COLLISION, raisons, ("insi=AUTRE_PERSONNE",), local.content_hash,
                "")  # fmt: skip


def insi_collisions(
    resident: Resident,
    result: RecordResult | None,
    responses: Iterable[InsiResponse],
    *,
    local: MatchRecord | None = None,
) -> Pair | None:
    """:func:`insi_collision` over every ``00`` response of a record: the first one found."""
    for response in responses:
        if response.identite_trouvee and response.traits is not None:
            if local is None:
                local = prepare(resident, result)
            found = insi_collision(resident, result, response.traits, local=local)
            if found is not None:
                return found
    return None
