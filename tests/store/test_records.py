"""Saving chunks: new, changed and unchanged records, results, discordances, INSi responses."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import Table, func, select

from insvigil.errors import StoreError
from insvigil.findings import Finding, Gravite
from insvigil.model import Attribut, EcartStatut, Justificatif, Statut
from insvigil.store import Store, StoredInsi
from insvigil.store.db.bulk import BATCH
from insvigil.store.schema.core import (
    insi_payloads,
    insi_responses,
    record_changes,
    records,
    results,
)

from .helpers import (
    STRUCTURE,
    T0,
    begin,
    discordance,
    dump,
    insi,
    item,
    items,
    resident,
    result_for,
)


def _count(store: Store, table: Table) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def test_new_records_are_stored_with_every_field(store: Store) -> None:
    run_id = begin(store)
    res = resident(
        1,
        premier_prenom="ALICE",
        nom_utilise="MARTIN",
        prenom_utilise="ALI",
        matricule_ins="283052A00412307",
        oid_ins="1.2.250.1.213.1.4.8",
        justificatif=Justificatif.CNI,
        attributs=frozenset({Attribut.HOMONYME, Attribut.DOUTEUSE}),
        statut=Statut.VALIDEE,
        actif=False,
    )
    store.save_chunk(run_id, [item(res, digest="h1")])
    assert store.count_records() == 1
    assert store.get_resident(STRUCTURE, res.local_id) == replace(res, ligne=0)
    assert store.get_resident(STRUCTURE, "absent") is None
    hashes = store.record_hashes()
    assert list(hashes) == [(STRUCTURE, res.local_id)]
    assert hashes[(STRUCTURE, res.local_id)][1] == "h1"
    with store.engine.connect() as conn:
        row = conn.execute(select(records)).mappings().one()
    assert row["attributs"] == "DOUTEUSE|HOMONYME"
    assert (row["first_run"], row["last_run"]) == (run_id, run_id)
    assert store.record_history(STRUCTURE, res.local_id) == []


def test_changed_record_is_updated_and_its_change_recorded(store: Store) -> None:
    first = begin(store)
    res = resident(7)
    store.save_chunk(first, [item(res)])
    second = begin(store)
    moved = replace(res, nom_utilise="DURAND", lieu_naissance="2A004", actif=False)
    store.save_chunk(second, [item(moved)])

    assert store.count_records() == 1
    assert store.get_resident(STRUCTURE, res.local_id) == replace(moved, ligne=0)
    (change,) = store.record_history(STRUCTURE, res.local_id)
    assert change.run_id == second
    assert dict(change.avant) == {"nom_utilise": None, "lieu_naissance": "75056", "actif": True}
    assert dict(change.apres) == {
        "nom_utilise": "DURAND",
        "lieu_naissance": "2A004",
        "actif": False,
    }
    with store.engine.connect() as conn:
        row = conn.execute(select(records)).mappings().one()
    assert (row["first_run"], row["last_run"]) == (first, second)


def test_unchanged_record_only_gets_its_last_run(store: Store) -> None:
    first = begin(store)
    chunk = items(4)
    store.save_chunk(first, chunk)
    skip = [("records", "last_run"), ("results", "run_id")]
    data = ["records", "record_changes", "results", "insi_payloads", "insi_responses"]
    before = dump(store, skip=skip, tables=data)
    second = begin(store)
    store.save_chunk(second, chunk)
    assert dump(store, skip=skip, tables=data) == before
    with store.engine.connect() as conn:
        assert set(conn.execute(select(records.c.last_run)).scalars()) == {second}
        assert set(conn.execute(select(records.c.first_run)).scalars()) == {first}
    assert _count(store, record_changes) == 0


def test_new_hash_with_the_same_fields_records_no_change(store: Store) -> None:
    run_id = begin(store)
    res = resident(3)
    store.save_chunk(run_id, [item(res, digest="v1")])
    store.save_chunk(run_id, [item(res, digest="v2")])
    assert store.record_hashes()[res.key][1] == "v2"
    assert store.record_history(*res.key) == []


def test_saving_the_same_chunk_twice_changes_nothing(store: Store) -> None:
    run_id = begin(store)
    chunk = items(30)
    store.save_chunk(run_id, chunk)
    before = dump(store)
    store.save_chunk(run_id, chunk)
    assert dump(store) == before


def test_results_and_discordances_are_replaced_not_added(store: Store) -> None:
    run_id = begin(store)
    res = resident(5)
    two = result_for(res, discordances=[discordance(), discordance("sexe", "DI04")])
    store.save_chunk(run_id, [item(res, two)])
    assert [d.discordance.code for d in store.iter_discordances()] == ["DI01", "DI04"]

    qualified = result_for(
        res,
        Statut.QUALIFIEE,
        discordances=[discordance("date_naissance", "DI03")],
        ecart_statut=EcartStatut.SOUSESTIME,
        regles=("ST09",),
        insi_active="283052A00412307",
        insi_oid="1.2.250.1.213.1.4.8",
    )
    store.save_chunk(run_id, [item(res, qualified)])
    (stored,) = store.iter_results()
    assert (stored.statut, stored.ins_utilisable, stored.regles) == (
        Statut.QUALIFIEE,
        True,
        ("ST09",),
    )
    assert stored.ecart_statut is EcartStatut.SOUSESTIME
    assert (stored.insi_active, stored.insi_oid) == ("283052A00412307", "1.2.250.1.213.1.4.8")
    assert [(d.rang, d.discordance) for d in store.iter_discordances()] == [
        (0, discordance("date_naissance", "DI03"))
    ]
    store.save_chunk(run_id, [item(res, result_for(res))])
    assert list(store.iter_discordances()) == []
    assert _count(store, results) == 1


def test_results_read_back_with_their_findings(store: Store) -> None:
    run_id = begin(store)
    res = resident(2, attributs=frozenset({Attribut.FICTIVE}), statut=Statut.QUALIFIEE)
    findings = (
        Finding("MI02", Gravite.BLOQUANTE, "Clé incorrecte : 2************07", trait="matricule"),
        Finding(
            "DI01",
            Gravite.MINEURE,
            "Apostrophe.",
            trait="nom_naissance",
            valeur_locale="D'ARC",
            valeur_insi="D ARC",
        ),
    )
    result = result_for(
        res, Statut.PROVISOIRE, findings=findings, ecart_statut=EcartStatut.SURESTIME
    )
    store.save_chunk(run_id, [item(res, result)])
    (stored,) = store.iter_results()
    assert (stored.structure, stored.local_id, stored.run_id) == (STRUCTURE, res.local_id, run_id)
    assert stored.findings == findings
    assert stored.attributs == frozenset({Attribut.FICTIVE})
    assert stored.statut_declare is Statut.QUALIFIEE
    assert stored.ecart_statut is EcartStatut.SURESTIME
    assert stored.actif is True


def test_iter_results_filters_and_orders(store: Store) -> None:
    run_id = begin(store)
    store.save_chunk(run_id, items(3, structure="750000002") + items(2, structure="750000001"))
    keys = [(r.structure, r.local_id) for r in store.iter_results()]
    assert keys == sorted(keys) and len(keys) == 5
    assert {r.structure for r in store.iter_results("750000002")} == {"750000002"}
    assert len(list(store.iter_discordances("750000002"))) == 1


def test_insi_responses_are_not_duplicated(store: Store) -> None:
    run_id = begin(store)
    res = resident(9)
    a, b = insi("00", nom="A"), insi("01", nom="B")
    same_as_a_from_elsewhere = replace(a, source="autre_fichier.xml")
    store.save_chunk(run_id, [item(res, insi_responses=[a, a, b])])
    store.save_chunk(run_id, [item(res, insi_responses=[a, same_as_a_from_elsewhere, b])])
    assert _count(store, insi_responses) == 2
    assert store.insi_responses(*res.key) == [a, b]
    c = StoredInsi(source="s", date=None, cr="02", operation=None, payload={})
    store.save_chunk(run_id, [item(res, insi_responses=[c])])
    assert store.insi_responses(*res.key) == [a, b, c]
    assert store.insi_responses(STRUCTURE, "absent") == []


def test_a_payload_is_stored_once_for_every_response_that_carries_it(store: Store) -> None:
    run_id = begin(store)
    none_found = StoredInsi(source="a.jsonl", date=T0, cr="01", operation="VERIFICATION")
    chunk = [item(resident(i), insi_responses=[none_found, insi(nom=f"N{i}")]) for i in range(3)]
    store.save_chunk(run_id, chunk)
    store.save_chunk(run_id, [item(resident(3), insi_responses=[replace(none_found, date=None)])])
    assert (_count(store, insi_payloads), _count(store, insi_responses)) == (1 + 3, 2 * 3 + 1)
    for i in range(3):
        assert store.insi_responses(*resident(i).key) == [none_found, insi(nom=f"N{i}")]
    with store.engine.connect() as conn:
        body = conn.execute(select(insi_payloads.c.body).limit(1)).scalar_one()
    assert isinstance(body, bytes) and b"nom" not in body  # kept deflated


def test_counts_by_structure(store: Store) -> None:
    first = begin(store)
    chunk = []
    plan = [
        (Statut.QUALIFIEE, frozenset(), True),
        (Statut.QUALIFIEE, frozenset({Attribut.DOUTEUSE}), True),
        (Statut.VALIDEE, frozenset({Attribut.FICTIVE}), True),
        (Statut.RECUPEREE, frozenset(), True),
        (Statut.PROVISOIRE, frozenset({Attribut.DOUTEUSE, Attribut.HOMONYME}), True),
        (Statut.QUALIFIEE, frozenset(), False),  # not in the active file
    ]
    for i, (statut, attributs, actif) in enumerate(plan):
        res = resident(i, attributs=attributs, actif=actif)
        disc = [discordance()] if i == 4 else []
        ecart = EcartStatut.SURESTIME if i == 3 else None
        chunk.append(item(res, result_for(res, statut, disc, ecart_statut=ecart)))
    chunk.append(item(resident(50, "750000002")))
    store.save_chunk(first, chunk)

    counts = store.counts_by_structure()
    assert list(counts) == ["750000001", "750000002"]
    assert counts["750000001"] == {
        "fiches": 5,
        "actifs": 5,
        "provisoires": 1,
        "recuperees": 1,
        "validees": 1,
        "qualifiees": 2,
        "sans_resultat": 0,
        "douteuses": 2,
        "fictives": 1,
        "ins_utilisables": 2,
        "surestimes": 1,
        "discordances_bloquantes": 1,
    }
    everything = store.counts_by_structure(active_only=False)
    assert (everything["750000001"]["fiches"], everything["750000001"]["actifs"]) == (6, 5)
    assert everything["750000001"]["qualifiees"] == 3

    second = begin(store)
    store.save_chunk(second, chunk[:2])
    assert store.counts_by_structure(run_id=second) == {
        "750000001": store.counts_by_structure(run_id=second)["750000001"]
    }
    assert store.counts_by_structure(run_id=second)["750000001"]["fiches"] == 2


def test_chunk_larger_than_a_batch(store: Store) -> None:
    run_id = begin(store)
    chunk = items(BATCH + 1_500)
    store.save_chunk(run_id, chunk)
    store.save_chunk(run_id, chunk)
    assert store.count_records() == BATCH + 1_500
    assert _count(store, results) == BATCH + 1_500
    assert _count(store, insi_responses) == (BATCH + 1_500) // 2


def test_invalid_chunks_write_nothing(store: Store) -> None:
    run_id = begin(store)
    res = resident(1)
    with pytest.raises(StoreError, match="deux fois"):
        store.save_chunk(run_id, [item(res), item(res)])
    other = resident(2)
    with pytest.raises(StoreError, match="autre fiche"):
        store.save_chunk(run_id, [item(resident(3)), item(res, result_for(other))])
    with pytest.raises(StoreError, match="enregistrement d'un lot"):
        store.save_chunk(run_id + 99, [item(res)])  # no such run: foreign key
    assert store.count_records() == 0
    store.save_chunk(run_id, [])
    assert store.count_records() == 0


def test_error_messages_carry_no_values(store: Store) -> None:
    run_id = begin(store)
    res = resident(1, matricule_ins="283052A00412307")
    with pytest.raises(StoreError) as caught:
        store.save_chunk(run_id + 99, [item(res)])
    assert "283052A00412307" not in str(caught.value)
    assert "NOMTEST" not in str(caught.value)
    assert caught.value.__cause__ is None


def test_saved_at_is_recent(store: Store) -> None:
    run_id = begin(store)
    store.save_chunk(run_id, items(1))
    with store.engine.connect() as conn:
        updated = conn.execute(select(records.c.updated_at)).scalar_one()
    assert updated > T0


def test_many_changed_records_in_one_chunk(store: Store) -> None:
    first = begin(store)
    chunk = items(60)
    store.save_chunk(first, chunk)
    second = begin(store)
    renamed = [
        item(replace(it.resident, nom_naissance=f"AUTRE{i}")) if i % 2 else it
        for i, it in enumerate(chunk)
    ]
    store.save_chunk(second, renamed)
    assert _count(store, record_changes) == 30
    for i, it in enumerate(renamed):
        stored = store.get_resident(*it.resident.key)
        assert stored == replace(it.resident, ligne=0)
        history = store.record_history(*it.resident.key)
        if i % 2:
            assert [(h.run_id, dict(h.apres)) for h in history] == [
                (second, {"nom_naissance": f"AUTRE{i}"})
            ]
        else:
            assert history == []


def test_result_run_id_is_the_run_that_computed_it(store: Store) -> None:
    first = begin(store)
    same, changes = resident(1), resident(2)
    store.save_chunk(first, [item(same), item(changes)])
    second = begin(store)
    store.save_chunk(second, [item(same), item(changes, result_for(changes, Statut.VALIDEE))])
    run_ids = {r.local_id: r.run_id for r in store.iter_results()}
    assert run_ids == {same.local_id: first, changes.local_id: second}
