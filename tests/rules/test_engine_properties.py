"""Properties of the engine (domain.md §6), over the case files' identities and perturbations.

- ``ins_utilisable`` iff QUALIFIEE (ST03);
- DOUTEUSE or FICTIVE → PROVISOIRE, INSi ignored (ST01);
- I (RECUPEREE, QUALIFIEE) only when the latest response is a ``00`` without a blocking finding;
- C (VALIDEE, QUALIFIEE) only with an accepted document and a local birthplace;
- a blocking discordance never raises the status (SAFE), and drops I;
- the order in which responses are given does not matter (they are ordered by date).
"""

from __future__ import annotations

import dataclasses
import random
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from insvigil.engine.evaluate import Engine
from insvigil.identifiers import matricule, oid
from insvigil.insi.model import InsIdentifier, InsiResponse, InsiTraits, Operation
from insvigil.model import Attribut, Complement, Justificatif, RecordResult, Resident, Statut
from insvigil.policy import load_policy
from insvigil.reference.cog import load as load_cog
from tests.rules._cases import Case, all_cases, build_residents_and_responses

TODAY = date(2026, 11, 1)
POLICY = load_policy()
ENGINE = Engine(POLICY, load_cog(), TODAY)
SEEDS = [
    case
    for case in all_cases()
    if not case.reading and not case.data.get("policy") and "today" not in case.data
]
OTHER_MATRICULE = "283052A00478920"  # synthetic, valid key, used by no case
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _inputs(case: Case) -> tuple[Resident, list[InsiResponse]]:
    return build_residents_and_responses(case)


def _latest(responses: list[InsiResponse]) -> InsiResponse | None:
    ranked = sorted(responses, key=lambda r: (r.date or datetime.min, r.cr != "00"))
    return ranked[-1] if ranked else None


def _document_ok(resident: Resident) -> bool:
    policy = POLICY.justificatifs
    document = resident.justificatif
    if document is None:
        return False
    if document in policy.haute_confiance:
        return True
    return document in policy.avec_complement and resident.justificatif_complement is not None


def check_invariants(resident: Resident, responses: list[InsiResponse], result: RecordResult):
    statut = result.statut
    # ST03
    assert result.ins_utilisable is (statut is Statut.QUALIFIEE)
    # ST01
    if {Attribut.DOUTEUSE, Attribut.FICTIVE} & resident.attributs:
        assert statut is Statut.PROVISOIRE
        assert result.insi_active is None
    # I: never without a 00 response that decides, nor with a blocking finding
    if statut.insi:
        latest = _latest(responses)
        assert latest is not None and latest.cr == "00"
        assert resident.sexe != "I"
        assert not any(
            f.bloquante and f.code[:2] in ("TR", "MI", "IS", "DI") for f in result.findings
        )
        assert result.insi_active is not None
        # the INS's OID (INSi's, else the local one) is accepted by the policy (MI05)
        ins_oid = oid.compact(result.insi_oid) or oid.compact(resident.oid_ins)
        assert ins_oid in POLICY.oid.acceptes
        assert matricule.is_valid(result.insi_active)
        # the local matricule, if any, is the active one or in its history (MI07)
        if resident.matricule_ins and resident.matricule_ins.strip():
            local = matricule.compact(resident.matricule_ins)
            assert local == result.insi_active or local in {
                matricule.compact(h.matricule) for h in latest.historique
            }
        # no two 00 responses with unrelated active matricules (IS12)
        found = [r for r in responses if r.cr == "00" and r.actif is not None]
        for a in found:
            for b in found:
                ma, mb = matricule.compact(a.actif.matricule), matricule.compact(b.actif.matricule)
                linked = {matricule.compact(h.matricule) for h in (*a.historique, *b.historique)}
                assert ma == mb or {ma, mb} & linked
    # C: never without an accepted document and the local birthplace
    if statut.document:
        assert _document_ok(resident)
        assert resident.lieu_naissance and resident.lieu_naissance.strip()
    # every blocking finding is listed in regles
    for finding in result.findings:
        if finding.bloquante:
            assert finding.code in result.regles
    # ST04
    declared = resident.statut
    if declared is None:
        assert result.ecart_statut is None
    elif (declared.insi and not statut.insi) or (declared.document and not statut.document):
        assert result.ecart_statut is not None and result.ecart_statut.value == "SURESTIME"


# -- perturbations -----------------------------------------------------------------------------


def _with_traits(response: InsiResponse, **changes: str | None) -> InsiResponse:
    traits = response.traits or InsiTraits(None, None, None, None, None, None)
    return dataclasses.replace(response, traits=dataclasses.replace(traits, **changes))


def _shift_year(value: str | None) -> str | None:
    if not value or not value[:4].isdigit():
        return value
    return f"{int(value[:4]) - 1:04d}{value[4:]}"


def _blocking(kind: str, responses: list[InsiResponse]) -> list[InsiResponse]:
    """Perturb the deciding 00 response so that a BLOQUANTE discordance appears."""
    latest = _latest(responses)
    assert latest is not None and latest.traits is not None
    others = [r for r in responses if r is not latest]
    traits = latest.traits
    if kind == "date":
        changed = _with_traits(latest, date_naissance=_shift_year(traits.date_naissance))
    elif kind == "sexe":
        changed = _with_traits(latest, sexe={"M": "F", "F": "M"}.get(traits.sexe or "", "M"))
    elif kind == "nom":
        changed = _with_traits(latest, nom_naissance=(traits.nom_naissance or "") + "X")
    elif kind == "matricule":
        stamp = (latest.date or datetime(2026, 1, 1)) + timedelta(minutes=5)
        changed = dataclasses.replace(
            latest,
            date=stamp,
            actif=InsIdentifier(OTHER_MATRICULE, "1.2.250.1.213.1.4.8"),
            historique=(),
        )
        return [*others, latest, changed]
    else:  # pragma: no cover
        raise ValueError(kind)
    return [*others, changed]


QUALIFIED = [case for case in SEEDS if ENGINE.evaluate(*_inputs(case)).statut is Statut.QUALIFIEE]
WITH_I = [case for case in SEEDS if ENGINE.evaluate(*_inputs(case)).statut.insi]


def test_there_are_qualified_seeds() -> None:
    assert len(QUALIFIED) >= 20


@pytest.mark.parametrize("case", QUALIFIED, ids=[c.id for c in QUALIFIED])
def test_perturbed_insi_date_is_never_qualified(case: Case) -> None:
    resident, responses = _inputs(case)
    result = ENGINE.evaluate(resident, _blocking("date", responses))
    assert result.statut is Statut.VALIDEE  # C kept, I lost (domain.md §8 worked example)
    assert not result.ins_utilisable
    assert "DI09" in result.regles


@pytest.mark.parametrize("kind", ["date", "sexe", "nom", "matricule"])
@pytest.mark.parametrize("case", WITH_I, ids=[c.id for c in WITH_I])
def test_blocking_discordance_drops_i_and_never_raises(case: Case, kind: str) -> None:
    resident, responses = _inputs(case)
    before = ENGINE.evaluate(resident, responses)
    after = ENGINE.evaluate(resident, _blocking(kind, responses))
    assert not after.statut.insi
    assert after.statut.document is before.statut.document
    assert after.statut.rank <= before.statut.rank
    assert any(f.bloquante for f in after.findings)


@pytest.mark.parametrize("case", SEEDS, ids=[c.id for c in SEEDS])
def test_invariants_on_every_case(case: Case) -> None:
    resident, responses = _inputs(case)
    check_invariants(resident, responses, ENGINE.evaluate(resident, responses))


# -- hypothesis: random perturbations of the case files' identities ----------------------------

JUSTIFICATIFS = [None, *Justificatif]
COMPLEMENTS = [None, *Complement]
ATTRIBUTS = st.sets(st.sampled_from(list(Attribut)), max_size=2).map(frozenset)
STATUTS = st.sampled_from([None, *Statut])


@st.composite
def records(draw: st.DrawFn) -> tuple[Resident, list[InsiResponse]]:
    resident, responses = _inputs(draw(st.sampled_from(SEEDS)))
    resident = dataclasses.replace(
        resident,
        attributs=draw(st.one_of(st.just(resident.attributs), ATTRIBUTS)),
        justificatif=draw(st.sampled_from([resident.justificatif, *JUSTIFICATIFS])),
        justificatif_complement=draw(
            st.sampled_from([resident.justificatif_complement, *COMPLEMENTS])
        ),
        statut=draw(STATUTS),
        sexe=draw(st.sampled_from([resident.sexe, resident.sexe, "M", "F", "I"])),
        lieu_naissance=draw(st.sampled_from([resident.lieu_naissance] * 3 + [None, "75056"])),
    )
    changed = []
    for response in responses:
        action = draw(st.sampled_from(["keep", "keep", "drop", "cr", "date", "sexe", "oid"]))
        if action == "drop":
            continue
        if action == "cr" and response.cr != "00":
            response = dataclasses.replace(response, cr=draw(st.sampled_from(["01", "02"])))
        elif action == "date" and response.traits is not None:
            response = _with_traits(
                response, date_naissance=_shift_year(response.traits.date_naissance)
            )
        elif action == "sexe" and response.traits is not None:
            response = _with_traits(response, sexe=draw(st.sampled_from(["M", "F", None])))
        elif action == "oid" and response.actif is not None:
            new_oid = draw(st.sampled_from([None, "1.2.250.1.213.1.4.9", "1.2.250.1.213.1.4.10"]))
            response = dataclasses.replace(
                response, actif=InsIdentifier(response.actif.matricule, new_oid)
            )
        changed.append(response)
    return resident, changed


@SETTINGS
@given(records())
def test_status_invariants(record: tuple[Resident, list[InsiResponse]]) -> None:
    resident, responses = record
    check_invariants(resident, responses, ENGINE.evaluate(resident, responses))


@SETTINGS
@given(records(), st.randoms(use_true_random=False))
def test_response_order_does_not_matter(
    record: tuple[Resident, list[InsiResponse]], rnd: random.Random
) -> None:
    resident, responses = record
    dates = [r.date for r in responses]
    if None in dates or len(set(dates)) != len(dates):
        return  # ties and undated responses are ordered by their worst code: covered by cases
    shuffled = list(responses)
    rnd.shuffle(shuffled)
    first, second = ENGINE.evaluate(resident, responses), ENGINE.evaluate(resident, shuffled)
    assert (first.statut, first.regles, first.ins_utilisable) == (
        second.statut,
        second.regles,
        second.ins_utilisable,
    )


@SETTINGS
@given(records())
def test_adding_a_later_failed_verification_never_raises(
    record: tuple[Resident, list[InsiResponse]],
) -> None:
    resident, responses = record
    before = ENGINE.evaluate(resident, responses)
    last = max((r.date for r in responses if r.date), default=datetime(2026, 10, 1))
    verification = InsiResponse(
        resident.structure,
        resident.local_id,
        Operation.VERIFICATION,
        last + timedelta(hours=1),
        "01",
        None,
        None,
        (),
        None,
        "property",
    )
    after = ENGINE.evaluate(resident, [*responses, verification])
    assert after.statut.rank <= before.statut.rank
    assert not after.statut.insi
    assert after.statut.document is before.statut.document
