"""Birthplace codes from typed place names (insvigil lieu) and suggestions for qualify."""

from __future__ import annotations

from datetime import date

import pytest

from insvigil.errors import InvalidValue
from insvigil.reference.finder import Candidate, find_place, search_place, suggest_for
from insvigil.reference.names_index import departement_of, fold, name_key

D = date


# -- normalisation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "full", "bare"),
    [
        ("st etienne", "SAINT ETIENNE", "SAINT ETIENNE"),
        ("Saint-Étienne", "SAINT ETIENNE", "SAINT ETIENNE"),
        ("  SAINT   ETIENNE ", "SAINT ETIENNE", "SAINT ETIENNE"),
        ("ST-ETIENNE", "SAINT ETIENNE", "SAINT ETIENNE"),
        ("Ste-Marie", "SAINTE MARIE", "SAINTE MARIE"),
        ("Le Havre", "LE HAVRE", "HAVRE"),
        ("Havre (Le)", "LE HAVRE", "HAVRE"),
        ("HAVRE, LE", "LE HAVRE", "HAVRE"),
        ("le-havre", "LE HAVRE", "HAVRE"),
        ("HAVRE", "HAVRE", "HAVRE"),
        ("L'Isle-Adam", "L ISLE ADAM", "ISLE ADAM"),
        ("L’Haÿ-les-Roses", "L HAY LES ROSES", "HAY LES ROSES"),
        ("Châlons s/ Marne", "CHALONS SUR MARNE", "CHALONS SUR MARNE"),
        ("Bois s/s Vent", "BOIS SOUS VENT", "BOIS SOUS VENT"),
        ("Œuilly", "OEUILLY", "OEUILLY"),
        ("Saint-E\u0301tienne", "SAINT ETIENNE", "SAINT ETIENNE"),  # decomposed accent
        ("PARIS 15", "PARIS 15", "PARIS 15"),
        ("Paris 15e", "PARIS 15", "PARIS 15"),
        ("paris 15ème arrondissement", "PARIS 15", "PARIS 15"),
        ("PARIS XV", "PARIS 15", "PARIS 15"),
        ("Paris 15 eme", "PARIS 15", "PARIS 15"),
        ("Paris 1er", "PARIS 1", "PARIS 1"),
        ("Paris 1er Arrondissement", "PARIS 1", "PARIS 1"),
        ("Lyon 2E", "LYON 2", "LYON 2"),
        ("MARSEILLE XIII", "MARSEILLE 13", "MARSEILLE 13"),
        ("Paris 25", "PARIS 25", "PARIS 25"),  # no such arrondissement: left as typed
        ("", "", ""),
        ("---", "", ""),
    ],
)
def test_name_key(typed: str, full: str, bare: str) -> None:
    key = name_key(typed)
    assert (key.full, key.bare) == (full, bare)


def test_fold_never_crashes() -> None:
    for junk in ("\x00", "🙂", "\ud800", "x" * 10_000, "ǅ", "Þ"):
        assert fold(junk).isascii()


@pytest.mark.parametrize(
    ("code", "dep"),
    [("2A004", "2A"), ("20004", "20"), ("97411", "974"), ("98405", "984"), ("99350", "99")],
)
def test_departement_of(code: str, dep: str) -> None:
    assert departement_of(code) == dep


# -- find_place: table-driven ------------------------------------------------------------------

Kw = dict[str, object]

# typed name, options, expected codes in order (the whole list)
CASES: list[tuple[str, Kw, list[str]]] = [
    # typed variants
    ("st etienne", {"on": D(1980, 1, 1), "departement": "42"}, ["42218"]),
    ("Saint-Étienne", {"on": D(1980, 1, 1), "departement": "42"}, ["42218"]),
    ("SAINT ETIENNE", {"on": D(1980, 1, 1), "departement": "42"}, ["42218"]),
    ("st etienne", {"on": D(1980, 1, 1)}, ["42218", "04178"]),  # the larger town first
    ("st etienne", {"on": D(1990, 1, 1)}, ["42218", "04178"]),  # 04178 by its former name
    ("st etienne", {}, ["42218", "04178"]),  # still-named first
    ("Le Havre", {}, ["76351"]),
    ("Havre (Le)", {}, ["76351"]),
    ("HAVRE", {"on": D(1950, 1, 1)}, ["76351"]),
    ("La Rochelle", {"departement": "17"}, ["17300"]),
    ("Rochelle, La", {"departement": "17"}, ["17300"]),
    ("Lilas (Les)", {"on": D(1990, 1, 1)}, ["93045"]),
    ("Lilas (Les)", {"on": D(1960, 1, 1)}, ["75045"]),  # Seine until 1968
    ("Pointe a Pitre", {}, ["97120"]),
    ("STES", {}, ["17415"]),
    # homonyms, narrowed
    ("Saint-Denis", {"on": D(1990, 1, 1), "departement": "93"}, ["93066"]),
    ("Saint-Denis", {"on": D(1990, 1, 1), "cp": "97400"}, ["97411"]),
    ("Saint-Denis", {"on": D(1990, 1, 1), "cp": "93200"}, ["93066"]),
    ("Saint-Denis", {"on": D(1950, 1, 1), "departement": "93"}, ["75066"]),  # Seine
    ("Saint-Denis (93)", {"on": D(1990, 1, 1)}, ["93066"]),
    ("St Denis 93", {"on": D(1990, 1, 1)}, ["93066"]),
    ("Saint-Denis de la Réunion", {"on": D(1990, 1, 1)}, ["97411"]),
    ("Saint-Pierre (Martinique)", {"on": D(1990, 1, 1)}, ["97225"]),
    ("Saint-Denis 97400", {"on": D(1990, 1, 1)}, ["97411"]),  # a postal code in the name
    # merged communes, by their old name
    ("Annecy-le-Vieux", {"on": D(2016, 12, 31)}, ["74011"]),
    ("Annecy-le-Vieux", {"on": D(2017, 1, 1)}, ["74010"]),
    ("Corcelles", {"on": D(1990, 1, 1), "departement": "01"}, ["01119"]),
    ("Corcelles", {"on": D(2017, 1, 1), "departement": "01"}, ["01080"]),
    ("Champdor", {"on": D(2020, 1, 1)}, ["01080"]),  # renamed Champdor-Corcelles in 2016
    ("Pierrefitte-sur-Seine", {"on": D(2024, 12, 31)}, ["93059"]),
    ("Pierrefitte s/ Seine", {"on": D(2025, 1, 1)}, ["93066"]),  # merged into Saint-Denis
    # Corsica before/after 1976
    ("Ajaccio", {"on": D(1950, 1, 1)}, ["20004"]),
    ("Ajaccio", {"on": D(1975, 12, 31)}, ["20004"]),
    ("Ajaccio", {"on": D(1976, 1, 1)}, ["2A004"]),
    ("Ajaccio", {"on": D(1990, 1, 1)}, ["2A004"]),
    ("Ajaccio", {"on": "1975-00-00"}, ["20004"]),
    ("Ajaccio", {"on": "1983-05-12"}, ["2A004"]),
    ("Ajaccio", {}, ["2A004", "20004"]),  # current first
    ("Ajaccio", {"on": D(1990, 1, 1), "departement": "20"}, ["2A004"]),
    ("Ajaccio", {"on": D(1950, 1, 1), "departement": "2A"}, ["20004"]),
    ("Ajaccio", {"on": D(1950, 1, 1), "departement": "2B"}, []),
    ("Ajaccio", {"on": D(1950, 1, 1), "cp": "20000"}, ["20004"]),
    ("Bastia", {"on": D(1950, 1, 1)}, ["20033"]),
    ("Bastia", {"on": D(1990, 1, 1)}, ["2B033"]),
    # Paris, Lyon, Marseille
    ("Paris 15", {}, ["75115"]),
    ("PARIS XV", {"on": D(1930, 1, 1)}, ["75115"]),  # 1943 periods also cover earlier dates
    ("paris 15eme", {"on": D(1990, 1, 1)}, ["75115"]),
    ("Paris", {"on": D(1990, 1, 1), "cp": "75015"}, ["75115", "75056"]),
    ("75015 Paris", {"on": D(1990, 1, 1)}, ["75115", "75056"]),
    ("Paris", {"on": D(1990, 1, 1)}, ["75056"]),
    ("Lyon 2e", {"on": D(1990, 1, 1)}, ["69382"]),
    ("Lyon 9e", {"on": D(1990, 1, 1)}, ["69389"]),
    ("Lyon 9e", {"on": D(1950, 1, 1)}, ["69385"]),  # 9e created from the 5e in 1964
    ("Lyon", {"on": "1950-00-00", "cp": "69009"}, ["69385", "69123"]),
    ("Marseille 3", {"on": D(1990, 1, 1)}, ["13203"]),
    ("Marseille XIII", {}, ["13213"]),
    ("Marseille 1er", {"on": D(1945, 1, 1)}, ["13055"]),  # arrondissements since 1946-10-18
    # overseas
    ("Saint-Denis", {"on": D(1990, 1, 1), "departement": "974"}, ["97411"]),
    ("Saint-Denis", {"on": D(1946, 3, 21), "departement": "974"}, ["97411"]),
    ("Saint-Denis", {"on": D(1946, 3, 20), "departement": "974"}, ["98405"]),  # territory
    ("Fort-de-France", {"on": D(1990, 1, 1)}, ["97209"]),
    ("Fort-de-France", {"on": D(1940, 1, 1), "departement": "972"}, ["98703"]),
    ("Mamoudzou", {"on": D(1990, 1, 1)}, ["98511"]),
    ("Mamoudzou", {"on": D(2015, 1, 1)}, ["97611"]),
    ("Mamoudzou", {"on": D(1970, 1, 1)}, ["98402"]),  # Comores, then
    ("Saint-Martin", {"on": D(2000, 1, 1), "departement": "971"}, ["97127"]),
    ("Saint-Martin", {"on": D(2010, 1, 1), "departement": "978"}, ["97801"]),
    ("Papeete", {"on": D(1990, 1, 1)}, ["98735"]),
    # countries and territories abroad
    ("Maroc", {"on": D(1985, 3, 1)}, ["99350"]),
    ("MAROC", {"on": D(1956, 3, 2)}, ["99350"]),
    ("Maroc", {"on": D(1950, 1, 1)}, ["99313"]),  # only the Spanish zone; see remarks test
    ("ALGERIE", {"on": D(1970, 1, 1)}, ["99352"]),
    ("Algérie", {"on": D(1950, 1, 1)}, []),  # French departments then: see remarks test
    ("Algérie", {}, ["99352"]),
    ("Alger", {"on": D(1950, 1, 1)}, ["91110"]),
    ("Alger", {"on": D(1980, 1, 1)}, ["99352"]),  # after independence: a birth abroad
    ("Casablanca", {"on": D(1950, 1, 1)}, ["95101"]),
    ("Casablanca", {"on": D(1980, 1, 1)}, ["99350"]),
    ("Tunis", {"on": D(1960, 1, 1)}, ["99351"]),
    ("Royaume-Uni", {"on": D(1990, 1, 1)}, ["99132"]),
    ("royaume uni", {}, ["99132"]),
    ("Angleterre", {"on": D(1990, 1, 1)}, ["99132"]),
    ("USA", {}, ["99404"]),
    ("Madagascar", {"on": D(1950, 1, 1)}, ["98401"]),
    ("Madagascar", {"on": D(1970, 1, 1)}, ["99333"]),
    ("Sénégal", {"on": D(1950, 1, 1)}, ["98202"]),
    ("RFA", {"on": D(1960, 1, 1)}, ["99142"]),
    ("Allemagne", {"on": D(1995, 1, 1), "departement": "99"}, ["99109"]),
    ("Allemagne", {"on": D(1960, 1, 1), "departement": "99"}, ["99141", "99142"]),
    # typos
    ("Bordaux", {}, ["33063", "26056"]),
    ("Marseile", {"on": D(1990, 1, 1)}, ["13055"]),
    ("Bordo", {"departement": "33"}, ["33063", "33309", "33213", "33067", "33028", "33076"]),
    ("Zzzzzz", {}, []),
]


@pytest.mark.parametrize(("typed", "options", "codes"), CASES)
def test_find_place(typed: str, options: Kw, codes: list[str]) -> None:
    found = find_place(typed, **options)  # type: ignore[arg-type]
    assert [c.code for c in found] == codes


@pytest.mark.parametrize(
    ("typed", "options", "code"),
    [
        ("Saint-Denis", {"on": D(1990, 1, 1)}, "93066"),
        ("Saint-Denis", {"on": D(1990, 1, 1)}, "97411"),
        ("Saint-Denis", {"on": D(1990, 1, 1)}, "11339"),
        ("Saint-Denis", {"on": D(1990, 1, 1)}, "30247"),
        ("Saint-Denis", {"on": D(1950, 1, 1)}, "75066"),
        ("Toulouze", {}, "31555"),
    ],
)
def test_homonyms_and_typos_are_listed(typed: str, options: Kw, code: str) -> None:
    assert code in [c.code for c in find_place(typed, **options)]  # type: ignore[arg-type]


def test_with_a_date_only_codes_valid_then() -> None:
    for typed in ("Saint-Denis", "Ajaccio", "Maroc", "Paris 15", "Corcelles"):
        for day in (D(1945, 1, 1), D(1950, 6, 1), D(1980, 1, 1), D(2020, 1, 1)):
            for c in find_place(typed, on=day):
                assert c.valide_du <= day or c.valide_du == D(1943, 1, 1)
                assert c.valide_au is None or day <= c.valide_au


def test_candidate_fields() -> None:
    (c,) = find_place("ajaccio", on=D(1950, 1, 1))
    assert c == Candidate(
        code="20004",
        libelle_a_la_date="Ajaccio",
        libelle_actuel="Ajaccio",
        valide_du=D(1943, 1, 1),
        valide_au=D(1975, 12, 31),
        score=1.0,
        nature="COM",
        departement="20",
        nom_reconnu="Ajaccio",
        codes_actuels=("2A004",),
    )
    assert list(c.as_json())[:5] == [
        "code",
        "libelle_a_la_date",
        "libelle_actuel",
        "valide_du",
        "valide_au",
    ]
    assert c.as_json()["valide_au"] == "1975-12-31"
    (now,) = find_place("ajaccio", on=D(1990, 1, 1))
    assert now.as_json()["valide_au"] is None and now.departement == "2A"


@pytest.mark.parametrize(
    ("typed", "options", "libelle", "actuel"),
    [
        ("Champdor", {"on": D(2020, 1, 1)}, "Champdor-Corcelles", "Champdor-Corcelles"),
        ("Corcelles", {"on": D(1990, 1, 1), "departement": "01"}, "Corcelles",
         "Champdor-Corcelles"),
        ("Annecy-le-Vieux", {"on": D(2000, 1, 1)}, "Annecy-le-Vieux", "Annecy"),
        ("st etienne", {"on": D(1980, 1, 1), "departement": "04"}, "Saint-Étienne",
         "Saint-Étienne-les-Orgues"),
        ("Alger", {"on": D(1950, 1, 1)}, "Alger", None),  # no code carries it on
        ("Maroc", {"on": D(1990, 1, 1)}, "Maroc", "Maroc"),  # short name, not LIBENR
        ("Saint-Denis", {"on": D(1945, 1, 1), "departement": "974"}, "La Réunion",
         "23 communes (La Réunion)"),
    ],
)  # fmt: skip
def test_names_then_and_now(typed: str, options: Kw, libelle: str, actuel: str | None) -> None:
    c = find_place(typed, **options)[0]  # type: ignore[arg-type]
    assert (c.libelle_a_la_date, c.libelle_actuel) == (libelle, actuel)


@pytest.mark.parametrize(
    ("typed", "options", "text"),
    [
        ("Maroc", {"on": D(1950, 1, 1)}, "99350 (Maroc) n'est valable qu'à partir du 02/03/1956"),
        ("Maroc", {"on": D(1950, 1, 1)}, "codes 95xxx du COG outre-mer"),
        ("Algérie", {"on": D(1950, 1, 1)}, "codes 91xxx à 94xxx"),
        ("Tunisie", {"on": D(1950, 1, 1)}, "99351 (Tunisie) n'est valable qu'à partir du 20/03"),
        ("Vietnam", {"on": D(1950, 1, 1)}, "99243 (Vietnam) n'est valable qu'à partir du 02/07"),
        ("Le Havre", {"departement": "13"}, "écarté(s) par le filtre"),
        ("Bordaux", {}, "Aucun nom exact pour « Bordaux »"),
        ("Paris", {"cp": "00000"}, "Code postal 00000 inconnu"),
    ],
)  # fmt: skip
def test_remarks(typed: str, options: Kw, text: str) -> None:
    search = search_place(typed, **options)  # type: ignore[arg-type]
    assert any(text in r for r in search.remarques), search.remarques


@pytest.mark.parametrize(
    ("typed", "options", "text"),
    [
        ("Annecy-le-Vieux", {"on": D(2017, 1, 1)}, "74011 (Annecy-le-Vieux) n'existait plus"),
        ("Saint-Denis", {"on": D(1945, 1, 1), "departement": "974"}, "depuis le 21/03/1946"),
        ("Alger", {"on": D(1980, 1, 1)}, "naissance à l'étranger : 99352 (Algérie)"),
        ("Lyon 9e", {"on": D(1950, 1, 1)}, "69389 (Lyon 9e Arrondissement) n'existait pas encore"),
        ("Champdor", {"on": D(2020, 1, 1)}, "« Champdor » : nom de cette commune jusqu'au"),
        ("Paris", {"on": D(1990, 1, 1)}, "arrondissements municipaux (75101 à 75120)"),
        ("Maroc", {"on": D(1950, 1, 1)}, "Correspondance partielle"),
    ],
)
def test_candidate_remarks(typed: str, options: Kw, text: str) -> None:
    c = find_place(typed, **options)[0]  # type: ignore[arg-type]
    assert text in c.remarque


def test_scores() -> None:
    assert find_place("Le Havre")[0].score == 1.0
    assert find_place("Havre")[0].score == 1.0  # the COG's name without article (NCCENR)
    assert find_place("La Havre")[0].score == 0.98  # only the article differs
    fuzzy = find_place("Bordaux")
    assert 0.8 < fuzzy[0].score < 0.95 and fuzzy[0].score > fuzzy[1].score


def test_limit() -> None:
    assert len(find_place("Saint-Denis", limit=2)) == 2
    assert len(find_place("Saint-Denis", limit=100)) == 9


@pytest.mark.parametrize(
    ("typed", "options", "code"),
    [
        ("", {}, "LIEU_NOM"),
        (" - ' ", {}, "LIEU_NOM"),
        ("x" * 201, {}, "LIEU_NOM"),
        ("Paris", {"on": "1950-13-01"}, "TR04"),
        ("Paris", {"on": "hier"}, "TR04"),
        ("Paris", {"on": "2999-01-01"}, "TR04"),
        ("Paris", {"on": D(1990, 1, 2), "until": D(1990, 1, 1)}, "TR04"),
        ("Paris", {"departement": "ZZ"}, "LIEU_DEPARTEMENT"),
        ("Paris", {"departement": "00"}, "LIEU_DEPARTEMENT"),
        ("Paris", {"departement": "9741"}, "LIEU_DEPARTEMENT"),
        ("Paris", {"cp": "7501"}, "LIEU_CP"),
        ("Paris", {"cp": "75O15"}, "LIEU_CP"),
    ],
)
def test_bad_input(typed: str, options: Kw, code: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        find_place(typed, **options)  # type: ignore[arg-type]
    assert caught.value.code == code


def test_departement_forms() -> None:
    assert [c.code for c in find_place("Bourg-en-Bresse", on=D(1990, 1, 1), departement="1")] == [
        "01053"
    ]
    assert find_place("Ajaccio", on=D(1990, 1, 1), departement=" 2a ")[0].code == "2A004"


@pytest.mark.parametrize("junk", ["\x00" * 5, "🙂🙂", "\ud800", "\u202eParis", "ǰǅﬁßẞ", "75015"])
def test_name_as_junk_never_crashes(junk: str) -> None:
    try:
        search_place(junk)
    except InvalidValue as error:  # nothing left of the name once folded
        assert error.code == "LIEU_NOM"


# -- suggest_for (qualify) -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "start", "end", "expected"),
    [
        (None, D(1980, 1, 1), None, []),
        ("", D(1980, 1, 1), None, []),
        ("   ", D(1980, 1, 1), None, []),
        ("75115", D(1980, 1, 1), None, []),  # valid: nothing to suggest
        ("2A004", D(1990, 1, 1), None, []),
        ("2A004", D(1950, 6, 1), None, [("20004", 1.0)]),
        ("2a004", D(1950, 1, 1), D(1950, 12, 31), [("20004", 1.0)]),
        ("20004", D(1990, 1, 1), None, [("2A004", 1.0)]),
        ("01119", D(2017, 6, 1), None, [("01080", 1.0)]),
        ("97411", D(1945, 1, 1), None, [("98405", 1.0)]),
        ("91110", D(1980, 1, 1), None, [("99352", 0.99)]),
        ("33000", D(1990, 1, 1), None, [("33063", 1.0)]),  # a postal code only
        ("75015", D(1980, 1, 1), None, [("75115", 1.0), ("94015", 0.5)]),
        ("75016", D(2000, 1, 1), None, [("75116", 1.0), ("94016", 0.5)]),
        ("13119", D(1950, 1, 1), None, [("13085", 1.0), ("13101", 0.5)]),
        ("69009", D(1980, 1, 1), None, []),  # Anse: a valid INSEE code
        ("99999", D(1980, 1, 1), None, []),  # unknown, and not a postal code
        ("ABCDE", D(1980, 1, 1), None, []),
    ],
)
def test_suggest_for(
    code: str | None, start: date, end: date | None, expected: list[tuple[str, float]]
) -> None:
    assert [(c.code, c.score) for c in suggest_for(code, start, end)] == expected


def test_suggestions_say_why() -> None:
    (postal,) = suggest_for("33000", D(1990, 1, 1))
    assert "33000 est un code postal" in postal.remarque
    assert postal.libelle_a_la_date == "Bordeaux"
    (history,) = suggest_for("2A004", D(1950, 1, 1))
    assert "2A004 (Ajaccio) n'existait pas encore" in history.remarque
