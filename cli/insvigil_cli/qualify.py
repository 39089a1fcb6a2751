"""``insvigil qualify``: the batch qualification run."""

from __future__ import annotations

import signal
import sys
from datetime import date
from pathlib import Path

import click

import insvigil
from insvigil_cli.errors import fail
from insvigil_cli.help import FrenchCommand
from insvigil_cli.progress import ProgressLine
from insvigil_cli.wording import plural

#: What a user who stopped a run needs to know (the store keeps every chunk committed so far).
INTERRUPTED = (
    "traitement interrompu : la base reste cohérente et les fichiers de sortie précédents sont "
    "intacts ; relancer la même commande termine le travail sans rien doubler"
)


def _terminated(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %".replace(".", ",") if whole else "—"


def _seconds(value: float) -> str:
    """``12,3 s`` (French decimal comma)."""
    return f"{value:.1f} s".replace(".", ",")


def _summary_lines(summary: insvigil.RunSummary) -> list[str]:
    lines = [
        f"Traitement n° {summary.run_id} : {summary.dossiers} dossier(s) traité(s), "
        f"{summary.rejets} rejet(s) (voir rejets.csv).",
        f"{summary.reevalues} {plural(summary.reevalues, 'dossier réévalué', 'dossiers réévalués')}"
        f", {summary.repris} {plural(summary.repris, 'repris tel quel', 'repris tels quels')}.",
    ]
    if summary.sortis:
        lines.append(
            f"{summary.sortis} {plural(summary.sortis, 'dossier sorti', 'dossiers sortis')} de "
            f"l'export (présents au traitement n° {summary.sortis_depuis}, absents de celui-ci) : "
            "leurs résultats enregistrés restent, ils ne sont plus comptés dans taux.csv."
        )
    insi = summary.insi
    problems = sum(v for k, v in insi.items() if k != "reponses")
    lines.append(
        f"Réponses INSi : {insi.get('reponses', 0)} lue(s), {problems} illisible(s), "
        f"{summary.insi_orphelines} sans dossier."
    )
    for tally in summary.tally.sorted():
        lines.append(
            f"Structure {tally.structure} : {tally.actifs} dossier(s) actif(s) — "
            f"QUALIFIEE {tally.qualifiees} ({_pct(tally.qualifiees, tally.actifs)}), "
            f"VALIDEE {tally.validees}, RECUPEREE {tally.recuperees}, "
            f"PROVISOIRE {tally.provisoires} ; discordances ouvertes "
            f"{tally.discordances_ouvertes} ; doublons ouverts {tally.doublons_ouverts} ; "
            f"statuts surestimés {tally.surestimes}."
        )
    if summary.doublons or summary.collisions:
        others = summary.collisions - summary.collisions_paires - summary.collisions_is12
        lines.append(
            f"doublons.csv : {summary.doublons} doublon(s) probable(s) ; {summary.collisions} "
            f"collision(s) : {summary.collisions_paires} entre deux dossiers et "
            f"{summary.collisions_is12} de deux réponses INSi (IS12), éléments COLLISION de la "
            f"file ; {others} d'un dossier dont le matricule ou une réponse INSi est d'une autre "
            "personne, à décider par ses éléments CONTRADICTION ou DISCORDANCE."
        )
    lines.append(
        f"File de revue : {summary.file.describe()} (chaque élément une fois ; "
        "« insvigil queue list »)."
    )
    lines.append(f"Fichiers écrits dans {summary.out}/.")
    if summary.durees:
        steps = ", ".join(f"{step} {_seconds(spent)}" for step, spent in summary.durees.items())
        lines.append(f"Durée : {_seconds(sum(summary.durees.values()))} ({steps}).")
    return lines


@click.command("qualify", cls=FrenchCommand)
@click.argument("residents", type=click.Path(path_type=Path), metavar="RESIDENTS.csv")
@click.option(
    "--insi",
    "insi_paths",
    multiple=True,
    type=click.Path(path_type=Path),
    metavar="CHEMIN",
    help="Réponses INSi : fichier .jsonl ou dossier de fichiers XML (option répétable).",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("insvigil-out"),
    show_default=True,
    help="Dossier des fichiers de sortie.",
)
@click.option("--db", "db_url", metavar="URL", help="Base (URL SQLAlchemy) ; défaut : insvigil.db.")
@click.option(
    "--rules",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="FICHIER",
    help="Politique RNIV de la structure (TOML) ; complète rules/rniv.toml.",
)
@click.option(
    "--date-traitement",
    "run_date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="AAAA-MM-JJ",
    help="Date du traitement (AAAA-MM-JJ), pour rejouer un traitement ; défaut : aujourd'hui.",
)
@click.option(
    "--sans-doublons",
    "no_duplicates",
    is_flag=True,
    help="Ne pas rechercher les doublons et collisions entre dossiers (traitement plus court).",
)
@click.option(
    "--complet",
    "complete",
    is_flag=True,
    help="Réévaluer tous les dossiers, même ceux dont rien n'a changé depuis le dernier "
    "traitement (par défaut, ils gardent leur résultat enregistré).",
)
def qualify(
    residents: Path,
    insi_paths: tuple[Path, ...],
    out: Path,
    db_url: str | None,
    rules: Path | None,
    run_date: object,
    no_duplicates: bool,
    complete: bool,
) -> None:
    """Qualifier les identités d'un fichier de résidents selon le RNIV.

    Importe ou met à jour les dossiers, applique les règles, compare avec les réponses INSi,
    écrit identites.csv, discordances.csv, doublons.csv, taux.csv et rejets.csv, et affiche un
    résumé par structure. Relancer sur les mêmes fichiers ne duplique rien.

    \b
    Exemples :
      insvigil qualify residents.csv --insi insi.jsonl
      insvigil qualify residents.csv --insi insi.jsonl --insi reponses_xml/ --out resultats/
      insvigil qualify residents.csv --db postgresql+psycopg://user@localhost/insvigil
      insvigil qualify residents.csv --insi insi.jsonl --complet
    """
    today = run_date.date() if hasattr(run_date, "date") else None
    if not residents.exists():
        fail(f"{residents} : fichier introuvable (attendu : un fichier CSV de résidents)")
    options = insvigil.QualifyOptions(
        residents=residents,
        insi=insi_paths,
        out=out,
        db_url=db_url,
        rules=rules,
        today=today if isinstance(today, date) else None,
        doublons=not no_duplicates,
        complet=complete,
    )
    bar = ProgressLine(sys.stderr, enabled=sys.stderr.isatty())
    # SIGTERM (kill, a service manager stopping) ends the run like Ctrl-C: the library's
    # clean-up runs (scratch folder removed, outputs left intact), instead of dying mid-way.
    previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        summary = insvigil.qualify(options, progress=bar.advance, steps=bar.step)
    except KeyboardInterrupt:
        bar.close()
        fail(INTERRUPTED)
    finally:
        signal.signal(signal.SIGTERM, previous)
        bar.close()
    for warning in summary.warnings:
        click.echo(f"insvigil : attention : {warning}", err=True)
    for line in _summary_lines(summary):
        click.echo(line)
