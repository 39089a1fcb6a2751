"""How ``queue`` shows items: the JSON of an item, records side by side, findings explained."""

from __future__ import annotations

import insvigil

__all__ = ["constats_of", "item_json", "side_by_side"]

_TRAITS = insvigil.QUEUE_TRAIT_LABELS
item_json = insvigil.queue_item_json
constats_of = insvigil.queue_constats


def side_by_side(detail: insvigil.ItemDetail) -> list[str]:
    views = list(detail.records)
    columns: list[tuple[str, dict[str, str | None]]] = []
    for view in views:
        title = f"{view.structure}/{view.local_id}"
        if not view.present:
            title += " (absent de la base)"
        columns.append((title, dict(view.traits)))
    if len(views) == 1 and views[0].insi is not None:
        columns.append(("Réponse INSi (00)", dict(views[0].insi)))
    width = 2 + max(
        22, *(len(t) for t, _ in columns), *(len(v or "") for _, c in columns for v in c.values())
    )
    lines = ["".ljust(26) + "".join(t.ljust(width) for t, _ in columns)]
    for name, label in _TRAITS:
        values = [col.get(name) for _, col in columns]
        if all(v in (None, "") for v in values):
            continue
        lines.append(label.ljust(26) + "".join((v or "—").ljust(width) for v in values))
    for view in views:
        if view.present:
            attributs = "|".join(view.attributs) or "aucun"
            lines.append(
                f"{view.structure}/{view.local_id} : statut {view.statut or '?'}, attributs "
                f"{attributs}, {'actif' if view.actif else 'inactif'}"
            )
    return lines
