"""Driver-ready row tuples for the bulk inserts of :func:`insvigil.store.records.chunks.save_chunk`.

Each builder returns a tuple in the order of its ``*_COLUMNS`` constant (the table's column
order, checked by the tests) holding only ``str``, ``int``, ``bool`` and ``None``: datetimes are
already ISO text, codes already ``|``-joined, JSON already encoded. Built by hand rather than
through dicts because they run a million times a run.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from insvigil.model import RecordResult, Resident
from insvigil.store.db import insi_payloads
from insvigil.store.db.codec import attributs_text, dumps, findings_to_json
from insvigil.store.db.types import StoredInsi

__all__ = [
    "INSI_COLUMNS",
    "RECORD_COLUMNS",
    "RESULT_COLUMNS",
    "InsiRow",
    "insi_row",
    "payload_hash",
    "record_row",
    "result_row",
]

Row = tuple[object, ...]

RECORD_COLUMNS: tuple[str, ...] = (
    "id",
    "structure",
    "local_id",
    "nom_naissance",
    "prenoms_naissance",
    "date_naissance",
    "sexe",
    "premier_prenom",
    "lieu_naissance",
    "nom_utilise",
    "prenom_utilise",
    "matricule_ins",
    "oid_ins",
    "justificatif",
    "justificatif_complement",
    "statut",
    "attributs",
    "actif",
    "content_hash",
    "first_run",
    "last_run",
    "updated_at",
)

RESULT_COLUMNS: tuple[str, ...] = (
    "record_id",
    "run_id",
    "statut",
    "attributs",
    "ins_utilisable",
    "ecart_statut",
    "regles",
    "findings",
    "insi_active",
    "insi_oid",
    "inputs",
    "valide_du",
    "valide_au",
)

#: ``insi_responses`` columns but ``payload_id`` (known once the payload is stored), which
#: comes last in the rows written.
INSI_COLUMNS: tuple[str, ...] = (
    "record_id",
    "source",
    "date",
    "cr",
    "operation",
    "response_key",
    "payload_id",
)


def record_row(
    record_id: int,
    resident: Resident,
    content_hash: str,
    run_id: int,
    now_text: str,
) -> Row:
    r = resident
    return (
        record_id,
        r.structure,
        r.local_id,
        r.nom_naissance,
        r.prenoms_naissance,
        r.date_naissance,
        r.sexe,
        r.premier_prenom,
        r.lieu_naissance,
        r.nom_utilise,
        r.prenom_utilise,
        r.matricule_ins,
        r.oid_ins,
        None if r.justificatif is None else r.justificatif.value,
        None if r.justificatif_complement is None else r.justificatif_complement.value,
        None if r.statut is None else r.statut.value,
        attributs_text(r.attributs),
        bool(r.actif),
        content_hash,
        run_id,
        run_id,
        now_text,
    )


def result_row(record_id: int, run_id: int, result: RecordResult, inputs: str | None = None) -> Row:
    since, until = result.valid_since, result.valid_until
    return (
        record_id,
        run_id,
        result.statut.value,
        attributs_text(result.attributs),
        bool(result.ins_utilisable),
        None if result.ecart_statut is None else result.ecart_statut.value,
        "|".join(result.regles),
        findings_to_json(result.findings),
        result.insi_active,
        result.insi_oid,
        inputs,
        None if since is None else since.isoformat(),
        None if until is None else until.isoformat(),
    )


def _hash(date_text: str | None, insi: StoredInsi, payload_text: str) -> str:
    # Unit separators cannot occur in the JSON text, nor (sensibly) in a date, cr or operation.
    text = f"{date_text or ''}\x1f{insi.cr}\x1f{insi.operation or ''}\x1f{payload_text}"
    return hashlib.sha256(text.encode()).hexdigest()


def payload_hash(insi: StoredInsi) -> str:
    """SHA-256 (hex) of a response's content: date, cr, operation, payload — not its source.

    >>> a = StoredInsi("a.jsonl", None, "01", "RECHERCHE_TRAITS", {})
    >>> b = StoredInsi("b.xml", None, "01", "RECHERCHE_TRAITS", {})
    >>> payload_hash(a) == payload_hash(b) != payload_hash(StoredInsi("a.jsonl", None, "02", None))
    True
    """
    date_text = None if insi.date is None else insi.date.isoformat()
    return _hash(date_text, insi, dumps(insi.payload))


@dataclass(frozen=True, slots=True)
class InsiRow:
    """One response ready to store: its ``insi_responses`` values but the payload's id (in the
    order of :data:`INSI_COLUMNS`), and its payload: canonical JSON and its SHA-256."""

    values: Row
    payload_hash: bytes
    payload_text: str

    @property
    def key(self) -> tuple[object, object]:
        """(record id, response key): what makes the response unique."""
        return self.values[0], self.values[5]


def insi_row(record_id: int, insi: StoredInsi) -> InsiRow:
    date_text = None if insi.date is None else insi.date.isoformat()
    payload_text = dumps(insi.payload)
    response = bytes.fromhex(_hash(date_text, insi, payload_text))[:8]
    return InsiRow(
        (record_id, insi.source, date_text, insi.cr, insi.operation, response),
        insi_payloads.digest(payload_text),
        payload_text,
    )
