"""Indicators of every run on SQLite and PostgreSQL: saved, latest per structure, trend, ages."""

from __future__ import annotations

from datetime import timedelta

from insvigil.qualify.tally import StructureTally
from insvigil.review.counts import by_kind_rows
from insvigil.review.report import render_report, report_json
from insvigil.review.types import IndicatorRow
from insvigil.store import Store
from insvigil.store.review import indicators, queue
from tests.store.review_helpers import S1, S2, T0, disc, new_run, pair, seen


def tally(structure: str, actifs: int, qualifiees: int, **more: int) -> StructureTally:
    t = StructureTally(
        structure,
        dossiers=actifs,
        actifs=actifs,
        qualifiees=qualifiees,
        provisoires=actifs - qualifiees,
        **more,
    )
    return t


def test_saved_rows_come_back_as_taux_rows(store: Store) -> None:
    run = new_run(store)
    tallies = [tally(S1, 3, 1, surestimes=1, ins_utilisables=1), tally(S2, 0, 0)]
    assert indicators.save_indicators(store, run, tallies, at=T0) == 2
    rows = indicators.latest_indicators(store)
    assert [r.taux_row() for r in rows] == [t.row() for t in tallies]
    assert rows[0].taux_qualification == "0.3333" and rows[1].taux_qualification == ""
    assert rows[0].run_id == run and rows[0].at == T0
    # saving the same run again replaces its rows
    indicators.save_indicators(store, run, [tally(S1, 4, 2)], at=T0)
    assert [r.taux_row() for r in indicators.latest_indicators(store)] == [tally(S1, 4, 2).row()]


def test_latest_is_per_structure_and_trend_keeps_every_run(store: Store) -> None:
    r1, r2, r3 = new_run(store), new_run(store), new_run(store)
    indicators.save_indicators(store, r1, [tally(S1, 10, 2), tally(S2, 5, 1)], at=T0)
    indicators.save_indicators(store, r2, [tally(S1, 10, 5)], at=T0 + timedelta(days=7))
    indicators.save_indicators(store, r3, [IndicatorRow.from_taux(tally(S1, 10, 8).row())])
    latest = {r.structure: (r.run_id, r.qualifiees) for r in indicators.latest_indicators(store)}
    assert latest == {S1: (r3, 8), S2: (r1, 1)}
    trend = indicators.indicator_trend(store)
    assert [r.taux_qualification for r in trend[S1]] == ["0.2000", "0.5000", "0.8000"]
    assert [r.run_id for r in trend[S2]] == [r1]
    only = indicators.load_report(store, structure=S2)
    assert [r.structure for r in only.latest] == [S2] and list(only.trend) == [S2]


def test_report_payloads_and_ages(store: Store) -> None:
    run = new_run(store)
    queue.sync_queue(store, run, [disc("A1"), pair("A2", "B1", structure_b=S2)], seen(), now=T0)
    queue.sync_queue(store, run, [disc("A3")], seen(), now=T0 + timedelta(days=50))
    indicators.save_indicators(store, run, [tally(S1, 3, 1), tally(S2, 2, 2)], at=T0)
    data = indicators.load_report(store, now=T0 + timedelta(days=60))
    ages = {(s, kind): counts for s, kind, counts in by_kind_rows(data.open.structures)}
    assert ages == {
        (S1, "DISCORDANCE"): (0, 1, 1, 0),
        (S1, "DOUBLON"): (0, 0, 1, 0),
        (S2, "DOUBLON"): (0, 0, 1, 0),
    }
    csv_text = render_report(data, "csv")
    # the saved row's figures, with the queue's open discordances and pairs of now
    assert csv_text.splitlines()[1] == f"{S1};3;2;0;0;1;0.3333;0;0;2;1;0;0"
    assert csv_text.splitlines()[2] == f"{S2};2;0;0;0;2;1.0000;0;0;0;1;0;0"
    doc = report_json(data)
    first = doc["structures"][0]  # type: ignore[index]
    assert first["taux_qualification"] == 0.3333 and first["traitement"] == run
    assert doc["tendance"][S2][0]["taux_qualification"] == 1.0  # type: ignore[index]
