"""Report payloads and the HTML page's structure (pure; the browser test is test_report_browser)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from html.parser import HTMLParser

from insvigil.review.counts import OpenGroup, count_open
from insvigil.review.report import ReportData, TrendRow, overall_trend, render_report
from insvigil.review.types import IndicatorRow

T0 = datetime(2026, 10, 1, tzinfo=UTC)


def row(structure: str, run: int, actifs: int, qualifiees: int) -> IndicatorRow:
    taux = f"{qualifiees / actifs:.4f}" if actifs else ""
    return IndicatorRow(
        structure,
        actifs,
        actifs - qualifiees,
        0,
        0,
        qualifiees,
        taux,
        0,
        0,
        1,
        0,
        0,
        qualifiees,
        run_id=run,
        at=T0,
    )


def trend_of(rows: list[IndicatorRow]) -> list[TrendRow]:
    return [TrendRow(r.run_id or 0, r.actifs, r.qualifiees, r.taux_qualification) for r in rows]


def data() -> ReportData:
    by_structure = {
        "750000001": [row("750000001", 1, 10, 2), row("750000001", 2, 10, 6)],
        "<script>": [row("<script>", 2, 0, 0)],
    }
    latest = [rows[-1] for rows in by_structure.values()]
    trend = {s: trend_of(rows) for s, rows in by_structure.items()}
    ages = count_open(
        [
            OpenGroup("DISCORDANCE", "750000001", None, True, 0),
            OpenGroup("DISCORDANCE", "750000001", None, True, 2, 2),
        ]
    )
    return ReportData(T0, latest, trend, ages, run_dates={1: T0, 2: T0})


class Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_overall_trend_sums_each_run() -> None:
    points = overall_trend(data())
    assert [(p.run_id, p.actifs, p.qualifiees) for p in points] == [(1, 10, 2), (2, 10, 6)]


def test_html_is_self_contained_and_escaped() -> None:
    page = render_report(data(), "html")
    parser = Collect()
    parser.feed(page)
    tags = {t for t, _ in parser.tags}
    assert not tags & {"script", "link", "img", "iframe", "object"}
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page and "<script>" not in page and "&lt;script&gt;" in page
    cells = [(a.get("data-col"), a.get("data-value")) for t, a in parser.tags if t == "td"]
    assert ("taux_qualification", "0.6000") in cells and ("actifs", "10") in cells
    assert "60,00 %" in page and 'id="graphe-tendance"' in page and "polyline" in page


def test_json_and_csv() -> None:
    doc = json.loads(render_report(data(), "json"))
    assert [s["structure"] for s in doc["structures"]] == ["750000001", "<script>"]
    assert doc["structures"][1]["taux_qualification"] is None
    assert doc["anciennete"]["elements_ouverts"][0]["nombres"] == [1, 0, 2, 0]
    lines = render_report(data(), "csv").splitlines()
    assert lines[1] == "750000001;10;4;0;0;6;0.6000;0;0;1;0;0;6"
    assert lines[2] == "<script>;0;0;0;0;0;;0;0;1;0;0;0"
