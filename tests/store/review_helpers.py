"""Synthetic queue candidates for the review tests (made-up names and numbers)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from insvigil.review.candidates import fingerprint
from insvigil.review.types import Kind, QueueCandidate
from insvigil.store import Store

T0 = datetime(2026, 10, 1, 8, 0, tzinfo=UTC)
S1, S2 = "750000001", "750000002"


def new_run(store: Store, at: datetime = T0) -> int:
    return store.begin_run(
        input_name="residents.csv", input_sha256="a" * 64, rules_sha256="b" * 64, started_at=at
    )


def disc(
    local_id: str, structure: str = S1, *, locale: str = "DUPONT", **changes: Any
) -> QueueCandidate:
    values: dict[str, Any] = {
        "kind": Kind.DISCORDANCE,
        "structure": structure,
        "local_id": local_id,
        "code": "DI04",
        "gravite": "BLOQUANTE",
        "resume": f"Discordance bloquante sur le nom : {locale} / DUPOND",
        "hash_a": "h-" + local_id,
        "trait": "nom_naissance",
        "valeur_locale": locale,
        "valeur_insi": "DUPOND",
        "details": {"constats": [{"code": "DI04", "gravite": "BLOQUANTE", "message": "Nom."}]},
    }
    values.update(changes)
    fp = fingerprint(
        values["kind"].value,
        structure,
        local_id,
        values["code"],
        values["trait"],
        values["valeur_locale"],
        values["valeur_insi"],
    )
    return QueueCandidate(fingerprint=fp, **values)


def pair(
    a: str,
    b: str,
    structure: str = S1,
    *,
    hash_a: str = "",
    hash_b: str = "",
    kind: Kind = Kind.DOUBLON,
    structure_b: str | None = None,
) -> QueueCandidate:
    sb = structure_b or structure
    return QueueCandidate(
        fingerprint=fingerprint(kind.value, structure, a, sb, b),
        kind=kind,
        structure=structure,
        local_id=a,
        structure_b=sb,
        local_id_b=b,
        code=kind.value,
        gravite="MINEURE" if kind is Kind.DOUBLON else "BLOQUANTE",
        resume=f"Doublon probable : {a} et {b}",
        hash_a=hash_a or "h-" + a,
        hash_b=hash_b or "h-" + b,
        score=0.97,
    )


def seen(*local_ids: str, structure: str = S1) -> set[tuple[str, str]]:
    return {(structure, loc) for loc in local_ids}
