"""Made-up people for the admission-lookup tests (``test_lookup_store``, ``test_lookup_index``,
``test_lookup_sqlite``): matricules are synthetic (valid MI02 keys).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import insert

from insvigil.lookup import IdentitySearch, index_keys, parse_query
from insvigil.model import Attribut, Resident, Statut
from insvigil.store import Store
from insvigil.store.lookup_store import (
    CAP,
    save_lookup_keys,
    search_detailed,
)
from insvigil.store.schema.review import queue_items

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


def fill(store: Store, people: Sequence[Person] = (*PEOPLE, *COMMON)) -> None:
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
        "fingerprint": f"{n:064x}",
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
        "digest": "0d" * 16,
        "etat": etat,
        "version": 1,
        "created_run": run,
        "seen_run": run,
        "created_at": T0,
        "seen_at": T0,
    }


def ask(store: Store, limit: int = 10, /, **fields: str) -> IdentitySearch:
    return search_detailed(store, parse_query(**fields, today=TODAY), limit)


def ids(found: IdentitySearch) -> list[str]:
    return [c.local_id for c in found.candidats]


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
