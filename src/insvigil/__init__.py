"""insvigil: identitovigilance and INS qualification engine (RNIV).

The public façade: the command-line adapter and other programs import from here only.

Names are imported on first use (module ``__getattr__``, PEP 562): ``import insvigil`` costs
a few milliseconds and each command pays only for what it uses (``lookup`` never loads the
qualification engine, ``check-ins`` never loads SQLAlchemy). The exceptions are imported at
once (tiny, and every command needs them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import insvigil.qualify as _qualify_package  # noqa: F401  (see qualify() below)
from insvigil._lazy import lazy_names
from insvigil.errors import (
    ConfigurationError,
    InputFileError,
    InsvigilError,
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    InvalidValue,
    OutputError,
    StoreError,
)

__version__ = "0.1.0"

#: Public name -> (module, attribute), imported on first access.
_LAZY: dict[str, tuple[str, str]] = {
    "Account": ("insvigil.accounts", "Account"),
    "recent_audit_entries": ("insvigil.store.audit_read", "recent_entries"),
    "render_report_body": ("insvigil.review.report_html", "render_html_body"),
    "open_by_kind_and_gravity": ("insvigil.store.open_counts", "open_by_kind_and_gravity"),
    "char_diff": ("insvigil.review.char_diff", "char_diff"),
    "diff_side": ("insvigil.review.char_diff", "side"),
    "QUEUE_TRAIT_LABELS": ("insvigil.review.item_json", "TRAIT_LABELS"),
    "queue_constats": ("insvigil.review.item_json", "constats_of"),
    "queue_detail_json": ("insvigil.review.item_json", "detail_json"),
    "queue_item_json": ("insvigil.review.item_json", "item_json"),
    "queue_page_json": ("insvigil.review.item_json", "page_json"),
    "HOME_PAGE": ("insvigil.accounts", "HOME_PAGE"),
    "Permission": ("insvigil.accounts", "Permission"),
    "Role": ("insvigil.accounts", "Role"),
    "Scope": ("insvigil.accounts", "Scope"),
    "SessionInfo": ("insvigil.accounts", "SessionInfo"),
    "allowed": ("insvigil.accounts", "allowed"),
    "check_password_policy": ("insvigil.accounts", "check_password_policy"),
    "parse_role": ("insvigil.accounts", "parse_role"),
    "normalise_login": ("insvigil.accounts", "normalise_login"),
    "AccessDenied": ("insvigil.accounts.errors", "AccessDenied"),
    "AccountError": ("insvigil.accounts.errors", "AccountError"),
    "AccountLocked": ("insvigil.accounts.errors", "AccountLocked"),
    "AuthenticationFailed": ("insvigil.accounts.errors", "AuthenticationFailed"),
    "SessionInvalid": ("insvigil.accounts.errors", "SessionInvalid"),
    "authenticate": ("insvigil.store.accounts", "authenticate"),
    "create_account": ("insvigil.store.accounts", "create_account"),
    "disable_account": ("insvigil.store.accounts", "disable_account"),
    "get_account": ("insvigil.store.accounts", "get_account"),
    "list_accounts": ("insvigil.store.accounts", "list_accounts"),
    "set_account_password": ("insvigil.store.accounts", "set_password"),
    "update_account": ("insvigil.store.accounts", "update_account"),
    "close_session": ("insvigil.store.web_sessions", "close_session"),
    "csrf_matches": ("insvigil.store.web_sessions", "csrf_matches"),
    "open_session": ("insvigil.store.web_sessions", "open_session"),
    "resume_session": ("insvigil.store.web_sessions", "resume_session"),
    "Finding": ("insvigil.findings", "Finding"),
    "Gravite": ("insvigil.findings", "Gravite"),
    "InsCheck": ("insvigil.ins_check", "InsCheck"),
    "check_ins": ("insvigil.ins_check", "check_ins"),
    "check_columns": ("insvigil.checks", "check_columns"),
    "mask_matricules": ("insvigil.identifiers.matricule_text", "mask_matricules"),
    "CoreColumns": ("insvigil.checks", "CoreColumns"),
    "IdentityCandidate": ("insvigil.lookup.result", "IdentityCandidate"),
    "IdentitySearch": ("insvigil.lookup.result", "IdentitySearch"),
    "QualifyOptions": ("insvigil.qualify.options", "QualifyOptions"),
    "RunSummary": ("insvigil.qualify.run", "RunSummary"),
    "PlaceCandidate": ("insvigil.reference.finder", "Candidate"),
    "PlaceSearch": ("insvigil.reference.finder", "PlaceSearch"),
    "find_place": ("insvigil.reference.finder", "find_place"),
    "search_place": ("insvigil.reference.finder", "search_place"),
    "suggest_for": ("insvigil.reference.finder", "suggest_for"),
    "WorklistAction": ("insvigil.review", "Action"),
    "AuditVerdict": ("insvigil.review", "AuditVerdict"),
    "Decision": ("insvigil.review", "Decision"),
    "DecisionConflict": ("insvigil.review", "DecisionConflict"),
    "InvalidDecision": ("insvigil.review", "InvalidDecision"),
    "ItemDetail": ("insvigil.review", "ItemDetail"),
    "ItemNotFound": ("insvigil.review", "ItemNotFound"),
    "NextAction": ("insvigil.review", "NextAction"),
    "QueueFilter": ("insvigil.review", "QueueFilter"),
    "QueueItem": ("insvigil.review", "QueueItem"),
    "QueuePage": ("insvigil.review", "QueuePage"),
    "RecordView": ("insvigil.review", "RecordView"),
    "ReviewError": ("insvigil.review", "ReviewError"),
    "decisions_for": ("insvigil.review", "decisions_for"),
    "render_audit": ("insvigil.review", "render_audit"),
    "render_report": ("insvigil.review", "render_report"),
    "write_audit": ("insvigil.review", "write_audit"),
    "write_report": ("insvigil.review", "write_report"),
    "QueueEtat": ("insvigil.review", "Etat"),
    "QueueKind": ("insvigil.review", "Kind"),
    "QueueTri": ("insvigil.review", "Tri"),
    "render_worklist": ("insvigil.review.worklist", "render_worklist"),
    "worklist_json": ("insvigil.review.worklist", "worklist_json"),
    "report_json": ("insvigil.review.report", "report_json"),
    "stream_worklist": ("insvigil.review.worklist", "stream_worklist"),
    "write_worklist": ("insvigil.review.worklist", "write_worklist"),
    "RULE_FAMILIES": ("insvigil.rules", "FAMILIES"),
    "Rule": ("insvigil.rules", "Rule"),
    "all_rules": ("insvigil.rules", "all_rules"),
    "get_rule": ("insvigil.rules", "get_rule"),
    "Store": ("insvigil.store", "Store"),
    "open_store": ("insvigil.store", "open_store"),
    "iter_audit": ("insvigil.store.audit", "iter_entries"),
    "verify_audit": ("insvigil.store.audit_verify", "verify"),
    "load_report": ("insvigil.store.indicators", "load_report"),
    "search_identities": ("insvigil.store.lookup_store", "search_identities"),
    "search_in_store": ("insvigil.store.lookup_store", "search_in_store"),
    "record_consultation": ("insvigil.store.audit_consult", "record_consultation"),
    "queue_item_detail": ("insvigil.store.queue", "item_detail"),
    "list_queue": ("insvigil.store.queue", "list_items"),
    "queue_neighbours": ("insvigil.store.queue", "neighbours"),
    "resolve_queue_item": ("insvigil.store.queue", "resolve_item"),
    "reopen_queue_item": ("insvigil.store.queue", "reopen_item"),
    "parse_audit_anchor": ("insvigil.store.audit_checks", "parse_expected"),
    "iter_worklist": ("insvigil.store.worklist", "iter_worklist"),
    "is_known_structure": ("insvigil.store.structures", "is_known_structure"),
    "count_structures": ("insvigil.store.structures", "count_structures"),
    "generate_population": ("insvigil.synth", "generate"),
}

if TYPE_CHECKING:  # the same names, eagerly, for type checkers and IDEs
    from insvigil.accounts import (
        HOME_PAGE,
        Account,
        Permission,
        Role,
        Scope,
        SessionInfo,
        allowed,
        check_password_policy,
        normalise_login,
        parse_role,
    )
    from insvigil.accounts.errors import (
        AccessDenied,
        AccountError,
        AccountLocked,
        AuthenticationFailed,
        SessionInvalid,
    )
    from insvigil.checks import CoreColumns, check_columns
    from insvigil.findings import Finding, Gravite
    from insvigil.identifiers.matricule_text import mask_matricules
    from insvigil.ins_check import InsCheck, check_ins
    from insvigil.lookup.result import IdentityCandidate, IdentitySearch
    from insvigil.qualify.options import QualifyOptions
    from insvigil.qualify.run import RunSummary, qualify
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
    from insvigil.review.char_diff import char_diff
    from insvigil.review.char_diff import side as diff_side
    from insvigil.review.item_json import TRAIT_LABELS as QUEUE_TRAIT_LABELS
    from insvigil.review.item_json import constats_of as queue_constats
    from insvigil.review.item_json import detail_json as queue_detail_json
    from insvigil.review.item_json import item_json as queue_item_json
    from insvigil.review.item_json import page_json as queue_page_json
    from insvigil.review.report import report_json
    from insvigil.review.report_html import render_html_body as render_report_body
    from insvigil.review.worklist import (
        render_worklist,
        stream_worklist,
        worklist_json,
        write_worklist,
    )
    from insvigil.rules import FAMILIES as RULE_FAMILIES
    from insvigil.rules import Rule, all_rules, get_rule
    from insvigil.store import Store, open_store
    from insvigil.store.accounts import (
        authenticate,
        create_account,
        disable_account,
        get_account,
        list_accounts,
        update_account,
    )
    from insvigil.store.accounts import set_password as set_account_password
    from insvigil.store.audit import iter_entries as iter_audit
    from insvigil.store.audit_checks import parse_expected as parse_audit_anchor
    from insvigil.store.audit_consult import record_consultation
    from insvigil.store.audit_read import recent_entries as recent_audit_entries
    from insvigil.store.audit_verify import verify as verify_audit
    from insvigil.store.indicators import load_report
    from insvigil.store.lookup_store import search_identities, search_in_store
    from insvigil.store.open_counts import open_by_kind_and_gravity
    from insvigil.store.queue import item_detail as queue_item_detail
    from insvigil.store.queue import list_items as list_queue
    from insvigil.store.queue import neighbours as queue_neighbours
    from insvigil.store.queue import reopen_item as reopen_queue_item
    from insvigil.store.queue import resolve_item as resolve_queue_item
    from insvigil.store.structures import count_structures, is_known_structure
    from insvigil.store.web_sessions import (
        close_session,
        csrf_matches,
        open_session,
        resume_session,
    )
    from insvigil.store.worklist import iter_worklist
    from insvigil.synth import generate as generate_population
else:

    __getattr__, __dir__ = lazy_names(globals(), _LAZY)

    def qualify(options: Any, progress: Any = None, steps: Any = None) -> Any:
        """Run the whole qualification (:func:`insvigil.qualify.run.qualify`).

        A function here rather than a lazy name: ``insvigil.qualify`` is also a sub-package,
        which the import system binds on this module when it is first imported (done above,
        at once, so that this function keeps the name)."""
        from insvigil.qualify.run import qualify as run

        return run(options, progress, steps)


__all__ = [
    "HOME_PAGE",
    "QUEUE_TRAIT_LABELS",
    "RULE_FAMILIES",
    "AccessDenied",
    "Account",
    "AccountError",
    "AccountLocked",
    "AuditVerdict",
    "AuthenticationFailed",
    "ConfigurationError",
    "CoreColumns",
    "Decision",
    "DecisionConflict",
    "Finding",
    "Gravite",
    "IdentityCandidate",
    "IdentitySearch",
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
    "OutputError",
    "Permission",
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
    "Role",
    "Rule",
    "RunSummary",
    "Scope",
    "SessionInfo",
    "SessionInvalid",
    "Store",
    "StoreError",
    "WorklistAction",
    "__version__",
    "all_rules",
    "allowed",
    "authenticate",
    "char_diff",
    "check_columns",
    "check_ins",
    "check_password_policy",
    "close_session",
    "count_structures",
    "create_account",
    "csrf_matches",
    "decisions_for",
    "diff_side",
    "disable_account",
    "find_place",
    "generate_population",
    "get_account",
    "get_rule",
    "is_known_structure",
    "iter_audit",
    "iter_worklist",
    "list_accounts",
    "list_queue",
    "load_report",
    "mask_matricules",
    "normalise_login",
    "open_by_kind_and_gravity",
    "open_session",
    "open_store",
    "parse_audit_anchor",
    "parse_role",
    "qualify",
    "queue_constats",
    "queue_detail_json",
    "queue_item_detail",
    "queue_item_json",
    "queue_neighbours",
    "queue_page_json",
    "recent_audit_entries",
    "record_consultation",
    "render_audit",
    "render_report",
    "render_report_body",
    "render_worklist",
    "reopen_queue_item",
    "report_json",
    "resolve_queue_item",
    "resume_session",
    "search_identities",
    "search_in_store",
    "search_place",
    "set_account_password",
    "stream_worklist",
    "suggest_for",
    "update_account",
    "verify_audit",
    "worklist_json",
    "write_audit",
    "write_report",
    "write_worklist",
]
