"""``insvigil report``: the per-structure indicators kept in the store."""

from __future__ import annotations

from pathlib import Path

import click

import insvigil
from insvigil_cli.help import FrenchCommand
from insvigil_cli.review_common import (
    Choix,
    db_option,
    json_option,
    opened_store,
    out_option,
    require_known_structure,
)


@click.command("report", cls=FrenchCommand)
@click.option(
    "--format",
    "fmt",
    type=Choix(["csv", "json", "html"]),
    default="csv",
    show_default=True,
    help="csv : les colonnes de taux.csv ; json ; html : une page autonome avec graphiques.",
)
@out_option
@click.option("--structure", metavar="FINESS", help="Seulement cette structure.")
@db_option
@json_option
def report(
    fmt: str, out: Path | None, structure: str | None, db_url: str | None, as_json: bool
) -> None:
    """Indicateurs par structure depuis la base : les chiffres de taux.csv du dernier
    traitement de chaque structure, leur évolution d'un traitement à l'autre et les éléments
    ouverts de la file de revue par ancienneté.

    \b
    Exemples :
      insvigil report
      insvigil report --format json
      insvigil report --format html --out indicateurs.html
    """
    fmt = "json" if as_json else fmt.lower()
    with opened_store(db_url) as store:
        require_known_structure(store, structure)
        data = insvigil.load_report(store, structure=structure, full=fmt != "csv")
        if not data.latest:
            click.echo(
                "insvigil : attention : aucun indicateur enregistré (lancer insvigil qualify)",
                err=True,
            )
        if out is None:
            click.echo(insvigil.render_report(data, fmt), nl=False)
        else:
            insvigil.write_report(data, fmt, out)
    if out is not None:
        click.echo(f"Rapport écrit dans {out} ({len(data.latest)} structure(s)).", err=True)
