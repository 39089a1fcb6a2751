"""The admission lookup on both backends: typed variants find their record, warnings appear,
the candidate sets stay bounded, and SQLite and PostgreSQL answer the same.

Every identity here is made up; matricules are synthetic (valid MI02 keys).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, delete, insert, inspect, select, text
from sqlalchemy.engine import make_url

from insvigil.errors import StoreError
from insvigil.lookup import IdentitySearch, index_keys, parse_query
from insvigil.model import Attribut, Resident, Statut
from insvigil.store import Store, open_store
from insvigil.store.lookup_store import (
    CAP,
    rebuild_lookup_keys,
    save_lookup_keys,
    search,
    search_detailed,
    search_identities,
)
from insvigil.store.schema import metadata, records
from insvigil.store.schema_lookup import LOOKUP_INDEXES, lookup_keys
from insvigil.store.schema_review import queue_items

from .conftest import PG_ENV
from .helpers import T0, begin, item, result_for

TODAY = date(2026, 11, 1)
S1, S2 = "750000001", "690000002"
MATRICULE_A1 = "246012000411885"  # F, January 1946, Ajaccio (20004): domain.md's example


def _valid(matricule13: str) -> str:
    n = int(matricule13.replace("2A", "19").replace("2B", "18"))
    return f"{matricule13}{97 - n % 97:02d}"


MATRICULE_A2 = _valid("1721129351012")  # M, November 1972


@dataclass(frozen=True)
class Person:
    resident: Resident
    statut: Statut = Statut.PROVISOIRE
    insi_active: str | None = None


def person(
    structure: str, local_id: str, nom: str, prenoms: str, ddn: str, sexe: str, **extra: Any
) -> Person:
    statut = extra.pop("statut", Statut.PROVISOIRE)
    insi_active = extra.pop("insi_active", None)
    res = Resident(
        structure=structure,
        local_id=local_id,
        nom_naissance=nom,
        prenoms_naissance=prenoms,
        date_naissance=ddn,
        sexe=sexe,
        lieu_naissance="75056",
        **extra,
    )
    return Person(res, statut, insi_active)


PEOPLE: list[Person] = [
    person(
        S1,
        "A-1",
        "Lefèvre",
        "Marie-Hélène Jeanne",
        "1946-01-07",
        "F",
        nom_utilise="MARTIN-DURAND",
        matricule_ins=MATRICULE_A1,
        statut=Statut.QUALIFIEE,
    ),
    person(
        S1,
        "A-2",
        "LE GALL",
        "YANN",
        "1972-11-03",
        "M",
        insi_active=MATRICULE_A2,
        statut=Statut.RECUPEREE,
    ),
    person(S1, "A-3", "DUPONT", "JEAN PIERRE LOUIS", "1950-00-00", "M"),
    person(S1, "A-4", "FAURE", "CLAIRE", "1983-05-12", "F", statut=Statut.VALIDEE),
    person(
        S1, "A-5", "GARNIER", "PAUL", "1960-04-02", "M", attributs=frozenset({Attribut.DOUTEUSE})
    ),
    person(
        S1, "A-6", "ESSAI", "FICTIF", "1990-01-01", "M", attributs=frozenset({Attribut.FICTIVE})
    ),
    person(S1, "A-7", "ROCHE", "ANNE", "1975-08-21", "F", attributs=frozenset({Attribut.HOMONYME})),
    person(S2, "B-1", "MOREAU", "LUCAS", "2001-06-15", "M"),
    person(S2, "B-2", "MOREAU", "LUCAS HUGO", "2001-06-15", "M"),
    person(S2, "B-3", "FAVRE", "CLAIRE", "1983-05-12", "F"),
    person(S2, "B-4", "DUPONT", "MARIE", "1950-03-05", "F", actif=False),
]
# A common name: more rows than one generator may bring.
COMMON = [
    person(
        S2,
        f"M-{i:03d}",
        "MARTIN",
        ("ZOE", "LEA", "HUGO", "NOAH")[i % 4],
        f"{1930 + i % 80}-{1 + i % 12:02d}-{1 + i % 28:02d}",
        "FM"[i % 2],
    )
    for i in range(CAP + 60)
]


def _fill(store: Store, people: Sequence[Person] = (*PEOPLE, *COMMON)) -> None:
    run = begin(store)
    chunk = [
        item(
            p.resident,
            result_for(p.resident, p.statut, insi_active=p.insi_active),
        )
        for p in people
    ]
    store.save_chunk(run, chunk)
    rows = [
        (p.resident.structure, p.resident.local_id, index_keys(p.resident, p.insi_active))
        for p in people
    ]
    assert save_lookup_keys(store, rows) == len(people)
    with store.engine.begin() as conn:
        conn.execute(
            insert(queue_items),
            [
                _queue_row(run, 1, "DOUBLON", (S1, "A-4"), (S2, "B-3")),
                _queue_row(run, 2, "COLLISION", (S1, "A-2"), None),
                _queue_row(run, 3, "DOUBLON", (S1, "A-3"), (S2, "B-4"), etat="RESOLU"),
            ],
        )


def _queue_row(
    run: int,
    n: int,
    kind: str,
    a: tuple[str, str],
    b: tuple[str, str] | None,
    etat: str = "OUVERT",
) -> dict[str, Any]:
    return {
        "id": n,
        "fingerprint": f"fp{n}",
        "kind": kind,
        "structure": a[0],
        "local_id": a[1],
        "structure_b": b[0] if b else None,
        "local_id_b": b[1] if b else None,
        "code": kind,
        "gravite": "BLOQUANTE",
        "resume": "test",
        "details": "{}",
        "actif": True,
        "hash_a": "a",
        "hash_b": "b" if b else None,
        "digest": "d",
        "etat": etat,
        "version": 1,
        "created_run": run,
        "seen_run": run,
        "created_at": T0,
        "seen_at": T0,
    }


@pytest.fixture
def filled(store: Store) -> Store:
    _fill(store)
    return store


def ask(store: Store, limit: int = 10, /, **fields: str) -> IdentitySearch:
    return search_detailed(store, parse_query(**fields, today=TODAY), limit)


def ids(found: IdentitySearch) -> list[str]:
    return [c.local_id for c in found.candidats]


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


# -- keeping the index ----------------------------------------------------------------------


def _lookup_rows(store: Store) -> list[tuple[Any, ...]]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(lookup_keys).order_by(lookup_keys.c.record_id)).all()
    return [tuple(row) for row in rows]


def test_saving_again_changes_nothing_and_unknown_records_are_skipped(filled: Store) -> None:
    before = _lookup_rows(filled)
    res = PEOPLE[0].resident
    again = [(res.structure, res.local_id, index_keys(res)), ("999", "inconnu", index_keys(res))]
    assert save_lookup_keys(filled, again) == 1
    assert _lookup_rows(filled) == before
    changed_keys = index_keys(res, insi_active=MATRICULE_A1)
    assert save_lookup_keys(filled, [(res.structure, res.local_id, changed_keys)]) == 1
    after = _lookup_rows(filled)
    changed = [a for a, b in zip(after, before, strict=True) if a != b]
    assert [row[-1] for row in changed] == [MATRICULE_A1]


def test_save_inside_a_caller_transaction(filled: Store) -> None:
    res = replace(PEOPLE[2].resident, nom_naissance="DUPOND")
    with filled.engine.begin() as conn:
        assert save_lookup_keys(conn, [(res.structure, res.local_id, index_keys(res))]) == 1
    assert ids(ask(filled, nom="Dupond", ddn="1950"))[0] == "A-3"


def test_rebuild_gives_the_rows_qualify_saves(filled: Store) -> None:
    before = _lookup_rows(filled)
    with filled.engine.begin() as conn:
        conn.execute(delete(lookup_keys))
    assert rebuild_lookup_keys(filled, chunk=50) == len(before)
    assert _lookup_rows(filled) == before


def test_deleting_a_record_deletes_its_keys(filled: Store) -> None:
    with filled.engine.begin() as conn:
        conn.execute(delete(queue_items))
        conn.execute(delete(records).where(records.c.local_id == "A-6"))
    assert "A-6" not in ids(ask(filled, nom="Essai"))
    assert len(_lookup_rows(filled)) == len(PEOPLE) + len(COMMON) - 1


def test_search_returns_the_candidates(filled: Store) -> None:
    found = search(filled, parse_query(nom="Faure", today=TODAY), limit=1)
    assert [c.local_id for c in found] == ["A-4"]


# -- schema ---------------------------------------------------------------------------------


def test_the_migration_matches_the_schema_module(store: Store) -> None:
    with store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), metadata)
        indexes = {
            ix["name"]: ix["column_names"] for ix in inspect(conn).get_indexes("lookup_keys")
        }
    assert [d for d in diffs if "lookup_keys" in repr(d)] == []
    assert indexes == {name: list(columns) for name, columns, _ in LOOKUP_INDEXES}


def test_a_lookup_uses_an_index_not_a_scan(filled: Store) -> None:
    if filled.backend != "sqlite":
        pytest.skip("EXPLAIN QUERY PLAN is SQLite's")
    with filled.engine.connect() as conn:
        plan = conn.execute(
            text(
                "EXPLAIN QUERY PLAN SELECT record_id FROM lookup_keys "
                "WHERE nom_phon = 'FORE' AND annee = 1983"
            )
        ).all()
    assert "ix_lookup_keys_nom_phon_annee" in str(plan)


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

BATTERY: list[dict[str, str]] = [
    {"nom": "Martin"},
    {"nom": "martin", "prenom": "zoe"},
    {"nom": "Martin", "ddn": "1950"},
    {"nom": "Faure", "ddn": "12/05/1983"},
    {"nom": "Fauvre", "prenom": "Claire", "ddn": "05/12/1983"},
    {"nom": "Moreau", "prenom": "Lucas", "ddn": "15/06/2001", "sexe": "M"},
    {"nom": "Dupont", "ddn": "1950"},
    {"nom": "Le Gall", "ins": MATRICULE_A2},
    {"nom": "martin-durand", "prenom": "jeanne"},
]


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
            _fill(opened)
            answers.append([ask(opened, 20, **q).as_json() for q in BATTERY])
    assert answers[0] == answers[1]
    assert all(a["candidats"] for a in answers[0])
