"""Runs: begin, finish, interrupted runs."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from insvigil.errors import StoreError
from insvigil.store import EtatRun, Store

from .helpers import T0, begin


def test_begin_and_finish(store: Store) -> None:
    run_id = store.begin_run(
        input_name="residents.csv",
        input_sha256="1" * 64,
        rules_sha256="2" * 64,
        started_at=T0,
    )
    (info,) = store.runs()
    assert (info.id, info.etat, info.finished_at, dict(info.counts)) == (
        run_id,
        EtatRun.EN_COURS,
        None,
        {},
    )
    assert (info.input_name, info.input_sha256, info.rules_sha256) == (
        "residents.csv",
        "1" * 64,
        "2" * 64,
    )
    store.finish_run(run_id, counts={"fiches": 10, "rejets": 2}, finished_at=T0 + timedelta(1))
    (info,) = store.runs()
    assert info.etat is EtatRun.TERMINE
    assert info.finished_at == T0 + timedelta(1)
    assert dict(info.counts) == {"fiches": 10, "rejets": 2}


def test_datetimes_keep_their_offset_or_naivety(store: Store) -> None:
    paris = datetime(2026, 3, 29, 3, 30, tzinfo=timezone(timedelta(hours=2)))
    naive = datetime(2026, 3, 29, 3, 30, 15, 123456)
    first = store.begin_run(input_name="a", input_sha256="", rules_sha256="", started_at=paris)
    store.finish_run(first, counts={}, finished_at=naive)
    info = store.runs()[0]
    assert info.started_at == paris and info.started_at.utcoffset() == timedelta(hours=2)
    assert info.finished_at == naive and info.finished_at.tzinfo is None


def test_a_run_left_en_cours_becomes_interrompu(store: Store) -> None:
    killed = begin(store, "premier.csv")
    second = begin(store, "second.csv")
    states = {r.id: r.etat for r in store.runs()}
    assert states == {killed: EtatRun.INTERROMPU, second: EtatRun.EN_COURS}
    with pytest.raises(StoreError, match="INTERROMPU"):
        store.finish_run(killed, counts={}, finished_at=T0)


def test_finishing_twice_or_an_unknown_run_is_refused(store: Store) -> None:
    run_id = begin(store)
    store.finish_run(run_id, counts={}, finished_at=T0)
    with pytest.raises(StoreError, match="TERMINE"):
        store.finish_run(run_id, counts={}, finished_at=T0)
    with pytest.raises(StoreError, match="inconnue"):
        store.finish_run(run_id + 100, counts={}, finished_at=T0)


def test_runs_are_listed_oldest_first(store: Store) -> None:
    ids = [begin(store, f"f{i}.csv") for i in range(3)]
    assert [r.id for r in store.runs()] == ids
    assert [r.input_name for r in store.runs()] == ["f0.csv", "f1.csv", "f2.csv"]
