"""Typing defects of the birth name and first names (``NOM_*``, ``PRENOM*`` defects).

Each function changes the :class:`~insvigil.synth.draft.Draft` of its
:class:`~insvigil.synth.draft.Context` when it applies to the person and returns whether it did;
:mod:`insvigil.synth.defects` draws among them.
"""

from __future__ import annotations

from insvigil.synth.draft import Context
from insvigil.synth.saisie import typo

__all__ = [
    "nom_faute",
    "nom_non_conforme",
    "nom_particule_collee",
    "nom_tiret_espace",
    "nom_utilise_saisi",
    "prenom_faute",
    "prenom_tiret_espace",
    "prenom_utilise_en_premier",
    "prenoms_incomplets",
    "prenoms_ordre",
]


def _seps(text: str) -> bool:
    return any(c in text for c in " -'")


def nom_faute(c: Context) -> bool:
    c.draft.nom = typo(c.rng, c.draft.nom)
    return True


def nom_tiret_espace(c: Context) -> bool:
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


def nom_particule_collee(c: Context) -> bool:
    nom = c.draft.nom
    if not _seps(nom):
        return False
    c.draft.nom = nom.replace("-", "").replace(" ", "").replace("'", "")
    return True


def nom_utilise_saisi(c: Context) -> bool:
    used = c.person.nom_utilise
    if not used or used == c.person.nom:
        return False
    c.draft.nom = used
    if c.rng.random() < 0.3:
        c.draft.nom_utilise = ""
    return True


def nom_non_conforme(c: Context) -> bool:
    nom = c.draft.nom
    if "O" in nom and c.rng.random() < 0.6:
        i = nom.index("O")
        c.draft.nom = nom[:i] + "0" + nom[i + 1 :]
    else:
        c.draft.suffix = c.rng.choice((".", " 2", "/"))
    return True


def prenom_faute(c: Context) -> bool:
    prenoms = c.draft.prenoms
    i = 0 if len(prenoms) == 1 or c.rng.random() < 0.6 else c.rng.randrange(1, len(prenoms))
    prenoms[i] = typo(c.rng, prenoms[i])
    return True


def prenom_tiret_espace(c: Context) -> bool:
    first = c.draft.prenoms[0]
    if "-" not in first:
        return False
    c.draft.prenoms[0] = first.replace("-", " ")
    c.draft.premier = True
    return True


def prenoms_incomplets(c: Context) -> bool:
    prenoms = c.draft.prenoms
    if len(prenoms) < 2:
        return False
    del prenoms[c.rng.randint(1, len(prenoms) - 1) :]
    return True


def prenoms_ordre(c: Context) -> bool:
    prenoms = c.draft.prenoms
    if len(prenoms) < 2:
        return False
    i, j = c.rng.sample(range(len(prenoms)), 2)
    prenoms[i], prenoms[j] = prenoms[j], prenoms[i]
    return True


def prenom_utilise_en_premier(c: Context) -> bool:
    used = c.person.prenom_utilise
    if not used or used == c.draft.prenoms[0]:
        return False
    c.draft.prenoms = [used] + [p for p in c.draft.prenoms if p != used]
    return True
