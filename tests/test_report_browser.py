"""``report --format html`` in a real headless browser (Debian's Chromium): the page renders
without network, its screenshot is not blank, and its figures are those of ``taux.csv``."""

from __future__ import annotations

import struct
import zlib
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from insvigil.review.report import render_report
from insvigil.store import indicators, open_store
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
