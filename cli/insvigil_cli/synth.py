"""``insvigil synth``: write a synthetic population (never real people)."""

from __future__ import annotations

from pathlib import Path

import click

import insvigil
from insvigil_cli.errors import fail
from insvigil_cli.help import FrenchCommand

_OWN_FILES = frozenset(
    {"residents.csv", "insi.jsonl", "insi_xml", "verite.csv", "verite_paires.csv", "README.md"}
)


@click.command("synth", cls=FrenchCommand)
@click.option(
    "--n",
    "n",
    type=click.IntRange(1, 5_000_000),
    required=True,
    help="Nombre de dossiers à générer.",
)
@click.option(
    "--seed",
    type=int,
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
    if out.exists():
        foreign = sorted(p.name for p in out.iterdir() if p.name not in _OWN_FILES)
        if foreign:
            fail(
                f"{out} : le dossier contient d'autres fichiers ({', '.join(foreign[:3])}) ; "
                "choisir un dossier vide ou nouveau"
            )
    summary = insvigil.generate_population(n, seed, out)
    click.echo(
        f"{summary.records} dossiers synthétiques ({summary.persons} personnes, "
        f"{summary.structures} structures) écrits dans {out}/."
    )
