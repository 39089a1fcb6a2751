"""``insvigil synth``: write a synthetic population (never real people)."""

from __future__ import annotations

from pathlib import Path

import click

import insvigil
from insvigil_cli.help import FrenchCommand
from insvigil_cli.review_common import Entier
from insvigil_cli.wording import plural


@click.command("synth", cls=FrenchCommand)
@click.option(
    "--n",
    "n",
    type=Entier(1, 5_000_000),
    required=True,
    help="Nombre de dossiers à générer (1 à 5 000 000).",
)
@click.option(
    "--seed",
    type=Entier(),
    default=1,
    show_default=True,
    help="Graine : mêmes paramètres, mêmes fichiers.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Dossier de sortie (créé s'il n'existe pas ; doit être vide).",
)
def synth(n: int, seed: int, out: Path) -> None:
    """Générer une population synthétique réaliste.

    Écrit residents.csv, insi.jsonl, insi_xml/ (réponses SOAP), verite.csv (statut attendu par
    dossier) et verite_paires.csv (vrais doublons, collisions, jumeaux, homonymes). Noms et
    prénoms tirés des fréquences INSEE, matricules à clé valide : aucune personne réelle.

    \b
    Exemples :
      insvigil synth --n 2000 --seed 7 --out echantillon/
      insvigil qualify echantillon/residents.csv --insi echantillon/insi.jsonl \\
          --insi echantillon/insi_xml
    """
    # The library refuses a folder that exists and is not empty (OutputError, exit 1) before
    # writing anything: a previous population or someone's files are never replaced.
    summary = insvigil.generate_population(n, seed, out)
    records = summary.records
    click.echo(
        f"{records} {plural(records, 'dossier synthétique', 'dossiers synthétiques')} "
        f"({summary.persons} {plural(summary.persons, 'personne')}, "
        f"{summary.structures} {plural(summary.structures, 'structure')}) "
        f"{plural(records, 'écrit')} dans {out}/."
    )
