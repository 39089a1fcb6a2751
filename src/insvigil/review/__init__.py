"""The referents' review: queue items, decisions, worklist, indicator reports (pure parts).

Nothing here touches the database: :mod:`insvigil.store.review.queue`,
:mod:`insvigil.store.audit.chain`,
:mod:`insvigil.store.review.indicators` and :mod:`insvigil.store.review.worklist` read and write
these values.
"""

from __future__ import annotations

from insvigil.review.audit_export import render_audit, write_audit
from insvigil.review.candidates import from_pairs, from_result
from insvigil.review.decisions import DECISIONS, Decision, decisions_for, get_decision
from insvigil.review.errors import DecisionConflict, InvalidDecision, ItemNotFound, ReviewError
from insvigil.review.report import ReportData, render_report, report_json, write_report
from insvigil.review.types import (
    AuditEntry,
    AuditVerdict,
    Etat,
    IndicatorRow,
    ItemDetail,
    Kind,
    QueueCandidate,
    QueueFilter,
    QueueItem,
    QueuePage,
    RecordView,
    SyncSummary,
    Tri,
)
from insvigil.review.worklist import WORKLIST_COLUMNS, Action, NextAction, next_action

__all__ = [
    "DECISIONS",
    "WORKLIST_COLUMNS",
    "Action",
    "AuditEntry",
    "AuditVerdict",
    "Decision",
    "DecisionConflict",
    "Etat",
    "IndicatorRow",
    "InvalidDecision",
    "ItemDetail",
    "ItemNotFound",
    "Kind",
    "NextAction",
    "QueueCandidate",
    "QueueFilter",
    "QueueItem",
    "QueuePage",
    "RecordView",
    "ReportData",
    "ReviewError",
    "SyncSummary",
    "Tri",
    "decisions_for",
    "from_pairs",
    "from_result",
    "get_decision",
    "next_action",
    "render_audit",
    "render_report",
    "report_json",
    "write_audit",
    "write_report",
]
