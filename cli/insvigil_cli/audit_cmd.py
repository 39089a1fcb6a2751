"""``insvigil audit verify|export``: the audit trail of the referents' decisions."""

from __future__ import annotations

import sys
from pathlib import Path

import click

import insvigil
from insvigil_cli.errors import fail
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
@click.option(
    "--attendu",
    "attendu",
    metavar="LONGUEUR:EMPREINTE",
    help="Ancre notée hors de la base lors d'une vérification précédente : le journal doit "
    "toujours contenir cette entrée avec cette empreinte (ou ses 16 premiers caractères au "
    "moins).",
)
@db_option
@json_option
def verify_cmd(attendu: str | None, db_url: str | None, as_json: bool) -> None:
    """Vérifier le journal d'audit : sa chaîne d'empreintes, ses ancres (table d'ancrage,
    longueur et dernière empreinte enregistrées à la fin de chaque traitement) et la présence,
    pour chaque élément résolu de la file, de l'entrée de sa décision. Code de sortie 0 si
    tout concorde, 1 sinon (la première entrée fautive et les éléments sans entrée sont
    nommés).

    Une réécriture complète et cohérente de la base ne se voit que par une ancre gardée
    ailleurs : noter la longueur et l'empreinte affichées, et les redonner plus tard avec
    --attendu.

    \b
    Exemples :
      insvigil audit verify
      insvigil audit verify --attendu 13:9f86d081884c7d659a2feaa0c55ad015
      insvigil audit verify --db postgresql+psycopg://user@localhost/insvigil --json
    """
    expected = None
    if attendu is not None:
        expected = insvigil.parse_audit_anchor(attendu)
        if expected is None:
            fail(
                f"valeur invalide pour --attendu : « {attendu[:80]} » (attendu : "
                "LONGUEUR:EMPREINTE, par exemple 13:9f86d081884c7d65…, l'empreinte entière "
                "ou ses 16 premiers caractères au moins)"
            )
    with opened_store(db_url) as store:
        verdict = insvigil.verify_audit(store, expected)
    anchor = f"{verdict.entries}:{verdict.last_hash}" if verdict.last_hash else None
    if as_json:
        echo_json(
            {
                "intact": verdict.intact,
                "entrees": verdict.entries,
                "derniere_empreinte": verdict.last_hash,
                "ancre": anchor if verdict.intact else None,
                "premiere_entree_invalide": verdict.first_bad,
                "motif": verdict.reason,
                "anomalies": list(verdict.problems),
                "elements_sans_entree": list(verdict.missing_items),
                "executions_verifiees": verdict.runs_checked,
                "decisions_verifiees": verdict.items_checked,
            }
        )
    elif verdict.intact:
        last = f" ; dernière empreinte : {verdict.last_hash}" if verdict.last_hash else ""
        click.echo(f"Journal d'audit intact : {verdict.entries} entrée(s){last}.")
        click.echo(
            f"Concorde avec son ancre, {verdict.runs_checked} traitement(s) ancré(s) et "
            f"{verdict.items_checked} décision(s) de la file."
        )
        if anchor is not None:
            click.echo(
                "À noter hors de la base, pour une vérification future : "
                f"insvigil audit verify --attendu {anchor}"
            )
    else:
        lines = list(verdict.problems)
        if verdict.first_bad is not None:
            click.echo(
                f"insvigil : journal d'audit rompu à l'entrée n° {verdict.first_bad} : "
                f"{verdict.reason} ({verdict.entries} entrée(s) valide(s) avant elle)",
                err=True,
            )
            lines = lines[1:]
        for line in lines:
            click.echo(f"insvigil : journal d'audit incomplet ou altéré : {line}", err=True)
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
