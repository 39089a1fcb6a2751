"""The store's tables (SQLAlchemy Core), as of the newest Alembic revision.

Changing a table here needs a NEW revision in ``migrations/versions`` (``0002_…``, ``0003_…``):
the revisions are the truth for existing databases, this module is what the code reads and writes;
``tests/store/test_migrations.py`` checks that both agree.

Conventions: text columns hold the values as the engine knows them (enum values, ``|``-joined
lists), JSON is stored as compact text (same bytes on every backend), datetimes as ISO 8601 text
(the offset, if any, survives the round trip on SQLite and PostgreSQL alike).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator

__all__ = [
    "RESIDENT_COLUMNS",
    "IsoDateTime",
    "insi_payloads",
    "insi_responses",
    "metadata",
    "record_changes",
    "records",
    "results",
    "runs",
]

NAMING_CONVENTION: dict[str, str] = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)


class IsoDateTime(TypeDecorator[datetime]):
    """A datetime kept as ISO 8601 text: naive stays naive, an offset is kept as given."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        return None if value is None else value.isoformat()

    def process_result_value(self, value: Any | None, dialect: Dialect) -> datetime | None:
        return None if value is None else datetime.fromisoformat(str(value))


runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("input_name", String, nullable=False),
    Column("input_sha256", String(64), nullable=False),
    Column("rules_sha256", String(64), nullable=False),
    Column("started_at", IsoDateTime, nullable=False),
    Column("finished_at", IsoDateTime, nullable=True),
    Column("etat", String(16), nullable=False),  # EtatRun
    Column("counts", Text, nullable=False),  # JSON object name -> int
    # The audit trail as the run left it (revision 0005): its number of entries and last hash
    # (``audit.GENESIS`` when empty), an anchor that ``audit verify`` checks; NULL before 0005.
    Column("audit_entries", Integer, nullable=True),
    Column("audit_head", String(64), nullable=True),
    Index(None, "etat"),
)

#: The Resident fields kept in ``records``, in the order of the dataclass (``ligne``, the line of
#: the file it was last read from, is provenance, not identity: it is not stored).
RESIDENT_COLUMNS: tuple[str, ...] = (
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
    "attributs",
    "statut",
    "actif",
)

_REQUIRED = frozenset({"nom_naissance", "prenoms_naissance", "date_naissance", "sexe"})

records = Table(
    "records",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("structure", String(16), nullable=False),
    Column("local_id", String, nullable=False),
    *(
        Column(name, Boolean if name == "actif" else String, nullable=name not in _REQUIRED)
        for name in RESIDENT_COLUMNS
        if name not in ("attributs", "actif")
    ),
    Column("attributs", String, nullable=False),  # sorted, ``|``-joined, "" when none
    Column("actif", Boolean, nullable=False),
    Column("content_hash", String(128), nullable=False),
    Column("first_run", Integer, ForeignKey("runs.id"), nullable=False),
    Column("last_run", Integer, ForeignKey("runs.id"), nullable=False),
    Column("updated_at", IsoDateTime, nullable=False),
    UniqueConstraint("structure", "local_id"),
)

# The admission lookup reads ``lookup_keys`` (schema_lookup.py); the five lookup columns that
# ``records`` kept unindexed since revision 0004 were dropped by 0009.

record_changes = Table(
    "record_changes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("record_id", Integer, ForeignKey("records.id", ondelete="CASCADE"), nullable=False),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Column("changed_at", IsoDateTime, nullable=False),
    Column("avant", Text, nullable=False),  # JSON: the changed fields' old values
    Column("apres", Text, nullable=False),  # JSON: the changed fields' new values
    Index(None, "record_id"),
)

results = Table(
    "results",
    metadata,
    Column(
        "record_id",
        Integer,
        ForeignKey("records.id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    ),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Column("statut", String(16), nullable=False),
    Column("attributs", String, nullable=False),  # sorted, ``|``-joined
    Column("ins_utilisable", Boolean, nullable=False),
    # The declared status is the record's ``statut`` (dropped here by 0009: stored once).
    Column("ecart_statut", String(16), nullable=True),
    Column("regles", String, nullable=False),  # ``|``-joined, in the engine's order
    Column("findings", Text, nullable=False),  # compact JSON list of objects
    Column("insi_active", String, nullable=True),
    Column("insi_oid", String, nullable=True),
    # Revision 0008 (contract §7): the hash of the inputs the result was computed from
    # (``insvigil.qualify.fingerprint``; NULL: computed before 0008, evaluated again), and the
    # run dates it holds for (ISO dates, ``valide_au`` exclusive; NULL: unbounded).
    Column("inputs", String(32), nullable=True),
    Column("valide_du", String(10), nullable=True),
    Column("valide_au", String(10), nullable=True),
)

# The discordances of a result are its findings that carry an INSi value: read from
# ``results.findings`` (reading.py), no longer a table of their own (dropped by 0009).

# An INSi payload once, however many responses carry it (revision 0009): ``hash`` is the
# SHA-256 of its canonical JSON, ``body`` that JSON compressed (insi_payloads.py).
insi_payloads = Table(
    "insi_payloads",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("hash", LargeBinary(32), nullable=False, unique=True),
    Column("body", LargeBinary, nullable=False),
)

insi_responses = Table(
    "insi_responses",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("record_id", Integer, ForeignKey("records.id", ondelete="CASCADE"), nullable=False),
    Column("source", String, nullable=False),
    Column("date", IsoDateTime, nullable=True),
    Column("cr", String(8), nullable=False),
    Column("operation", String(32), nullable=True),
    Column("payload_id", Integer, ForeignKey("insi_payloads.id"), nullable=False),
    # The response's identity within its record: the first 8 bytes of the SHA-256 of its
    # date, cr, operation and payload (rows.response_key); the same response read again, from
    # any file, is not doubled. 8 bytes: a clash needs two responses of ONE record (2^-64).
    Column("response_key", LargeBinary(8), nullable=False),
    UniqueConstraint("record_id", "response_key"),
)
