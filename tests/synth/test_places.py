"""Birthplaces: valid at the birth date (COG), share born abroad, Corsica, DOM."""

from __future__ import annotations

import calendar
from collections import Counter
from datetime import date

import pytest

from tests.synth.helpers import Population

LIEU_DEFECTS = {
    "LIEU_ABSENT", "LIEU_CODE_POSTAL", "LIEU_CODE_POSTAL_AUTRE_COMMUNE", "LIEU_CODE_ACTUEL",
    "LIEU_COMMUNE_PLM", "LIEU_ERRONE", "DATE_FAUTE", "DATE_JOUR_MOIS_INVERSES",
    "DATE_INCONNUE_COMPLETEE",
}  # fmt: skip


def birth_range(text: str) -> tuple[date, date]:
    if "/" in text:
        day, month, year = text.split("/")
    else:
        year, month, day = text.split("-")
    y, m, d = int(year), int(month), int(day)
    if m == 0:
        return date(y, 1, 1), date(y, 12, 31)
    if d == 0:
        return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
    return date(y, m, d), date(y, m, d)


def clean_places(population: Population) -> list[tuple[str, date, date]]:
    """(code, first, last possible birth day) of the records typed without place/date defect."""
    out = []
    for resident, truth in zip(population.residents, population.truth, strict=True):
        codes = set(truth["defauts"].split("|"))
        if truth["statut_attendu"] == "REJET" or codes & LIEU_DEFECTS:
            continue
        out.append((resident["lieu_naissance"], *birth_range(resident["date_naissance"])))
    return out


def test_births_span_1920_2025_mostly_elderly(population: Population) -> None:
    years = [first.year for _, first, _ in clean_places(population)]
    assert min(years) >= 1920 and max(years) <= 2025
    elderly = sum(1 for y in years if y <= 1960) / len(years)
    children = sum(1 for y in years if y >= 2008) / len(years)
    assert 0.5 < elderly < 0.8 and 0.1 < children < 0.3


def test_share_born_abroad_is_5_to_10_percent(population: Population) -> None:
    places = clean_places(population)
    abroad = sum(1 for code, _, _ in places if code.startswith("99")) / len(places)
    assert 0.05 <= abroad <= 0.10
    assert not any(code == "99100" for code, _, _ in places)


def test_overseas_and_corsica_are_present(population: Population) -> None:
    prefixes = Counter(code[:2] for code, _, _ in clean_places(population))
    assert prefixes["97"] > 0
    corsica = [
        (c, first) for c, first, _ in clean_places(population) if c[:2] in ("20", "2A", "2B")
    ]
    assert corsica
    for code, first in corsica:
        assert code.startswith("20") == (first < date(1976, 1, 1))


def test_birthplaces_are_valid_at_the_birth_date(population: Population) -> None:
    cog_module = pytest.importorskip(
        "insvigil.reference.cog", reason="insvigil.reference.cog is not available yet"
    )
    cog = cog_module.load()
    for code, first, last in clean_places(population):
        result = cog.check(code, first, last)
        assert result.statut.value == "VALIDE", (code, first, last)
