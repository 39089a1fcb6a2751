"""The report's trend chart: the qualification rate across runs, as inline SVG.

The y axis fits the data (with a margin, ticks on a round step in %), so that a rate moving
between 27 % and 33 % is seen moving; the x axis shows each run's date (dd/mm/yyyy, and the
UTC time too when two runs share a day), thinned out when they would overlap.

>>> _axis([0.28, 0.31])
(0.26, 0.34, 0.02)
>>> run_labels([datetime(2026, 12, 7, 9, 5), datetime(2026, 12, 7, 14, 0), None])
['07/12/2026 09:05', '07/12/2026 14:00', '—']
>>> run_labels([datetime(2026, 12, 8, 9, 5, 1), datetime(2026, 12, 8, 9, 5, 40)])
['08/12/2026 09:05:01', '08/12/2026 09:05:40']
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from html import escape

from insvigil.review.report_blocks import legend

__all__ = ["TREND_COLOURS", "line_chart", "run_labels"]

TREND_COLOURS = ("#263238", "#1565c0", "#2e7d32", "#c62828", "#6a1b9a", "#ef6c00")
#: Candidate tick steps of the rate axis (fractions of 1), smallest first.
_STEPS = (0.001, 0.002, 0.0025, 0.005, 0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25)
_MAX_TICKS = 7
_WIDTH, _HEIGHT, _LEFT, _TOP, _RIGHT = 640, 220, 52, 10, 64


def run_labels(dates: Sequence[datetime | None]) -> list[str]:
    """Each run's date, ``dd/mm/yyyy``; with ``HH:MM`` (UTC) when another run shares its day,
    and the seconds when another shares its minute too."""
    days = Counter(d.date() for d in dates if d is not None)
    minutes = Counter(d.replace(second=0, microsecond=0) for d in dates if d is not None)
    out = []
    for d in dates:
        if d is None:
            out.append("—")
        elif minutes[d.replace(second=0, microsecond=0)] > 1:
            out.append(f"{d:%d/%m/%Y %H:%M:%S}")
        elif days[d.date()] > 1:
            out.append(f"{d:%d/%m/%Y %H:%M}")
        else:
            out.append(f"{d:%d/%m/%Y}")
    return out


def _axis(rates: Sequence[float]) -> tuple[float, float, float]:
    """(low, high, tick step) of the rate axis: the data with a margin, on round ticks."""
    if not rates:
        return 0.0, 1.0, 0.25
    lo, hi = min(rates), max(rates)
    pad = max((hi - lo) * 0.1, 0.02)  # at least 2 points: a flat line stays flat
    lo, hi = max(0.0, lo - pad), min(1.0, hi + pad)
    step = next((s for s in _STEPS if (hi - lo) / s <= _MAX_TICKS - 1), 0.25)
    low = math.floor(round(lo / step, 6)) * step
    high = math.ceil(round(hi / step, 6)) * step
    return round(max(0.0, low), 6), round(min(1.0, high), 6), step


def _pct_label(rate: float, step: float) -> str:
    decimals = 0 if step >= 0.01 else 1
    return f"{100 * rate:.{decimals}f} %".replace(".", ",")


def line_chart(labels: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]]) -> str:
    """Rates (0–1) per run: ``labels`` one per run, ``series`` = (name, one rate per run)."""
    n = len(labels)
    rates = [r for _, points in series for r in points if r is not None]
    lo, hi, step = _axis(rates)
    span = hi - lo or 1.0

    def x_of(i: int) -> float:
        return _LEFT + (_WIDTH / 2 if n == 1 else i * _WIDTH / (n - 1))

    def y_of(rate: float) -> float:
        return _TOP + _HEIGHT * (1 - (rate - lo) / span)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="graphe-tendance" role="img" '
        f'width="{_LEFT + _WIDTH + _RIGHT}" height="{_HEIGHT + 44}" '
        f'aria-label="Évolution du taux de qualification">'
    ]
    ticks = round((hi - lo) / step)
    for k in range(ticks + 1):
        rate = lo + k * step
        y = y_of(rate)
        parts.append(
            f'<line x1="{_LEFT}" x2="{_LEFT + _WIDTH}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text class="axe-y" x="{_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{_pct_label(rate, step)}</text>"
        )
    widest = max((len(label) for label in labels), default=0) * 6.5 + 12
    every = max(1, math.ceil(widest / (_WIDTH / max(1, n - 1)))) if n > 1 else 1
    shown = [i for i in range(n) if i % every == 0]
    if n > 1 and shown[-1] != n - 1:
        if (n - 1 - shown[-1]) * _WIDTH / (n - 1) < widest:
            shown.pop()
        shown.append(n - 1)
    for i in shown:
        parts.append(
            f'<text class="axe-x" x="{x_of(i):.1f}" y="{_TOP + _HEIGHT + 18}" '
            f'text-anchor="middle">{escape(labels[i])}</text>'
        )
    for k, (name, points) in enumerate(series):
        colour = TREND_COLOURS[k % len(TREND_COLOURS)]
        xy = [(x_of(i), y_of(r), r, labels[i]) for i, r in enumerate(points) if r is not None]
        if len(xy) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in xy)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" '
                f'stroke-width="{3 if k == 0 else 1.5}"/>'
            )
        for x, y, rate, label in xy:
            value = f"{100 * rate:.2f} %".replace(".", ",")
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}">'
                f"<title>{escape(name)} — {escape(label)} : {value}</title></circle>"
            )
    parts.append("</svg>")
    chart_legend = legend(
        [(s[0], TREND_COLOURS[k % len(TREND_COLOURS)]) for k, s in enumerate(series)]
    )
    return chart_legend + "".join(parts)
