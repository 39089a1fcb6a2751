"""``insvigil worklist``: per record, the next action that would raise its status.

The action depends on the record's current result and on the open queue items that concern it,
in this order (the first that applies):

1. FICTIVE: nothing to qualify (or fix the forbidden attribute combination, AT01);
2. an open collision: examine it (the most dangerous case);
3. DOUTEUSE: lift the doubt (check a high-trust document, then remove the attribute);
4. an open blocking discordance: resolve it; then an open matricule contradiction (MI04);
5. accepted INSi traits (ACCEPTER_TRAITS_INSI) that the record does not carry yet: type
   them in the DUI, trait by trait (IS15 keeps the INS unusable until then);
   then a decided item whose problem the record still shows: run ``qualify`` again when the
   decision unblocks it (a record collision lifted), else carry the decision out in the DUI;
6. another blocking finding (matricule invalid, strict trait not conforming): correct it;
7. an open probable duplicate: review it (merge before qualifying);
8. by status: PROVISOIRE or RECUPEREE → check a high-trust document (C);
   VALIDEE → call INSi (I); QUALIFIEE → nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from insvigil.findings import Finding
from insvigil.identifiers.matricule import mask
from insvigil.model.codes import Attribut, Statut
from insvigil.review.candidates import TRAIT_LABELS
from insvigil.review.decisions import get_decision
from insvigil.review.files import csv_lines, csv_text, write_csv_file, write_text_file
from insvigil.review.types import Etat, Kind, QueueItem

__all__ = [
    "WORKLIST_COLUMNS",
    "Action",
    "NextAction",
    "ResultLike",
    "next_action",
    "render_worklist",
    "stream_worklist",
    "write_worklist",
]

WORKLIST_COLUMNS = ("structure", "local_id", "statut", "action", "element", "detail")


class Action(StrEnum):
    """The next action on a record."""

    AUCUNE = "AUCUNE"
    CORRIGER_ATTRIBUTS = "CORRIGER_ATTRIBUTS"
    EXAMINER_COLLISION = "EXAMINER_COLLISION"
    EXAMINER_CHANGEMENT = "EXAMINER_CHANGEMENT"
    LEVER_DOUTE = "LEVER_DOUTE"
    RESOUDRE_DISCORDANCE = "RESOUDRE_DISCORDANCE"
    CORRIGER_MATRICULE = "CORRIGER_MATRICULE"
    RELANCER_QUALIFICATION = "RELANCER_QUALIFICATION"
    APPLIQUER_DECISION = "APPLIQUER_DECISION"
    REPORTER_TRAITS_INSI = "REPORTER_TRAITS_INSI"
    CORRIGER_TRAITS = "CORRIGER_TRAITS"
    EXAMINER_DOUBLON = "EXAMINER_DOUBLON"
    VERIFIER_JUSTIFICATIF = "VERIFIER_JUSTIFICATIF"
    APPELER_INSI = "APPELER_INSI"


class ResultLike(Protocol):
    """What :func:`next_action` reads of a stored result."""

    @property
    def structure(self) -> str: ...
    @property
    def local_id(self) -> str: ...
    @property
    def statut(self) -> Statut: ...
    @property
    def attributs(self) -> frozenset[Attribut]: ...
    @property
    def findings(self) -> tuple[Finding, ...]: ...


@dataclass(frozen=True, slots=True)
class NextAction:
    structure: str
    local_id: str
    statut: str
    action: Action
    element: int | None  # the queue item to resolve, if any
    detail: str

    def row(self) -> tuple[object, ...]:
        return (
            self.structure,
            self.local_id,
            self.statut,
            self.action.value,
            "" if self.element is None else self.element,
            self.detail,
        )

    def as_dict(self) -> dict[str, object]:
        return dict(zip(WORKLIST_COLUMNS, self.row(), strict=True)) | {"element": self.element}


_MATRICULE_TRAITS = frozenset({"matricule_ins"})

_DOCUMENT = (
    "vérifier l'identité sur un justificatif à haut niveau de confiance (CNI, passeport, "
    "titre de séjour) et l'enregistrer dans le DUI"
)


def _first(items: Sequence[QueueItem], kind: Kind) -> QueueItem | None:
    found = [i for i in items if i.kind is kind and i.etat is Etat.OUVERT]
    return min(found, key=lambda i: i.id) if found else None


def _still_shown(item: QueueItem, findings: Sequence[Finding]) -> bool:
    """Whether the record's result still shows the problem of this (decided) record item."""
    for f in findings:
        if not f.bloquante or f.code != item.code:
            continue
        if item.kind is Kind.CONTRADICTION:
            return True
        values = (f.trait or "", f.valeur_locale or "", f.valeur_insi or "")
        if item.kind is Kind.CHANGEMENT and len(f.params) > 2:
            values = (f.trait or "", f.params[1], f.params[2])  # before, after (HIxx)
        if values == (item.trait or "", item.valeur_locale or "", item.valeur_insi or ""):
            return True
    return False


def _decided(items: Sequence[QueueItem], findings: Sequence[Finding]) -> QueueItem | None:
    for item in sorted(items, key=lambda i: i.id):
        if (
            item.etat is Etat.RESOLU
            and item.decision
            and item.structure_b is None
            and item.kind in (Kind.DISCORDANCE, Kind.COLLISION, Kind.CONTRADICTION, Kind.CHANGEMENT)
            and _still_shown(item, findings)
        ):
            return item
    return None


def _accepted_key(item: QueueItem) -> tuple[str, str, str, str]:
    return (item.code, item.trait or "", item.valeur_locale or "", item.valeur_insi or "")


def _to_report(items: Sequence[QueueItem], findings: Sequence[Finding]) -> list[QueueItem]:
    """The decided discordances whose INSi values the referent accepted and the record still
    lacks: the result still shows the discordance with those very values (BLOQUANTE before the
    next run, accepted and MINEURE after it, with IS15)."""
    shown = {
        (f.code, f.trait or "", f.valeur_locale or "", f.valeur_insi or "")
        for f in findings
        if f.valeur_insi is not None
    }
    out = []
    for item in sorted(items, key=lambda i: i.id):
        if (
            item.etat is Etat.RESOLU
            and item.decision
            and item.kind is Kind.DISCORDANCE
            and item.structure_b is None
            and get_decision(item.kind, item.decision).reporter_traits
            and _accepted_key(item) in shown
        ):
            out.append(item)
    return out


def _values_to_type(items: Sequence[QueueItem]) -> str:
    """« date de naissance : 1945-01-25 » per item (INSi's values; a matricule masked)."""
    parts: list[str] = []
    for item in items:
        trait = item.trait or ""
        value = item.valeur_insi or ""
        shown = mask(value) if trait in _MATRICULE_TRAITS and value else value
        part = f"{TRAIT_LABELS.get(trait, trait)} : {shown}"
        if part not in parts:
            parts.append(part)
    return " ; ".join(parts)


def next_action(result: ResultLike, items: Sequence[QueueItem] = ()) -> NextAction:
    """The next action on one record (``items``: the queue items that concern it, open or
    decided; caduc ones are ignored).

    >>> from insvigil.model.codes import Statut
    >>> from types import SimpleNamespace as R
    >>> r = R(structure="S", local_id="1", statut=Statut.VALIDEE, attributs=frozenset(),
    ...       findings=())
    >>> next_action(r).action.value
    'APPELER_INSI'
    """

    def act(action: Action, detail: str, item: QueueItem | None = None) -> NextAction:
        element = None if item is None else item.id
        return NextAction(
            result.structure, result.local_id, result.statut.value, action, element, detail
        )

    attributs = result.attributs
    if Attribut.FICTIVE in attributs:
        item = _first(items, Kind.ATTRIBUTS)
        if item is not None:
            return act(
                Action.CORRIGER_ATTRIBUTS,
                f"résoudre l'élément n° {item.id} : combinaison d'attributs interdite",
                item,
            )
        return act(Action.AUCUNE, "identité fictive : pas de qualification possible")
    item = _first(items, Kind.COLLISION)
    if item is not None:
        return act(Action.EXAMINER_COLLISION, f"examiner la collision n° {item.id}", item)
    item = _first(items, Kind.CHANGEMENT)
    if item is not None:
        trait = TRAIT_LABELS.get(item.trait or "", item.trait or "")
        return act(
            Action.EXAMINER_CHANGEMENT,
            f"examiner le changement entre deux exports n° {item.id} ({item.code}, {trait}) : "
            "le vérifier sur un justificatif à haut niveau de confiance",
            item,
        )
    if Attribut.DOUTEUSE in attributs:
        return act(
            Action.LEVER_DOUTE, f"lever le doute : {_DOCUMENT}, puis retirer l'attribut DOUTEUSE"
        )
    item = _first(items, Kind.DISCORDANCE)
    if item is not None:
        trait = TRAIT_LABELS.get(item.trait or "", item.trait or "")
        return act(
            Action.RESOUDRE_DISCORDANCE,
            f"résoudre la discordance n° {item.id} ({item.code}, {trait})",
            item,
        )
    item = _first(items, Kind.CONTRADICTION)
    if item is not None:
        return act(
            Action.CORRIGER_MATRICULE,
            f"traiter l'incohérence du matricule n° {item.id} (MI04)",
            item,
        )
    report = _to_report(items, result.findings)
    if report:
        ids = ", ".join(str(i.id) for i in report)
        which = "élément" if len(report) == 1 else "éléments"
        return act(
            Action.REPORTER_TRAITS_INSI,
            f"reporter les traits INSi dans le DUI : {_values_to_type(report)} (décision "
            f"ACCEPTER_TRAITS_INSI, {which} n° {ids}) ; l'INS n'est pas utilisable d'ici là",
            report[0],
        )
    item = _decided(items, result.findings)
    if item is not None and item.decision:
        decision = get_decision(item.kind, item.decision)
        if decision.debloque:
            return act(
                Action.RELANCER_QUALIFICATION,
                f"décision {decision.code} enregistrée sur l'élément n° {item.id} : relancer "
                "insvigil qualify pour qu'elle soit prise en compte",
                item,
            )
        return act(
            Action.APPLIQUER_DECISION,
            f"appliquer dans le DUI la décision {decision.code} (élément n° {item.id}) : "
            f"{decision.effet}",
            item,
        )
    blocking = [f for f in result.findings if f.bloquante and f.valeur_insi is None]
    for finding in blocking:
        if finding.code.startswith("MI"):
            return act(
                Action.CORRIGER_MATRICULE,
                f"corriger le matricule ({finding.code} : {finding.message})",
            )
    for finding in blocking:
        if finding.code.startswith("TR"):
            return act(Action.CORRIGER_TRAITS, f"{finding.code} : {finding.message}")
    item = _first(items, Kind.DOUBLON)
    if item is not None:
        return act(Action.EXAMINER_DOUBLON, f"examiner le doublon n° {item.id}", item)
    if result.statut in (Statut.PROVISOIRE, Statut.RECUPEREE):
        refused = next((f for f in result.findings if f.code in ("JU02", "JU03")), None)
        detail = (
            _DOCUMENT if refused is None else f"{_DOCUMENT} ({refused.code} : {refused.message})"
        )
        return act(Action.VERIFIER_JUSTIFICATIF, detail)
    if result.statut is Statut.VALIDEE:
        refused = next((f for f in result.findings if f.code == "IS04"), None)
        detail = "appeler l'INSi (recherche par les traits ou par la carte Vitale)"
        if refused is not None:
            detail = f"refaire l'appel INSi avec les traits du justificatif ({refused.message})"
        return act(Action.APPELER_INSI, detail)
    return act(Action.AUCUNE, "identité qualifiée")


def worklist_json(actions: Iterable[NextAction]) -> dict[str, object]:
    """The JSON document of ``worklist --format json``: ``{"dossiers": [...]}``."""
    return {"dossiers": [a.as_dict() for a in actions]}


def render_worklist(actions: Iterable[NextAction], fmt: str) -> str:
    """The worklist as text: ``csv`` (no BOM) or ``json`` (:func:`worklist_json`)."""
    if fmt == "csv":
        return csv_text(WORKLIST_COLUMNS, (a.row() for a in actions))
    if fmt == "json":
        return json.dumps(worklist_json(actions), ensure_ascii=False) + "\n"
    raise ValueError(f"format inconnu « {fmt} » (attendu : csv, json)")


def write_worklist(actions: Iterable[NextAction], fmt: str, path: Path) -> int | None:
    """Write the worklist to ``path`` (0600, atomic; CSV with BOM like the output files)."""
    if fmt == "csv":
        return write_csv_file(path, WORKLIST_COLUMNS, (a.row() for a in actions))
    write_text_file(path, render_worklist(actions, fmt))
    return None


def stream_worklist(actions: Iterable[NextAction], fmt: str) -> Iterator[str]:
    """The worklist in pieces of text, for the terminal: CSV line by line (JSON in one piece)."""
    if fmt == "csv":
        yield from csv_lines(WORKLIST_COLUMNS, (a.row() for a in actions))
    else:
        yield render_worklist(actions, fmt)
