"""Meta-tests: every rule documents itself and has its case file (style.md points 3, 4, 11)."""

from __future__ import annotations

import inspect
import re
import tomllib

import pytest

from insvigil.policy import DISCORDANCE_CODES, default_rules_path, load_policy
from insvigil.rules.base import FAMILIES, Rule
from insvigil.rules.registry import all_rules, evaluated_rules, get_rule
from tests.rules._cases import CASE_KEYS, case_files, cases_of, read

RULES = all_rules()
CODES = [rule.code for rule in RULES]
_NON_CONFORME = ("Non conforme", "Écart mineur", "Mineure", "Signalé")
_NAME = re.compile(r"^[A-Za-z0-9_]+$")


def test_codes_are_well_formed_and_unique() -> None:
    assert len(CODES) == len(set(CODES))
    for rule in RULES:
        assert re.fullmatch(r"[A-Z]{2}\d{2}", rule.code), rule.code
        assert rule.code == rule.__name__, rule
        assert rule.family() in FAMILIES, rule.code
        assert rule.__module__.rsplit(".", 1)[-1] == rule.code.lower(), rule.__module__


def test_registry_lookup() -> None:
    assert get_rule(" di03 ") is next(r for r in RULES if r.code == "DI03")
    assert get_rule("XX99") is None
    assert {type(r) for r in evaluated_rules()} == {r for r in RULES if r.evaluated}


@pytest.mark.parametrize("rule", RULES, ids=CODES)
def test_docstring(rule: type[Rule]) -> None:
    doc = inspect.getdoc(rule)
    assert doc and doc != inspect.getdoc(Rule), f"{rule.code}: no docstring of its own"
    first = doc.splitlines()[0]
    assert first == rule.description()
    starts = first[0].isupper() or first.startswith("insvigil ")  # the product's name is lower-case
    assert starts, f"{rule.code}: first line should start a sentence: {first!r}"
    assert first.endswith("."), f"{rule.code}: first line should be a sentence: {first!r}"
    assert len(first.split()) >= 4, f"{rule.code}: first line too short: {first!r}"
    assert "Conforme" in doc, f"{rule.code}: no « Conforme » example"
    assert any(word in doc for word in _NON_CONFORME), f"{rule.code}: no non-conforme example"


@pytest.mark.parametrize("rule", RULES, ids=CODES)
def test_case_file(rule: type[Rule]) -> None:
    assert rule.code in case_files(), f"tests/rules/cases/{rule.code}.toml missing"
    cases = cases_of(rule.code)
    assert cases, f"{rule.code}: no case"
    names = [case.name for case in cases]
    assert len(names) == len(set(names)), f"{rule.code}: duplicate case names"
    for case in cases:
        assert _NAME.match(case.name), case.id
        assert case.data.get("description"), f"{case.id}: no description"
        assert isinstance(case.data.get("fires"), bool), f"{case.id}: fires = true|false"
        assert set(case.data) <= CASE_KEYS, f"{case.id}: {set(case.data) - CASE_KEYS}"
    fires = {case.data["fires"] for case in cases}
    assert fires == {True, False}, f"{rule.code}: needs a fires = true and a fires = false case"
    if rule.evaluated:
        assert not any(case.reading for case in cases), f"{rule.code} is evaluated"
        assert all("resident" in case.data for case in cases)
    else:
        assert all(case.reading for case in cases), f"{rule.code}: reading-time rule"


def test_no_case_file_for_an_unknown_code() -> None:
    assert sorted(set(case_files()) - set(CODES)) == []
    for code, path in case_files().items():
        assert set(read(path)) == {"cases"}, f"{code}: only [[cases]] at the top level"


def test_discordance_codes_match_the_policy() -> None:
    di_rules = sorted(code for code in CODES if code.startswith("DI"))
    assert di_rules == list(DISCORDANCE_CODES)
    with default_rules_path().open("rb") as handle:
        shipped = tomllib.load(handle)
    assert sorted(shipped["discordances"]) == di_rules
    assert sorted(load_policy().discordances) == di_rules
