"""Typing defects of the birth date, sex and birthplace (``DATE_*``, ``SEXE_*``, ``LIEU_*``).

Each function changes the :class:`~insvigil.synth.draft.Draft` of its
:class:`~insvigil.synth.draft.Context` when it applies to the person and returns whether it did;
:mod:`insvigil.synth.defects` draws among them.
"""

from __future__ import annotations

from datetime import date

from insvigil.synth.draft import Context

__all__ = [
    "date_completee",
    "date_faute",
    "date_inversee",
    "lieu_absent",
    "lieu_code_actuel",
    "lieu_code_postal",
    "lieu_commune_plm",
    "lieu_errone",
    "sexe_errone",
    "sexe_indetermine",
]


def date_inversee(c: Context) -> bool:
    d = c.draft
    if not d.jour or not d.mois or d.jour > 12 or d.jour == d.mois:
        return False
    if date(d.annee, d.jour, d.mois).toordinal() > c.today:
        return False
    d.jour, d.mois = d.mois, d.jour
    return True


def date_faute(c: Context) -> bool:
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


def date_completee(c: Context) -> bool:
    d = c.draft
    if d.mois and d.jour:
        return False
    if not d.mois:
        d.mois, d.jour = (12, 31) if c.rng.random() < 0.6 else (1, 1)
    else:
        d.jour = 1
    return True


def sexe_errone(c: Context) -> bool:
    c.draft.sexe = "F" if c.draft.sexe == "M" else "M"
    return True


def sexe_indetermine(c: Context) -> bool:
    c.draft.sexe = "I"
    return True


def lieu_absent(c: Context) -> bool:
    c.draft.lieu = ""
    return True


def lieu_code_postal(c: Context, other_commune: bool) -> bool:
    postal = c.places.postal_code(c.person.lieu)
    if postal is None or c.person.mois == 0:
        return False
    if c.places.valid(postal, c.person.lo, c.person.hi) != other_commune:
        return False
    c.draft.lieu = postal
    return True


def lieu_code_actuel(c: Context) -> bool:
    current = c.places.current(c.person.lieu)
    if current is None:
        return False
    c.draft.lieu = current
    return True


def lieu_commune_plm(c: Context) -> bool:
    commune = c.places.plm_commune(c.person.lieu)
    if commune is None:
        return False
    c.draft.lieu = commune
    return True


def lieu_errone(c: Context) -> bool:
    p = c.person
    kind = p.kind if p.kind != "A" else "M"
    for _ in range(10):
        other = c.places.draw(c.rng, kind, p.lo, p.hi)
        if other != p.lieu and c.places.plm_commune(other) != c.places.plm_commune(p.lieu):
            c.draft.lieu = other
            return True
    return False
