"""``insvigil report``: the indicators kept in the store, as CSV, JSON or HTML.

The CSV has exactly ``taux.csv``'s columns (contract §5) with each structure's most recent row,
so after a run it is the same file as that run's ``taux.csv``. Its ``discordances_ouvertes``
and ``doublons_ouverts`` are those of the review queue when the report is made
(:func:`with_open_counts`, counted as :mod:`insvigil.review.counts` defines them, the same
function the run used for ``taux.csv``): right after a run the same figures, after referents'
decisions the current ones — as the age table shows them. The JSON is
``{"structures": [one object per taux.csv row, same keys]}`` plus the trend of every structure
across runs (``tendance``), the open queue items by age (``anciennete``: per structure, a pair
of two structures in both; ``ensemble``: each item once) and the totals (``ensemble``). The
HTML page is :mod:`insvigil.review.report_html`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from insvigil.review.counts import AGE_BUCKETS, OpenCounts, by_kind_rows
from insvigil.review.files import csv_text, write_csv_file, write_text_file
from insvigil.review.types import IndicatorRow

__all__ = [
    "AGE_BUCKETS",
    "FORMATS",
    "TAUX_COLUMNS",
    "ReportData",
    "TrendPoint",
    "TrendRow",
    "overall_trend",
    "render_report",
    "report_json",
    "with_open_counts",
    "write_report",
]

#: ``taux.csv``'s columns (contract §5, then the appended ``surestimes``, ``ins_utilisables``).
TAUX_COLUMNS: tuple[str, ...] = (
    "structure",
    "actifs",
    "provisoires",
    "recuperees",
    "validees",
    "qualifiees",
    "taux_qualification",
    "douteuses",
    "fictives",
    "discordances_ouvertes",
    "doublons_ouverts",
    "surestimes",
    "ins_utilisables",
)

FORMATS = ("csv", "json", "html")


@dataclass(frozen=True, slots=True)
class TrendRow:
    """One structure's figures at one run (the trend of ``report``)."""

    run_id: int
    actifs: int
    qualifiees: int
    taux_qualification: str  # as in taux.csv: "0.8123", or ""

    @property
    def rate(self) -> float | None:
        return float(self.taux_qualification) if self.taux_qualification else None


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """The qualification rate of all structures of one run together."""

    run_id: int
    at: datetime | None
    actifs: int
    qualifiees: int

    @property
    def rate(self) -> float | None:
        return self.qualifiees / self.actifs if self.actifs else None


@dataclass(frozen=True, slots=True)
class ReportData:
    """What ``report`` shows."""

    generated_at: datetime
    latest: Sequence[IndicatorRow]
    trend: Mapping[str, Sequence[TrendRow]] = field(default_factory=dict)
    #: The open queue items when the report is made (insvigil.review.counts).
    open: OpenCounts = field(default_factory=OpenCounts)
    run_dates: Mapping[int, datetime] = field(default_factory=dict)  # run id → its date


def with_open_counts(rows: Sequence[IndicatorRow], counts: OpenCounts) -> list[IndicatorRow]:
    """The rows with each structure's current ``discordances_ouvertes`` and
    ``doublons_ouverts`` (the other figures are those of its last run)."""
    return [
        replace(
            row,
            discordances_ouvertes=counts.of(row.structure).discordances_ouvertes,
            doublons_ouverts=counts.of(row.structure).doublons_ouverts,
        )
        for row in rows
    ]


def overall_trend(data: ReportData) -> list[TrendPoint]:
    """Per run, the sum over the structures that run counted, oldest run first."""
    totals: dict[int, list[int]] = {}
    for rows in data.trend.values():
        for row in rows:
            total = totals.setdefault(row.run_id, [0, 0])
            total[0] += row.actifs
            total[1] += row.qualifiees
    return [
        TrendPoint(run, data.run_dates.get(run), a, q) for run, (a, q) in sorted(totals.items())
    ]


def _row_json(row: IndicatorRow) -> dict[str, object]:
    out: dict[str, object] = dict(zip(TAUX_COLUMNS, row.taux_row(), strict=True))
    out["taux_qualification"] = row.rate
    out["traitement"] = row.run_id
    out["date"] = row.at.isoformat() if row.at else None
    return out


def report_json(data: ReportData) -> dict[str, object]:
    """The JSON document of ``report --format json``."""
    dates = {run: at.isoformat() for run, at in data.run_dates.items()}
    return {
        "structures": [_row_json(row) for row in data.latest],
        "tendance": {
            structure: [
                {
                    "traitement": r.run_id,
                    "date": dates.get(r.run_id),
                    "actifs": r.actifs,
                    "qualifiees": r.qualifiees,
                    "taux_qualification": r.rate,
                }
                for r in rows
            ]
            for structure, rows in data.trend.items()
        },
        "anciennete": {
            "classes": [label for label, _ in AGE_BUCKETS],
            "elements_ouverts": [
                {"structure": structure, "type": kind, "nombres": list(ages)}
                for structure, kind, ages in by_kind_rows(data.open.structures)
            ],
            "ensemble": [
                {"type": kind, "nombres": list(ages)}
                for _, kind, ages in by_kind_rows({"": data.open.all})
            ],
        },
        "ensemble": {
            "actifs": sum(r.actifs for r in data.latest),
            "qualifiees": sum(r.qualifiees for r in data.latest),
            "elements_ouverts": data.open.total,
            "discordances_ouvertes": data.open.discordances_ouvertes,
            "doublons_ouverts": data.open.doublons_ouverts,
        },
        "genere_le": data.generated_at.isoformat(),
    }


def render_report(data: ReportData, fmt: str) -> str:
    """The report as text: ``csv`` (no BOM: for the terminal), ``json`` or ``html``."""
    if fmt == "csv":
        return csv_text(TAUX_COLUMNS, [row.taux_row() for row in data.latest])
    if fmt == "json":
        return json.dumps(report_json(data), ensure_ascii=False) + "\n"
    if fmt == "html":
        from insvigil.review.report_html import render_html

        return render_html(data)
    raise ValueError(f"format inconnu « {fmt} » (attendu : {', '.join(FORMATS)})")


def write_report(data: ReportData, fmt: str, path: Path) -> None:
    """Write the report to ``path`` (0600, atomic); the CSV exactly like ``taux.csv``."""
    if fmt == "csv":
        write_csv_file(path, TAUX_COLUMNS, [row.taux_row() for row in data.latest])
    else:
        write_text_file(path, render_report(data, fmt))
