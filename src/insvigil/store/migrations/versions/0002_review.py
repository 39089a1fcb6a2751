"""Review: the referents' work queue, the audit trail, the indicators of every run.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels: tuple[str, ...] | None = None
depends_on: tuple[str, ...] | None = None

# Datetimes are ISO 8601 text (schema.IsoDateTime, whose storage type is String(40)).
_DT = sa.String(40)

_COUNTS = (
    "actifs",
    "provisoires",
    "recuperees",
    "validees",
    "qualifiees",
    "douteuses",
    "fictives",
    "discordances_ouvertes",
    "doublons_ouverts",
    "surestimes",
    "ins_utilisables",
)


def upgrade() -> None:
    op.create_table(
        "queue_items",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("structure", sa.String(16), nullable=False),
        sa.Column("local_id", sa.String(), nullable=False),
        sa.Column("structure_b", sa.String(16), nullable=True),
        sa.Column("local_id_b", sa.String(), nullable=True),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("trait", sa.String(), nullable=True),
        sa.Column("valeur_locale", sa.String(), nullable=True),
        sa.Column("valeur_insi", sa.String(), nullable=True),
        sa.Column("gravite", sa.String(16), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("resume", sa.Text(), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("actif", sa.Boolean(), nullable=False),
        sa.Column("hash_a", sa.String(128), nullable=False),
        sa.Column("hash_b", sa.String(128), nullable=True),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("etat", sa.String(8), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_run", sa.Integer(), nullable=False),
        sa.Column("seen_run", sa.Integer(), nullable=False),
        sa.Column("created_at", _DT, nullable=False),
        sa.Column("seen_at", _DT, nullable=False),
        sa.Column("closed_at", _DT, nullable=True),
        sa.Column("decision", sa.String(32), nullable=True),
        sa.Column("decided_by", sa.String(), nullable=True),
        sa.Column("decided_at", _DT, nullable=True),
        sa.Column("commentaire", sa.Text(), nullable=True),
        sa.Column("decision_hash_a", sa.String(128), nullable=True),
        sa.Column("decision_hash_b", sa.String(128), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_queue_items"),
        sa.UniqueConstraint("fingerprint", name="uq_queue_items_fingerprint"),
        sa.ForeignKeyConstraint(
            ["created_run"], ["runs.id"], name="fk_queue_items_created_run_runs"
        ),
        sa.ForeignKeyConstraint(["seen_run"], ["runs.id"], name="fk_queue_items_seen_run_runs"),
    )
    for columns in (
        ["etat", "structure", "created_at"],
        ["etat", "gravite", "created_at"],
        ["etat", "kind", "created_at"],
        ["structure", "local_id"],
        ["structure_b", "local_id_b"],
    ):
        op.create_index(f"ix_queue_items_{'_'.join(columns)}", "queue_items", columns)

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", _DT, nullable=False),
        sa.Column("actor", sa.String(), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("records", sa.Text(), nullable=False),
        sa.Column("decision", sa.String(32), nullable=True),
        sa.Column("commentaire", sa.Text(), nullable=True),
        sa.Column("avant", sa.Text(), nullable=False),
        sa.Column("apres", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
        sa.UniqueConstraint("prev_hash", name="uq_audit_log_prev_hash"),
        sa.UniqueConstraint("hash", name="uq_audit_log_hash"),
    )
    op.create_index("ix_audit_log_item_id", "audit_log", ["item_id"])

    op.create_table(
        "indicators",
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("structure", sa.String(16), nullable=False),
        sa.Column("at", _DT, nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in _COUNTS),
        sa.Column("taux_qualification", sa.String(8), nullable=True),
        sa.PrimaryKeyConstraint("run_id", "structure", name="pk_indicators"),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], name="fk_indicators_run_id_runs"),
    )
    op.create_index("ix_indicators_structure_run_id", "indicators", ["structure", "run_id"])


def downgrade() -> None:
    op.drop_index("ix_indicators_structure_run_id", table_name="indicators")
    op.drop_table("indicators")
    op.drop_index("ix_audit_log_item_id", table_name="audit_log")
    op.drop_table("audit_log")
    for columns in (
        ["structure_b", "local_id_b"],
        ["structure", "local_id"],
        ["etat", "kind", "created_at"],
        ["etat", "gravite", "created_at"],
        ["etat", "structure", "created_at"],
    ):
        op.drop_index(f"ix_queue_items_{'_'.join(columns)}", table_name="queue_items")
    op.drop_table("queue_items")
