"""What a stored result was computed from, so that a re-run can keep it (contract §7).

Revision ID: 0008
Revises: 0007

``results.inputs``: the hash of the record's inputs when its result was computed (row, INSi
responses, referents' decisions, policy and rule set: ``insvigil.qualify.fingerprint``);
``results.valide_du`` / ``valide_au``: the run dates for which the result holds (ISO dates,
``valide_au`` exclusive; NULL: unbounded), set when a rule read the run date (an age
threshold). Results stored before this revision have no ``inputs``: the next run evaluates
them again.
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


def downgrade() -> None:
    op.drop_column("results", "valide_au")
    op.drop_column("results", "valide_du")
    op.drop_column("results", "inputs")
