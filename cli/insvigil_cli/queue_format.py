"""How ``queue`` shows items: the JSON of an item, records side by side, findings explained."""

from __future__ import annotations

from datetime import datetime

import insvigil

__all__ = ["constats_of", "item_json", "side_by_side"]

_TRAITS = (
    ("nom_naissance", "Nom de naissance"),
    ("prenoms_naissance", "Prénoms de naissance"),
    ("premier_prenom", "Premier prénom"),
    ("date_naissance", "Date de naissance"),
    ("sexe", "Sexe"),
    ("lieu_naissance", "Lieu de naissance"),
    ("nom_utilise", "Nom utilisé"),
    ("prenom_utilise", "Prénom utilisé"),
    ("matricule_ins", "Matricule INS"),
    ("oid_ins", "OID"),
    ("justificatif", "Justificatif"),
    ("justificatif_complement", "Complément"),
)


def item_json(item: insvigil.QueueItem, now: datetime) -> dict[str, object]:
    """An item as ``queue list --json`` gives it (contract §3, plus more keys)."""
    return {
        "id": str(item.id),
        "type": item.kind.value,
        "structure": item.structure,
        "local_ids": [local_id for _, local_id in item.records],
        "dossiers": [{"structure": s, "local_id": loc} for s, loc in item.records],
        "etat": item.etat.value,
        "code": item.code,
        "trait": item.trait,
        "gravite": item.gravite,
        "score": item.score,
        "resume": item.resume,
        "version": item.version,
        "cree_le": item.created_at.isoformat(),
        "vu_le": item.seen_at.isoformat(),
        "traitement_creation": item.created_run,
        "traitement_dernier": item.seen_run,
        "age_jours": item.age_days(now),
        "decision": item.decision,
        "par": item.decided_by,
        "le": item.decided_at.isoformat() if item.decided_at else None,
        "commentaire": item.commentaire,
    }


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


def constats_of(detail: insvigil.ItemDetail) -> list[dict[str, object]]:
    found = detail.item.details.get("constats")
    out: list[dict[str, object]] = []
    for constat in found if isinstance(found, list) else []:
        if not isinstance(constat, dict):
            continue
        code = str(constat.get("code", ""))
        rule = insvigil.get_rule(code)
        out.append({**constat, "explication": rule.description() if rule else None})
    return out
