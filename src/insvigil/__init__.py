"""insvigil: identitovigilance and INS qualification engine (RNIV).

The public façade: the command-line adapter and other programs import from here only.
"""

from __future__ import annotations

from insvigil.errors import (
    ConfigurationError,
    InputFileError,
    InsvigilError,
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    InvalidValue,
    StoreError,
)
from insvigil.findings import Finding, Gravite
from insvigil.ins_check import InsCheck, check_ins
from insvigil.qualify.run import QualifyOptions, RunSummary, qualify
from insvigil.reference.finder import Candidate as PlaceCandidate
from insvigil.reference.finder import PlaceSearch, find_place, search_place, suggest_for
from insvigil.review import Action as WorklistAction
from insvigil.review import (
    AuditVerdict,
    Decision,
    DecisionConflict,
    InvalidDecision,
    ItemDetail,
    ItemNotFound,
    NextAction,
    QueueFilter,
    QueueItem,
    QueuePage,
    RecordView,
    ReviewError,
    decisions_for,
    render_audit,
    render_report,
    write_audit,
    write_report,
)
from insvigil.review import Etat as QueueEtat
from insvigil.review import Kind as QueueKind
from insvigil.review import Tri as QueueTri
from insvigil.review.worklist import render_worklist, stream_worklist, write_worklist
from insvigil.rules import FAMILIES as RULE_FAMILIES
from insvigil.rules import Rule, all_rules, get_rule
from insvigil.store import Store, open_store
from insvigil.store.audit import iter_entries as iter_audit
from insvigil.store.audit import verify as verify_audit
from insvigil.store.indicators import load_report
from insvigil.store.queue import item_detail as queue_item_detail
from insvigil.store.queue import list_items as list_queue
from insvigil.store.queue import resolve_item as resolve_queue_item
from insvigil.store.worklist import iter_worklist
from insvigil.synth import generate as generate_population

__version__ = "0.1.0"

__all__ = [
    "RULE_FAMILIES",
    "AuditVerdict",
    "ConfigurationError",
    "Decision",
    "DecisionConflict",
    "Finding",
    "Gravite",
    "InputFileError",
    "InsCheck",
    "InsvigilError",
    "InvalidChecksum",
    "InvalidComponent",
    "InvalidDecision",
    "InvalidFormat",
    "InvalidLength",
    "InvalidValue",
    "ItemDetail",
    "ItemNotFound",
    "NextAction",
    "PlaceCandidate",
    "PlaceSearch",
    "QualifyOptions",
    "QueueEtat",
    "QueueFilter",
    "QueueItem",
    "QueueKind",
    "QueuePage",
    "QueueTri",
    "RecordView",
    "ReviewError",
    "Rule",
    "RunSummary",
    "Store",
    "StoreError",
    "WorklistAction",
    "__version__",
    "all_rules",
    "check_ins",
    "decisions_for",
    "find_place",
    "generate_population",
    "get_rule",
    "iter_audit",
    "iter_worklist",
    "list_queue",
    "load_report",
    "open_store",
    "qualify",
    "queue_item_detail",
    "render_audit",
    "render_report",
    "render_worklist",
    "resolve_queue_item",
    "search_place",
    "stream_worklist",
    "suggest_for",
    "verify_audit",
    "write_audit",
    "write_report",
    "write_worklist",
]
