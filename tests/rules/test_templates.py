"""Every rule's messages are templates rendered from a finding's values (issue 17): each
template renders with the fields it declares, and the notes and converters it names exist."""

from __future__ import annotations

import pytest

from insvigil import findings
from insvigil.findings import Finding, Gravite, make, noted, render
from insvigil.rules.registry import all_rules
from insvigil.traits.charset_tr01 import Change


def _sample(converter: str, index: int) -> str:
    # A value each converter reads (TR01's changes are stored as their codes).
    return Change.CASSE.value if converter == "changements" else f"valeur{index}"


ALL = sorted(
    (code, variant, template)
    for code, by_variant in findings.templates().items()
    for variant, template in by_variant.items()
)


def test_every_evaluated_rule_that_reports_declares_templates() -> None:
    quiet = {"MI06", "MI07", "TR04"}  # documented rules that report nothing themselves
    for rule in all_rules():
        if rule.evaluated and rule.code not in quiet:
            assert rule.messages, rule.code
        for variant, template in rule.messages.items():
            assert findings.templates()[rule.code][variant] == template


@pytest.mark.parametrize(("code", "variant", "template"), ALL)
def test_every_template_renders_with_its_declared_fields(
    code: str, variant: str, template: str
) -> None:
    declared = findings.fields(template)
    # Positional fields 0..n-1, each used: a finding's params fill them in order.
    assert sorted({int(name) for name, _ in declared}) == list(range(len({n for n, _ in declared})))
    assert all(spec in findings.converters() for _, spec in declared if spec)
    count = len({name for name, _ in declared})
    specs = dict(declared)
    params = tuple(_sample(specs[str(i)], i) for i in range(count))
    message = render(code, variant, params)
    for i in range(count):
        if not specs[str(i)]:
            assert f"valeur{i}" in message
    assert "{" not in message and "}" not in message
    assert message == make(code, variant, Gravite.INFO, params).message


def test_a_template_with_too_few_values_fails_loudly() -> None:
    with pytest.raises(IndexError):
        render("ST04", "surestime", ("QUALIFIEE",))


def test_a_decided_finding_keeps_its_note_in_its_variant() -> None:
    base = make("DI04", "different", Gravite.BLOQUANTE, (), "nom_naissance", locale="A", insi="B")
    decided = noted(base, "accepte_insi")
    assert decided.variant == "different|accepte_insi"
    assert decided.message == render("DI04", "different|accepte_insi", ())
    assert decided.message.startswith(base.message + " Écart accepté par un référent")
    # A message without a template keeps the text in full.
    plain = noted(Finding("XX01", Gravite.BLOQUANTE, "Texte."), "accepte")
    assert (plain.variant, plain.message) == ("", "Texte. Écart accepté par un référent.")
