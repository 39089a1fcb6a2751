"""Driver-ready row tuples for the bulk inserts of :func:`insvigil.store.records.chunks.save_chunk`.

Each builder returns a tuple in the order of its ``*_COLUMNS`` constant (the table's column
order, checked by the tests) holding only ``str``, ``int``, ``bool`` and ``None``: datetimes are
already ISO text, codes already ``|``-joined, JSON already encoded. Built by hand rather than
through dicts because they run a million times a run.
"""

from __future__ import annotations

import hashlib

from insvigil.model import RecordResult, Resident
from insvigil.store.db.codec import attributs_text, dumps, findings_to_json
from insvigil.store.db.types import LookupKeys, StoredInsi

__all__ = [
    "DISCORDANCE_COLUMNS",
    "INSI_COLUMNS",
    "RECORD_COLUMNS",
    "RESULT_COLUMNS",
    "discordance_rows",
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
    "nom_cle",
    "nom_utilise_cle",
    "prenom_cle",
    "phon_nom",
    "ddn",
)

RESULT_COLUMNS: tuple[str, ...] = (
    "record_id",
    "run_id",
    "statut",
    "attributs",
    "ins_utilisable",
    "statut_declare",
    "ecart_statut",
    "regles",
    "findings",
    "insi_active",
    "insi_oid",
    "inputs",
    "valide_du",
    "valide_au",
)

DISCORDANCE_COLUMNS: tuple[str, ...] = (
    "record_id",
    "rang",
    "trait",
    "valeur_locale",
    "valeur_insi",
    "gravite",
    "code",
    "message",
)

INSI_COLUMNS: tuple[str, ...] = (
    "record_id",
    "source",
    "date",
    "cr",
    "operation",
    "payload",
    "payload_hash",
)

_NO_LOOKUP = LookupKeys()


def record_row(
    record_id: int,
    resident: Resident,
    lookup: LookupKeys | None,
    content_hash: str,
    run_id: int,
    now_text: str,
) -> Row:
    r = resident
    k = lookup or _NO_LOOKUP
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
        k.nom_cle,
        k.nom_utilise_cle,
        k.prenom_cle,
        k.phon_nom,
        k.ddn,
    )


def result_row(record_id: int, run_id: int, result: RecordResult, inputs: str | None = None) -> Row:
    since, until = result.valid_since, result.valid_until
    return (
        record_id,
        run_id,
        result.statut.value,
        attributs_text(result.attributs),
        bool(result.ins_utilisable),
        None if result.statut_declare is None else result.statut_declare.value,
        None if result.ecart_statut is None else result.ecart_statut.value,
        "|".join(result.regles),
        findings_to_json(result.findings),
        result.insi_active,
        result.insi_oid,
        inputs,
        None if since is None else since.isoformat(),
        None if until is None else until.isoformat(),
    )


def discordance_rows(record_id: int, result: RecordResult) -> list[Row]:
    return [
        (
            record_id,
            rang,
            d.trait,
            d.valeur_locale,
            d.valeur_insi,
            d.gravite.value,
            d.code,
            d.message,
        )
        for rang, d in enumerate(result.discordances)
    ]


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


def insi_row(record_id: int, insi: StoredInsi) -> Row:
    date_text = None if insi.date is None else insi.date.isoformat()
    payload_text = dumps(insi.payload)
    return (
        record_id,
        insi.source,
        date_text,
        insi.cr,
        insi.operation,
        payload_text,
        _hash(date_text, insi, payload_text),
    )
