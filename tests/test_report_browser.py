"""``report --format html`` in a real headless browser (Debian's Chromium): the page renders
without network, its screenshot is not blank, its figures are those of ``taux.csv``, the
per-structure table comes right after the totals (the long age table last), and the trend
chart's axes show rates fitted to the data and the runs' dates."""

from __future__ import annotations

import struct
import zlib
from datetime import UTC, datetime
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from insvigil.review.report import ReportData, TrendRow, render_report
from insvigil.review.types import IndicatorRow
from insvigil.store import open_store
from insvigil.store.review import indicators
from tests.browser import find_chromium, render
from tests.review_fixture import Built, build

pytestmark = pytest.mark.skipif(
    find_chromium() is None, reason="chromium absent : apt-get install -y chromium"
)


class TauxTable(HTMLParser):
    """The rendered ``table#taux``: per row, data-col → (data-value, visible text)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, tuple[str, str]]] = []
        self._in_table = False
        self._col: str | None = None
        self._value = ""
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table" and a.get("id") == "taux":
            self._in_table = True
        elif self._in_table and tag == "tr" and a.get("data-structure") is not None:
            self.rows.append({})
        elif self._in_table and tag == "td" and a.get("data-col"):
            self._col, self._value, self._text = a["data-col"], a.get("data-value") or "", []

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._in_table = False
        elif tag == "td" and self._col is not None:
            self.rows[-1][self._col] = (self._value, "".join(self._text).strip())
            self._col = None

    def handle_data(self, data: str) -> None:
        if self._col is not None:
            self._text.append(data)


def visible_to_csv(col: str, shown: str) -> str:
    if col == "structure":
        return shown
    if col == "taux_qualification":
        if shown == "—":
            return ""
        number = Decimal(shown.replace("%", "").replace(",", ".").strip()) / 100
        return f"{number:.4f}"
    return shown.replace("\u202f", "").replace("\xa0", "").replace(" ", "")


def png_is_not_blank(path: Path) -> bool:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, pos = [], 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        if kind == b"IDAT":
            chunks.append(data[pos + 8 : pos + 8 + length])
        pos += 12 + length
    pixels = zlib.decompress(b"".join(chunks))
    return len(set(pixels[:2_000_000])) > 8  # more than a few distinct byte values


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(tmp_path_factory.mktemp("navigateur"))


def test_html_report_in_headless_chromium(built: Built, tmp_path: Path) -> None:
    with open_store(built.db_url) as store:
        page = render_report(indicators.load_report(store), "html")
    html = tmp_path / "rapport.html"
    html.write_text(page, encoding="utf-8")
    rendered = render(html, tmp_path)
    assert rendered.screenshot.stat().st_size > 20_000 and png_is_not_blank(rendered.screenshot)
    assert 'id="graphe-statuts"' in rendered.dom and 'id="graphe-tendance"' in rendered.dom
    table = TauxTable()
    table.feed(rendered.dom)
    lines = (built.out / "taux.csv").read_text("utf-8-sig").splitlines()
    header = lines[0].split(";")
    assert len(table.rows) == len(lines) - 1
    for line, row in zip(lines[1:], table.rows, strict=True):
        for col, expected in zip(header, line.split(";"), strict=True):
            value, shown = row[col]
            assert value == expected, (col, value, expected)
            assert visible_to_csv(col, shown) == expected, (col, shown, expected)


class AxisLabels(HTMLParser):
    """The texts of the trend chart's axes (``text.axe-x`` and ``text.axe-y``)."""

    def __init__(self) -> None:
        super().__init__()
        self.x: list[str] = []
        self.y: list[str] = []
        self._into: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        css = dict(attrs).get("class")
        if tag == "text" and css in ("axe-x", "axe-y"):
            self._into = self.x if css == "axe-x" else self.y
            self._into.append("")

    def handle_data(self, data: str) -> None:
        if self._into is not None:
            self._into[-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "text":
            self._into = None


def test_per_structure_table_comes_right_after_the_totals(built: Built, tmp_path: Path) -> None:
    with open_store(built.db_url) as store:
        page = render_report(indicators.load_report(store), "html")
    html = tmp_path / "rapport.html"
    html.write_text(page, encoding="utf-8")
    dom = render(html, tmp_path).dom
    marks = [
        'id="synthese"',
        'id="taux"',
        'id="graphe-statuts"',
        'id="graphe-tendance"',
        'id="graphe-anciennete"',
        'id="anciennete"',
        'id="definitions"',
    ]
    where = [dom.index(mark) for mark in marks]
    assert where == sorted(where), dict(zip(marks, where, strict=True))
    between = dom[dom.index('id="synthese"') : dom.index('id="taux"')]
    assert "<svg" not in between and "<table" in between  # nothing else in between


def _trend_data() -> ReportData:
    """Three runs, two of them on one day; rates between 27 % and 33 %."""
    dates = {
        1: datetime(2026, 10, 1, 9, 0, tzinfo=UTC),
        2: datetime(2026, 10, 15, 8, 30, tzinfo=UTC),
        3: datetime(2026, 10, 15, 16, 45, tzinfo=UTC),
    }
    rows = [TrendRow(run, 100, q, f"{q / 100:.4f}") for run, q in ((1, 27), (2, 30), (3, 33))]
    latest = IndicatorRow("750000001", 100, 67, 0, 0, 33, "0.3300", 0, 0, 0, 0, 0, 33, 3, dates[3])
    return ReportData(dates[3], [latest], {"750000001": rows}, run_dates=dates)


def test_trend_axis_fits_the_rates_and_shows_the_run_dates(tmp_path: Path) -> None:
    html = tmp_path / "tendance.html"
    html.write_text(render_report(_trend_data(), "html"), encoding="utf-8")
    rendered = render(html, tmp_path)
    assert png_is_not_blank(rendered.screenshot)
    axes = AxisLabels()
    axes.feed(rendered.dom)
    assert axes.x == ["01/10/2026", "15/10/2026 08:30", "15/10/2026 16:45"]
    assert all(label.endswith(" %") for label in axes.y), axes.y
    ticks = [float(label.removesuffix(" %").replace(",", ".")) for label in axes.y]
    assert ticks == sorted(ticks) and len(ticks) >= 3
    # around the data (27–33 %) with a margin, not 0–100 %
    assert 20 <= ticks[0] < 27 and 33 < ticks[-1] <= 40, ticks
