"""Plain values of the review: queue items, filters, audit entries, indicator rows.

No database here: :mod:`insvigil.store.review.queue` and friends turn these into rows and back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

__all__ = [
    "AuditEntry",
    "AuditVerdict",
    "Etat",
    "IndicatorRow",
    "ItemDetail",
    "Kind",
    "QueueCandidate",
    "QueueFilter",
    "QueueItem",
    "QueuePage",
    "RecordView",
    "SyncSummary",
    "Tri",
]


class Kind(StrEnum):
    """What a queue item is about (the ``type`` of ``queue list --json``)."""

    DISCORDANCE = "DISCORDANCE"  # a BLOQUANTE difference between local and INSi traits (DIxx)
    DOUBLON = "DOUBLON"  # two records, probably one person
    COLLISION = "COLLISION"  # one matricule or one record carrying two persons (pair, IS12)
    CONTRADICTION = "CONTRADICTION"  # the matricule contradicts the record's traits (MI04)
    ATTRIBUTS = "ATTRIBUTS"  # a forbidden combination of identity attributes (AT01)
    #: a strict trait or matricule changed on a trusted identity, or a matricule moved from
    #: another record, between two exports (HI01, HI02): an identity-vigilance event
    CHANGEMENT = "CHANGEMENT"


class Etat(StrEnum):
    """The state of a queue item."""

    OUVERT = "OUVERT"  # waiting for a referent
    RESOLU = "RESOLU"  # a referent decided; the decision holds at the next runs
    CADUC = "CADUC"  # a later run no longer finds the problem (before anyone decided)


class Tri(StrEnum):
    """Orders of ``queue list``."""

    AGE = "age"  # oldest first
    RECENT = "recent"  # newest first
    GRAVITE = "gravite"  # BLOQUANTE first, then oldest
    STRUCTURE = "structure"  # by structure and local_id
    ID = "id"


@dataclass(frozen=True, slots=True)
class QueueCandidate:
    """A problem found by a run that needs a referent;
    :func:`insvigil.store.review.queue.sync_queue`
    matches it with the stored item of the same ``fingerprint``."""

    fingerprint: str
    kind: Kind
    structure: str
    local_id: str
    code: str
    gravite: str
    resume: str
    hash_a: str
    structure_b: str | None = None
    local_id_b: str | None = None
    hash_b: str | None = None
    trait: str | None = None
    valeur_locale: str | None = None
    valeur_insi: str | None = None
    score: float | None = None
    actif: bool = True
    details: Mapping[str, object] = field(default_factory=dict)

    @property
    def records(self) -> tuple[tuple[str, str], ...]:
        if self.structure_b is None or self.local_id_b is None:
            return ((self.structure, self.local_id),)
        return ((self.structure, self.local_id), (self.structure_b, self.local_id_b))


@dataclass(frozen=True, slots=True)
class QueueItem:
    """A stored queue item."""

    id: int
    fingerprint: str
    kind: Kind
    structure: str
    local_id: str
    structure_b: str | None
    local_id_b: str | None
    code: str
    trait: str | None
    valeur_locale: str | None
    valeur_insi: str | None
    gravite: str
    score: float | None
    resume: str
    details: Mapping[str, object]
    actif: bool
    hash_a: str
    hash_b: str | None
    etat: Etat
    version: int
    created_run: int
    seen_run: int
    created_at: datetime
    seen_at: datetime
    closed_at: datetime | None
    decision: str | None
    decided_by: str | None
    decided_at: datetime | None
    commentaire: str | None
    decision_hash_a: str | None
    decision_hash_b: str | None

    @property
    def records(self) -> tuple[tuple[str, str], ...]:
        if self.structure_b is None or self.local_id_b is None:
            return ((self.structure, self.local_id),)
        return ((self.structure, self.local_id), (self.structure_b, self.local_id_b))

    def age_days(self, now: datetime) -> int:
        return max(0, (now - self.created_at).days)


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """Filters, order and page of ``queue list``; ``None`` means "any"."""

    structure: str | None = None
    kind: Kind | None = None
    gravite: str | None = None
    etat: Etat | None = Etat.OUVERT
    depuis: date | None = None  # created on or after this day (UTC)
    age_min: int | None = None  # created at least this many days ago
    local_id: str | None = None  # items concerning this record
    tri: Tri = Tri.AGE
    limite: int = 50
    page: int = 1


@dataclass(frozen=True, slots=True)
class QueuePage:
    """One page of ``queue list`` and the number of items matching the filters."""

    items: Sequence[QueueItem]
    total: int
    page: int
    limite: int


@dataclass(frozen=True, slots=True)
class SyncSummary:
    """What a run changed in the queue."""

    nouveaux: int = 0
    rouverts: int = 0  # CADUC found again, or RESOLU whose records changed since the decision
    caducs: int = 0
    maintenus: int = 0  # found again, state unchanged (OUVERT stays open, RESOLU stays decided)


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One entry of the audit trail."""

    id: int
    at: datetime
    actor: str
    action: str
    item_id: int | None
    records: tuple[str, ...]
    decision: str | None
    commentaire: str | None
    avant: Mapping[str, object]
    apres: Mapping[str, object]
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class AuditVerdict:
    """The result of checking the audit trail: its hash chain, its anchors, the queue's
    decisions (:mod:`insvigil.store.review.audit_verify`)."""

    intact: bool
    entries: int  # the valid entries (before the first bad one, when the chain is broken)
    last_hash: str | None = None  # the last valid entry's hash (None: no valid entry)
    first_bad: int | None = None  # id of the first entry that breaks the chain
    reason: str | None = None  # French: the first problem found (= problems[0])
    #: Every problem found, in French, one line each: the chain first, then its anchors, then
    #: the queue's decisions.
    problems: tuple[str, ...] = ()
    #: The resolved queue items whose decision has no matching audit entry.
    missing_items: tuple[int, ...] = ()
    #: What was checked besides the chain: run anchors, decided items.
    runs_checked: int = 0
    items_checked: int = 0


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """One ``taux.csv`` row of one run (plus the appended columns)."""

    structure: str
    actifs: int
    provisoires: int
    recuperees: int
    validees: int
    qualifiees: int
    taux_qualification: str  # "0.8123", or "" when actifs is 0 (as in taux.csv)
    douteuses: int
    fictives: int
    discordances_ouvertes: int
    doublons_ouverts: int
    surestimes: int
    ins_utilisables: int
    run_id: int | None = None
    at: datetime | None = None

    @classmethod
    def from_taux(
        cls, row: Sequence[object], run_id: int | None = None, at: datetime | None = None
    ) -> IndicatorRow:
        """From the 13 values of ``StructureTally.row()`` (the ``taux.csv`` columns in order).

        >>> row = ("750000001", 3, 1, 0, 1, 1, "0.3333", 0, 0, 2, 0, 0, 1)
        >>> IndicatorRow.from_taux(row).validees, IndicatorRow.from_taux(row).taux_qualification
        (1, '0.3333')
        """
        (structure, *counts) = row
        if len(counts) != 12:
            raise ValueError(f"ligne de taux.csv de {len(row)} valeurs (attendu : 13)")
        n = [int(str(v)) for i, v in enumerate(counts) if i != 5]
        taux = "" if counts[5] is None else str(counts[5])
        return cls(
            str(structure),
            n[0],
            n[1],
            n[2],
            n[3],
            n[4],
            taux,
            n[5],
            n[6],
            n[7],
            n[8],
            n[9],
            n[10],
            run_id=run_id,
            at=at,
        )

    @property
    def rate(self) -> float | None:
        return float(self.taux_qualification) if self.taux_qualification else None

    def taux_row(self) -> tuple[object, ...]:
        """The values of ``taux.csv``'s columns, in order."""
        return (
            self.structure,
            self.actifs,
            self.provisoires,
            self.recuperees,
            self.validees,
            self.qualifiees,
            self.taux_qualification,
            self.douteuses,
            self.fictives,
            self.discordances_ouvertes,
            self.doublons_ouverts,
            self.surestimes,
            self.ins_utilisables,
        )


@dataclass(frozen=True, slots=True)
class RecordView:
    """One record of a queue item as ``queue show`` displays it (values in clear)."""

    structure: str
    local_id: str
    present: bool  # False: the record is no longer in the store
    traits: Mapping[str, str | None] = field(default_factory=dict)
    actif: bool | None = None
    statut: str | None = None
    attributs: tuple[str, ...] = ()
    ins_utilisable: bool | None = None
    constats: Sequence[Mapping[str, object]] = ()
    #: The traits of the record's latest INSi ``00`` response, if any (the other column of a
    #: discordance's side-by-side view), with its active matricule as ``matricule_ins``.
    insi: Mapping[str, str | None] | None = None


@dataclass(frozen=True, slots=True)
class ItemDetail:
    """A queue item with its records and its audit history (``queue show``)."""

    item: QueueItem
    records: Sequence[RecordView]
    history: Sequence[AuditEntry]
