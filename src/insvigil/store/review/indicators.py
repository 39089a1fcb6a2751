"""The indicators of every run (``taux.csv`` rows) and what ``report`` reads back.

:func:`save_indicators` keeps the rows of one run (saving the same run again replaces them);
:func:`latest_indicators` gives each structure's most recent row (the figures of its last
``taux.csv``); :func:`indicator_trend` every row, by structure and run; :func:`load_report` all
of it for ``report``, with the open queue items counted now
(:func:`insvigil.store.review.open_counts.open_counts`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy import delete, func, insert, select

from insvigil.accounts.scope import Scope
from insvigil.review.report import ReportData, TrendRow, with_open_counts
from insvigil.review.types import IndicatorRow
from insvigil.store.db.engine import db_errors, read_tx, write_tx
from insvigil.store.db.queue_rows import Target, engine_of, now_utc
from insvigil.store.review.open_counts import open_counts
from insvigil.store.review.scoping import structure_condition
from insvigil.store.schema.review import INDICATOR_COLUMNS, indicators

__all__ = [
    "indicator_trend",
    "latest_indicators",
    "load_report",
    "run_dates",
    "save_indicators",
]


class _HasRow(Protocol):
    def row(self) -> tuple[object, ...]: ...


def _as_row(value: IndicatorRow | _HasRow | Sequence[object]) -> IndicatorRow:
    if isinstance(value, IndicatorRow):
        return value
    if hasattr(value, "row"):
        return IndicatorRow.from_taux(value.row())
    return IndicatorRow.from_taux(value)


def save_indicators(
    target: Target,
    run_id: int,
    rows: Iterable[IndicatorRow | _HasRow | Sequence[object]],
    *,
    at: datetime | None = None,
) -> int:
    """Keep one run's ``taux.csv`` rows (``IndicatorRow``, ``StructureTally`` or the 13 values of
    a row); replaces what was saved for that run. Returns the number of rows."""
    engine = engine_of(target)
    when = (at or now_utc()).astimezone(UTC).replace(microsecond=0)
    values = [
        {
            "run_id": run_id,
            "structure": r.structure,
            "at": when,
            **{name: getattr(r, name) for name in INDICATOR_COLUMNS},
            "taux_qualification": r.taux_qualification or None,
        }
        for r in map(_as_row, rows)
    ]
    with db_errors("enregistrement des indicateurs impossible"), write_tx(engine) as conn:
        conn.execute(delete(indicators).where(indicators.c.run_id == run_id))
        if values:
            conn.execute(insert(indicators), values)
    return len(values)


def _row(row: Any) -> IndicatorRow:
    return IndicatorRow(
        structure=row["structure"],
        **{name: int(row[name]) for name in INDICATOR_COLUMNS[:5]},
        taux_qualification=row["taux_qualification"] or "",
        **{name: int(row[name]) for name in INDICATOR_COLUMNS[5:]},
        run_id=int(row["run_id"]),
        at=row["at"],
    )


def latest_indicators(
    target: Target, structure: str | None = None, scope: Scope | None = None
) -> list[IndicatorRow]:
    """Each structure's row of its most recent run, by structure (those ``scope`` sees)."""
    engine = engine_of(target)
    last = select(indicators.c.structure, func.max(indicators.c.run_id).label("run_id")).group_by(
        indicators.c.structure
    )
    if structure is not None:
        last = last.where(indicators.c.structure == structure)
    if (seen := structure_condition(indicators.c.structure, scope)) is not None:
        last = last.where(seen)
    sub = last.subquery()
    stmt = (
        select(indicators)
        .join(
            sub, (indicators.c.structure == sub.c.structure) & (indicators.c.run_id == sub.c.run_id)
        )
        .order_by(indicators.c.structure)
    )
    with db_errors("lecture des indicateurs impossible"), read_tx(engine) as conn:
        return [_row(r) for r in conn.execute(stmt).mappings()]


def indicator_trend(
    target: Target, structure: str | None = None, scope: Scope | None = None
) -> dict[str, list[TrendRow]]:
    """Every saved row's rate figures, by structure, oldest run first (those ``scope`` sees)."""
    engine = engine_of(target)
    c = indicators.c
    stmt = select(c.structure, c.run_id, c.actifs, c.qualifiees, c.taux_qualification).order_by(
        c.structure, c.run_id
    )
    if structure is not None:
        stmt = stmt.where(c.structure == structure)
    if (seen := structure_condition(c.structure, scope)) is not None:
        stmt = stmt.where(seen)
    out: dict[str, list[TrendRow]] = {}
    with db_errors("lecture des indicateurs impossible"), read_tx(engine) as conn:
        for s, run_id, actifs, qualifiees, taux in conn.execute(stmt):
            out.setdefault(s, []).append(TrendRow(run_id, actifs, qualifiees, taux or ""))
    return out


def run_dates(target: Target) -> dict[int, datetime]:
    """The date of every run that saved indicators."""
    engine = engine_of(target)
    c = indicators.c
    stmt = select(c.run_id, func.min(c.at)).group_by(c.run_id)
    with db_errors("lecture des indicateurs impossible"), read_tx(engine) as conn:
        return {int(run_id): datetime.fromisoformat(str(at)) for run_id, at in conn.execute(stmt)}


def load_report(
    target: Target,
    now: datetime | None = None,
    structure: str | None = None,
    *,
    full: bool = True,
    scope: Scope | None = None,
) -> ReportData:
    """Everything ``report`` shows, from the store (``structure``: only that one; ``full=False``:
    the latest rows only, enough for the CSV; ``scope``: only the structures an account sees,
    a ``structure`` outside it giving an empty report)."""
    engine = engine_of(target)
    when = (now or now_utc()).astimezone(UTC).replace(microsecond=0)
    if structure is not None and scope is not None and not scope.sees(structure):
        return ReportData(generated_at=when, latest=[])  # read as an unknown structure
    counts = open_counts(engine, when, scope)
    if structure is not None:
        counts = counts.restricted(structure)
    latest = with_open_counts(latest_indicators(engine, structure, scope), counts)
    if not full:
        return ReportData(generated_at=when, latest=latest, open=counts)
    return ReportData(
        generated_at=when,
        latest=latest,
        trend=indicator_trend(engine, structure, scope),
        open=counts,
        run_dates=run_dates(engine),
    )
