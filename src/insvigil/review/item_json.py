"""Queue items as JSON documents: ``queue list --json``, ``queue show --json`` and the web
workspace's ``/api/file`` answers (contract §3, §6: the same shapes).

Values are as stored (in clear); the adapter decides what to mask (everything but a
referent's view of one item, contract §5-§6).
"""

from __future__ import annotations

from datetime import datetime

from insvigil.review.decisions import decisions_for
from insvigil.review.types import ItemDetail, QueueItem, QueuePage
from insvigil.rules import get_rule

__all__ = ["TRAIT_LABELS", "constats_of", "detail_json", "item_json", "page_json"]

#: The traits a record view shows, in order, with their French labels.
TRAIT_LABELS: tuple[tuple[str, str], ...] = (
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


def item_json(item: QueueItem, now: datetime) -> dict[str, object]:
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


def page_json(page: QueuePage, now: datetime) -> dict[str, object]:
    """One page of the queue as ``queue list --json`` gives it."""
    return {
        "items": [item_json(i, now) for i in page.items],
        "total": page.total,
        "page": page.page,
        "limite": page.limite,
    }


def constats_of(detail: ItemDetail) -> list[dict[str, object]]:
    """The item's findings, each with its rule's explanation (``rules explain``)."""
    found = detail.item.details.get("constats")
    out: list[dict[str, object]] = []
    for constat in found if isinstance(found, list) else []:
        if not isinstance(constat, dict):
            continue
        rule = get_rule(str(constat.get("code", "")))
        out.append({**constat, "explication": rule.description() if rule else None})
    return out


def detail_json(detail: ItemDetail, now: datetime) -> dict[str, object]:
    """One item as ``queue show --json`` gives it: the item, its possible decisions, its
    findings explained, its records side by side and its history."""
    item = detail.item
    decisions = decisions_for(item.kind)
    return item_json(item, now) | {
        "decisions_possibles": [d.code for d in decisions],
        "decisions": [d.as_dict() for d in decisions],
        "constats": constats_of(detail),
        "details": dict(item.details),
        "valeur_locale": item.valeur_locale,
        "valeur_insi": item.valeur_insi,
        "dossiers": [
            {
                "structure": v.structure,
                "local_id": v.local_id,
                "present": v.present,
                "traits": dict(v.traits),
                "actif": v.actif,
                "statut": v.statut,
                "attributs": list(v.attributs),
                "ins_utilisable": v.ins_utilisable,
                "constats": [dict(c) for c in v.constats],
                "insi": None if v.insi is None else dict(v.insi),
            }
            for v in detail.records
        ],
        "historique": [
            {
                "le": e.at.isoformat(),
                "par": e.actor,
                "action": e.action,
                "decision": e.decision,
                "commentaire": e.commentaire,
            }
            for e in detail.history
        ],
    }
