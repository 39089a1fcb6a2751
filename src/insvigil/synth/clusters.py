"""Groups of records generated together, and the true pairs between them.

=================  ========  ================================================================
cluster            records   pairs (``verite_paires.csv``)
=================  ========  ================================================================
SEUL               1         a record-level COLLISION when INSi returned another person
DOUBLON            2-3       DOUBLON for each pair: one person typed twice (same structure or
                             another one), the copy with more defects, often no matricule
JUMEAUX            2         JUMEAUX: same birth day, place and name, other first names
HOMONYMES          2         HOMONYMES: same names and first names, other birth year
PARENT_ENFANT      2         PARENT_ENFANT: a child and a parent, both followed
COLLISION_ENFANT   1-2       COLLISION: a child recorded under a parent's NIR (carte Vitale);
                             with the parent's record if followed, else record-level
COLLISION_CONJOINT 1-2       COLLISION: a wife recorded under her husband's NIR
REJET              1-2       none: rows the contract rejects (impossible date, sexe ``X``,
                             empty birth name, duplicate local_id)
=================  ========  ================================================================
"""

from __future__ import annotations

from bisect import bisect
from collections.abc import Callable
from itertools import accumulate
from random import Random

from insvigil.synth.people import Person, PersonFactory
from insvigil.synth.records import Record, RecordBuilder
from insvigil.synth.structures import KINDS, Kind, Structure, kind

__all__ = ["CLUSTERS", "Clusters"]

CLUSTERS: tuple[tuple[str, float], ...] = (
    ("SEUL", 0.898),
    ("DOUBLON", 0.045),
    ("JUMEAUX", 0.008),
    ("HOMONYMES", 0.012),
    ("PARENT_ENFANT", 0.010),
    ("COLLISION_ENFANT", 0.006),
    ("COLLISION_CONJOINT", 0.005),
    ("REJET", 0.006),
)
_MAX_SIZE = 3
_IMPOSSIBLE = ((2, 30), (2, 31), (4, 31), (6, 31), (9, 31), (11, 31), (13, 5))
_CHILD_KINDS = ("IME", "SESSAD", "CAMSP")
_KIND_SHARES = tuple(accumulate(k.share for k in KINDS))
_INSI_COLLISIONS = frozenset({"INSI_DEUX_MATRICULES", "INSI_AUTRE_PERSONNE"})


class Clusters:
    """Makes clusters of records (see the module docstring)."""

    def __init__(
        self,
        rng: Random,
        factory: PersonFactory,
        builder: RecordBuilder,
        structures: list[Structure],
    ) -> None:
        self.rng = rng
        self.factory = factory
        self.builder = builder
        self.structures = structures
        self.by_kind = {k.name: [s for s in structures if s.kind is k] for k in KINDS}
        self._cumulative: list[float] = []
        for _, weight in CLUSTERS:
            self._cumulative.append((self._cumulative[-1] if self._cumulative else 0) + weight)
        self._makers: dict[str, Callable[[], tuple[list[Record], int]]] = {
            "SEUL": self.seul, "DOUBLON": self.doublon, "JUMEAUX": self.jumeaux,
            "HOMONYMES": self.homonymes, "PARENT_ENFANT": self.parent_enfant,
            "COLLISION_ENFANT": self.collision_enfant,
            "COLLISION_CONJOINT": self.collision_conjoint, "REJET": self.rejet,
        }  # fmt: skip

    def make(self, room: int) -> tuple[list[Record], int]:
        """The records of one cluster (at most ``room``) and the persons they hold."""
        name = CLUSTERS[bisect(self._cumulative, self.rng.random() * self._cumulative[-1])][0]
        if room < _MAX_SIZE:
            name = "SEUL"
        records, persons = self._makers[name]()
        for rec in records:
            if not _INSI_COLLISIONS.isdisjoint(rec.defauts):
                rec.pairs.append((None, "COLLISION"))
        return records, persons

    # -- helpers -----------------------------------------------------------------------------

    def _kind(self, names: tuple[str, ...] | None = None) -> Kind:
        if names is None:
            return KINDS[bisect(_KIND_SHARES, self.rng.random() * _KIND_SHARES[-1])]
        kinds = tuple(kind(n) for n in names)
        return self.rng.choices(kinds, [k.share for k in kinds])[0]

    def _structure(self, k: Kind) -> Structure:
        choices = self.by_kind[k.name] or self.structures
        return choices[int(self.rng.random() * len(choices))]

    def _for_age(self, person: Person) -> Structure:
        age = (self.factory.today - person.hi) / 365.2425
        kinds = tuple(k.name for k in KINDS if k.low <= age <= k.high)
        return self._structure(self._kind(kinds or ("EHPAD",)))

    def _near(self, s: Structure, same: float, person: Person) -> Structure:
        """``s`` (probability ``same``), else another structure that could hold the person:
        same family of kinds (elderly, disabled adults, children) and an age range that fits."""
        if self.rng.random() < same:
            return s
        age = (self.factory.today - person.hi) / 365.2425
        kinds = [
            k
            for k in KINDS
            if k.family == s.kind.family and k.low <= age <= k.high and self.by_kind[k.name]
        ]
        if not kinds:
            return s
        for _ in range(3):
            choices = self.by_kind[self.rng.choice(kinds).name]
            other = choices[int(self.rng.random() * len(choices))]
            if other is not s:
                return other
        return s

    def _attributes(self, homonym: bool = False) -> list[str]:
        return [a for a in self.builder.attributes(homonym) if a != "FICTIVE"]

    # -- clusters ----------------------------------------------------------------------------

    def seul(self) -> tuple[list[Record], int]:
        k = self._kind()
        person = self.factory.person(k.age(self.rng))
        return [self.builder.build(person, self._structure(k))], 1

    def doublon(self) -> tuple[list[Record], int]:
        rng, k = self.rng, self._kind()
        person = self.factory.person(k.age(rng))
        first = self._structure(k)
        records = [self.builder.build(person, first, attributs=self._attributes(), doublon=True)]
        for _ in range(2 if rng.random() < 0.1 else 1):
            records.append(
                self.builder.build(
                    person,
                    self._near(first, 0.6, person),
                    attributs=self._attributes(),
                    scenario="AUCUNE" if rng.random() < 0.6 else None,
                    defect_rate=0.6,
                    doublon=True,
                    keep_matricule=0.5,
                )
            )
        for i, a in enumerate(records):
            a.pairs += [(b, "DOUBLON") for b in records[i + 1 :]]
        return records, 1

    def jumeaux(self) -> tuple[list[Record], int]:
        k = self._kind(_CHILD_KINDS) if self.rng.random() < 0.5 else self._kind()
        first = self.factory.person(k.age(self.rng))
        second = self.factory.twin(first)
        s = self._structure(k)
        a = self.builder.build(first, s, attributs=self._attributes(True))
        b = self.builder.build(second, self._near(s, 0.8, second), attributs=self._attributes(True))
        a.pairs.append((b, "JUMEAUX"))
        return [a, b], 2

    def homonymes(self) -> tuple[list[Record], int]:
        k = self._kind()
        first = self.factory.person(k.age(self.rng))
        second = self.factory.homonym(first, k.age(self.rng))
        s = self._structure(k)
        a = self.builder.build(first, s, attributs=self._attributes(True))
        b = self.builder.build(second, self._near(s, 0.5, second), attributs=self._attributes(True))
        a.pairs.append((b, "HOMONYMES"))
        return [a, b], 2

    def parent_enfant(self) -> tuple[list[Record], int]:
        k = self._kind((*_CHILD_KINDS, "MAS", "FAM"))
        child = self.factory.person(k.age(self.rng))
        parent = self.factory.parent(child, father=self.rng.random() < 0.5)
        a = self.builder.build(child, self._structure(k), attributs=self._attributes())
        b = self.builder.build(parent, self._for_age(parent), attributs=self._attributes())
        a.pairs.append((b, "PARENT_ENFANT"))
        return [a, b], 2

    def _collision(self, victim: Person, owner: Person, s: Structure) -> tuple[list[Record], int]:
        scenario = "AUCUNE" if self.rng.random() < 0.6 else "OK"
        a = self.builder.build(
            victim, s, attributs=self._attributes(), scenario=scenario, matricule_of=owner
        )
        if self.rng.random() < 0.5:
            a.pairs.append((None, "COLLISION"))
            return [a], 1
        b = self.builder.build(owner, self._for_age(owner), attributs=self._attributes())
        a.pairs.append((b, "COLLISION"))
        return [a, b], 2

    def collision_enfant(self) -> tuple[list[Record], int]:
        k = self._kind(_CHILD_KINDS)
        child = self.factory.person(k.age(self.rng))
        parent = self.factory.parent(child, father=self.rng.random() < 0.7)
        return self._collision(child, parent, self._structure(k))

    def collision_conjoint(self) -> tuple[list[Record], int]:
        k = kind("EHPAD")
        husband = self.factory.person(k.age(self.rng), sexe="M")
        wife = self.factory.spouse(husband)
        return self._collision(wife, husband, self._structure(k))

    def rejet(self) -> tuple[list[Record], int]:
        rng, k = self.rng, self._kind()
        s = self._structure(k)

        def plain() -> Record:
            person = self.factory.person(k.age(rng))
            return self.builder.build(person, s, attributs=[], scenario="AUCUNE", defect_rate=0)

        rec, draw = plain(), rng.random()
        if draw < 0.2:
            other = plain()
            other.same_id_as = rec
            for r in (rec, other):
                r.attendu, r.defauts = "REJET", ["REJET_LOCAL_ID_DUPLIQUE"]
            return [rec, other], 2
        if draw < 0.55:
            month, day = rng.choice(_IMPOSSIBLE)
            year = rec.person.annee
            iso = s.iso_dates
            rec.cells[3] = (
                f"{year}-{month:02d}-{day:02d}" if iso else f"{day:02d}/{month:02d}/{year}"
            )
            code = "REJET_DATE_IMPOSSIBLE"
        elif draw < 0.8:
            rec.cells[4], code = "X", "REJET_SEXE_INCONNU"
        else:
            rec.cells[0], code = "", "REJET_CHAMP_VIDE"
        rec.attendu, rec.defauts = "REJET", [code]
        return [rec], 1
