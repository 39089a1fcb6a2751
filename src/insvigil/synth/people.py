"""Synthetic persons: civil-status traits, birthplace valid at the birth date, INS matricule.

A :class:`Person` is the truth (what civil status and the INSi téléservice know); records typed
in a DUI derive from it with defects (:mod:`insvigil.synth.defects`). The matricule is
consistent with the person: sex digit, year, month (``20``-``42`` when the month is unknown),
the birthplace code (``99`` + country for a birth abroad) and a random order number; its key is
the MI02 key. Matricules are unique within a population.

>>> import random
>>> from datetime import date
>>> factory = PersonFactory(random.Random(2), date(2026, 11, 1))
>>> p = factory.person(age=85.0)
>>> p.matricule[0] == ("1" if p.sexe == "M" else "2"), p.matricule[1:3] == p.date[2:4]
(True, True)
"""

from __future__ import annotations

from bisect import bisect
from dataclasses import dataclass, replace
from datetime import date
from random import Random

from insvigil.synth import names as names_module
from insvigil.synth import places as places_module

__all__ = ["OID_NIA", "OID_NIR", "Person", "PersonFactory", "matricule_key"]

OID_NIR = "1.2.250.1.213.1.4.8"
OID_NIA = "1.2.250.1.213.1.4.9"
_FIRST_BIRTH = date(1920, 1, 1).toordinal()
_LAST_BIRTH = date(2025, 12, 31).toordinal()
_DOM_START = date(1946, 3, 21).toordinal()
_MAGHREB_END = date(1962, 7, 5).toordinal()
_DAYS_PER_YEAR = 365.2425


def matricule_key(body: str) -> str:
    """MI02 key of 13 characters (``2A`` → 19, ``2B`` → 18 before the modulo)."""
    digits = body[:5] + body[5:7].replace("2A", "19").replace("2B", "18") + body[7:13]
    return f"{97 - int(digits) % 97:02d}"


@dataclass(slots=True, eq=False)
class Person:
    """A synthetic person as civil status and INSi know them."""

    pid: str
    sexe: str  # M or F
    annee: int
    mois: int  # 0: unknown to civil status
    jour: int  # 0: unknown
    lo: int  # first and last possible birth day (ordinals)
    hi: int
    nom: str  # forme INS
    prenoms: list[str]  # civil-status order, upper case with accents (INSEE spelling)
    lieu: str  # birthplace code valid at the birth date
    kind: str  # M metropolitan, D overseas, A Maghreb before independence, P abroad (99xxx)
    matricule: str  # active INS
    oid: str
    historique: tuple[tuple[str, str], ...] = ()  # former (matricule, oid)
    nom_utilise: str = ""  # forme INS; a married woman's spouse name
    prenom_utilise: str = ""

    @property
    def date(self) -> str:
        return f"{self.annee:04d}-{self.mois:02d}-{self.jour:02d}"


class PersonFactory:
    """Makes persons from one random generator; keeps matricules unique."""

    def __init__(self, rng: Random, today: date) -> None:
        self.rng = rng
        self.today = today.toordinal()
        self.last_birth = min(self.today, _LAST_BIRTH)
        self.names = names_module.load()
        self.places = places_module.load()
        self._issued: set[int] = set()
        self._count = 0

    # -- building blocks ---------------------------------------------------------------------

    def _pid(self) -> str:
        self._count += 1
        return f"P{self._count:08d}"

    def birth_ordinal(self, age: float) -> int:
        """A birth day for someone ``age`` years old today, within 1920-2025."""
        day = self.today - int(age * _DAYS_PER_YEAR) - int(self.rng.random() * 365)
        # Out of range: drawn again inside the last (or first) year rather than clamped, which
        # would pile many births on 2025-12-31 and make look-alike pairs no real file has.
        if day > self.last_birth:
            day = self.last_birth - int(self.rng.random() * 365)
        return max(day, _FIRST_BIRTH)

    def _female_share(self, day: int) -> float:
        age = (self.today - day) / _DAYS_PER_YEAR
        return 0.72 if age >= 75 else 0.55 if age >= 60 else 0.44

    def _place(self, day: int, lo: int, hi: int) -> tuple[str, str]:
        rng, draw = self.rng, self.rng.random()
        # 7 % abroad; 3 % Maghreb before independence; 2.5 % DOM (from 1946); else metropolitan
        if draw < 0.07:
            kind = "P"
        elif draw < 0.10:
            kind = "A" if hi < _MAGHREB_END else "M"
        elif draw < 0.125:
            kind = "D" if lo >= _DOM_START else "M"
        else:
            kind = "M"
        try:
            return self.places.draw(rng, kind, lo, hi), kind
        except LookupError:  # e.g. no Maghreb commune of that kind valid on the whole range
            return self.places.draw(rng, "M", day), "M"

    def _first_names(self, sexe: str, year: int, avoid: str = "") -> list[str]:
        rng, table = self.rng, self.names.prenoms_table(sexe, year)
        draw = rng.random()
        if year < 1965:
            count = 1 if draw < 0.22 else 2 if draw < 0.55 else 3 if draw < 0.88 else 4
        else:
            count = 1 if draw < 0.35 else 2 if draw < 0.75 else 3 if draw < 0.95 else 4
        values, cumulative, total = table.values, table.cumulative, table.total
        first = values[bisect(cumulative, rng.random() * total)]
        while first == avoid:
            first = values[bisect(cumulative, rng.random() * total)]
        chosen = [first]
        for _ in range(count * 3):
            if len(chosen) == count:
                break
            name = values[bisect(cumulative, rng.random() * total)]
            if name not in chosen:
                chosen.append(name)
        return chosen

    def new_matricule(self, sexe: str, annee: int, mois: int, lieu: str) -> str:
        """A matricule not issued before in this population."""
        month = mois if mois else self.rng.randint(20, 42)
        head = f"{'1' if sexe == 'M' else '2'}{annee % 100:02d}{month:02d}{lieu}"
        tries = 0
        while True:
            body = f"{head}{1 + int(self.rng.random() * 999):03d}"
            token = int(body, 36)
            if token not in self._issued:
                self._issued.add(token)
                return body + matricule_key(body)
            tries += 1
            if tries > 10_000:  # all 999 order numbers of this sex, month and place are taken
                raise ValueError("population too large: matricule order numbers exhausted")

    def _date(self, day: int, kind: str) -> tuple[int, int, int, int, int]:
        d = date.fromordinal(day)
        if kind in "PA" and d.year < 1975 and self.rng.random() < 0.05:
            if self.rng.random() < 0.6:  # day unknown to civil status
                first = date(d.year, d.month, 1).toordinal()
                nxt = date(d.year + d.month // 12, d.month % 12 + 1, 1).toordinal()
                return d.year, d.month, 0, first, nxt - 1
            return d.year, 0, 0, date(d.year, 1, 1).toordinal(), date(d.year, 12, 31).toordinal()
        return d.year, d.month, d.day, day, day

    def _ins(self, p: Person) -> None:
        """Active matricule, and for some births abroad a NIA (active, or replaced by a NIR)."""
        p.matricule = self.new_matricule(p.sexe, p.annee, p.mois, p.lieu)
        p.oid = OID_NIR
        if p.kind == "P" and self.rng.random() < 0.15:
            nia = self.new_matricule(p.sexe, p.annee, p.mois, p.lieu)
            if self.rng.random() < 0.5:
                p.matricule, p.oid = nia, OID_NIA  # no NIR yet
            else:
                p.historique = ((nia, OID_NIA),)

    def _usage(self, p: Person) -> None:
        rng = self.rng
        adult = (self.today - p.hi) / _DAYS_PER_YEAR >= 25
        if p.sexe == "F" and adult and rng.random() < 0.6:
            p.nom_utilise = self.names.nom(rng, p.annee)
        elif rng.random() < 0.1:
            p.nom_utilise = p.nom  # many DUIs copy the birth name into the used name
        if rng.random() < 0.08:
            if len(p.prenoms) > 1 and rng.random() < 0.6:
                p.prenom_utilise = p.prenoms[1]
            else:
                p.prenom_utilise = self.names.prenom(rng, p.sexe, p.annee)

    # -- persons -----------------------------------------------------------------------------

    def person(
        self, age: float, *, sexe: str | None = None, nom: str | None = None, day: int = 0
    ) -> Person:
        """A new person ``age`` years old (or born on ordinal ``day``)."""
        rng = self.rng
        day = day or self.birth_ordinal(age)
        if sexe is None:
            sexe = "F" if rng.random() < self._female_share(day) else "M"
        lieu, kind = self._place(day, day, day)
        annee, mois, jour, lo, hi = self._date(day, kind)
        if (lo, hi) != (day, day) and not self.places.valid(lieu, lo, hi):
            try:
                lieu = self.places.draw(rng, kind, lo, hi)
            except LookupError:  # no such place valid all that year: keep the full date
                born = date.fromordinal(day)
                annee, mois, jour, lo, hi = born.year, born.month, born.day, day, day
        if nom is None:
            nom = self.names.nom(rng, annee)
            if annee >= 2005 and rng.random() < 0.08:
                other = self.names.nom(rng, annee)
                nom = nom if other == nom else f"{nom}--{other}"
        p = Person(
            self._pid(), sexe, annee, mois, jour, lo, hi, nom,
            self._first_names(sexe, annee), lieu, kind, "", "",
        )  # fmt: skip
        self._ins(p)
        self._usage(p)
        return p

    def twin(self, p: Person) -> Person:
        """Born the same day in the same place, same name, other first names."""
        sexe = p.sexe if self.rng.random() < 0.5 else ("F" if p.sexe == "M" else "M")
        twin = replace(p, pid=self._pid(), sexe=sexe, historique=(), nom_utilise="")
        twin.prenoms = self._first_names(sexe, p.annee, avoid=p.prenoms[0])
        twin.prenom_utilise = ""
        self._ins(twin)
        self._usage(twin)
        return twin

    def homonym(self, p: Person, age: float) -> Person:
        """Same sex, names and first names, born another year."""
        for _ in range(20):
            other = self.person(age, sexe=p.sexe, nom=p.nom)
            if other.annee != p.annee:
                break
        other.prenoms = list(p.prenoms)
        other.prenom_utilise = p.prenom_utilise
        return other

    def parent(self, child: Person, father: bool) -> Person:
        """A parent 20-42 years older; a father gives the child his name, a mother uses it."""
        day = max(child.lo - int(self.rng.uniform(20, 42) * _DAYS_PER_YEAR), _FIRST_BIRTH)
        family = child.nom.split("--")[0]
        if father:
            return self.person(0.0, sexe="M", nom=family, day=day)
        mother = self.person(0.0, sexe="F", day=day)
        mother.nom_utilise = family
        return mother

    def spouse(self, husband: Person) -> Person:
        """A wife of about the same age who uses her husband's name."""
        day = husband.lo + int(self.rng.uniform(-8, 5) * _DAYS_PER_YEAR)
        wife = self.person(0.0, sexe="F", day=min(max(day, _FIRST_BIRTH), self.last_birth))
        wife.nom_utilise = husband.nom
        return wife
