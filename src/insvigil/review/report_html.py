"""``report --format html``: one self-contained French page, inline CSS and SVG, no script.

Nothing is fetched when the page is viewed (a Content-Security-Policy forbids it, too): a
per-structure table (the ``taux.csv`` figures; each cell carries ``data-col`` and the exact
``data-value`` of ``taux.csv``), the distribution of statuses, the qualification rate across
runs, and the open queue items by age.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

from insvigil.review.report import AGE_BUCKETS, TAUX_COLUMNS, ReportData, TrendRow, overall_trend
from insvigil.review.types import IndicatorRow

__all__ = ["render_html"]

STATUS = (  # column, label, colour
    ("qualifiees", "Qualifiée", "#2e7d32"),
    ("validees", "Validée", "#4a90c2"),
    ("recuperees", "Récupérée", "#e59b2d"),
    ("provisoires", "Provisoire", "#a0a0a0"),
)
KINDS = (
    ("DISCORDANCE", "Discordances", "#c62828"),
    ("DOUBLON", "Doublons", "#6a1b9a"),
    ("COLLISION", "Collisions", "#ad1457"),
    ("CONTRADICTION", "Incohérences du matricule", "#ef6c00"),
    ("ATTRIBUTS", "Attributs", "#607d8b"),
)
LABELS = {
    "structure": "Structure",
    "actifs": "Actifs",
    "provisoires": "Provisoires",
    "recuperees": "Récupérées",
    "validees": "Validées",
    "qualifiees": "Qualifiées",
    "taux_qualification": "Taux de qualification",
    "douteuses": "Douteuses",
    "fictives": "Fictives",
    "discordances_ouvertes": "Discordances ouvertes",
    "doublons_ouverts": "Doublons ouverts",
    "surestimes": "Statuts surestimés",
    "ins_utilisables": "INS utilisables",
}
TREND_COLOURS = ("#263238", "#1565c0", "#2e7d32", "#c62828", "#6a1b9a", "#ef6c00")
MAX_BARS = 25
MAX_AGE_ROWS = 100

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:24px;
color:#222;max-width:1400px}.scroll{overflow-x:auto}h1{font-size:1.5em}
h2{font-size:1.15em;margin-top:1.6em}
table{border-collapse:collapse;font-size:.85em}th,td{border:1px solid #ccc;padding:3px 6px}
th{background:#eef1f4;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
.legend span{display:inline-block;margin-right:14px}.legend i{display:inline-block;width:11px;
height:11px;margin-right:4px;vertical-align:middle}.note{color:#555;font-size:.85em}
svg text{font-family:inherit;font-size:11px;fill:#333}
"""


def _int(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


def _pct(taux: str) -> str:
    """``"0.8123"`` → ``"81,23 %"`` (exact: taux.csv has 4 decimals)."""
    if not taux:
        return "—"
    return f"{(Decimal(taux) * 100).quantize(Decimal('0.01'))} %".replace(".", ",")


def _legend(items: Sequence[tuple[str, str]]) -> str:
    spans = "".join(f'<span><i style="background:{c}"></i>{escape(t)}</span>' for t, c in items)
    return f'<p class="legend">{spans}</p>'


def _status_chart(rows: Sequence[IndicatorRow]) -> str:
    total = {col: sum(getattr(r, col) for r in rows) for col, _, _ in STATUS}
    bars: list[tuple[str, dict[str, int]]] = [("Ensemble", total)]
    biggest = sorted(rows, key=lambda r: (-r.actifs, r.structure))[:MAX_BARS]
    bars += [(r.structure, {col: getattr(r, col) for col, _, _ in STATUS}) for r in biggest]
    width, left, h = 640, 110, 20
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="graphe-statuts" role="img" '
        f'width="{left + width + 10}" height="{len(bars) * (h + 6) + 4}" '
        f'aria-label="Répartition des statuts par structure">'
    ]
    for i, (name, counts) in enumerate(bars):
        y, x, whole = 2 + i * (h + 6), float(left), sum(counts.values())
        parts.append(f'<text x="0" y="{y + 14}">{escape(name)}</text>')
        for col, label, colour in STATUS:
            n = counts[col]
            if not whole or not n:
                continue
            w = width * n / whole
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{h}" fill="{colour}">'
                f"<title>{escape(name)} — {label} : {_int(n)} ({100 * n / whole:.1f} %)</title>"
                "</rect>"
            )
            x += w
    parts.append("</svg>")
    note = (
        f'<p class="note">Les {MAX_BARS} structures qui ont le plus de dossiers actifs ; '
        "toutes figurent dans le tableau.</p>"
        if len(rows) > MAX_BARS
        else ""
    )
    return _legend([(label, c) for _, label, c in STATUS]) + "".join(parts) + note


def _line_chart(series: Sequence[tuple[str, Sequence[tuple[str, float | None]]]]) -> str:
    """Rates (0–1) per run; ``series`` = (label, [(x label, rate)]), all on the same runs."""
    runs = [x for x, _ in series[0][1]] if series else []
    width, height, left, top = 640, 220, 44, 10
    step = width / max(1, len(runs) - 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="graphe-tendance" role="img" '
        f'width="{left + width + 20}" height="{height + 40}" '
        f'aria-label="Évolution du taux de qualification">'
    ]
    for pct in (0, 25, 50, 75, 100):
        y = top + height * (1 - pct / 100)
        parts.append(
            f'<line x1="{left}" x2="{left + width}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="0" y="{y + 4:.1f}">{pct} %</text>'
        )
    for i, run in enumerate(runs):
        parts.append(f'<text x="{left + i * step - 8:.1f}" y="{top + height + 18}">{run}</text>')
    for k, (label, points) in enumerate(series):
        colour = TREND_COLOURS[k % len(TREND_COLOURS)]
        xy = [
            (left + i * step, top + height * (1 - rate), rate)
            for i, (_, rate) in enumerate(points)
            if rate is not None
        ]
        if len(xy) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in xy)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" '
                f'stroke-width="{3 if k == 0 else 1.5}"/>'
            )
        for x, y, rate in xy:
            shown = f"{100 * rate:.2f} %".replace(".", ",")
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}">'
                f"<title>{escape(label)} : {shown}</title></circle>"
            )
    parts.append("</svg>")
    return _legend([(s[0], TREND_COLOURS[k % 6]) for k, s in enumerate(series)]) + "".join(parts)


def _trend_section(data: ReportData) -> str:
    overall = overall_trend(data)
    if not overall:
        return "<p>Aucun traitement enregistré.</p>"
    runs = [p.run_id for p in overall]
    series = [("Ensemble", [(f"n° {p.run_id}", p.rate) for p in overall])]
    biggest = sorted(data.latest, key=lambda r: (-r.actifs, r.structure))[:5]
    for row in biggest:
        by_run = {r.run_id: r.rate for r in data.trend.get(row.structure, ())}
        series.append((row.structure, [(f"n° {run}", by_run.get(run)) for run in runs]))
    note = (
        '<p class="note">Ensemble des structures et les 5 plus grandes ; une structure absente'
        " d'un traitement n'a pas de point pour celui-ci.</p>"
    )
    return _line_chart(series) + note


def _ages_section(data: ReportData) -> str:
    if not data.ages:
        return "<p>Aucun élément ouvert dans la file de revue.</p>"
    labels = [label for label, _ in AGE_BUCKETS]
    totals = {kind: [0] * len(labels) for kind, _, _ in KINDS}
    for a in data.ages:
        for i, n in enumerate(a.counts):
            totals.setdefault(a.kind, [0] * len(labels))[i] += n
    peak = max(1, *(sum(totals[k][i] for k in totals) for i in range(len(labels))))
    width, left, h = 560, 120, 22
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="graphe-anciennete" role="img" '
        f'width="{left + width + 60}" height="{len(labels) * (h + 8) + 4}" '
        f'aria-label="Éléments ouverts par ancienneté">'
    ]
    for i, label in enumerate(labels):
        y, x = 2 + i * (h + 8), float(left)
        parts.append(f'<text x="0" y="{y + 15}">{escape(label)}</text>')
        for kind, name, colour in KINDS:
            n = totals.get(kind, [0] * len(labels))[i]
            if n:
                w = width * n / peak
                parts.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{h}" '
                    f'fill="{colour}"><title>{name} : {_int(n)}</title></rect>'
                )
                x += w
        total = sum(totals[k][i] for k in totals)
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 15}">{_int(total)}</text>')
    parts.append("</svg>")
    names = {kind: name for kind, name, _ in KINDS}
    ranked = sorted(data.ages, key=lambda a: (-sum(a.counts), a.structure, a.kind))
    head = "".join(f"<th>{escape(x)}</th>" for x in ("Structure", "Type", *labels, "Total"))
    body = "".join(
        f'<tr data-structure="{escape(a.structure)}" data-type="{escape(a.kind)}">'
        f"<td>{escape(a.structure)}</td><td>{escape(names.get(a.kind, a.kind))}</td>"
        + "".join(f'<td class="n">{_int(n)}</td>' for n in a.counts)
        + f'<td class="n">{_int(sum(a.counts))}</td></tr>'
        for a in ranked[:MAX_AGE_ROWS]
    )
    legend = _legend([(name, colour) for _, name, colour in KINDS])
    table = f'<table id="anciennete"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    return legend + "".join(parts) + table


def _sparkline(rows: Sequence[TrendRow]) -> str:
    rates = [r.rate for r in rows if r.rate is not None]
    if len(rates) < 2:
        return ""
    step = 80 / (len(rates) - 1)
    path = " ".join(f"{i * step:.1f},{18 - 16 * rate:.1f}" for i, rate in enumerate(rates))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="82" height="20"><polyline '
        f'points="{path}" fill="none" stroke="#1565c0" stroke-width="1.5"/></svg>'
    )


def _table(data: ReportData) -> str:
    head = "".join(f"<th>{escape(LABELS[c])}</th>" for c in TAUX_COLUMNS) + "<th>Tendance</th>"
    body: list[str] = []
    for row in data.latest:
        cells = []
        for col, value in zip(TAUX_COLUMNS, row.taux_row(), strict=True):
            raw = "" if value is None else str(value)
            if col == "structure":
                shown, css = escape(raw), ""
            elif col == "taux_qualification":
                shown, css = _pct(raw), ' class="n"'
            else:
                shown, css = _int(int(raw)), ' class="n"'
            cells.append(f'<td data-col="{col}" data-value="{escape(raw)}"{css}>{shown}</td>')
        cells.append(f"<td>{_sparkline(data.trend.get(row.structure, ()))}</td>")
        body.append(f'<tr data-structure="{escape(row.structure)}">{"".join(cells)}</tr>')
    table = f'<table id="taux"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
    return f'<div class="scroll">{table}</div>'


def render_html(data: ReportData) -> str:
    """The whole page."""
    rows = data.latest
    actifs = sum(r.actifs for r in rows)
    qualifiees = sum(r.qualifiees for r in rows)
    rate = f"{100 * qualifiees / actifs:.2f} %".replace(".", ",") if actifs else "—"
    when = data.generated_at.strftime("%d/%m/%Y à %H:%M UTC")
    summary = (
        f'<p id="synthese">{_int(len(rows))} structure(s), {_int(actifs)} dossier(s) '
        f"actif(s), {_int(qualifiees)} identité(s) qualifiée(s) : taux de qualification "
        f"global <strong>{rate}</strong>. Page générée le {when}.</p>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>insvigil — indicateurs d'identitovigilance</title>"
        f"<style>{CSS}</style></head><body>"
        "<h1>Indicateurs d'identitovigilance et de qualification de l'INS</h1>"
        f"{summary}"
        f"<h2>Répartition des statuts</h2>{_status_chart(rows)}"
        f"<h2>Évolution du taux de qualification</h2>{_trend_section(data)}"
        f"<h2>Discordances, doublons et collisions ouverts, par ancienneté</h2>"
        f"{_ages_section(data)}"
        f"<h2>Indicateurs par structure</h2>{_table(data)}"
        '<p class="note">Dossiers actifs (file active) ; taux de qualification = qualifiées / '
        "actifs. Chiffres identiques à ceux de taux.csv du dernier traitement de chaque "
        "structure.</p></body></html>\n"
    )
