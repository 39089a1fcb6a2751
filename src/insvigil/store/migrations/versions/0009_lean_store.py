"""A lean store: INSi payloads once each, compressed; nothing stored twice.

Revision ID: 0009
Revises: 0008

* ``insi_payloads`` (new): each distinct payload once, keyed by the SHA-256 of its canonical
  JSON, the JSON deflated with a preset dictionary (``store/insi_payloads.py``, format 1, frozen).
  ``insi_responses`` loses ``payload`` and its 64-character ``payload_hash``; it refers to its
  payload (``payload_id``) and is unique by ``response_key``, the first 8 bytes of the same
  SHA-256 as ``payload_hash`` (date, cr, operation, payload), so a response read again is still
  recognised.
* ``discordances`` (dropped): its rows were the findings of ``results.findings`` that carry an
  INSi value, message included; they are read from there.
* ``results.statut_declare`` (dropped): it was ``records.statut``.
* ``records.nom_cle``, ``nom_utilise_cle``, ``prenom_cle``, ``phon_nom``, ``ddn`` (dropped):
  unindexed and unread since 0004, the admission lookup reads ``lookup_keys``.
* ``queue_items``: ``fingerprint`` (SHA-256) as its 32 bytes, ``digest`` (of the item's
  mutable content, to see a change) as 16 bytes, ``resume`` and ``details`` deflated with a
  preset dictionary of their phrases (``store/packing.py``, format 1, frozen). The downgrade
  gives back the texts and the fingerprints; a digest comes back 32 characters long, so 0007's
  code rewrites each item's content once, unchanged.

SQLite drops the plain columns with ``ALTER TABLE … DROP COLUMN`` (SQLite 3.35 or newer): the
tables are not rebuilt, and ``records``, which other tables refer to with ``ON DELETE CASCADE``,
is never dropped and re-created. ``insi_responses`` is rebuilt (Alembic's batch mode): nothing
refers to it. The freed pages are reused by the next runs; ``VACUUM`` (outside insvigil) gives
them back to the file system.

The downgrade rebuilds what 0008 had: payloads in clear with their full hash, ``discordances``
from the findings, ``statut_declare`` from ``records.statut``; the five lookup columns come back
empty (nothing reads them).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from insvigil.store.db import insi_payloads, packing

revision = "0009"
down_revision: str | None = "0008"
branch_labels: tuple[str, ...] | None = None
depends_on: tuple[str, ...] | None = None

_BATCH = 5_000
_IN = 500  # hashes in one IN list
_LOOKUP_COLUMNS = ("nom_cle", "nom_utilise_cle", "prenom_cle", "phon_nom", "ddn")


Page = list[tuple[Any, ...]]


def _pages(statement: str) -> list[Page]:
    """The rows of ``statement`` (which selects ``id`` first, ``WHERE id > :last ORDER BY id
    LIMIT :n``), page by page."""
    bind = op.get_bind()
    out: list[Page] = []
    last = 0
    while True:
        rows = [tuple(row) for row in bind.execute(sa.text(statement), {"last": last, "n": _BATCH})]
        if not rows:
            return out
        out.append(rows)
        last = int(str(rows[-1][0]))


def _response_hash(date: object, cr: object, operation: object, payload: str) -> str:
    """0008's ``payload_hash`` (frozen here: rows._hash)."""
    text = f"{date or ''}\x1f{cr}\x1f{operation or ''}\x1f{payload}"
    return hashlib.sha256(text.encode()).hexdigest()


def _payload_ids(hashes: Sequence[bytes]) -> dict[bytes, int]:
    bind = op.get_bind()
    query = sa.text("SELECT hash, id FROM insi_payloads WHERE hash IN :hashes").bindparams(
        sa.bindparam("hashes", expanding=True)
    )
    out: dict[bytes, int] = {}
    for start in range(0, len(hashes), _IN):
        for digest, payload_id in bind.execute(
            query, {"hashes": list(hashes[start : start + _IN])}
        ):
            out[bytes(digest)] = int(payload_id)
    return out


def _store_payloads() -> None:
    """Fill ``payload_id`` and ``response_key`` of every response, storing its payload once.

    The key is computed again from the row (as ``payload_hash`` was, and as the code computes it
    for a response read again), not read from ``payload_hash``.
    """
    bind = op.get_bind()
    add = sa.text("INSERT INTO insi_payloads (hash, body) VALUES (:h, :b) ON CONFLICT DO NOTHING")
    fill = sa.text("UPDATE insi_responses SET payload_id = :p, response_key = :k WHERE id = :i")
    select = (
        "SELECT id, date, cr, operation, payload FROM insi_responses WHERE id > :last "
        "ORDER BY id LIMIT :n"
    )
    for page in _pages(select):
        encoded = [insi_payloads.encode_text(str(row[4])) for row in page]
        bodies = dict(encoded)
        bind.execute(add, [{"h": h, "b": b} for h, b in bodies.items()])
        ids = _payload_ids(list(bodies))
        params = [
            {
                "p": ids[digest],
                "k": bytes.fromhex(_response_hash(row[1], row[2], row[3], str(row[4])))[:8],
                "i": row[0],
            }
            for row, (digest, _body) in zip(page, encoded, strict=True)
        ]
        bind.execute(fill, params)


#: queue_items' columns 0009 keeps in fewer bytes: (name, 0008's type, 0009's type, PostgreSQL's
#: cast up, cast down); the values are then written from Python (the casts only keep the rows
#: valid in between).
_QUEUE = (
    ("fingerprint", sa.String(64), sa.LargeBinary(32), "decode({}, 'hex')", "encode({}, 'hex')"),
    ("digest", sa.String(64), sa.LargeBinary(16), "decode(substr({}, 1, 32), 'hex')",
     "encode({}, 'hex')"),
    ("resume", sa.Text(), sa.LargeBinary(), "convert_to({}, 'UTF8')", "encode({}, 'hex')"),
    ("details", sa.Text(), sa.LargeBinary(), "convert_to({}, 'UTF8')", "encode({}, 'hex')"),
)  # fmt: skip


def _retype_queue(up: bool) -> None:
    """Convert ``queue_items``' digests to bytes (the state digest cut to 16 bytes, as the code
    now computes it) and pack its texts (``store/packing.py``, format 1, frozen); or back."""
    bind = op.get_bind()
    rows = [
        tuple(row)
        for row in bind.execute(
            sa.text("SELECT id, fingerprint, digest, resume, details FROM queue_items")
        )
    ]
    with op.batch_alter_table("queue_items") as batch:
        for name, old, new, cast_up, cast_down in _QUEUE:
            batch.alter_column(
                name,
                existing_type=old if up else new,
                type_=new if up else old,
                existing_nullable=False,
                postgresql_using=(cast_up if up else cast_down).format(name),
            )
    if up:
        params = [
            {"i": i, "f": bytes.fromhex(str(f)), "d": bytes.fromhex(str(d))[:16],
             "r": packing.pack(str(r)), "t": packing.pack(str(t))}
            for i, f, d, r, t in rows
        ]  # fmt: skip
    else:
        params = [
            {"i": i, "f": bytes(f).hex(), "d": bytes(d).hex(), "r": packing.unpack(r),
             "t": packing.unpack(t)}
            for i, f, d, r, t in rows
        ]  # fmt: skip
    if params:
        bind.execute(
            sa.text(
                "UPDATE queue_items SET fingerprint = :f, digest = :d, resume = :r, details = :t "
                "WHERE id = :i"
            ),
            params,
        )


def upgrade() -> None:
    op.create_table(
        "insi_payloads",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("hash", sa.LargeBinary(32), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_insi_payloads"),
        sa.UniqueConstraint("hash", name="uq_insi_payloads_hash"),
    )
    op.add_column("insi_responses", sa.Column("payload_id", sa.Integer(), nullable=True))
    op.add_column("insi_responses", sa.Column("response_key", sa.LargeBinary(8), nullable=True))
    _store_payloads()
    with op.batch_alter_table("insi_responses") as batch:
        batch.drop_constraint("uq_insi_responses_record_id_payload_hash", type_="unique")
        batch.drop_column("payload")
        batch.drop_column("payload_hash")
        batch.alter_column("payload_id", existing_type=sa.Integer(), nullable=False)
        batch.alter_column("response_key", existing_type=sa.LargeBinary(8), nullable=False)
        batch.create_foreign_key(
            "fk_insi_responses_payload_id_insi_payloads", "insi_payloads", ["payload_id"], ["id"]
        )
        batch.create_unique_constraint(
            "uq_insi_responses_record_id_response_key", ["record_id", "response_key"]
        )
    op.drop_table("discordances")
    op.drop_column("results", "statut_declare")
    for name in _LOOKUP_COLUMNS:
        op.drop_column("records", name)
    _retype_queue(up=True)


# --- downgrade -------------------------------------------------------------------------------


def _restore_payloads() -> None:
    bind = op.get_bind()
    fill = sa.text("UPDATE insi_responses SET payload = :p, payload_hash = :h WHERE id = :i")
    select = (
        "SELECT r.id, r.date, r.cr, r.operation, p.body FROM insi_responses r "
        "JOIN insi_payloads p ON p.id = r.payload_id WHERE r.id > :last ORDER BY r.id LIMIT :n"
    )
    for page in _pages(select):
        params = []
        for row in page:
            text = insi_payloads.decode_text(bytes(row[4]))
            params.append(
                {"p": text, "h": _response_hash(row[1], row[2], row[3], text), "i": row[0]}
            )
        bind.execute(fill, params)


def _restore_discordances() -> None:
    """0008's ``discordances`` rows: the findings that carry an INSi value, in order."""
    bind = op.get_bind()
    add = sa.text(
        "INSERT INTO discordances (record_id, rang, trait, valeur_locale, valeur_insi, gravite, "
        "code, message) VALUES (:r, :n, :t, :l, :i, :g, :c, :m)"
    )
    select = (
        "SELECT record_id, findings FROM results WHERE record_id > :last "
        "ORDER BY record_id LIMIT :n"
    )
    for page in _pages(select):
        rows: list[dict[str, Any]] = []
        for record_id, findings in page:
            found = [
                f for f in json.loads(str(findings) or "[]") if f.get("valeur_insi") is not None
            ]
            rows.extend(
                {"r": record_id, "n": rang, "t": f.get("trait") or "",
                 "l": f.get("valeur_locale") or "", "i": f["valeur_insi"], "g": f["gravite"],
                 "c": f["code"], "m": f.get("message") or ""}
                for rang, f in enumerate(found)
            )  # fmt: skip
        if rows:
            bind.execute(add, rows)


def downgrade() -> None:
    _retype_queue(up=False)
    for name in _LOOKUP_COLUMNS:
        op.add_column(
            "records",
            sa.Column(name, sa.String(10) if name == "ddn" else sa.String(), nullable=True),
        )
    op.add_column("results", sa.Column("statut_declare", sa.String(16), nullable=True))
    op.execute(
        "UPDATE results SET statut_declare = "
        "(SELECT records.statut FROM records WHERE records.id = results.record_id)"
    )
    op.create_table(
        "discordances",
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("rang", sa.Integer(), nullable=False),
        sa.Column("trait", sa.String(), nullable=False),
        sa.Column("valeur_locale", sa.String(), nullable=False),
        sa.Column("valeur_insi", sa.String(), nullable=False),
        sa.Column("gravite", sa.String(16), nullable=False),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("record_id", "rang", name="pk_discordances"),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["records.id"],
            name="fk_discordances_record_id_records",
            ondelete="CASCADE",
        ),
    )
    _restore_discordances()
    op.add_column("insi_responses", sa.Column("payload", sa.Text(), nullable=True))
    op.add_column("insi_responses", sa.Column("payload_hash", sa.String(64), nullable=True))
    _restore_payloads()
    with op.batch_alter_table("insi_responses") as batch:
        batch.drop_constraint("uq_insi_responses_record_id_response_key", type_="unique")
        batch.drop_constraint("fk_insi_responses_payload_id_insi_payloads", type_="foreignkey")
        batch.drop_column("payload_id")
        batch.drop_column("response_key")
        batch.alter_column("payload", existing_type=sa.Text(), nullable=False)
        batch.alter_column("payload_hash", existing_type=sa.String(64), nullable=False)
        batch.create_unique_constraint(
            "uq_insi_responses_record_id_payload_hash", ["record_id", "payload_hash"]
        )
    op.drop_table("insi_payloads")
