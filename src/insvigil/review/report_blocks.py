"""Parts of the report's HTML page shared by its sections, and the age section.

The age section shows the open queue items by age: in total (each item once: the chart and the
``Ensemble`` rows), then per structure (a pair of two structures in both), as
:mod:`insvigil.review.counts` defines them.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from insvigil.review.counts import AGE_BUCKETS, KIND_LABELS, OpenCounts, by_kind_rows

__all__ = ["KINDS", "ages_section", "fmt_int", "legend"]

_KIND_COLOURS = {
    "DISCORDANCE": "#c62828",
    "DOUBLON": "#6a1b9a",
    "COLLISION": "#ad1457",
    "CONTRADICTION": "#ef6c00",
    "ATTRIBUTS": "#607d8b",
    "CHANGEMENT": "#4e342e",
}
KINDS = tuple((kind, name, _KIND_COLOURS[kind]) for kind, name, _ in KIND_LABELS)
MAX_AGE_ROWS = 100


def fmt_int(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


def legend(items: Sequence[tuple[str, str]]) -> str:
    # A colour swatch as an SVG rectangle (its ``fill`` attribute), not an inline style: the
    # report's body is also shown by the web workspace, whose Content-Security-Policy forbids
    # inline styles.
    spans = "".join(
        f'<span><svg class="swatch" width="11" height="11" aria-hidden="true">'
        f'<rect width="11" height="11" fill="{c}"/></svg>{escape(t)}</span>'
        for t, c in items
    )
    return f'<p class="legend">{spans}</p>'


def _age_rows(rows: Sequence[tuple[str, str, tuple[int, ...]]], total: bool) -> str:
    names = {kind: name for kind, name, _ in KINDS}
    out = []
    for structure, kind, counts in rows:
        attrs = 'data-ensemble="1"' if total else f'data-structure="{escape(structure)}"'
        out.append(
            f'<tr {attrs} data-type="{escape(kind)}">'
            f"<td>{'Ensemble' if total else escape(structure)}</td>"
            f"<td>{escape(names.get(kind, kind))} ({escape(kind)})</td>"
            + "".join(f'<td class="n">{fmt_int(n)}</td>' for n in counts)
            + f'<td class="n">{fmt_int(sum(counts))}</td></tr>'
        )
    return "".join(out)


def ages_section(data: OpenCounts) -> str:
    everything = data.all
    if not everything.total:
        return "<p>Aucun élément ouvert dans la file de revue.</p>"
    labels = [label for label, _ in AGE_BUCKETS]
    per_bucket = everything.ages()
    peak = max(1, *per_bucket)
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
            n = everything.by_kind.get(kind, [0] * len(labels))[i]
            if n:
                w = width * n / peak
                parts.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{h}" '
                    f'fill="{colour}"><title>{name} : {fmt_int(n)}</title></rect>'
                )
                x += w
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 15}">{fmt_int(per_bucket[i])}</text>')
    parts.append("</svg>")
    per_structure = sorted(by_kind_rows(data.structures), key=lambda r: (-sum(r[2]), r[0], r[1]))
    head = "".join(f"<th>{escape(x)}</th>" for x in ("Structure", "Type", *labels, "Total"))
    body = _age_rows(by_kind_rows({"": everything}), True) + _age_rows(
        per_structure[:MAX_AGE_ROWS], False
    )
    kinds = legend([(name, colour) for _, name, colour in KINDS])
    note = (
        '<p class="note">Éléments ouverts de la file de revue par type, comme « insvigil queue '
        "list --type » (dossiers actifs ou non). Lignes « Ensemble » : chaque élément une fois ; "
        "lignes par structure : une paire de dossiers de deux structures compte dans chacune. "
        "Les colonnes « Discordances ouvertes » et « Doublons ouverts » du tableau par "
        "structure comptent autre chose : les seuls dossiers actifs, avec les collisions IS12 "
        "d'un dossier parmi les discordances et les collisions de deux dossiers parmi les "
        "doublons (voir les définitions en fin de page)."
        + (
            f" Les {MAX_AGE_ROWS} lignes les plus chargées sur {len(per_structure)}."
            if len(per_structure) > MAX_AGE_ROWS
            else ""
        )
        + "</p>"
    )
    table = f'<table id="anciennete"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    return kinds + "".join(parts) + note + f'<div class="scroll">{table}</div>'
