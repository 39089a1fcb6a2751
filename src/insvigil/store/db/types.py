"""Plain values that go into and come out of the store (no SQLAlchemy here)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from insvigil.findings import Finding
from insvigil.lookup.keys import IndexKeys
from insvigil.model import Attribut, Discordance, EcartStatut, RecordResult, Resident, Statut

__all__ = [
    "ChunkItem",
    "EtatRun",
    "RecordChange",
    "RunInfo",
    "StoredDiscordance",
    "StoredInsi",
    "StoredResult",
]


class EtatRun(StrEnum):
    """The state of a batch run in the ``runs`` table."""

    EN_COURS = "EN_COURS"
    TERMINE = "TERMINE"
    INTERROMPU = "INTERROMPU"  # left EN_COURS by a process that died; set by the next run


@dataclass(frozen=True, slots=True)
class StoredInsi:
    """One INSi response attached to a record, as the store keeps it.

    ``source`` says where it came from (file name, ``jsonl``/``xml``…); it is kept but is not part
    of the deduplication hash, so the same response read again from another file is not doubled.
    """

    source: str
    date: datetime | None
    cr: str
    operation: str | None
    payload: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ChunkItem:
    """Everything a run decided about one record, saved by :meth:`Store.save_chunk`."""

    resident: Resident
    content_hash: str  # the caller's hash of the resident's fields (decides "changed")
    result: RecordResult
    insi: Sequence[StoredInsi] = ()
    #: The record's ``lookup_keys`` row, saved in the same transaction (None: left as it is).
    index: IndexKeys | None = None
    #: The hash of what the result was computed from (``insvigil.qualify.fingerprint``).
    inputs: str | None = None
    #: True when ``result`` is the stored one, kept as it is (contract §7): the record's row
    #: is the stored one too, so only ``records.last_run`` is written.
    reused: bool = False


@dataclass(frozen=True, slots=True)
class RunInfo:
    """One batch run."""

    id: int
    input_name: str
    input_sha256: str
    rules_sha256: str
    started_at: datetime
    finished_at: datetime | None
    etat: EtatRun
    counts: Mapping[str, int]


@dataclass(frozen=True, slots=True)
class StoredResult:
    """A record's key with its current result (the last run that saved it)."""

    record_id: int
    structure: str
    local_id: str
    actif: bool
    run_id: int  # the run that computed this result (a later identical result keeps it)
    statut: Statut
    attributs: frozenset[Attribut]
    ins_utilisable: bool
    statut_declare: Statut | None
    ecart_statut: EcartStatut | None
    regles: tuple[str, ...]
    findings: tuple[Finding, ...]
    insi_active: str | None
    insi_oid: str | None


@dataclass(frozen=True, slots=True)
class StoredDiscordance:
    """A current discordance of a record, with the record's key."""

    record_id: int
    structure: str
    local_id: str
    rang: int  # position in the result's discordances (0-based)
    discordance: Discordance


@dataclass(frozen=True, slots=True)
class RecordChange:
    """One change of a record's fields: only the fields that changed, before and after."""

    record_id: int
    run_id: int
    changed_at: datetime
    avant: Mapping[str, object]
    apres: Mapping[str, object]
