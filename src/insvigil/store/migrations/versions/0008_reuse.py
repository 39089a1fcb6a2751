"""What a stored result was computed from, so that a re-run can keep it (contract §7).

Revision ID: 0008
Revises: 0007

``results.inputs``: the hash of the record's inputs when its result was computed (row, INSi
responses, referents' decisions, policy and rule set: ``insvigil.qualify.fingerprint``);
``results.valide_du`` / ``valide_au``: the run dates for which the result holds (ISO dates,
``valide_au`` exclusive; NULL: unbounded), set when a rule read the run date (an age
threshold). Results stored before this revision have no ``inputs``: the next run evaluates
them again.

``pairs`` and ``pairs_meta``: the duplicate and collision pairs of the last run that searched
for them, kept for a re-run in which nothing they depend on changed (``schema_pairs.py``).
Empty after the upgrade: the next run searches.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision: str | None = "0007"
branch_labels: tuple[str, ...] | None = None
depends_on: tuple[str, ...] | None = None


def upgrade() -> None:
    op.add_column("results", sa.Column("inputs", sa.String(32), nullable=True))
    op.add_column("results", sa.Column("valide_du", sa.String(10), nullable=True))
    op.add_column("results", sa.Column("valide_au", sa.String(10), nullable=True))
    op.create_table(
        "pairs",
        sa.Column("rang", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("structure_a", sa.String(), nullable=False),
        sa.Column("local_id_a", sa.String(), nullable=False),
        sa.Column("structure_b", sa.String(), nullable=False),
        sa.Column("local_id_b", sa.String(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("raisons", sa.Text(), nullable=False),
        sa.Column("levels", sa.Text(), nullable=False),
        sa.Column("hash_a", sa.String(128), nullable=False),
        sa.Column("hash_b", sa.String(128), nullable=False),
        sa.PrimaryKeyConstraint("rang", name="pk_pairs"),
    )
    op.create_table(
        "pairs_meta",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("dossiers", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("avertissements", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_pairs_meta"),
    )


def downgrade() -> None:
    op.drop_table("pairs_meta")
    op.drop_table("pairs")
    op.drop_column("results", "valide_au")
    op.drop_column("results", "valide_du")
    op.drop_column("results", "inputs")
