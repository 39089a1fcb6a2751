"""An index for one structure's queue in risk order (the workspace of a referent limited to
some structures).

Revision ID: 0007
Revises: 0006

The queue is read in risk order group by group (``store/review/order.py``): with
``(etat, gravite, created_at)`` alone, a referent of one structure among thousands made the
database walk a whole gravity group to find its few items.
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision: str | None = "0006"
branch_labels: tuple[str, ...] | None = None
depends_on: tuple[str, ...] | None = None

_NAME = "ix_queue_items_etat_structure_gravite_created_at"


def upgrade() -> None:
    op.create_index(_NAME, "queue_items", ["etat", "structure", "gravite", "created_at"])


def downgrade() -> None:
    op.drop_index(_NAME, table_name="queue_items")
