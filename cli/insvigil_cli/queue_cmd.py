"""``insvigil queue list|show|resolve|reopen``: the referents' review queue."""

from __future__ import annotations

from datetime import UTC, datetime

import click

import insvigil
from insvigil_cli.help import FrenchGroup
from insvigil_cli.masked_output import allow_full_matricules
from insvigil_cli.queue_format import constats_of, item_json, side_by_side
from insvigil_cli.review_common import (
    Choix,
    Entier,
    db_option,
    echo_json,
    json_option,
    opened_store,
    require_known_structure,
    when,
)

_KINDS = [k.value for k in insvigil.QueueKind]
_ETATS = [e.value for e in insvigil.QueueEtat] + ["TOUS"]
_TRIS = [t.value for t in insvigil.QueueTri]


#: ``--version N``: the item's version read with ``queue show`` (optimistic locking).
version_option = click.option(
    "--version",
    "expected_version",
    type=int,
    metavar="N",
    help="Version lue avec queue show : refuser si l'élément a changé depuis.",
)


@click.group("queue", cls=FrenchGroup)
def queue() -> None:
    """File de revue des référents : discordances, doublons, collisions.

    \b
    Exemples :
      insvigil queue list --structure 750000001 --tri gravite
      insvigil queue show 12
      insvigil queue resolve 12 --decision ACCEPTER_TRAITS_INSI --by "M. Durand" \\
          --comment "traits vérifiés sur la CNI"
      insvigil queue reopen 12 --by "Mme Leroy" --comment "CNI mal lue, à revoir"
    """


@queue.command("list")
@db_option
@click.option("--structure", metavar="FINESS", help="Seulement cette structure.")
@click.option("--type", "kind", type=Choix(_KINDS), help="Type d'élément.")
@click.option("--gravite", type=Choix(["BLOQUANTE", "MINEURE"]), help="Gravité.")
@click.option(
    "--etat",
    type=Choix(_ETATS),
    default="OUVERT",
    show_default=True,
    help="État des éléments (TOUS : sans filtre).",
)
@click.option(
    "--depuis",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="AAAA-MM-JJ",
    help="Seulement les éléments créés ce jour-là ou après.",
)
@click.option(
    "--age-min",
    type=Entier(0),
    metavar="JOURS",
    help="Seulement les éléments créés il y a au moins JOURS jours.",
)
@click.option("--dossier", metavar="LOCAL_ID", help="Seulement les éléments de ce dossier.")
@click.option(
    "--tri",
    type=Choix(_TRIS),
    default="age",
    show_default=True,
    help="Ordre : age (plus anciens d'abord), recent, gravite, structure, id.",
)
@click.option("--limite", type=Entier(1, 10_000), default=50, show_default=True, help="Par page.")
@click.option("--page", type=Entier(1), default=1, show_default=True, help="Page.")
@json_option
def list_cmd(
    db_url: str | None,
    structure: str | None,
    kind: str | None,
    gravite: str | None,
    etat: str,
    depuis: datetime | None,
    age_min: int | None,
    dossier: str | None,
    tri: str,
    limite: int,
    page: int,
    as_json: bool,
) -> None:
    """Lister les éléments de la file de revue (les ouverts, plus anciens d'abord).

    \b
    Exemples :
      insvigil queue list
      insvigil queue list --type DOUBLON --age-min 30 --json
      insvigil queue list --etat RESOLU --structure 750000001 --page 2
    """
    filters = insvigil.QueueFilter(
        structure=structure,
        kind=insvigil.QueueKind(kind.upper()) if kind else None,
        gravite=gravite.upper() if gravite else None,
        etat=None if etat.upper() == "TOUS" else insvigil.QueueEtat(etat.upper()),
        depuis=depuis.date() if depuis else None,
        age_min=age_min,
        local_id=dossier,
        tri=insvigil.QueueTri(tri.lower()),
        limite=limite,
        page=page,
    )
    now = datetime.now(UTC)
    with opened_store(db_url) as store:
        require_known_structure(store, structure)
        found = insvigil.list_queue(store, filters, now)
    if as_json:
        echo_json(insvigil.queue_page_json(found, now))
        return
    pages = max(1, -(-found.total // found.limite))
    click.echo(f"{found.total} élément(s) ; page {found.page}/{pages}.")
    for i in found.items:
        records = " + ".join(f"{s}/{loc}" for s, loc in i.records)
        state = i.etat.value if i.etat is not insvigil.QueueEtat.OUVERT else "ouvert"
        click.echo(
            f"n° {i.id}  {i.kind.value}  {i.gravite}  {records}  {state} depuis "
            f"{i.age_days(now)} j\n    {i.resume}"
        )


@queue.command("show")
@click.argument("item_id", metavar="ID", type=int)
@db_option
@json_option
def show_cmd(item_id: int, db_url: str | None, as_json: bool) -> None:
    """Afficher un élément : les dossiers côte à côte (valeurs en clair, matricule compris),
    les constats et leur explication, les décisions possibles et leur effet, l'historique.

    \b
    Exemples :
      insvigil queue show 12
      insvigil queue show 12 --json
    """
    allow_full_matricules()  # contract §5: the one command that shows them, to a referent
    now = datetime.now(UTC)
    with opened_store(db_url) as store:
        detail = insvigil.queue_item_detail(store, item_id)
    item = detail.item
    decisions = insvigil.decisions_for(item.kind)
    constats = constats_of(detail)
    if as_json:
        doc = insvigil.queue_detail_json(detail, now)
        echo_json(doc)
        return
    head = f"Élément n° {item.id} — {item.kind.value} ({item.code}) — {item.gravite} — "
    click.echo(head + f"{item.etat.value} (version {item.version})")
    click.echo(
        f"Créé le {when(item.created_at)} (traitement n° {item.created_run}), vu le "
        f"{when(item.seen_at)} (traitement n° {item.seen_run})."
    )
    click.echo(f"Résumé : {item.resume}")
    if item.kind is insvigil.QueueKind.CHANGEMENT:  # values before and after the change
        click.echo(f"Avant : {item.valeur_locale} ; après : {item.valeur_insi}")
    elif item.valeur_locale is not None or item.valeur_insi is not None:
        click.echo(f"Valeur locale : {item.valeur_locale} ; valeur INSi : {item.valeur_insi}")
    click.echo("")
    for line in side_by_side(detail):
        click.echo(line)
    if constats:
        click.echo("\nConstats :")
        for c in constats:
            click.echo(f"  {c.get('code')} {c.get('gravite')} : {c.get('message')}")
            if c.get("explication"):
                click.echo(f"      ({c['explication']})")
    if item.etat is insvigil.QueueEtat.RESOLU:
        click.echo(
            f"\nRésolu le {when(item.decided_at)} par {item.decided_by} : {item.decision}"
            + (f" — « {item.commentaire} »" if item.commentaire else "")
        )
        click.echo(
            f"Pour revenir sur cette décision : insvigil queue reopen {item.id} --by NOM "
            "--comment MOTIF"
        )
    else:
        click.echo(
            f"\nDécisions possibles (insvigil queue resolve {item.id} --decision CODE --by NOM) :"
        )
        for d in decisions:
            click.echo(f"  {d.code} — {d.libelle}\n      {d.effet}")
    if detail.history:
        click.echo("\nHistorique :")
        for e in detail.history:
            line = f"  {when(e.at)} — {e.actor} — {e.action} {e.decision or ''}".rstrip()
            click.echo(line + (f" — « {e.commentaire} »" if e.commentaire else ""))


@queue.command("resolve")
@click.argument("item_id", metavar="ID", type=int)
@click.option("--decision", required=True, metavar="CODE", help="Décision (voir queue show ID).")
@click.option("--by", "by", required=True, metavar="NOM", help="Nom du référent qui décide.")
@click.option("--comment", metavar="TEXTE", help="Commentaire (pas de matricule en clair).")
@version_option
@db_option
@json_option
def resolve_cmd(
    item_id: int,
    decision: str,
    by: str,
    comment: str | None,
    expected_version: int | None,
    db_url: str | None,
    as_json: bool,
) -> None:
    """Enregistrer la décision d'un référent sur un élément ouvert (une seule décision par
    élément : si un autre référent a décidé avant, la vôtre est refusée et son auteur est
    indiqué). La décision prend effet au prochain « insvigil qualify ».

    \b
    Exemples :
      insvigil queue resolve 12 --decision ACCEPTER_TRAITS_INSI --by "M. Durand"
      insvigil queue resolve 40 --decision PERSONNES_DISTINCTES --by "Mme Leroy" \\
          --comment "jumeaux, vérifié sur les livrets de famille"
    """
    with opened_store(db_url) as store:
        item = insvigil.resolve_queue_item(
            store,
            item_id,
            decision=decision,
            by=by,
            comment=comment,
            expected_version=expected_version,
        )
    chosen = next(d for d in insvigil.decisions_for(item.kind) if d.code == item.decision)
    if as_json:
        echo_json(item_json(item, datetime.now(UTC)) | {"effet": chosen.effet})
        return
    click.echo(
        f"Élément n° {item.id} résolu : {chosen.code} par {item.decided_by} le "
        f"{when(item.decided_at)}."
    )
    click.echo(f"Effet : {chosen.effet}")


@queue.command("reopen")
@click.argument("item_id", metavar="ID", type=int)
@click.option("--by", "by", required=True, metavar="NOM", help="Nom du référent qui rouvre.")
@click.option(
    "--comment",
    required=True,
    metavar="TEXTE",
    help="Motif de la réouverture, obligatoire (pas de matricule en clair).",
)
@version_option
@db_option
@json_option
def reopen_cmd(
    item_id: int,
    by: str,
    comment: str,
    expected_version: int | None,
    db_url: str | None,
    as_json: bool,
) -> None:
    """Revenir sur la décision d'un référent : l'élément redevient ouvert et sa décision ne
    s'applique plus à partir du prochain « insvigil qualify ». La décision n'est pas effacée :
    elle reste dans le journal d'audit, suivie de la réouverture (qui, quand, pourquoi).

    \b
    Exemples :
      insvigil queue reopen 12 --by "Mme Leroy" --comment "CNI mal lue, à revoir"
      insvigil queue reopen 40 --by "M. Durand" --comment "jumeaux : erreur" --json
    """
    with opened_store(db_url) as store:
        item = insvigil.reopen_queue_item(
            store, item_id, by=by, comment=comment, expected_version=expected_version
        )
    if as_json:
        echo_json(item_json(item, datetime.now(UTC)))
        return
    click.echo(
        f"Élément n° {item.id} rouvert (version {item.version}) : sa décision ne s'applique "
        "plus à partir du prochain « insvigil qualify » ; elle reste dans le journal d'audit."
    )
