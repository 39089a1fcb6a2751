"""Typing defects injected into a record's local traits (see :mod:`insvigil.synth.catalogue`).

A :class:`Draft` holds a record's local traits before styling (case, accents); each defect is a
function that changes the draft when it applies to the person and returns whether it did.
:func:`inject` draws zero, one or two defects on distinct traits.
"""

from __future__ import annotations

from bisect import bisect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from itertools import accumulate
from random import Random

from insvigil.synth.catalogue import DEFAUTS
from insvigil.synth.people import Person
from insvigil.synth.places import Places
from insvigil.synth.saisie import typo

__all__ = ["Draft", "inject"]


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
    rng: Random
    places: Places
    person: Person
    draft: Draft
    today: int


def _seps(text: str) -> bool:
    return any(c in text for c in " -'")


def _nom_faute(c: Context) -> bool:
    c.draft.nom = typo(c.rng, c.draft.nom)
    return True


def _nom_tiret_espace(c: Context) -> bool:
    nom = c.draft.nom
    if not _seps(nom):
        return False
    swap = {"--": c.rng.choice(("-", " ")), "-": " ", " ": "-", "'": " "}
    out, i = [], 0
    while i < len(nom):
        two = nom[i : i + 2]
        token = two if two == "--" else nom[i]
        out.append(swap.get(token, token))
        i += len(token)
    c.draft.nom = "".join(out)
    return c.draft.nom != nom


def _nom_particule_collee(c: Context) -> bool:
    nom = c.draft.nom
    if not _seps(nom):
        return False
    c.draft.nom = nom.replace("-", "").replace(" ", "").replace("'", "")
    return True


def _nom_utilise_saisi(c: Context) -> bool:
    used = c.person.nom_utilise
    if not used or used == c.person.nom:
        return False
    c.draft.nom = used
    if c.rng.random() < 0.3:
        c.draft.nom_utilise = ""
    return True


def _nom_non_conforme(c: Context) -> bool:
    nom = c.draft.nom
    if "O" in nom and c.rng.random() < 0.6:
        i = nom.index("O")
        c.draft.nom = nom[:i] + "0" + nom[i + 1 :]
    else:
        c.draft.suffix = c.rng.choice((".", " 2", "/"))
    return True


def _prenom_faute(c: Context) -> bool:
    prenoms = c.draft.prenoms
    i = 0 if len(prenoms) == 1 or c.rng.random() < 0.6 else c.rng.randrange(1, len(prenoms))
    prenoms[i] = typo(c.rng, prenoms[i])
    return True


def _prenom_tiret_espace(c: Context) -> bool:
    first = c.draft.prenoms[0]
    if "-" not in first:
        return False
    c.draft.prenoms[0] = first.replace("-", " ")
    c.draft.premier = True
    return True


def _prenoms_incomplets(c: Context) -> bool:
    prenoms = c.draft.prenoms
    if len(prenoms) < 2:
        return False
    del prenoms[c.rng.randint(1, len(prenoms) - 1) :]
    return True


def _prenoms_ordre(c: Context) -> bool:
    prenoms = c.draft.prenoms
    if len(prenoms) < 2:
        return False
    i, j = c.rng.sample(range(len(prenoms)), 2)
    prenoms[i], prenoms[j] = prenoms[j], prenoms[i]
    return True


def _prenom_utilise_en_premier(c: Context) -> bool:
    used = c.person.prenom_utilise
    if not used or used == c.draft.prenoms[0]:
        return False
    c.draft.prenoms = [used] + [p for p in c.draft.prenoms if p != used]
    return True


def _date_inversee(c: Context) -> bool:
    d = c.draft
    if not d.jour or not d.mois or d.jour > 12 or d.jour == d.mois:
        return False
    if date(d.annee, d.jour, d.mois).toordinal() > c.today:
        return False
    d.jour, d.mois = d.mois, d.jour
    return True


def _date_faute(c: Context) -> bool:
    d, rng = c.draft, c.rng
    if not d.jour:
        return False
    born = date(d.annee, d.mois, d.jour)
    draw = rng.random()
    if draw < 0.5:
        wrong = date.fromordinal(born.toordinal() + rng.choice((-1, 1)))
    elif draw < 0.8:
        minor = c.today - born.toordinal() < 18 * 366
        year = d.annee + rng.choice((-1, 1) if minor else (-10, -1, 1, 10))
        wrong = date(year, d.mois, min(d.jour, 28))
    else:
        wrong = date(d.annee, d.mois % 12 + 1, min(d.jour, 28))
    if wrong.toordinal() > c.today or wrong.year < 1900:
        return False
    d.annee, d.mois, d.jour = wrong.year, wrong.month, wrong.day
    return True


def _date_completee(c: Context) -> bool:
    d = c.draft
    if d.mois and d.jour:
        return False
    if not d.mois:
        d.mois, d.jour = (12, 31) if c.rng.random() < 0.6 else (1, 1)
    else:
        d.jour = 1
    return True


def _sexe_errone(c: Context) -> bool:
    c.draft.sexe = "F" if c.draft.sexe == "M" else "M"
    return True


def _sexe_indetermine(c: Context) -> bool:
    c.draft.sexe = "I"
    return True


def _lieu_absent(c: Context) -> bool:
    c.draft.lieu = ""
    return True


def _postal(c: Context, other_commune: bool) -> bool:
    postal = c.places.postal_code(c.person.lieu)
    if postal is None or c.person.mois == 0:
        return False
    if c.places.valid(postal, c.person.lo, c.person.hi) != other_commune:
        return False
    c.draft.lieu = postal
    return True


def _lieu_code_actuel(c: Context) -> bool:
    current = c.places.current(c.person.lieu)
    if current is None:
        return False
    c.draft.lieu = current
    return True


def _lieu_commune_plm(c: Context) -> bool:
    commune = c.places.plm_commune(c.person.lieu)
    if commune is None:
        return False
    c.draft.lieu = commune
    return True


def _lieu_errone(c: Context) -> bool:
    p = c.person
    kind = p.kind if p.kind != "A" else "M"
    for _ in range(10):
        other = c.places.draw(c.rng, kind, p.lo, p.hi)
        if other != p.lieu and c.places.plm_commune(other) != c.places.plm_commune(p.lieu):
            c.draft.lieu = other
            return True
    return False


def _matricule_cle(c: Context) -> bool:
    m = c.draft.matricule
    if not m:
        return False
    if c.rng.random() < 0.5:
        key = (int(m[13:]) + c.rng.randint(1, 96)) % 100
        c.draft.matricule = f"{m[:13]}{key:02d}"
    else:  # one digit of the order number mistyped: the key no longer matches
        i = c.rng.randrange(10, 13)
        c.draft.matricule = m[:i] + str((int(m[i]) + c.rng.randint(1, 9)) % 10) + m[i + 1 :]
    return True


def _oid(value: str) -> Callable[[Context], bool]:
    def apply(c: Context) -> bool:
        if not c.draft.matricule or c.draft.oid != "1.2.250.1.213.1.4.8":
            return False
        c.draft.oid = value
        return True

    return apply


# code -> (weight when applicable, function)
_DEFECTS: tuple[tuple[str, float, Callable[[Context], bool]], ...] = (
    ("NOM_FAUTE", 10, _nom_faute),
    ("NOM_TIRET_ESPACE", 25, _nom_tiret_espace),
    ("NOM_PARTICULE_COLLEE", 15, _nom_particule_collee),
    ("NOM_UTILISE_SAISI", 12, _nom_utilise_saisi),
    ("NOM_NON_CONFORME", 1, _nom_non_conforme),
    ("PRENOM_FAUTE", 6, _prenom_faute),
    ("PRENOM_TIRET_ESPACE", 40, _prenom_tiret_espace),
    ("PRENOMS_INCOMPLETS", 12, _prenoms_incomplets),
    ("PRENOMS_ORDRE", 4, _prenoms_ordre),
    ("PRENOM_UTILISE_EN_PREMIER", 25, _prenom_utilise_en_premier),
    ("DATE_JOUR_MOIS_INVERSES", 9, _date_inversee),
    ("DATE_FAUTE", 4, _date_faute),
    ("DATE_INCONNUE_COMPLETEE", 60, _date_completee),
    ("SEXE_ERRONE", 0.6, _sexe_errone),
    ("SEXE_INDETERMINE", 0.6, _sexe_indetermine),
    ("LIEU_ABSENT", 10, _lieu_absent),
    ("LIEU_CODE_POSTAL", 30, lambda c: _postal(c, other_commune=False)),
    ("LIEU_CODE_POSTAL_AUTRE_COMMUNE", 30, lambda c: _postal(c, other_commune=True)),
    ("LIEU_CODE_ACTUEL", 120, _lieu_code_actuel),
    ("LIEU_COMMUNE_PLM", 25, _lieu_commune_plm),
    ("LIEU_ERRONE", 3, _lieu_errone),
    ("MATRICULE_CLE_INVALIDE", 3, _matricule_cle),
    ("OID_ABSENT", 4, _oid("")),
    ("OID_TEST", 1, _oid("1.2.250.1.213.1.4.10")),
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
