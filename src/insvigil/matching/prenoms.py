"""Prénoms de naissance: ordered levels comparing two lists of birth first names.

A list is compared as words of its clé de comparaison (``JEAN-PIERRE`` → ``JEAN PIERRE``); the
premier prénom (TR03) must head the other list for the first names to agree. Known variants
come before similarity: an incomplete list, another order, the prénom d'usage typed first.
Two frequent first names one slip apart (``LEO`` / ``LEON``) are two first names, not a slip.

All values below are synthetic.

>>> from insvigil.model import Resident
>>> from insvigil.matching.record import prepare
>>> def level(x, y, **more):
...     a = prepare(Resident("S", "1", "ROY", x, "2000-01-01", "M", **more))
...     b = prepare(Resident("S", "2", "ROY", y, "2000-01-01", "M"))
...     return PRENOMS.codes[compare_prenoms(a, b)]
>>> level("Jean-Pierre", "JEAN PIERRE"), level("LEO", "LEON"), level("JAEN", "JEAN")
('NORMALISES', 'PREMIER_VOISIN', 'FAUTE_PREMIER')
"""

from __future__ import annotations

from functools import cache

from rapidfuzz.distance import JaroWinkler

from insvigil.matching.levels import SIMILAR, Comparison, starts, typo
from insvigil.matching.record import MatchRecord
from insvigil.reference import insee_names
from insvigil.traits.charset import comparison_key, to_ins_form

__all__ = ["PRENOMS", "compare_prenoms", "frequent_first_names"]

def _without(words: str, used: str) -> str:
    """``words`` with the word sequence ``used`` removed once (``""`` when nothing is left)."""
    padded = f" {words} "
    at = padded.find(f" {used} ")
    if at < 0:
        return words
    return (padded[:at] + padded[at + len(used) + 1 :]).strip()


def _usage_first(a: MatchRecord, b: MatchRecord) -> bool:
    """The prénom d'usage typed first: without it, one list starts the other."""
    x, y = a.prenoms_cle, b.prenoms_cle
    for used in {a.prenom_utilise_cle, b.prenom_utilise_cle}:
        if not used or not (starts(x, used) or starts(y, used)):
            continue
        rx, ry = _without(x, used), _without(y, used)
        if rx and ry and (starts(rx, ry) or starts(ry, rx)):
            return True
    return False


def compare_prenoms(a: MatchRecord, b: MatchRecord) -> int:
    x, y = a.prenoms_cle, b.prenoms_cle
    if not x or not y:
        return 0
    if a.prenoms == b.prenoms:
        return 1
    if x == y:
        return 2
    same_first = starts(y, a.premier) and starts(x, b.premier)
    if same_first and (starts(x, y) or starts(y, x)):
        return 3
    wx, wy = x.split(" "), y.split(" ")
    if sorted(wx) == sorted(wy):
        return 4
    if _usage_first(a, b):
        return 5
    if same_first:
        return 6 if typo(x, y) else 7
    px, py = a.premier, b.premier
    if px and py and typo(px, py):
        rx, ry = x[len(px) :].strip(), y[len(py) :].strip()
        if not rx or not ry or starts(rx, ry) or starts(ry, rx):
            frequent = frequent_first_names()
            return 9 if px in frequent and py in frequent else 8
    if _same_words_with_slips(wx, wy):
        return 10
    if px and py and JaroWinkler.normalized_similarity(px, py) >= SIMILAR:
        return 11
    sx, sy = set(wx), set(wy)
    if sx <= sy or sy <= sx:
        return 12
    if not sx.isdisjoint(sy):
        return 13
    return 14


@cache
def frequent_first_names() -> frozenset[str]:
    """Clés of the first names INSEE counts among the most given each year (1900-2023).

    Read from INSEE's table shipped with the package (:mod:`insvigil.reference.insee_names`):
    ``LEO`` and ``LEON`` are two first names, not one with a slip, so twins named so stay
    apart (a slip seldom makes another frequent first name).
    """
    names: set[str] = set()
    for line in insee_names.lines(insee_names.PRENOMS)[1:]:
        for pair in line.split("\t")[3:]:
            names.add(comparison_key(to_ins_form(pair.rsplit(":", 1)[0], "prenom").value))
    return frozenset(names)


def _same_words_with_slips(wx: list[str], wy: list[str]) -> bool:
    """At least two first names on each side, and each word of the shorter list is a word of
    the other, in any order, up to one slip per word."""
    short, long_ = (wx, wy) if len(wx) <= len(wy) else (wy, wx)
    if len(short) < 2:
        return False
    pool = list(long_)
    rest = []
    for w in short:
        if w in pool:
            pool.remove(w)
        else:
            rest.append(w)
    for w in rest:
        match = next((v for v in pool if typo(w, v)), None)
        if match is None:
            return False
        pool.remove(match)
    return True


PRENOMS = Comparison(
    "prenoms",
    ("ABSENTS", "IDENTIQUES", "NORMALISES", "INCOMPLETS", "ORDRE", "USAGE", "FAUTE_SUIVANT",
     "PREMIER_IDENTIQUE", "FAUTE_PREMIER", "PREMIER_VOISIN", "FLOUS", "PREMIER_PROCHE",
     "INCLUS", "UN_COMMUN", "DIFFERENTS"),
    ("prénoms absents", "prénoms identiques",
     "prénoms identiques après normalisation (tiret, espace)",
     "liste de prénoms incomplète (mêmes premiers prénoms)", "prénoms dans un autre ordre",
     "prénom d'usage saisi en premier", "faute de frappe dans un prénom suivant",
     "même premier prénom, prénoms suivants différents",
     "faute de frappe dans le premier prénom",
     "premiers prénoms voisins mais tous deux usuels (LEO / LEON)",
     "mêmes prénoms dans un autre ordre, à des fautes de frappe près",
     "premier prénom proche (Jaro-Winkler ≥ 0,90)",
     "prénoms de l'un tous présents chez l'autre, premier prénom différent",
     "un prénom en commun, premier prénom différent", "prénoms différents"),
    compare_prenoms,
)  # fmt: skip

