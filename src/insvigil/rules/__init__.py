"""The RNIV rules: one rule per module, grouped by family (see :mod:`insvigil.rules.base`)."""

from __future__ import annotations

from insvigil.rules.base import FAMILIES, Rule
from insvigil.rules.registry import all_rules, evaluated_rules, get_rule

__all__ = ["FAMILIES", "Rule", "all_rules", "evaluated_rules", "get_rule"]
