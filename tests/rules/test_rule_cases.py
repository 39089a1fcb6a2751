"""Run every case of ``cases/<CODE>.toml`` through the engine and check its expectations.

``fires``: the rule's code is (not) among the findings. ``gravite``: the most severe finding
of that code has this severity. ``statut``, ``ins_utilisable``, ``ecart_statut``: the computed
result. ``regles_contain``: codes listed in ``regles``. ``message_contains``: a finding of the
rule's code contains the text. Cases with ``reading = true`` document a reading-time rule: the
rule must exist and not be evaluated (its behaviour is tested in tests/insi and tests/io).
"""

from __future__ import annotations

import pytest

from insvigil.findings import Gravite
from insvigil.model import RecordResult
from insvigil.rules.registry import get_rule
from tests.rules._cases import Case, all_cases, evaluate

_SEVERITY = {Gravite.INFO: 0, Gravite.MINEURE: 1, Gravite.BLOQUANTE: 2}
CASES = list(all_cases())


def _describe(result: RecordResult) -> str:
    head = f"statut={result.statut.value} regles={result.regles}"
    lines = [f"  {f.code} {f.gravite.value}: {f.message}" for f in result.findings]
    return "\n".join([head, *lines])


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case: Case) -> None:
    rule = get_rule(case.code)
    assert rule is not None, f"{case.code}: no such rule"
    if case.reading:
        assert not rule.evaluated, f"{case.id}: reading = true but {case.code} is evaluated"
        return
    assert rule.evaluated, f"{case.id}: {case.code} is a reading-time rule, use reading = true"
    result = evaluate(case)
    expect = case.data
    own = [f for f in result.findings if f.code == case.code]
    context = _describe(result)
    assert bool(own) is expect["fires"], f"{case.id}: fires != {expect['fires']}\n{context}"
    if "gravite" in expect:
        worst = max(own, key=lambda f: _SEVERITY[f.gravite])
        assert worst.gravite.value == expect["gravite"], f"{case.id}\n{context}"
    if "statut" in expect:
        assert result.statut.value == expect["statut"], f"{case.id}\n{context}"
    if "ins_utilisable" in expect:
        assert result.ins_utilisable is expect["ins_utilisable"], f"{case.id}\n{context}"
    if "ecart_statut" in expect:
        got = result.ecart_statut.value if result.ecart_statut else ""
        assert got == expect["ecart_statut"], f"{case.id}\n{context}"
    for code in expect.get("regles_contain", []):
        assert code in result.regles, f"{case.id}: {code} not in regles\n{context}"
    if "message_contains" in expect:
        wanted = expect["message_contains"]
        assert any(wanted in f.message for f in own), f"{case.id}: « {wanted} »\n{context}"
