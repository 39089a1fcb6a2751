"""``insvigil lieu``: the INSEE birthplace code(s) for a commune or country typed by a person."""

from __future__ import annotations

import json
from datetime import date

import click

import insvigil
from insvigil_cli.errors import fail
from insvigil_cli.help import FrenchCommand

_OPTIONS = {"TR04": "--ddn", "LIEU_DEPARTEMENT": "--departement", "LIEU_CP": "--cp"}
_HISTORY_START = date(1943, 1, 1)  # first day of INSEE's history: also covers earlier dates


def _day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def _validity(candidate: insvigil.PlaceCandidate) -> str:
    start, end = candidate.valide_du, candidate.valide_au
    if start == _HISTORY_START:
        return "toujours valable" if end is None else f"valable jusqu'au {_day(end)}"
    if end is None:
        return f"valable depuis le {_day(start)}"
    return f"valable du {_day(start)} au {_day(end)}"


def _when(search: insvigil.PlaceSearch) -> str:
    if search.debut is None or search.fin is None:
        return "toutes dates"
    if search.debut == search.fin:
        return f"le {_day(search.debut)}"
    return f"entre le {_day(search.debut)} et le {_day(search.fin)}"


def _line(candidate: insvigil.PlaceCandidate) -> str:
    today = candidate.libelle_actuel or "aucun code actuel"
    line = (
        f"{candidate.code}  {candidate.libelle_a_la_date}  "
        f"(aujourd'hui : {today} ; {_validity(candidate)})"
    )
    if candidate.score < 0.9:
        line += f" [nom approchant, score {candidate.score:.2f}]".replace(".", ",")
    return line


def _human(search: insvigil.PlaceSearch) -> str:
    head = f"« {search.saisie.strip()} », {_when(search)}"
    if not search.candidats:
        lines = [f"{head} : aucun code INSEE de lieu de naissance trouvé."]
    else:
        count = len(search.candidats)
        lines = [f"{head} : {count} candidat{'s' if count > 1 else ''}"]
        for candidate in search.candidats:
            lines.append(f"  {_line(candidate)}")
            if candidate.remarque:
                lines.append(f"      {candidate.remarque}")
    lines.extend(f"Remarque : {remark}" for remark in search.remarques)
    return "\n".join(lines)


@click.command("lieu", cls=FrenchCommand)
@click.argument("commune", metavar="COMMUNE", nargs=-1, required=True)
@click.option(
    "--ddn",
    metavar="DATE",
    help="Date de naissance : AAAA-MM-JJ ou JJ/MM/AAAA (00 pour un jour ou un mois inconnu).",
)
@click.option(
    "--departement",
    metavar="D",
    help="Département : 01…95, 2A, 2B, 20 (Corse avant 1976), 971…976, 99 (étranger).",
)
@click.option("--cp", metavar="CODE", help="Code postal actuel de la commune (5 chiffres).")
@click.option(
    "--limite",
    default="10",
    metavar="N",
    help="Nombre maximal de candidats, de 1 à 100 (10 par défaut).",
)
@click.option("--json", "as_json", is_flag=True, help="Sortie JSON (un document sur stdout).")
def lieu(
    commune: tuple[str, ...],
    ddn: str | None,
    departement: str | None,
    cp: str | None,
    limite: str,
    as_json: bool,
) -> None:
    """Trouver le code INSEE du lieu de naissance à partir d'un nom de commune ou de pays.

    Le nom peut être saisi librement : accents, ST/STE, article devant ou derrière
    (« Havre (Le) »), tirets ou espaces, ancien nom d'une commune fusionnée ou renommée,
    arrondissements (« Paris 15 », « Lyon 2e », « Marseille XIII »), pays (« Maroc »). Avec
    --ddn, seuls les codes valables à cette date sont proposés (Ajaccio : 20004 avant 1976,
    2A004 ensuite) ; sans date, tous les codes ayant porté ce nom, les codes actuels d'abord.
    Les homonymes se départagent avec --departement ou --cp (l'un ou l'autre). Un code postal
    n'est jamais un code de lieu de naissance.

    \b
    Exemples :
      insvigil lieu st etienne --ddn 1980-05-12
      insvigil lieu "Saint-Denis" --cp 97400 --ddn 12/05/1983
      insvigil lieu Ajaccio --ddn 1950-00-00
      insvigil lieu Maroc --ddn 1985-03-01 --json
    """
    count = int(limite) if limite.strip().isdigit() else 0
    if not 1 <= count <= 100:
        fail(f"--limite : « {limite[:10]} » invalide, un nombre de 1 à 100 est attendu.")
    if departement and cp:
        fail("--departement et --cp ne se combinent pas : donner l'un ou l'autre.")
    name = " ".join(commune)
    try:
        search = insvigil.search_place(name, on=ddn, departement=departement, cp=cp, limit=count)
    except insvigil.InvalidValue as error:
        fail(f"{_OPTIONS.get(error.code, 'COMMUNE')} : {error.message}")
    if as_json:
        click.echo(json.dumps(search.as_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(_human(search))
