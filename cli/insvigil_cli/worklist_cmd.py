"""``insvigil worklist``: per record, the next action that would raise its status."""

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


@click.command("worklist", cls=FrenchCommand)
@click.option("--structure", metavar="FINESS", help="Seulement cette structure.")
@click.option(
    "--format",
    "fmt",
    type=Choix(["csv", "json"]),
    default="csv",
    show_default=True,
    help="Format de la liste.",
)
@out_option
@click.option("--tous", is_flag=True, help="Inclure les dossiers inactifs (hors file active).")
@click.option("--a-faire", "a_faire", is_flag=True, help="Omettre les dossiers sans action.")
@db_option
@json_option
def worklist(
    structure: str | None,
    fmt: str,
    out: Path | None,
    tous: bool,
    a_faire: bool,
    db_url: str | None,
    as_json: bool,
) -> None:
    """Pour chaque dossier actif, la prochaine action qui élèverait son statut : vérifier un
    justificatif à haut niveau de confiance, appeler l'INSi, résoudre la discordance n° N,
    examiner le doublon n° N…

    \b
    Colonnes : structure;local_id;statut;action;element;detail
    Exemples :
      insvigil worklist --structure 750000001
      insvigil worklist --format json --a-faire
      insvigil worklist --out a_faire.csv
    """
    fmt = "json" if as_json else fmt.lower()
    with opened_store(db_url) as store:
        require_known_structure(store, structure)
        actions = (
            a
            for a in insvigil.iter_worklist(store, structure, actifs_seulement=not tous)
            if not (a_faire and a.action is insvigil.WorklistAction.AUCUNE)
        )
        if out is None:
            for piece in insvigil.stream_worklist(actions, fmt):
                click.echo(piece, nl=False)
            return
        written = insvigil.write_worklist(actions, fmt, out)
    shown = "" if written is None else f"{written} dossier(s) "
    click.echo(f"Liste {shown}écrite dans {out}.", err=True)
