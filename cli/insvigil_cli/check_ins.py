"""``insvigil check-ins``: validate one INS matricule and its coherence with given traits."""

from __future__ import annotations

import json

import click

import insvigil
from insvigil_cli.errors import fail
from insvigil_cli.help import FrenchCommand


def _human(result: insvigil.InsCheck) -> str:
    kind = result.type or "inconnu (sans OID, NIR et NIA ont le même format)"
    lines = [
        f"Matricule : {result.matricule}",
        f"Type : {kind}",
        f"Verdict : {'VALIDE' if result.valide else 'INVALIDE'}",
    ]
    if result.constats:
        lines.append("Constats :")
        lines.extend(f"  [{c.gravite.value}] {c.code} {c.message}" for c in result.constats)
    else:
        lines.append("Aucun constat.")
    return "\n".join(lines)


@click.command("check-ins", cls=FrenchCommand)
@click.argument("matricule_ins", metavar="MATRICULE", nargs=-1, required=True)
@click.option("--oid", "oid_value", metavar="OID", help="OID de l'autorité d'affectation.")
@click.option("--sexe", metavar="S", help="Sexe : M, F ou I.")
@click.option("--ddn", metavar="DATE", help="Date de naissance : AAAA-MM-JJ ou JJ/MM/AAAA.")
@click.option("--lieu", metavar="CODE", help="Code INSEE du lieu de naissance (commune ou 99xxx).")
@click.option("--json", "as_json", is_flag=True, help="Sortie JSON (un document sur stdout).")
def check_ins(
    matricule_ins: tuple[str, ...],
    oid_value: str | None,
    sexe: str | None,
    ddn: str | None,
    lieu: str | None,
    as_json: bool,
) -> None:
    """Vérifier un matricule INS (NIR ou NIA) et sa cohérence avec des traits.

    Contrôle le format, la clé, l'OID et, si on les donne, la cohérence du matricule avec le
    sexe, la date et le lieu de naissance. Le matricule n'est jamais affiché en entier.

    \b
    Exemples :
      insvigil check-ins 2 83 05 2A 004 123 07
      insvigil check-ins 283052A00412307 --oid 1.2.250.1.213.1.4.8 --sexe F \\
          --ddn 12/05/1983 --lieu 2A004 --json
    """
    try:
        result = insvigil.check_ins(
            " ".join(matricule_ins), oid_value=oid_value, sexe=sexe, ddn=ddn, lieu=lieu
        )
    except insvigil.InvalidValue as error:
        option = {"TR04": "--ddn", "TR05": "--sexe", "TR06": "--lieu"}.get(error.code, "option")
        fail(f"{option} : {error.message}")
    if as_json:
        click.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(_human(result))
