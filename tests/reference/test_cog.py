"""The COG birthplace reference: validity at a date, history links, equivalences, data build."""

from __future__ import annotations

import gzip
import hashlib
import itertools
import subprocess
import sys
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from insvigil.reference import COG_START, Cog, Equivalence, Period, PlaceStatus, load
from insvigil.reference.cog_data import DATA_FILE
from insvigil.traits.lieu import is_valid

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIR = ROOT / "reference" / "insee_communes"
D = date
V, A, U = PlaceStatus.VALIDE, PlaceStatus.AUTRE_DATE, PlaceStatus.INCONNU


@pytest.fixture(scope="module")
def cog() -> Cog:
    return load()


def year(y: int) -> tuple[date, date]:
    return D(y, 1, 1), D(y, 12, 31)


# code, start, end, statut, libellé at the date, codes at the date, lien_historique
CHECKS: list[tuple[str, date, date, PlaceStatus, str | None, tuple[str, ...], bool]] = [
    # Corsica: 20xxx until 1976-01-01, then 2A/2B (half-open periods)
    ("20004", D(1946, 1, 17), D(1946, 1, 17), V, "Ajaccio", ("20004",), False),
    ("20004", D(1975, 12, 31), D(1975, 12, 31), V, "Ajaccio", ("20004",), False),
    ("20004", D(1976, 1, 1), D(1976, 1, 1), A, None, ("2A004",), True),
    ("20004", D(1980, 6, 15), D(1980, 6, 15), A, None, ("2A004",), True),
    ("2A004", D(1983, 5, 12), D(1983, 5, 12), V, "Ajaccio", ("2A004",), False),
    ("2A004", D(1950, 1, 1), D(1950, 1, 1), A, None, ("20004",), True),
    ("2a004", D(1976, 1, 1), D(1976, 1, 1), V, "Ajaccio", ("2A004",), False),
    ("20033", D(1990, 1, 1), D(1990, 1, 1), A, None, ("2B033",), True),
    # Paris: commune and arrondissement; 1943-01-01 also covers earlier births
    ("75056", D(1980, 1, 1), D(1980, 1, 1), V, "Paris", ("75056",), False),
    ("75115", D(1980, 1, 1), D(1980, 1, 1), V, "Paris 15e Arrondissement", ("75115",), False),
    ("75056", D(1930, 5, 1), D(1930, 5, 1), V, "Paris", ("75056",), False),
    # Marseille's arrondissements exist from 1946-10-18: before, the commune
    ("13201", D(1940, 1, 1), D(1940, 1, 1), A, None, ("13055",), True),
    # countries: Maroc from 1956-03-02, Algérie from 1962-07-05 (lien without a linked code)
    ("99350", D(1985, 3, 1), D(1985, 3, 1), V, "Royaume du Maroc", ("99350",), False),
    ("99350", D(1956, 3, 2), D(1956, 3, 2), V, "Royaume du Maroc", ("99350",), False),
    ("99350", D(1956, 3, 1), D(1956, 3, 1), A, None, (), True),
    ("99350", D(1950, 1, 1), D(1950, 1, 1), A, None, (), True),
    ("99352", D(1950, 1, 17), D(1950, 1, 17), A, None, (), True),
    ("99109", D(1960, 1, 1), D(1960, 1, 1), A, None, (), True),  # Allemagne again from 1990
    ("99115", D(2000, 1, 1), D(2000, 1, 1), A, None, (), False),  # Tchécoslovaquie ended 1993
    ("99100", D(1950, 1, 1), D(1950, 1, 1), V, "République française", ("99100",), False),
    # DOM communes from 1946-03-21; before, the territory (derived link)
    ("97411", D(2001, 7, 1), D(2001, 7, 1), V, "Saint-Denis", ("97411",), False),
    ("97411", D(1945, 1, 1), D(1945, 1, 1), A, None, ("98405",), True),
    ("97411", D(1946, 3, 20), D(1946, 3, 20), A, None, ("98405",), True),
    ("97411", D(1946, 3, 21), D(1946, 3, 21), V, "Saint-Denis", ("97411",), False),
    ("97411", *year(1946), V, "Saint-Denis", ("97411",), False),
    ("97101", D(1945, 1, 1), D(1945, 1, 1), A, None, ("98702",), True),
    ("98405", D(1945, 1, 1), D(1945, 1, 1), V, "La Réunion", ("98405",), False),
    # Mayotte: 976NN (2011) <- 976NN outre-mer (2007) <- 985NN (1977) <- 98402 Comores
    ("97601", D(2015, 1, 1), D(2015, 1, 1), V, "Acoua", ("97601",), False),
    ("97601", D(2009, 1, 1), D(2009, 1, 1), V, "Acoua", ("97601",), False),
    ("97601", D(1990, 1, 1), D(1990, 1, 1), A, None, ("98501",), True),
    ("97601", D(1960, 1, 1), D(1960, 1, 1), A, None, ("98402",), True),
    ("97801", D(1980, 1, 1), D(1980, 1, 1), A, None, ("97127",), True),  # Saint-Martin
    # 98501 was also the Établissements français de l'Inde until 1954: not Acoua's history
    ("97601", D(1940, 1, 1), D(1940, 1, 1), A, None, ("98402",), True),
    (
        "98501",
        D(1950, 1, 1),
        D(1950, 1, 1),
        V,
        "Établissements français de l’Inde",
        ("98501",),
        False,
    ),
    ("98501", D(1960, 1, 1), D(1960, 1, 1), A, None, ("98402",), True),
    # pre-independence Algeria: valid then, unlinked after
    ("91101", D(1950, 1, 1), D(1950, 1, 1), V, "Aïn-Bessem (commune mixte)", ("91101",), False),
    ("91101", D(1980, 1, 1), D(1980, 1, 1), A, None, (), False),
    # a commune merged into a commune nouvelle on 2016-01-01 (Corcelles into Champdor-Corcelles)
    ("01119", D(2015, 12, 31), D(2015, 12, 31), V, "Corcelles", ("01119",), False),
    ("01119", D(2016, 1, 1), D(2016, 1, 1), A, None, ("01080",), True),
    ("01080", D(1980, 1, 1), D(1980, 1, 1), V, "Champdor", ("01080",), False),
    ("01080", D(2017, 1, 1), D(2017, 1, 1), V, "Champdor-Corcelles", ("01080",), False),
    # three old communes merged into Haut Valromey (01187, the code of Hotonnes)
    ("01176", D(2020, 1, 1), D(2020, 1, 1), A, None, ("01187",), True),
    ("01187", D(1980, 1, 1), D(1980, 1, 1), V, "Hotonnes", ("01187",), False),
    # a code reused after a gap: Chartèves, merged 1974-10-01, restored 1978-01-01
    ("02166", D(1974, 9, 30), D(1974, 9, 30), V, "Chartèves", ("02166",), False),
    ("02166", D(1976, 6, 1), D(1976, 6, 1), A, None, ("02524",), True),
    ("02166", D(1978, 1, 1), D(1978, 1, 1), V, "Chartèves", ("02166",), False),
    # partial dates: the period must meet the range of possible dates
    ("02166", *year(1974), V, "Chartèves", ("02166",), False),
    ("02166", *year(1977), A, None, ("02524",), True),
    ("20004", *year(1975), V, "Ajaccio", ("20004",), False),
    ("20004", *year(1976), A, None, ("2A004",), True),
    ("2A004", D(1975, 1, 1), D(1976, 12, 31), V, "Ajaccio", ("2A004",), False),
    # created by a split: Carnoux-en-Provence from Roquefort-la-Bédoule on 1966-08-29
    ("13119", D(1950, 1, 1), D(1950, 1, 1), A, None, ("13085",), True),
    # chef-lieu transfer (2025): Orée d'Anjou moved from 49069 to 49126 (Drain's old code)
    ("49126", D(2020, 1, 1), D(2020, 1, 1), A, None, ("49069",), True),
    ("49069", D(2025, 6, 1), D(2025, 6, 1), A, None, ("49126",), True),
    # recoded to another department and merged the same day (an empty period in between)
    ("49144", D(2019, 1, 1), D(2019, 1, 1), A, None, ("44180",), True),
    ("44225", D(2018, 1, 1), D(2018, 1, 1), A, None, ("44180",), True),
    # unknown codes
    ("00000", D(1950, 1, 1), D(1950, 1, 1), U, None, (), False),
    ("99999", D(1950, 1, 1), D(1950, 1, 1), U, None, (), False),
    ("", D(1950, 1, 1), D(1950, 1, 1), U, None, (), False),
]


@pytest.mark.parametrize(("code", "start", "end", "statut", "libelle", "codes", "lien"), CHECKS)
def test_check(
    cog: Cog,
    code: str,
    start: date,
    end: date,
    statut: PlaceStatus,
    libelle: str | None,
    codes: tuple[str, ...],
    lien: bool,
) -> None:
    result = cog.check(code, start, end)
    assert result.code == code.strip().upper()
    assert result.statut is statut
    assert result.libelle_a_la_date == libelle
    assert result.codes_a_la_date == codes
    assert result.lien_historique is lien
    if statut is V:
        assert result.periode is not None and result.periode.intersects(start, end)
        assert result.periode not in result.autres_periodes
    elif statut is A:
        assert result.periode is None
        assert result.autres_periodes == cog.periods(code)
        assert all(c != result.code for c in codes)
        assert all(cog.is_valid_at(c, start, end) for c in codes)
    else:
        assert result.periode is None and result.autres_periodes == () and result.successeurs == ()


@pytest.mark.parametrize(
    ("code", "successeurs"),
    [
        ("20004", ("2A004",)),
        ("01119", ("01080",)),
        ("02166", ("02524",)),
        ("49144", ("44225",)),
        ("2A004", ()),
        ("75056", ()),
        ("99115", ()),
    ],
)
def test_successeurs(cog: Cog, code: str, successeurs: tuple[str, ...]) -> None:
    assert cog.check(code, D(2000, 1, 1)).successeurs == successeurs
    assert cog.successors(code) == successeurs


@pytest.mark.parametrize(
    ("code", "today"),
    [
        ("20004", ("2A004",)),
        ("2A004", ("2A004",)),
        ("01119", ("01080",)),
        ("01176", ("01187",)),
        ("49144", ("44180",)),
        ("49069", ("49126",)),
        ("02166", ("02166",)),
        ("97127", ("97801",)),
        ("99115", ()),
        ("00000", ()),
    ],
)
def test_current_code(cog: Cog, code: str, today: tuple[str, ...]) -> None:
    assert cog.current_code(code) == today


# a, b, date, equivalence
SAME_PLACE: list[tuple[str, str, date, Equivalence]] = [
    ("2A004", "2A004", D(1983, 5, 12), Equivalence.IDENTIQUE),
    ("2A004", "20004", D(1946, 1, 17), Equivalence.MEME_COMMUNE),
    ("2A004", "20004", D(1983, 5, 12), Equivalence.MEME_COMMUNE),
    ("2B033", "20033", D(1960, 1, 1), Equivalence.MEME_COMMUNE),
    ("2A004", "20033", D(1960, 1, 1), Equivalence.DIFFERENT),
    ("75115", "75056", D(1980, 1, 1), Equivalence.ARRONDISSEMENT),
    ("69389", "69123", D(1980, 1, 1), Equivalence.ARRONDISSEMENT),
    ("13201", "13055", D(1980, 1, 1), Equivalence.ARRONDISSEMENT),
    ("75115", "75114", D(1980, 1, 1), Equivalence.DIFFERENT),
    ("75115", "69123", D(1980, 1, 1), Equivalence.DIFFERENT),
    ("01119", "01080", D(2017, 1, 1), Equivalence.MEME_COMMUNE),
    ("01119", "01080", D(1980, 1, 1), Equivalence.DIFFERENT),
    ("01176", "01187", D(2020, 1, 1), Equivalence.MEME_COMMUNE),
    ("01176", "01292", D(2020, 1, 1), Equivalence.DIFFERENT),  # both merged into 01187
    ("02166", "02524", D(1976, 6, 1), Equivalence.MEME_COMMUNE),
    ("02166", "02524", D(1990, 1, 1), Equivalence.DIFFERENT),  # restored in 1978
    ("49144", "44225", D(2019, 1, 1), Equivalence.MEME_COMMUNE),  # both carried by 44180
    ("97411", "98405", D(1945, 1, 1), Equivalence.MEME_COMMUNE),
    ("97401", "97411", D(1945, 1, 1), Equivalence.DIFFERENT),
    ("99350", "99352", D(1985, 1, 1), Equivalence.DIFFERENT),
    ("00000", "75056", D(1980, 1, 1), Equivalence.INCONNU),
    ("00000", "00000", D(1980, 1, 1), Equivalence.INCONNU),
]


@pytest.mark.parametrize(("a", "b", "day", "expected"), SAME_PLACE)
def test_same_place_is_symmetric(
    cog: Cog, a: str, b: str, day: date, expected: Equivalence
) -> None:
    assert cog.same_place(a, b, day, day) is expected
    assert cog.same_place(b, a, day, day) is expected


def test_same_place_over_a_range(cog: Cog) -> None:
    # 1975-06..1976-06: both Corsican codes valid, linked by the recoding inside the range
    assert cog.same_place("20004", "2A004", D(1975, 6, 1), D(1976, 6, 30)) is (
        Equivalence.MEME_COMMUNE
    )


def test_periods_and_labels(cog: Cog) -> None:
    assert cog.periods("20004") == (
        Period("20004", "COM", "Ajaccio", COG_START, D(1976, 1, 1), "Ajaccio"),
    )
    versions = cog.periods("02524")
    assert [p.libelle for p in versions] == [
        "Mont-Saint-Père",
        "Charmont-sur-Marne",
        "Mont-Saint-Père",
    ]
    assert all(a.fin == b.debut for a, b in itertools.pairwise(versions))
    assert cog.periods("00000") == ()
    assert cog.label_at("20004", D(1946, 1, 17)) == "Ajaccio"
    assert cog.label_at("20004", D(1980, 1, 1)) is None
    assert cog.label_at("02524", D(1976, 1, 1)) == "Charmont-sur-Marne"
    maroc = cog.period_at("99350", D(1985, 1, 1))
    assert maroc is not None and (maroc.nature, maroc.nom) == ("PAYS", "Maroc")
    assert cog.period_at("98405", D(1945, 1, 1)).nature == "TOM"  # type: ignore[union-attr]
    assert cog.period_at("91101", D(1950, 1, 1)).nature == "COMER"  # type: ignore[union-attr]
    assert cog.period_at("75115", D(1950, 1, 1)).nature == "ARM"  # type: ignore[union-attr]
    le_havre = cog.period_at("76351", D(2000, 1, 1))
    assert le_havre is not None and (le_havre.libelle, le_havre.nom) == ("Le Havre", "Havre")


def test_arrondissements_and_departements(cog: Cog) -> None:
    parents = {c: cog.arrondissement_parent(c) for c in cog.codes() if cog.arrondissement_parent(c)}
    assert len(parents) == 45
    assert set(parents.values()) == {"75056", "69123", "13055"}
    assert cog.arrondissement_parent("75056") is None
    assert cog.departement("2A") == "Corse-du-Sud"
    assert cog.departement("974") == "La Réunion"


def test_check_rejects_a_reversed_range(cog: Cog) -> None:
    with pytest.raises(ValueError):
        cog.check("75056", D(1950, 12, 31), D(1950, 1, 1))


def test_every_code_has_the_birthplace_shape(cog: Cog) -> None:
    codes = cog.codes()
    assert len(codes) > 40_000
    assert all(is_valid(code) and cog.periods(code) for code in codes)


def test_load_is_a_cached_singleton() -> None:
    assert load() is load()
    assert load().vintage == "COG 2026"


def test_data_was_built_from_the_committed_tables(cog: Cog) -> None:
    assert cog.sources, "no source recorded"
    for name, sha256 in cog.sources.items():
        assert hashlib.sha256((SOURCE_DIR / name).read_bytes()).hexdigest() == sha256, name


def test_update_script_regenerates_identical_data(tmp_path: Path) -> None:
    script = SOURCE_DIR / "update.py"
    subprocess.run(
        [sys.executable, str(script), "--out", str(tmp_path)], check=True, capture_output=True
    )
    committed = (resources.files("insvigil.reference") / "data" / DATA_FILE).read_bytes()
    rebuilt = (tmp_path / DATA_FILE).read_bytes()
    assert gzip.decompress(rebuilt) == gzip.decompress(committed)
    assert rebuilt == committed


def test_links_found_by_code_are_every_link_of_the_file() -> None:
    """A code's links are found by a substring search of the links section (no parsing of
    the others): the same links, in the same order, as a parse of every line gives."""
    from insvigil.reference.cog_data import CogData, read_package_data

    text = read_package_data()
    ends: dict[str, list[tuple[date, str]]] = {}
    starts: dict[str, list[tuple[date, str]]] = {}
    body = text[text.index("\n#L ") + 1 : text.index("\n#A ")].splitlines()[1:]
    for line in body:
        day, before, after, _kind, flags = line.split("\t")
        if "E" in flags:
            ends.setdefault(before, []).append((date.fromisoformat(day), after))
        if "S" in flags:
            starts.setdefault(after, []).append((date.fromisoformat(day), before))
    data = CogData.parse(text)  # a fresh one: nothing cached
    for code in sorted(set(ends) | set(starts) | set(data.codes()[::50])):
        assert data.links_from(code) == tuple(ends.get(code, ())), code
        assert data.links_into(code) == tuple(starts.get(code, ())), code
    assert data.links_from("nope") == data.links_into("") == ()


def test_places_found_one_by_one_or_all_at_once_agree() -> None:
    """The first codes are found by a binary search of the text, the following ones in a
    dictionary of every line (built past a few hundred codes): both give every code's line."""
    from insvigil.reference.cog_data import CogData, read_package_data

    text = read_package_data()
    body = text[text.index("\n#P ") + 1 : text.index("\n#L ")].splitlines()[1:]
    expected = {line[:5]: len(line.split("\t")) - 1 for line in body}
    data = CogData.parse(text)  # a fresh one: nothing cached
    unknown = ["nope", "", "2A00\n", "00000", "ZZZZZ", "9999", "999999"]
    for code in [*unknown, *list(expected)[::-1], *unknown]:  # both modes, every part
        assert len(data.periods(code)) == expected.get(code, 0), code
    assert data._raw_places is not None  # the second mode was reached
