"""Changes between two exports (HI01, HI02; issue 17): persistence, fixed point, decisions.

The case files (cases/HI01.toml, cases/HI02.toml) hold one evaluation each; here, several runs
are chained the way the store chains them: the previous state of a run is built, with the pure
builder, from the row, status and findings of the run before.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest

from insvigil.engine.context import accepted_key
from insvigil.engine.evaluate import Engine
from insvigil.findings import Finding, Gravite
from insvigil.insi.model import InsIdentifier, InsiResponse, InsiTraits, Operation
from insvigil.model import Justificatif, RecordResult, Resident, Statut
from insvigil.model.previous import PreviousState, previous_state
from insvigil.policy import load_policy
from insvigil.reference.cog import load as load_cog
from insvigil.review.candidates import from_result
from insvigil.review.decisions import get_decision
from insvigil.review.types import Kind
from tests.rules._cases import Case, all_cases, build_residents_and_responses, engine_of

ENGINE = Engine(load_policy(), load_cog(), date(2026, 11, 1))
MATRICULE = "245017505612391"  # synthetic, valid key, F 1945-01 Paris
OTHER = "245017505612490"  # synthetic, valid key, same traits
OID_NIR = "1.2.250.1.213.1.4.8"

RESIDENT = Resident(
    structure="750000001",
    local_id="H-1",
    nom_naissance="DUPONT",
    prenoms_naissance="MARIE",
    date_naissance="1945-01-25",
    sexe="F",
    lieu_naissance="75056",
    matricule_ins=MATRICULE,
    oid_ins=OID_NIR,
    justificatif=Justificatif.CNI,
)


def response(resident: Resident, nom: str = "DUPONT") -> InsiResponse:
    return InsiResponse(
        structure=resident.structure,
        local_id=resident.local_id,
        operation=Operation.RECHERCHE_TRAITS,
        date=datetime(2026, 10, 2, 10, 41),
        cr="00",
        libelle_cr="OK",
        actif=InsIdentifier(MATRICULE, OID_NIR),
        historique=(),
        traits=InsiTraits(nom, "MARIE", None, "F", "1945-01-25", "75056"),
        source="test",
    )


def run(
    resident: Resident,
    previous: PreviousState | None,
    accepted: frozenset[tuple[str, str, str, str]] = frozenset(),
) -> RecordResult:
    return ENGINE.evaluate(resident, [response(resident)], accepted, previous=previous)


def after(
    resident: Resident, result: RecordResult, holder: tuple[str, str] | None = None
) -> PreviousState:
    """The previous state the next run gets: this run's row, status and findings."""
    return previous_state(resident, result.statut, result.findings, holder=holder)


def hi(result: RecordResult, code: str = "HI01") -> list[Finding]:
    return [f for f in result.findings if f.code == code]


def trusted_then(**traits: str) -> PreviousState:
    """QUALIFIEE at the last run, with ``traits`` differing from RESIDENT's."""
    return previous_state(dataclasses.replace(RESIDENT, **traits), Statut.QUALIFIEE, ())


def test_first_time_seen_is_no_event() -> None:
    result = run(RESIDENT, None)
    assert result.statut is Statut.QUALIFIEE and not hi(result) and not hi(result, "HI02")


def test_the_builder_keeps_only_undecided_changes() -> None:
    pending = Finding("HI01", Gravite.BLOQUANTE, "m", "nom_naissance", params=("a",) * 4)
    decided = dataclasses.replace(pending, gravite=Gravite.MINEURE)
    other = Finding("DI09", Gravite.BLOQUANTE, "m", "date_naissance")
    state = previous_state(
        {"nom_naissance": "DURAND", "sexe": None}, "VALIDEE", (pending, decided, other)
    )
    assert state.statut is Statut.VALIDEE
    assert state.pending == (pending,)
    assert state.trait("nom_naissance") == "DURAND" and state.trait("sexe") == ""
    assert previous_state(None, "", ()).statut is None
    assert previous_state(RESIDENT, None, ()).trait("matricule_ins") == MATRICULE


def test_a_change_on_a_qualified_identity_blocks_and_says_both_values() -> None:
    result = run(RESIDENT, trusted_then(nom_naissance="DURAND"))
    (event,) = hi(result)
    assert event.bloquante and event.params == ("nom_naissance", "DURAND", "DUPONT", "QUALIFIEE")
    # domain.md §6.2: recomputed from the evidence, but I withheld while undecided
    assert result.statut is Statut.VALIDEE and result.ins_utilisable is False
    assert "HI01" in result.regles and "IS11" not in {f.code for f in result.findings}
    # not a discordance with INSi: no row of discordances.csv
    assert event.valeur_locale is None and event.valeur_insi is None
    assert not result.discordances


def test_the_event_persists_until_decided_and_is_a_fixed_point() -> None:
    first = run(RESIDENT, trusted_then(nom_naissance="DURAND"))
    state = after(RESIDENT, first)
    second = run(RESIDENT, state)  # the row no longer differs from the previous row
    assert second == first
    third = run(RESIDENT, after(RESIDENT, second))
    assert third == first


def test_a_further_change_is_compared_with_the_original_trusted_value() -> None:
    first = run(RESIDENT, trusted_then(nom_naissance="DURAND"))
    martin = dataclasses.replace(RESIDENT, nom_naissance="MARTIN")
    second = run(martin, after(RESIDENT, first))
    (event,) = hi(second)
    assert event.params == ("nom_naissance", "DURAND", "MARTIN", "QUALIFIEE")
    # back to the trusted value: the event is over, the identity qualifies again
    durand = dataclasses.replace(RESIDENT, nom_naissance="DURAND")
    back = ENGINE.evaluate(durand, [response(durand, "DURAND")], previous=after(martin, second))
    assert not hi(back) and back.statut is Statut.QUALIFIEE


def test_a_referents_confirmation_lifts_it() -> None:
    first = run(RESIDENT, trusted_then(nom_naissance="DURAND"))
    (event,) = hi(first)
    (candidate,) = [c for c in from_result(first, content_hash="h") if c.kind is Kind.CHANGEMENT]
    # the decided item, read back by the store as (code, trait, valeur_locale, valeur_insi)
    key = (candidate.code, candidate.trait or "", candidate.valeur_locale, candidate.valeur_insi)
    assert key == accepted_key(event) == ("HI01", "nom_naissance", "DURAND", "DUPONT")
    assert get_decision(Kind.CHANGEMENT, "correction_confirmee").debloque
    decided = run(RESIDENT, after(RESIDENT, first), frozenset({key}))
    (confirmed,) = hi(decided)
    assert confirmed.gravite is Gravite.MINEURE and "Changement confirmé" in confirmed.message
    assert decided.statut is Statut.QUALIFIEE and decided.ins_utilisable is True
    assert "HI01" not in decided.regles
    assert not [c for c in from_result(decided, content_hash="h") if c.kind is Kind.CHANGEMENT]
    # the next run: nothing pending any more, nothing changed
    later = run(RESIDENT, after(RESIDENT, decided), frozenset({key}))
    assert not hi(later) and later.statut is Statut.QUALIFIEE


def test_a_decision_holds_for_that_change_only() -> None:
    first = run(RESIDENT, trusted_then(nom_naissance="DURAND"))
    key = accepted_key(hi(first)[0])
    martin = dataclasses.replace(RESIDENT, nom_naissance="MARTIN")
    other_change = run(martin, trusted_then(nom_naissance="DURAND"), frozenset({key}))
    assert [f.bloquante for f in hi(other_change)] == [True]


def test_a_kept_blocked_change_stays_blocking() -> None:
    """CHANGEMENT_ERRONE does not unblock: the next run still blocks until the DUI is put
    back (the store passes only unblocking decisions as ``accepted``)."""
    assert not get_decision(Kind.CHANGEMENT, "CHANGEMENT_ERRONE").debloque
    first = run(RESIDENT, trusted_then(nom_naissance="DURAND"))
    assert hi(run(RESIDENT, after(RESIDENT, first)))[0].bloquante


def test_not_trusted_before_is_no_event() -> None:
    for statut in (Statut.PROVISOIRE, Statut.RECUPEREE):
        previous = previous_state(dataclasses.replace(RESIDENT, nom_naissance="DURAND"), statut, ())
        result = run(RESIDENT, previous)
        assert not hi(result) and result.statut is Statut.QUALIFIEE


def test_a_matricule_change_is_masked_everywhere() -> None:
    result = run(RESIDENT, trusted_then(matricule_ins=OTHER))
    (event,) = hi(result)
    assert event.params[1:3] == (OTHER, MATRICULE)
    assert OTHER not in event.message and MATRICULE not in event.message
    (candidate,) = [c for c in from_result(result, content_hash="h") if c.kind is Kind.CHANGEMENT]
    assert OTHER not in candidate.resume and MATRICULE not in candidate.resume
    assert MATRICULE not in str(candidate.details["constats"])


def test_a_moved_matricule_persists_and_ends_when_the_record_drops_it() -> None:
    holder = ("750000001", "A-1")
    previous = previous_state(
        dataclasses.replace(RESIDENT, matricule_ins=None), Statut.VALIDEE, (), holder=holder
    )
    first = run(RESIDENT, previous)
    (event,) = hi(first, "HI02")
    assert event.params == ("matricule_ins", "750000001/A-1", MATRICULE, "")
    assert first.statut is Statut.VALIDEE and MATRICULE not in event.message
    # next run: the holder may still be A-1 (it kept the matricule) or nobody (it dropped it)
    for then in (holder, None):
        again = run(RESIDENT, after(RESIDENT, first, then))
        assert again == first
    dropped = dataclasses.replace(RESIDENT, matricule_ins=None, oid_ins=None)
    gone = ENGINE.evaluate(dropped, [response(dropped)], previous=after(RESIDENT, first))
    assert not hi(gone, "HI02")


def test_a_moved_matricule_on_a_record_first_seen() -> None:
    """A new record (no row before) carrying a matricule another record held."""
    previous = previous_state(None, None, (), holder=("750000001", "A-1"))
    assert [f.code for f in run(RESIDENT, previous).findings if f.bloquante] == ["HI02"]


def test_a_moved_matricule_confirmed() -> None:
    previous = previous_state(
        dataclasses.replace(RESIDENT, matricule_ins=None), Statut.VALIDEE, (), holder=("S", "A")
    )
    first = run(RESIDENT, previous)
    key = accepted_key(hi(first, "HI02")[0])
    assert key == ("HI02", "matricule_ins", "S/A", MATRICULE)
    decided = run(RESIDENT, after(RESIDENT, first), frozenset({key}))
    assert decided.statut is Statut.QUALIFIEE


SEEDS = [case for case in all_cases() if not case.reading]


@pytest.mark.parametrize("case", SEEDS, ids=[c.id for c in SEEDS])
def test_fixed_point_over_the_rule_cases(case: Case) -> None:
    """For every case's record, after a change on a qualified identity and a matricule taken
    from another record: evaluating again with the previous state the first evaluation gives
    returns the same result (the incremental re-run reuses what a full one would compute)."""
    resident, responses = build_residents_and_responses(case)
    engine = engine_of(case)
    then = dataclasses.replace(
        resident, nom_naissance="AUTRE", date_naissance="1901-01-01", matricule_ins=None
    )
    for statut in (Statut.QUALIFIEE, Statut.VALIDEE, Statut.PROVISOIRE):
        first = engine.evaluate(
            resident, responses, previous=previous_state(then, statut, (), holder=("S", "X"))
        )
        state = previous_state(resident, first.statut, first.findings, holder=("S", "X"))
        assert engine.evaluate(resident, responses, previous=state) == first
        state = previous_state(resident, first.statut, first.findings)
        assert engine.evaluate(resident, responses, previous=state) == first
