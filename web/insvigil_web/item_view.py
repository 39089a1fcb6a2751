"""The item page's side-by-side view: one row per trait, each side's value split into what
both share and what only it has (character level), and the comparison level of a pair."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import insvigil

__all__ = ["Cell", "Row", "side_by_side"]

#: ``doublons.csv``'s comparison names → the traits they compare.
_LEVEL_TRAITS = {
    "nom": "nom_naissance",
    "prenoms": "prenoms_naissance",
    "date": "date_naissance",
    "sexe": "sexe",
    "lieu": "lieu_naissance",
    "matricule": "matricule_ins",
}


@dataclass(frozen=True, slots=True)
class Cell:
    """A value as segments ``(kind, text)``; ``kind``: same, gone (first side) or new."""

    segments: list[tuple[str, str]] = field(default_factory=list)
    empty: bool = True


@dataclass(frozen=True, slots=True)
class Row:
    trait: str
    label: str
    cells: list[Cell]
    differs: bool
    niveau: str = ""
    raison: str = ""


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _pair_cells(first: str, second: str) -> list[Cell]:
    parts = insvigil.char_diff(first, second)
    return [
        Cell([(s.kind, s.text) for s in insvigil.diff_side(parts, "first")], not first),
        Cell([(s.kind, s.text) for s in insvigil.diff_side(parts, "second")], not second),
    ]


def _levels(details: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """trait → (level, reason) from a pair's ``niveaux`` and ``raisons``."""
    niveaux = details.get("niveaux") if isinstance(details.get("niveaux"), list) else []
    raisons = details.get("raisons") if isinstance(details.get("raisons"), list) else []
    out: dict[str, tuple[str, str]] = {}
    for i, entry in enumerate(niveaux or []):
        name, _, level = str(entry).partition("=")
        trait = _LEVEL_TRAITS.get(name)
        if trait:
            reason = str(raisons[i]) if raisons and i < len(raisons) else ""
            out[trait] = (level, reason)
    return out


def side_by_side(detail: insvigil.ItemDetail) -> tuple[list[str], list[Row]]:
    """Column titles and rows: two records of a pair, or a record and its INSi answer."""
    views = list(detail.records)
    columns: list[tuple[str, dict[str, Any]]] = []
    for view in views:
        title = f"Dossier {view.structure}/{view.local_id}"
        columns.append((title if view.present else f"{title} (absent)", dict(view.traits)))
    if len(views) == 1 and views[0].insi is not None:
        columns.append(("Réponse INSi", dict(views[0].insi)))
    levels = _levels(dict(detail.item.details))
    rows: list[Row] = []
    for trait, label in insvigil.QUEUE_TRAIT_LABELS:
        values = [_text(c.get(trait)) for _, c in columns]
        if not any(values):
            continue
        if len(values) == 2:
            cells = _pair_cells(values[0], values[1])
        else:
            cells = [Cell([("same", v)], not v) for v in values]
        differs = len(set(values)) > 1 and len(values) > 1
        niveau, raison = levels.get(trait, ("", ""))
        rows.append(Row(trait, label, cells, differs, niveau, raison))
    return [t for t, _ in columns], rows
