"""The next action per record (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest

from insvigil.findings import Finding, Gravite
from insvigil.model.codes import Attribut, Statut
from insvigil.review.types import Etat, Kind, QueueItem
from insvigil.review.worklist import Action, next_action, render_worklist

T0 = datetime(2026, 10, 1, tzinfo=UTC)


@dataclass(frozen=True)
class R:
    statut: Statut
    attributs: frozenset[Attribut] = frozenset()
    findings: tuple[Finding, ...] = ()
    structure: str = "750000001"
    local_id: str = "A-1"
    extra: dict[str, str] = field(default_factory=dict)


def item(
    n: int,
    kind: Kind,
    trait: str | None = None,
    decision: str | None = None,
    *,
    code: str = "DI09",
    values: tuple[str | None, str | None] = (None, None),
) -> QueueItem:
    return QueueItem(
        id=n,
        fingerprint=str(n),
        kind=kind,
        structure="750000001",
        local_id="A-1",
        structure_b=None,
        local_id_b=None,
        code=code,
        trait=trait,
        valeur_locale=values[0],
        valeur_insi=values[1],
        gravite="BLOQUANTE",
        score=None,
        resume="",
        details={},
        actif=True,
        hash_a="h",
        hash_b=None,
        etat=Etat.RESOLU if decision else Etat.OUVERT,
        version=1,
        created_run=1,
        seen_run=1,
        created_at=T0,
        seen_at=T0,
        closed_at=None,
        decision=decision,
        decided_by=None,
        decided_at=None,
        commentaire=None,
        decision_hash_a=None,
        decision_hash_b=None,
    )


TR02 = Finding("TR02", Gravite.BLOQUANTE, "Nom de naissance non conforme.", "nom_naissance")
MI02 = Finding("MI02", Gravite.BLOQUANTE, "Clé du matricule incorrecte.", "matricule_ins")
JU02 = Finding("JU02", Gravite.MINEURE, "Livret de famille seul non recevable.", "justificatif")
IS04 = Finding("IS04", Gravite.MINEURE, "Aucune identité trouvée (01).", "insi")
DI09 = Finding("DI09", Gravite.BLOQUANTE, "Date.", "date_naissance")


@pytest.mark.parametrize(
    ("record", "items", "action", "element", "words"),
    [
        (R(Statut.QUALIFIEE), [], Action.AUCUNE, None, "qualifiée"),
        (R(Statut.VALIDEE), [], Action.APPELER_INSI, None, "appeler l'INSi"),
        (R(Statut.VALIDEE, findings=(IS04,)), [], Action.APPELER_INSI, None, "refaire"),
        (R(Statut.RECUPEREE), [], Action.VERIFIER_JUSTIFICATIF, None, "haut niveau"),
        (R(Statut.PROVISOIRE, findings=(JU02,)), [], Action.VERIFIER_JUSTIFICATIF, None, "JU02"),
        (
            R(Statut.VALIDEE),
            [item(7, Kind.DISCORDANCE, "date_naissance")],
            Action.RESOUDRE_DISCORDANCE,
            7,
            "discordance n° 7 (DI09, date de naissance)",
        ),
        (
            R(Statut.VALIDEE),
            [item(8, Kind.DOUBLON), item(3, Kind.COLLISION)],
            Action.EXAMINER_COLLISION,
            3,
            "collision n° 3",
        ),
        (R(Statut.QUALIFIEE), [item(8, Kind.DOUBLON)], Action.EXAMINER_DOUBLON, 8, "doublon n° 8"),
        (
            R(Statut.PROVISOIRE, frozenset({Attribut.DOUTEUSE})),
            [],
            Action.LEVER_DOUTE,
            None,
            "DOUTEUSE",
        ),
        (R(Statut.PROVISOIRE, frozenset({Attribut.FICTIVE})), [], Action.AUCUNE, None, "fictive"),
        (
            R(Statut.PROVISOIRE, frozenset({Attribut.FICTIVE, Attribut.HOMONYME})),
            [item(4, Kind.ATTRIBUTS)],
            Action.CORRIGER_ATTRIBUTS,
            4,
            "n° 4",
        ),
        (R(Statut.PROVISOIRE, findings=(TR02,)), [], Action.CORRIGER_TRAITS, None, "TR02"),
        (R(Statut.PROVISOIRE, findings=(TR02, MI02)), [], Action.CORRIGER_MATRICULE, None, "MI02"),
        (R(Statut.VALIDEE), [item(5, Kind.CONTRADICTION)], Action.CORRIGER_MATRICULE, 5, "n° 5"),
    ],
)
def test_next_action(
    record: R, items: list[QueueItem], action: Action, element: int | None, words: str
) -> None:
    found = next_action(record, items)
    assert (found.action, found.element) == (action, element)
    assert words in found.detail
    assert found.statut == record.statut.value


DATES = ("1945-01-24", "1945-01-25")
DI09_DATES = Finding(
    "DI09", Gravite.BLOQUANTE, "Date.", "date_naissance",
    valeur_locale=DATES[0], valeur_insi=DATES[1],
)  # fmt: skip


@pytest.mark.parametrize(
    ("decision", "action", "words"),
    [
        (
            "ACCEPTER_TRAITS_INSI",
            Action.REPORTER_TRAITS_INSI,
            "reporter les traits INSi dans le DUI : date de naissance : 1945-01-25",
        ),
        ("AUTRE_PERSONNE", Action.APPLIQUER_DECISION, "refaire l'appel INSi"),
    ],
)
def test_decided_items_still_shown(decision: str, action: Action, words: str) -> None:
    decided = item(9, Kind.DISCORDANCE, "date_naissance", decision=decision, values=DATES)
    found = next_action(R(Statut.VALIDEE, findings=(DI09_DATES,)), [decided])
    assert (found.action, found.element) == (action, 9) and words in found.detail
    # once the problem is gone from the result, the decided item no longer matters
    assert next_action(R(Statut.QUALIFIEE), [decided]).action is Action.AUCUNE


def test_accepted_insi_traits_to_type_after_the_next_run() -> None:
    """After the run that took ACCEPTER_TRAITS_INSI into account, the discordance is accepted
    (MINEURE) and IS15 withholds the INS: the worklist says what to type in the DUI, not
    « AUCUNE » nor « appeler l'INSi » (issue 15)."""
    accepted = Finding(
        "DI09",
        Gravite.MINEURE,
        "Date. Écart accepté par un référent.",
        "date_naissance",
        valeur_locale=DATES[0],
        valeur_insi=DATES[1],
    )
    is15 = Finding("IS15", Gravite.BLOQUANTE, "Traits INSi acceptés…", "date_naissance")
    sexe = Finding("DI10", Gravite.MINEURE, "Sexe.", "sexe", valeur_locale="M", valeur_insi="F")
    decided = [
        item(9, Kind.DISCORDANCE, "date_naissance", "ACCEPTER_TRAITS_INSI", values=DATES),
        item(11, Kind.DISCORDANCE, "sexe", "ACCEPTER_TRAITS_INSI", code="DI10", values=("M", "F")),
    ]
    found = next_action(R(Statut.VALIDEE, findings=(accepted, is15, sexe)), decided)
    assert (found.action, found.element) == (Action.REPORTER_TRAITS_INSI, 9)
    assert found.detail.startswith(
        "reporter les traits INSi dans le DUI : date de naissance : 1945-01-25 ; sexe : F "
        "(décision ACCEPTER_TRAITS_INSI, éléments n° 9, 11)"
    )


def test_accepted_insi_matricule_is_masked() -> None:
    values = ("245017505612391", "245017505620707")  # synthetic, valid MI02 keys
    finding = Finding(
        "DI15", Gravite.MINEURE, "Matricule.", "matricule_ins",
        valeur_locale=values[0], valeur_insi=values[1],
    )  # fmt: skip
    decided = item(3, Kind.DISCORDANCE, "matricule_ins", "ACCEPTER_TRAITS_INSI",
                   code="DI15", values=values)  # fmt: skip
    found = next_action(R(Statut.VALIDEE, findings=(finding,)), [decided])
    assert found.action is Action.REPORTER_TRAITS_INSI
    assert "matricule INS : 2************07" in found.detail
    assert values[1] not in found.detail and values[0] not in found.detail


def test_lifted_record_collision_asks_for_a_run() -> None:
    values = ("245017505620707", "245017505612391")
    is12 = Finding("IS12", Gravite.BLOQUANTE, "Collision.", "matricule_ins",
                   valeur_locale=values[0], valeur_insi=values[1])  # fmt: skip
    decided = item(4, Kind.COLLISION, "matricule_ins", "PAS_DE_COLLISION", code="IS12",
                   values=values)  # fmt: skip
    found = next_action(R(Statut.VALIDEE, findings=(is12,)), [decided])
    assert found.action is Action.RELANCER_QUALIFICATION and found.element == 4


def test_rendering() -> None:
    actions = [next_action(R(Statut.VALIDEE)), next_action(R(Statut.QUALIFIEE, local_id="=2"))]
    text = render_worklist(actions, "csv").splitlines()
    assert text[0] == "structure;local_id;statut;action;element;detail"
    assert text[2].startswith("750000001;'=2;QUALIFIEE;AUCUNE;;")
    assert '"element": null' in render_worklist(actions, "json")
