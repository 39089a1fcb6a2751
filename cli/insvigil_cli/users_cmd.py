"""``insvigil users add|list|disable|passwd``: the accounts of the web workspace (contract §6)."""

from __future__ import annotations

import getpass
import sys

import click

import insvigil
from insvigil_cli.errors import fail
from insvigil_cli.help import FrenchGroup
from insvigil_cli.review_common import Choix, db_option, echo_json, guarded, json_option, when
from insvigil_cli.review_common import opened_store as _opened_store

ROLES = ["admin", "referent", "direction", "admission"]
ROLE_HELP = (
    "admin : comptes et tout le reste ; referent : file, décisions, audit, indicateurs, "
    "travail, recherche ; direction : indicateurs et travail, en lecture ; admission : recherche."
)


@click.group("users", cls=FrenchGroup)
def users() -> None:
    """Comptes de l'espace de travail web (insvigil serve) : créer, lister, désactiver,
    changer un mot de passe.

    \b
    Exemples :
      insvigil users add m.durand --role referent --structure 750000001
      printf '%s\\n' "$MOT_DE_PASSE" | insvigil users add admin --role admin --password-stdin
      insvigil users list
      insvigil users disable m.durand
      insvigil users passwd m.durand
    """


def _actor() -> str:
    """Who changes accounts from the command line, for the audit trail: the system login."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "inconnu"
    return f"{name} (ligne de commande)"


def _interactive() -> bool:
    """Whether a person can answer a prompt (standard input is a terminal)."""
    return sys.stdin.isatty()


def _password(from_stdin: bool) -> str:
    """The new password: one line of standard input, or typed twice at a hidden prompt."""
    if from_stdin:
        line = sys.stdin.readline()
        password = line[:-1] if line.endswith("\n") else line
        password = password[:-1] if password.endswith("\r") else password
        if not password:
            fail("aucun mot de passe lu sur l'entrée standard (--password-stdin)")
    else:
        if not _interactive():
            fail("saisie du mot de passe impossible sans terminal : utiliser --password-stdin")
        password = click.prompt(
            "Mot de passe (12 caractères au moins)",
            hide_input=True,
            confirmation_prompt="Le même mot de passe, à nouveau",
        )
    with guarded():
        insvigil.check_password_policy(password)
    return password


def _password_option(func: click.decorators.FC) -> click.decorators.FC:
    return click.option(
        "--password-stdin",
        "from_stdin",
        is_flag=True,
        help="Lire le mot de passe sur l'entrée standard (une ligne) au lieu de le demander.",
    )(func)


@users.command("add")
@click.argument("login", metavar="IDENTIFIANT")
@click.option("--role", "role", type=Choix(ROLES), required=True, help=ROLE_HELP)
@click.option(
    "--structure",
    "structures",
    multiple=True,
    metavar="FINESS",
    help="Structure que le compte peut voir (répétable) ; aucune : toutes les structures.",
)
@_password_option
@db_option
def add_cmd(
    login: str, role: str, structures: tuple[str, ...], from_stdin: bool, db_url: str | None
) -> None:
    """Créer un compte. Le mot de passe (12 caractères au moins) est demandé deux fois, ou lu
    sur l'entrée standard avec --password-stdin.

    \b
    Exemples :
      insvigil users add m.durand --role referent --structure 750000001 --structure 750000019
      insvigil users add direction.ghu --role direction
    """
    with guarded():
        name = insvigil.normalise_login(login)
        insvigil.parse_role(role)
    # The store is opened (created if need be) before the password is asked for: nobody types
    # a password for a database that cannot be opened.
    with guarded(), insvigil.open_store(db_url) as store:
        password = _password(from_stdin)
        account = insvigil.create_account(
            store, name, insvigil.parse_role(role), password, structures, by=_actor()
        )
    seen = ", ".join(account.structures) if account.structures else "toutes les structures"
    click.echo(f"Compte « {account.login} » créé : rôle {account.role.value}, {seen}.")


@users.command("list")
@json_option
@db_option
def list_cmd(as_json: bool, db_url: str | None) -> None:
    """Lister les comptes (identifiant, rôle, structures, état).

    \b
    Exemples :
      insvigil users list
      insvigil users list --json
    """
    with _opened_store(db_url) as store, guarded():
        accounts = insvigil.list_accounts(store)
    if as_json:
        echo_json(
            {
                "comptes": [
                    {
                        "identifiant": a.login,
                        "role": a.role.value,
                        "structures": a.structures,
                        "actif": not a.disabled,
                        "verrouille_jusqu_a": a.locked_until,
                        "cree_le": a.created_at,
                    }
                    for a in accounts
                ]
            }
        )
        return
    if not accounts:
        click.echo("Aucun compte ; en créer un : insvigil users add IDENTIFIANT --role admin")
        return
    for a in accounts:
        seen = ", ".join(a.structures) if a.structures else "toutes les structures"
        state = "désactivé" if a.disabled else "actif"
        if a.locked_until is not None and not a.disabled:
            state = f"verrouillé jusqu'au {when(a.locked_until)}"
        click.echo(f"{a.login} : {a.role.value} ; {seen} ; {state}")


@users.command("disable")
@click.argument("login", metavar="IDENTIFIANT")
@db_option
def disable_cmd(login: str, db_url: str | None) -> None:
    """Désactiver un compte : il ne peut plus se connecter et ses sessions sont fermées.

    \b
    Exemple :
      insvigil users disable m.durand
    """
    with _opened_store(db_url) as store, guarded():
        account = insvigil.disable_account(store, login, by=_actor())
    click.echo(f"Compte « {account.login} » désactivé ; ses sessions sont fermées.")


@users.command("passwd")
@click.argument("login", metavar="IDENTIFIANT")
@_password_option
@db_option
def passwd_cmd(login: str, from_stdin: bool, db_url: str | None) -> None:
    """Changer le mot de passe d'un compte ; lève son verrouillage et ferme ses sessions.

    \b
    Exemples :
      insvigil users passwd m.durand
      printf '%s\\n' "$NOUVEAU" | insvigil users passwd m.durand --password-stdin
    """
    with _opened_store(db_url) as store, guarded():
        insvigil.get_account(store, login)
    password = _password(from_stdin)
    with _opened_store(db_url) as store, guarded():
        account = insvigil.set_account_password(store, login, password, by=_actor())
    click.echo(f"Mot de passe de « {account.login} » changé ; ses sessions sont fermées.")
