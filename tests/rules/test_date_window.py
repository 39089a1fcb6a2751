"""Contract §7: a result says for which run dates it holds, so that a re-run evaluates a record
again when the date crosses a threshold (the age of majority) and not at every run.

Property: over every rule case, each evaluated at many run dates, two dates inside one result's
window give the same result, and a result that differs at another date has a window that
excludes that date. Rules that read the date declare it (``Rule.reads_date``).
"""

from __future__ import annotations

import dataclasses
import inspect
from datetime import date

from insvigil.engine.evaluate import Engine
from insvigil.model import RecordResult
from insvigil.policy import load_policy
from insvigil.reference.cog import load as load_cog
from insvigil.rules.registry import all_rules
from tests.rules._cases import all_cases, build_residents_and_responses

DATES = [date(y, m, 1) for y in range(2026, 2047, 2) for m in (1, 7)]
POLICY = load_policy()
ENGINES = {day: Engine(POLICY, load_cog(), day) for day in DATES}


def _content(result: RecordResult) -> RecordResult:
    return dataclasses.replace(result, valid_since=None, valid_until=None)


def _holds(result: RecordResult, day: date) -> bool:
    since, until = result.valid_since, result.valid_until
    return (since is None or since <= day) and (until is None or day < until)


def test_a_result_is_the_same_at_every_date_of_its_window_and_only_there() -> None:
    cases = [c for c in all_cases() if not c.reading and not c.data.get("policy")]
    windows = 0
    for case in cases:
        resident, responses = build_residents_and_responses(case)
        if resident.date_naissance > DATES[0].isoformat():
            continue  # born after the first date: the row would be rejected then
        results = {day: ENGINES[day].evaluate(resident, responses) for day in DATES}
        for day, result in results.items():
            windows += result.valid_since is not None or result.valid_until is not None
            for other, seen in results.items():
                if _holds(result, other):
                    assert _content(seen) == _content(result), (case.name, day, other)
    assert windows > 0  # some case reads the date (a minor's document)


def test_a_rule_that_reads_the_date_says_so() -> None:
    for rule in all_rules():
        source = inspect.getsource(inspect.getmodule(rule) or rule)
        # justificatifs/_document.verdict reads the date (the age of majority).
        reads = "ctx.today" in source or ("_document import" in source and "verdict(" in source)
        assert rule.reads_date == reads, rule.code
