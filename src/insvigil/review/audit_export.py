"""``insvigil audit export``: the audit trail as CSV (output-file conventions) or JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from insvigil.review.files import csv_text, write_csv_file, write_text_file
from insvigil.review.types import AuditEntry

__all__ = ["AUDIT_COLUMNS", "audit_dict", "audit_row", "render_audit", "write_audit"]

AUDIT_COLUMNS = (
    "id",
    "horodatage_utc",
    "acteur",
    "action",
    "element",
    "dossiers",
    "decision",
    "commentaire",
    "avant",
    "apres",
    "empreinte_precedente",
    "empreinte",
)


def _dumps(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def audit_row(entry: AuditEntry) -> tuple[object, ...]:
    return (
        entry.id,
        entry.at.isoformat(),
        entry.actor,
        entry.action,
        "" if entry.item_id is None else entry.item_id,
        "|".join(entry.records),
        entry.decision or "",
        entry.commentaire or "",
        _dumps(entry.avant),
        _dumps(entry.apres),
        entry.prev_hash,
        entry.hash,
    )


def audit_dict(entry: AuditEntry) -> dict[str, object]:
    return {
        "id": entry.id,
        "horodatage_utc": entry.at.isoformat(),
        "acteur": entry.actor,
        "action": entry.action,
        "element": entry.item_id,
        "dossiers": list(entry.records),
        "decision": entry.decision,
        "commentaire": entry.commentaire,
        "avant": dict(entry.avant),
        "apres": dict(entry.apres),
        "empreinte_precedente": entry.prev_hash,
        "empreinte": entry.hash,
    }


def render_audit(entries: Iterable[AuditEntry], fmt: str) -> str:
    """The trail as text: ``csv`` (no BOM) or ``json`` (``{"entrees": [...]}``)."""
    if fmt == "csv":
        return csv_text(AUDIT_COLUMNS, (audit_row(e) for e in entries))
    if fmt == "json":
        doc = {"entrees": [audit_dict(e) for e in entries]}
        return json.dumps(doc, ensure_ascii=False) + "\n"
    raise ValueError(f"format inconnu « {fmt} » (attendu : csv, json)")


def write_audit(entries: Iterable[AuditEntry], fmt: str, path: Path) -> None:
    """Write the trail to ``path`` (0600, atomic; CSV with BOM like the output files)."""
    if fmt == "csv":
        write_csv_file(path, AUDIT_COLUMNS, (audit_row(e) for e in entries))
    else:
        write_text_file(path, render_audit(entries, fmt))
