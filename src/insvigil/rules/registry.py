"""Discover the rules: every module of the family packages defines one ``Rule`` subclass."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from insvigil.rules.base import Rule

_FAMILY_PACKAGES = (
    "insvigil.rules.traits",
    "insvigil.rules.matricule",
    "insvigil.rules.insi",
    "insvigil.rules.discordances",
    "insvigil.rules.justificatifs",
    "insvigil.rules.attributs",
    "insvigil.rules.statut",
    "insvigil.rules.historique",
)


@cache
def all_rules() -> tuple[type[Rule], ...]:
    """Every rule class, sorted by code."""
    found: dict[str, type[Rule]] = {}
    for package_name in _FAMILY_PACKAGES:
        package = importlib.import_module(package_name)
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package_name}.{info.name}")
            for value in vars(module).values():
                if (
                    isinstance(value, type)
                    and issubclass(value, Rule)
                    and value.code
                    and value.__module__ == module.__name__
                ):
                    if value.code in found:
                        raise RuntimeError(f"rule code {value.code} defined twice")
                    found[value.code] = value
    return tuple(found[code] for code in sorted(found))


def get_rule(code: str) -> type[Rule] | None:
    wanted = code.strip().upper()
    return next((rule for rule in all_rules() if rule.code == wanted), None)


@cache
def evaluated_rules() -> tuple[Rule, ...]:
    """Instances of the rules the engine evaluates, in evaluation order."""
    rules = [rule() for rule in all_rules() if rule.evaluated]
    return tuple(sorted(rules, key=lambda rule: (rule.phase, rule.code)))
