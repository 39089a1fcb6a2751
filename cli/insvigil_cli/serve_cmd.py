"""``insvigil serve``: the referents' web workspace (contract §6), served by uvicorn.

The workspace is its own package (``insvigil_web``), which this adapter does not import: it
hands uvicorn the application factory by name, with the store's URL in the environment.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import sys

import click

import insvigil
from insvigil_cli.errors import fail
from insvigil_cli.help import FrenchCommand
from insvigil_cli.review_common import Entier, db_option, opened_store

FACTORY = "insvigil_web.app:app_from_environment"
LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def _loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@click.command("serve", cls=FrenchCommand)
@db_option
@click.option(
    "--host",
    default="127.0.0.1",
    metavar="ADRESSE",
    help="Adresse d'écoute ; défaut : 127.0.0.1 (cette machine seulement).",
)
@click.option(
    "--port", type=Entier(1, 65535), default=8000, metavar="PORT", help="Port ; défaut : 8000."
)
@click.option(
    "--https",
    is_flag=True,
    help="Le service est atteint en HTTPS derrière un mandataire : cookies « Secure ».",
)
def serve(db_url: str | None, host: str, port: int, https: bool) -> None:
    """Servir l'espace de travail web des référents : file de revue, indicateurs, actions à
    mener, recherche, audit et comptes, chacun selon son rôle et ses structures.

    Les comptes se créent avec « insvigil users add ». Sur une autre adresse que la boucle
    locale, un mandataire qui termine TLS (HTTPS) est indispensable devant le service.

    \b
    Exemples :
      insvigil users add admin --role admin
      insvigil serve --db insvigil.db
      insvigil serve --host 0.0.0.0 --port 8443 --https   # derrière un mandataire HTTPS
    """
    with opened_store(db_url) as store:
        accounts = insvigil.list_accounts(store)
    if not accounts:
        fail("aucun compte : en créer un d'abord (insvigil users add IDENTIFIANT --role admin)")
    if not _loopback(host):
        click.echo(
            f"insvigil : attention, le service écoute sur {host} : placer devant lui un "
            "mandataire qui termine TLS (HTTPS) ; les mots de passe et les données de santé ne "
            "doivent jamais circuler en clair.",
            err=True,
        )
    try:
        import uvicorn
    except ImportError:  # pragma: no cover - a dependency of the package
        fail("uvicorn est absent : réinstaller insvigil", 2)
    if db_url:
        os.environ["INSVIGIL_DB"] = db_url
    if https:
        os.environ["INSVIGIL_HTTPS"] = "1"
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    click.echo(f"insvigil : espace de travail sur http://{host}:{port}/ (Ctrl-C : arrêt)", err=True)
    uvicorn.run(
        FACTORY,
        factory=True,
        host=host,
        port=port,
        access_log=False,  # it prints query strings (names): insvigil_web logs its own
        proxy_headers=True,
        server_header=False,
        log_level="warning",
    )
    sys.exit(0)
