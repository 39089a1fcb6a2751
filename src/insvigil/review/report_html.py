"""``report --format html``: one self-contained French page, inline CSS and SVG, no script.

Nothing is fetched when the page is viewed (a Content-Security-Policy forbids it, too). In
order: the totals; the per-structure table (the ``taux.csv`` figures; each cell carries
``data-col`` and the exact ``data-value`` of ``taux.csv``; a last row, ``Ensemble``, the totals
with each queue item once); the distribution of statuses; the qualification rate across runs
(:mod:`insvigil.review.report_trend`); the open queue items by age (in total, then per
structure); the definitions of the counts (:data:`insvigil.review.counts.LEGENDE`).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

from insvigil.review.counts import LEGENDE, QueueCounts, describe_open
from insvigil.review.report import TAUX_COLUMNS, ReportData, TrendRow, overall_trend
from insvigil.review.report_blocks import ages_section, fmt_int, legend
from insvigil.review.report_trend import line_chart, run_labels
from insvigil.review.types import IndicatorRow

__all__ = ["render_html"]

STATUS = (  # column, label, colour
    ("qualifiees", "Qualifiée", "#2e7d32"),
    ("validees", "Validée", "#4a90c2"),
    ("recuperees", "Récupérée", "#e59b2d"),
    ("provisoires", "Provisoire", "#a0a0a0"),
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
MAX_BARS = 25

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:24px;
color:#222;max-width:1400px}.scroll{overflow-x:auto}h1{font-size:1.5em}
h2{font-size:1.15em;margin-top:1.6em}
table{border-collapse:collapse;font-size:.85em}th,td{border:1px solid #ccc;padding:3px 6px}
th{background:#eef1f4;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
.legend span{display:inline-block;margin-right:14px}.legend svg{margin-right:4px;
vertical-align:middle}.note{color:#555;font-size:.85em}
svg text{font-family:inherit;font-size:11px;fill:#333}tfoot td{font-weight:600;
background:#f6f7f8}dl.definitions dt{font-weight:600;margin-top:.5em}
dl.definitions dd{margin-left:1.2em;font-size:.9em}
"""


def _pct(taux: str) -> str:
    """``"0.8123"`` → ``"81,23 %"`` (exact: taux.csv has 4 decimals)."""
    if not taux:
        return "—"
    return f"{(Decimal(taux) * 100).quantize(Decimal('0.01'))} %".replace(".", ",")


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
                f"<title>{escape(name)} — {label} : {fmt_int(n)} ({100 * n / whole:.1f} %)</title>"
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
    return legend([(label, c) for _, label, c in STATUS]) + "".join(parts) + note


def _trend_section(data: ReportData) -> str:
    overall = overall_trend(data)
    if not overall:
        return "<p>Aucun traitement enregistré.</p>"
    runs = [p.run_id for p in overall]
    labels = run_labels([p.at for p in overall])
    series: list[tuple[str, list[float | None]]] = [("Ensemble", [p.rate for p in overall])]
    biggest = sorted(data.latest, key=lambda r: (-r.actifs, r.structure))[:5]
    for row in biggest:
        by_run = {r.run_id: r.rate for r in data.trend.get(row.structure, ())}
        series.append((row.structure, [by_run.get(run) for run in runs]))
    note = (
        '<p class="note">Ensemble des structures et les 5 plus grandes ; une structure absente'
        " d'un traitement n'a pas de point pour celui-ci. Axe vertical ajusté aux valeurs ; "
        "dates des traitements (heure UTC quand deux traitements ont lieu le même jour).</p>"
    )
    return line_chart(labels, series) + note


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


def _cell(col: str, raw: str, attr: str) -> str:
    if col == "structure":
        shown, css = escape(raw), ""
    elif col == "taux_qualification":
        shown, css = _pct(raw), ' class="n"'
    else:
        shown, css = fmt_int(int(raw)), ' class="n"'
    return f'<td {attr}="{col}" data-value="{escape(raw)}"{css}>{shown}</td>'


def _total_row(rows: Sequence[IndicatorRow], queue: QueueCounts) -> str:
    """``Ensemble``: sums over the structures, each queue item once (a pair of two
    structures counts once here, in each of their rows above)."""
    sums = {
        c: sum(getattr(r, c) for r in rows) for c in TAUX_COLUMNS[1:] if c != "taux_qualification"
    }
    sums["discordances_ouvertes"] = queue.discordances_ouvertes
    sums["doublons_ouverts"] = queue.doublons_ouverts
    actifs = sums["actifs"]
    values = {
        **{c: str(n) for c, n in sums.items()},
        "structure": "Ensemble",
        "taux_qualification": f"{sums['qualifiees'] / actifs:.4f}" if actifs else "",
    }
    cells = "".join(_cell(c, values[c], "data-ensemble") for c in TAUX_COLUMNS)
    return f'<tfoot><tr data-ensemble="1">{cells}<td></td></tr></tfoot>'


def _table(data: ReportData) -> str:
    head = "".join(f"<th>{escape(LABELS[c])}</th>" for c in TAUX_COLUMNS) + "<th>Tendance</th>"
    body: list[str] = []
    for row in data.latest:
        cells = [
            _cell(col, "" if value is None else str(value), "data-col")
            for col, value in zip(TAUX_COLUMNS, row.taux_row(), strict=True)
        ]
        cells.append(f"<td>{_sparkline(data.trend.get(row.structure, ()))}</td>")
        body.append(f'<tr data-structure="{escape(row.structure)}">{"".join(cells)}</tr>')
    total = _total_row(data.latest, data.open.all) if len(data.latest) > 1 else ""
    table = (
        f'<table id="taux"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody>'
        f"{total}</table>"
    )
    note = (
        '<p class="note">Dossiers actifs (file active) ; taux de qualification = qualifiées / '
        "actifs : chiffres de taux.csv du dernier traitement de chaque structure. Discordances "
        "et doublons ouverts : la file de revue au moment de la page (les mêmes que taux.csv "
        "juste après un traitement, moins ce que les référents ont décidé depuis). Ligne "
        "« Ensemble » : chaque paire de dossiers une fois, même quand elle relie deux "
        "structures.</p>"
    )
    return f'<div class="scroll">{table}</div>{note}'


def _definitions() -> str:
    items = "".join(f"<dt>{escape(t)}</dt><dd>{escape(d)}</dd>" for t, d in LEGENDE)
    return f'<dl class="definitions" id="definitions">{items}</dl>'


def render_html_body(data: ReportData) -> str:
    """The report's sections (summary, tables, charts, definitions) without the page around
    them: what the web workspace shows inside its own page. No inline style or script."""
    rows = data.latest
    actifs = sum(r.actifs for r in rows)
    qualifiees = sum(r.qualifiees for r in rows)
    rate = f"{100 * qualifiees / actifs:.2f} %".replace(".", ",") if actifs else "—"
    when = data.generated_at.strftime("%d/%m/%Y à %H:%M UTC")
    queue = data.open.all
    summary = (
        f'<p id="synthese">{fmt_int(len(rows))} structure(s), {fmt_int(actifs)} dossier(s) '
        f"actif(s), {fmt_int(qualifiees)} identité(s) qualifiée(s) : taux de qualification "
        f"global <strong>{rate}</strong>. File de revue : {escape(describe_open(queue))} ; "
        f"discordances ouvertes {fmt_int(queue.discordances_ouvertes)}, doublons ouverts "
        f"{fmt_int(queue.doublons_ouverts)} (chaque élément une fois). Page générée le {when}.</p>"
    )
    return (
        f"{summary}"
        f'<h2 id="titre-taux">Indicateurs par structure</h2>{_table(data)}'
        f"<h2>Répartition des statuts</h2>{_status_chart(rows)}"
        f"<h2>Évolution du taux de qualification</h2>{_trend_section(data)}"
        '<h2 id="titre-anciennete">Éléments ouverts de la file de revue, par ancienneté</h2>'
        f"{ages_section(data.open)}"
        f'<h2 id="titre-definitions">Définitions des chiffres</h2>{_definitions()}'
    )


def render_html(data: ReportData) -> str:
    """The whole page (a file that opens on its own: its style is inline)."""
    return (
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>insvigil — indicateurs d'identitovigilance</title>"
        f"<style>{CSS}</style></head><body>"
        "<h1>Indicateurs d'identitovigilance et de qualification de l'INS</h1>"
        f"{render_html_body(data)}"
        "</body></html>\n"
    )
