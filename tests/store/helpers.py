"""Synthetic records for the store tests (no real identity: made-up names and numbers)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import fields, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from insvigil.findings import Finding, Gravite
from insvigil.model import Discordance, RecordResult, Resident, Statut
from insvigil.store import ChunkItem, Store, StoredInsi
from insvigil.store.schema.core import metadata

T0 = datetime(2026, 10, 2, 10, 41, tzinfo=UTC)
STRUCTURE = "750000001"


def resident(i: int, structure: str = STRUCTURE, **changes: Any) -> Resident:
    base = Resident(
        structure=structure,
        local_id=f"L-{i:06d}",
        nom_naissance=f"NOMTEST{i % 13}",
        prenoms_naissance="ALICE MARIE" if i % 2 else "BRUNO PAUL",
        date_naissance=f"19{50 + i % 40:02d}-0{1 + i % 9}-1{i % 10}",
        sexe="F" if i % 2 else "M",
        lieu_naissance="75056",
        matricule_ins=None,
        ligne=i + 2,
    )
    return replace(base, **changes)


def content_hash(res: Resident) -> str:
    values = [getattr(res, f.name) for f in fields(res) if f.name != "ligne"]
    return hashlib.sha256(repr(values).encode()).hexdigest()


def result_for(
    res: Resident,
    statut: Statut = Statut.PROVISOIRE,
    discordances: Sequence[Discordance] = (),
    **changes: Any,
) -> RecordResult:
    base = RecordResult(
        structure=res.structure,
        local_id=res.local_id,
        statut=statut,
        attributs=res.attributs,
        ins_utilisable=statut is Statut.QUALIFIEE,
        statut_declare=res.statut,
        ecart_statut=None,
        regles=("ST01", "ST02"),
        # As the engine builds them: the discordances are the findings with an INSi value.
        findings=(
            Finding("TR01", Gravite.INFO, "Nom normalisé.", trait="nom_naissance"),
            *(
                Finding(d.code, d.gravite, d.message, d.trait, d.valeur_locale, d.valeur_insi)
                for d in discordances
            ),
        ),
        discordances=tuple(discordances),
    )
    return replace(base, **changes)


def discordance(trait: str = "nom_naissance", code: str = "DI01") -> Discordance:
    return Discordance(trait, "DUPONT", "DUPOND", Gravite.BLOQUANTE, code, "Nom différent.")


def insi(cr: str = "00", source: str = "reponses.jsonl", **payload: object) -> StoredInsi:
    return StoredInsi(
        source=source,
        date=T0,
        cr=cr,
        operation="RECHERCHE_TRAITS",
        payload=payload or {"traits": {"nom_naissance": "DUPOND"}},
    )


def item(
    res: Resident,
    result: RecordResult | None = None,
    insi_responses: Iterable[StoredInsi] = (),
    digest: str | None = None,
) -> ChunkItem:
    return ChunkItem(
        resident=res,
        content_hash=digest or content_hash(res),
        result=result or result_for(res),
        insi=tuple(insi_responses),
    )


def items(n: int, start: int = 0, structure: str = STRUCTURE) -> list[ChunkItem]:
    out = []
    for i in range(start, start + n):
        res = resident(i, structure)
        disc = (discordance(),) if i % 5 == 0 else ()
        responses = (insi(matricule=f"m{i}"),) if i % 2 else ()
        out.append(item(res, result_for(res, discordances=disc), responses))
    return out


def dump(
    store: Store, *, skip: Iterable[tuple[str, str]] = (), tables: Iterable[str] | None = None
) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (or of ``tables``), ordered, without the (table, column) pairs
    in ``skip``."""
    skipped = set(skip)
    wanted = None if tables is None else set(tables)
    out: dict[str, list[tuple[Any, ...]]] = {}
    with store.engine.connect() as conn:
        for table in metadata.sorted_tables:
            if wanted is not None and table.name not in wanted:
                continue
            cols = [c for c in table.columns if (table.name, c.name) not in skipped]
            rows = conn.execute(select(*cols).order_by(*table.primary_key.columns)).all()
            out[table.name] = [tuple(row) for row in rows]
    return out


def begin(store: Store, name: str = "residents.csv") -> int:
    return store.begin_run(
        input_name=name, input_sha256="a" * 64, rules_sha256="b" * 64, started_at=T0
    )
