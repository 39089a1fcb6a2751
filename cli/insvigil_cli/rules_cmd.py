"""``insvigil rules list`` / ``insvigil rules explain CODE``."""

from __future__ import annotations

import click

import insvigil
from insvigil_cli.errors import fail
from insvigil_cli.help import FrenchGroup


@click.group("rules", cls=FrenchGroup)
def rules() -> None:
    """Règles RNIV en vigueur et leur documentation.

    \b
    Exemples :
      insvigil rules list
      insvigil rules explain DI09
    """


@rules.command("list")
def list_rules() -> None:
    """Lister les règles (code, famille, description).

    \b
    Exemple :
      insvigil rules list
    """
    current = ""
    for rule in insvigil.all_rules():
        family = rule.family()
        if family != current:
            current = family
            click.echo(f"\n{insvigil.RULE_FAMILIES.get(family, family)}")
        marker = "" if rule.evaluated else " (à la lecture)"
        click.echo(f"  {rule.code}  {rule.description()}{marker}")


@rules.command("explain")
@click.argument("code")
def explain(code: str) -> None:
    """Afficher la documentation d'une règle.

    \b
    Exemple :
      insvigil rules explain MI04
    """
    rule = insvigil.get_rule(code)
    if rule is None:
        fail(f"règle inconnue « {code} » (voir « insvigil rules list »)")
    click.echo(f"{rule.code} — {insvigil.RULE_FAMILIES.get(rule.family(), '')}")
    click.echo("")
    click.echo(rule.documentation())
