"""``insvigil lookup``: the identities of the store that may be the person at the front desk.

Start-up matters here (a lookup is interactive): this module imports only click and the
façade. The façade loads the lookup when the search runs, and reads a SQLite store with
``sqlite3`` alone (:mod:`insvigil.store.lookup.driver_sqlite`): SQLAlchemy is imported only for
another database, or a SQLite store that must be migrated first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

import insvigil
from insvigil_cli.errors import fail
from insvigil_cli.help import FrenchCommand

if TYPE_CHECKING:
    from insvigil.lookup.result import IdentityCandidate, IdentitySearch

_OPTIONS = {
    "LK_NOM": "--nom",
    "LK_VIDE": "--nom",
    "LK_PRENOM": "--prenom",
    "LK_DDN": "--ddn",
    "LK_SEXE": "--sexe",
    "LK_INS": "--ins",
    "LK_LIMITE": "--limite",
}
_STATUTS = {
    "PROVISOIRE": "provisoire",
    "RECUPEREE": "récupérée",
    "VALIDEE": "validée",
    "QUALIFIEE": "qualifiée",
}


def _date(iso: str) -> str:
    """``1983-05-12`` → ``12/05/1983`` (``00`` kept); anything else as stored."""
    parts = iso.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{parts[2]}/{parts[1]}/{parts[0]}"
    return iso


def _line(rank: int, candidate: IdentityCandidate) -> str:
    t = candidate.traits
    nom = t.nom_naissance + (f" (nom utilisé {t.nom_utilise})" if t.nom_utilise else "")
    prenoms = t.prenoms_naissance + (
        f" (prénom utilisé {t.prenom_utilise})" if t.prenom_utilise else ""
    )
    statut = _STATUTS.get(candidate.statut or "", "statut inconnu")
    ins = "INS utilisable" if candidate.ins_utilisable else "INS non utilisable"
    pieces = [
        f"{rank}. score " + f"{candidate.score:.2f}".replace(".", ","),
        f"{candidate.structure} / {candidate.local_id}",
        nom,
        prenoms,
        t.sexe,
        f"né(e) le {_date(t.date_naissance)}",
    ]
    if t.lieu_naissance:
        pieces.append(f"à {t.lieu_naissance}")
    if t.matricule:
        pieces.append(f"matricule {t.matricule}")
    pieces.append(f"identité {statut}, {ins}")
    if candidate.attributs:
        pieces.append("attributs " + ", ".join(candidate.attributs))
    return " ; ".join(pieces)


def _human(search: IdentitySearch, saisie: str) -> str:
    count = len(search.candidats)
    if count == 0:
        lines = [f"{saisie} : aucun dossier trouvé."]
    else:
        lines = [
            f"{saisie} : {count} candidat{'s' if count > 1 else ''}, du plus proche au moins proche"
        ]
    for rank, candidate in enumerate(search.candidats, 1):
        lines.append(_line(rank, candidate))
        lines.append(f"    pourquoi : {', '.join(candidate.raisons)}")
        lines.extend(f"    ATTENTION : {alerte}" for alerte in candidate.alertes)
    lines.extend(f"Remarque : {remarque}" for remarque in search.remarques)
    return "\n".join(lines)


def _saisie(
    nom: str | None, prenom: str | None, ddn: str | None, sexe: str | None, ins: str | None
) -> str:
    parts = [p.strip() for p in (nom, prenom, ddn, sexe) if p and p.strip()]
    if ins and ins.strip():
        parts.append("matricule saisi")
    return "« " + ", ".join(parts) + " »"


@click.command("lookup", cls=FrenchCommand)
@click.option("--nom", metavar="NOM", help="Nom de naissance (ou nom utilisé) tel que donné.")
@click.option("--prenom", metavar="PRENOM", help="Prénom : le premier ou un autre prénom.")
@click.option(
    "--ddn",
    metavar="DATE",
    help="Date de naissance : JJ/MM/AAAA, AAAA-MM-JJ, MM/AAAA ou AAAA (année seule).",
)
@click.option("--sexe", metavar="S", help="Sexe : M, F ou I.")
@click.option("--ins", metavar="MATRICULE", help="Matricule INS (NIR ou NIA), clé comprise.")
@click.option("--db", metavar="URL", help="Base (URL SQLAlchemy) ; insvigil.db par défaut.")
@click.option(
    "--limite",
    default="10",
    metavar="N",
    help="Nombre maximal de candidats, de 1 à 100 (10 par défaut).",
)
@click.option("--json", "as_json", is_flag=True, help="Sortie JSON (un document sur stdout).")
def lookup(
    nom: str | None,
    prenom: str | None,
    ddn: str | None,
    sexe: str | None,
    ins: str | None,
    db: str | None,
    limite: str,
    as_json: bool,
) -> None:
    """Rechercher une identité à l'accueil, avant d'en créer une (recherche d'antériorité).

    Les dossiers de la base sont classés du plus ressemblant au moins ressemblant, avec leur
    statut, leurs attributs, l'usage possible de l'INS et des alertes (homonyme, identité
    douteuse ou fictive, doublon ou collision en attente, INS non qualifié). La saisie est
    tolérante : accents et majuscules, tiret ou espace, nom utilisé au lieu du nom de
    naissance, un seul des prénoms, une faute de frappe, jour et mois inversés, date partielle
    ou année seule. Un matricule INS (--ins) trouve directement son dossier. Le matricule n'est
    jamais affiché en entier.

    \b
    Exemples :
      insvigil lookup --nom Dupont --prenom Marie --ddn 12/05/1983
      insvigil lookup --nom "le gall" --ddn 1950 --sexe F --json
      insvigil lookup --ins "2 83 05 2A 004 123 07"
    """
    count = int(limite) if limite.strip().isdigit() else 0
    if not 1 <= count <= 100:
        fail(f"--limite : « {limite[:10]} » invalide, un nombre de 1 à 100 est attendu.")
    if not (nom and nom.strip()) and not (ins and ins.strip()):
        fail("--nom : obligatoire (ou --ins, le matricule INS).")
    try:
        search = insvigil.search_identities(nom, prenom, ddn, sexe, ins, db=db, limit=count)
    except insvigil.InvalidValue as error:
        fail(f"{_OPTIONS.get(error.code, 'saisie')} : {error.message}")
    if as_json:
        import json  # only for --json

        click.echo(json.dumps(search.as_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(_human(search, _saisie(nom, prenom, ddn, sexe, ins)))
