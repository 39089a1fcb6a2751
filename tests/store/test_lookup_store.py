"""The admission lookup on both backends: typed variants find their record, warnings appear,
the candidate sets stay bounded, and SQLite and PostgreSQL answer the same.

Every identity here is made up (``lookup_people``).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from insvigil.errors import StoreError
from insvigil.lookup import IdentitySearch
from insvigil.store import Store, open_store
from insvigil.store.lookup_store import (
    CAP,
    search_identities,
)

from .conftest import PG_ENV
from .lookup_people import (
    BATTERY,
    COMMON,
    MATRICULE_A1,
    MATRICULE_A2,
    TODAY,
    ask,
    fill,
    ids,
)

# -- typed variants find the record -------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "expected", "reason"),
    [
        (
            {"nom": "lefevre", "prenom": "marie-helene", "ddn": "07/01/1946"},
            "A-1",
            "nom de naissance identique",
        ),
        (
            {"nom": "LEFÈVRE", "prenom": "MARIE HÉLÈNE", "ddn": "1946-01-07", "sexe": "f"},
            "A-1",
            "premier prénom identique",
        ),
        (
            {"nom": "Le-Gall", "prenom": "Yann", "ddn": "03/11/1972"},
            "A-2",
            "nom de naissance identique",
        ),
        (
            {"nom": "LEGALL", "ddn": "03/11/1972"},
            "A-2",
            "nom de naissance identique aux espaces près",
        ),
        (
            {"nom": "Martin Durand", "prenom": "Marie", "ddn": "07/01/1946"},
            "A-1",
            "nom utilisé identique",
        ),
        ({"nom": "martin-durand", "ddn": "1946"}, "A-1", "nom utilisé identique"),
        ({"nom": "Dupont", "prenom": "Louis", "ddn": "1950"}, "A-3", "un des prénoms de naissance"),
        (
            {"nom": "Lefèvre", "prenom": "Jeanne", "ddn": "07/01/1946"},
            "A-1",
            "un des prénoms de naissance",
        ),
        (
            {"nom": "FAUER", "prenom": "Claire", "ddn": "12/05/1983"},
            "A-4",
            "nom de naissance proche (faute de frappe)",
        ),
        (
            {"nom": "LEFEBVRE", "ddn": "07/01/1946"},
            "A-1",
            "nom de naissance phonétiquement identique",
        ),
        ({"nom": "Faure", "prenom": "Claire", "ddn": "05/12/1983"}, "A-4", "jour et mois inversés"),
        ({"nom": "Lefevre", "ddn": "01/07/1946"}, "A-1", "jour et mois inversés"),
        ({"nom": "Dupont", "prenom": "Jean", "ddn": "1950"}, "A-3", "année de naissance identique"),
        (
            {"nom": "Dupont", "prenom": "Jean", "ddn": "14/07/1950"},
            "A-3",
            "date de naissance partielle compatible",
        ),
        ({"nom": "FAURE", "ddn": "05/1983"}, "A-4", "mois et année de naissance identiques"),
        (
            {"nom": "Le Gall", "prenom": "Yann", "ddn": "03/11/1927"},
            "A-2",
            "année de naissance proche (faute de frappe)",
        ),
        ({"nom": "Roche", "prenom": "Anne"}, "A-7", "premier prénom identique"),
        ({"ins": "2 46 01 20 004 118 85"}, "A-1", "matricule INS identique"),
        ({"ins": MATRICULE_A2}, "A-2", "matricule INS identique"),
        ({"nom": "LE GALL", "ins": MATRICULE_A2}, "A-2", "matricule INS identique"),
    ],
)
def test_typed_variants_find_the_record(
    filled: Store, fields: dict[str, str], expected: str, reason: str
) -> None:
    found = ask(filled, **fields)
    assert ids(found)[0] == expected
    assert reason in found.candidats[0].raisons


def test_faure_and_fauvre(filled: Store) -> None:
    """FAUVRE typed: FAVRE sounds the same (first), FAURE is one letter away (second)."""
    found = ask(filled, nom="Fauvre", prenom="Claire", ddn="12/05/1983")
    assert ids(found)[:2] == ["B-3", "A-4"]
    assert found.candidats[1].raisons[0] == "nom de naissance proche (faute de frappe)"


def test_a_matricule_alone_scores_one_and_a_wrong_one_finds_nothing(filled: Store) -> None:
    assert [c.score for c in ask(filled, ins=MATRICULE_A1).candidats] == [1.0]
    assert ask(filled, ins="2 83 05 2A 004 123 07").candidats == ()


def test_someone_else_born_the_same_day_is_not_shown(filled: Store) -> None:
    assert ids(ask(filled, nom="Robert", prenom="Paul", ddn="07/01/1946", sexe="M")) == []


def test_scores_are_best_first_and_limited(filled: Store) -> None:
    found = ask(filled, 3, nom="Martin")
    scores = [c.score for c in found.candidats]
    assert len(scores) == 3
    assert scores == sorted(scores, reverse=True)


# -- warnings ------------------------------------------------------------------------------


def alerts_of(found: IdentitySearch, local_id: str) -> tuple[str, ...]:
    return next(c.alertes for c in found.candidats if c.local_id == local_id)


def test_a_qualified_identity_has_no_warning(filled: Store) -> None:
    best = ask(filled, nom="Lefevre", prenom="Marie", ddn="07/01/1946").candidats[0]
    assert (best.statut, best.ins_utilisable, best.alertes) == ("QUALIFIEE", True, ())
    assert best.traits.matricule == "2************85"


@pytest.mark.parametrize(
    ("fields", "local_id", "start"),
    [
        ({"nom": "Garnier", "ddn": "02/04/1960"}, "A-5", "Identité douteuse"),
        ({"nom": "Essai", "ddn": "1990"}, "A-6", "Identité fictive"),
        ({"nom": "Roche", "ddn": "21/08/1975"}, "A-7", "Homonyme signalé"),
        ({"nom": "Faure", "ddn": "12/05/1983"}, "A-4", "Doublon potentiel en attente"),
        ({"nom": "Favre", "ddn": "12/05/1983"}, "B-3", "Doublon potentiel en attente"),
        ({"nom": "Le Gall", "ddn": "1972"}, "A-2", "Collision potentielle en attente"),
        ({"nom": "Moreau", "prenom": "Lucas", "ddn": "15/06/2001"}, "B-1", "Homonyme possible"),
        ({"nom": "Moreau", "prenom": "Lucas", "ddn": "15/06/2001"}, "B-2", "Homonyme possible"),
        ({"nom": "Faure", "ddn": "12/05/1983"}, "A-4", "INS non qualifié (identité validée)"),
        ({"nom": "Dupont", "ddn": "1950"}, "B-4", "Dossier hors file active"),
    ],
)
def test_warnings(filled: Store, fields: dict[str, str], local_id: str, start: str) -> None:
    alerts = alerts_of(ask(filled, **fields), local_id)
    assert any(a.startswith(start) for a in alerts), alerts


def test_attributes_and_status_are_reported(filled: Store) -> None:
    found = ask(filled, nom="Garnier")
    best = found.candidats[0]
    assert (best.statut, best.attributs, best.ins_utilisable) == (
        "PROVISOIRE",
        ("DOUTEUSE",),
        False,
    )


def test_a_resolved_queue_item_gives_no_warning(filled: Store) -> None:
    alerts = alerts_of(ask(filled, nom="Dupont", prenom="Jean", ddn="1950"), "A-3")
    assert not any("file de revue" in a for a in alerts)


def test_homonyms_point_at_each_other(filled: Store) -> None:
    found = ask(filled, nom="Moreau", ddn="15/06/2001")
    homonyms = {
        c.local_id: [a for a in c.alertes if a.startswith("Homonyme possible")]
        for c in found.candidats
    }
    assert "B-2" in homonyms["B-1"][0] and "B-1" in homonyms["B-2"][0]


# -- bounded candidate sets, remarks --------------------------------------------------------


def test_a_common_name_is_bounded_and_says_so(filled: Store) -> None:
    found = ask(filled, nom="Martin")
    assert len(found.candidats) == 10
    assert any("Nom très répandu" in r for r in found.remarques)


def test_the_right_martin_among_many(filled: Store) -> None:
    target = COMMON[CAP + 37].resident
    day = target.date_naissance
    found = ask(
        filled,
        nom="martin",
        prenom=target.prenoms_naissance.lower(),
        ddn=f"{day[8:10]}/{day[5:7]}/{day[:4]}",
    )
    assert ids(found)[0] == target.local_id
    assert found.candidats[0].score == 1.0


def test_nothing_found_says_what_to_check(filled: Store) -> None:
    found = ask(filled, nom="Zyxwv", ddn="01/01/1901")
    assert found.candidats == ()
    assert found.remarques[0].startswith("Aucun dossier ne ressemble")


def test_no_close_candidate_is_said(filled: Store) -> None:
    found = ask(filled, nom="Lefevre", prenom="Marie", ddn="07/01/1980")
    assert ids(found) == ["A-1"]
    assert found.candidats[0].score < 0.85
    assert any(r.startswith("Aucun dossier très ressemblant") for r in found.remarques)
    close = ask(filled, nom="Lefevre", prenom="Marie", ddn="07/01/1946")
    assert not any(r.startswith("Aucun dossier très ressemblant") for r in close.remarques)


def test_an_empty_index_says_qualify_must_run(store: Store) -> None:
    found = ask(store, nom="Dupont")
    assert found.remarques == (
        "L'index de recherche est vide : lancer « insvigil qualify » pour le construire.",
    )


# -- the one-call API ------------------------------------------------------------------------


def test_search_identities_opens_the_store(filled: Store, db_url: str) -> None:
    found = search_identities("faure", "claire", "12/05/1983", db=db_url, today=TODAY)
    assert ids(found)[0] == "A-4"


def test_search_identities_refuses_a_bad_limit(filled: Store, db_url: str) -> None:
    with pytest.raises(Exception, match="Limite 0 invalide"):
        search_identities("faure", db=db_url, limit=0)


def test_a_missing_sqlite_file_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "absente.db"
    with pytest.raises(StoreError, match="base de données introuvable"):
        search_identities("Dupont", db=f"sqlite:///{path}")
    assert not path.exists()


# -- the same answers on SQLite and PostgreSQL ----------------------------------------------


@pytest.fixture
def pg_url() -> Iterator[str]:
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip("INSVIGIL_TEST_PG_URL absent : lancer scripts/test.sh")
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        admin.dispose()


@pytest.mark.postgres
def test_sqlite_and_postgresql_answer_the_same(tmp_path: Path, pg_url: str) -> None:
    answers = []
    for url in (f"sqlite:///{tmp_path / 'lite.db'}", pg_url):
        with open_store(url) as opened:
            fill(opened)
            answers.append([ask(opened, 20, **q).as_json() for q in BATTERY])
    assert answers[0] == answers[1]
    assert all(a["candidats"] for a in answers[0])
