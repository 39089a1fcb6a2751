"""``insvigil audit verify|export``: the audit trail of the referents' decisions."""

from __future__ import annotations

import sys
from pathlib import Path

import click

import insvigil
from insvigil_cli.help import FrenchGroup
from insvigil_cli.review_common import (
    Choix,
    db_option,
    echo_json,
    json_option,
    opened_store,
    out_option,
)


@click.group("audit", cls=FrenchGroup)
def audit() -> None:
    """Journal d'audit des décisions (chaîne d'empreintes SHA-256, ajout seul).

    \b
    Exemples :
      insvigil audit verify
      insvigil audit export --format csv --out audit.csv
    """


@audit.command("verify")
@db_option
@json_option
def verify_cmd(db_url: str | None, as_json: bool) -> None:
    """Vérifier la chaîne d'empreintes du journal : code de sortie 0 si elle est intacte, 1 si
    elle est rompue (la première entrée fautive est nommée).

    \b
    Exemples :
      insvigil audit verify
      insvigil audit verify --db postgresql+psycopg://user@localhost/insvigil --json
    """
    with opened_store(db_url) as store:
        verdict = insvigil.verify_audit(store)
    if as_json:
        echo_json(
            {
                "intact": verdict.intact,
                "entrees": verdict.entries,
                "derniere_empreinte": verdict.last_hash,
                "premiere_entree_invalide": verdict.first_bad,
                "motif": verdict.reason,
            }
        )
    elif verdict.intact:
        last = f" ; dernière empreinte : {verdict.last_hash}" if verdict.last_hash else ""
        click.echo(f"Journal d'audit intact : {verdict.entries} entrée(s){last}.")
    else:
        click.echo(
            f"insvigil : journal d'audit rompu à l'entrée n° {verdict.first_bad} : "
            f"{verdict.reason} ({verdict.entries} entrée(s) valide(s) avant elle)",
            err=True,
        )
    if not verdict.intact:
        sys.exit(1)


@audit.command("export")
@click.option(
    "--format",
    "fmt",
    type=Choix(["csv", "json"]),
    default="csv",
    show_default=True,
    help="Format de l'export.",
)
@out_option
@db_option
@json_option
def export_cmd(fmt: str, out: Path | None, db_url: str | None, as_json: bool) -> None:
    """Exporter le journal d'audit (horodatage UTC, acteur, élément, dossiers, décision,
    commentaire, états avant et après, empreintes).

    \b
    Exemples :
      insvigil audit export
      insvigil audit export --format json --out audit.json
    """
    fmt = "json" if as_json else fmt.lower()
    with opened_store(db_url) as store:
        entries = list(insvigil.iter_audit(store))
        if out is None:
            click.echo(insvigil.render_audit(entries, fmt), nl=False)
        else:
            insvigil.write_audit(entries, fmt, out)
    if out is not None:
        click.echo(f"{len(entries)} entrée(s) écrite(s) dans {out}.", err=True)
