"""Anchors of the audit trail: ``audit_anchor`` (one row) and each run's ``audit_*`` columns.

Revision ID: 0005
Revises: 0004

``audit_anchor`` starts with the trail as it is at the upgrade (the id and hash of its last
entry, or 0 and 64 zeros when empty); from then on every append moves it in the same
transaction. Runs finished before this revision have no anchor (NULL): only the runs finished
after it are checked by ``audit verify``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision: str | None = "0004"
branch_labels: tuple[str, ...] | None = None
depends_on: tuple[str, ...] | None = None

_GENESIS = "0" * 64  # frozen here: audit.GENESIS


def upgrade() -> None:
    op.add_column("runs", sa.Column("audit_entries", sa.Integer(), nullable=True))
    op.add_column("runs", sa.Column("audit_head", sa.String(64), nullable=True))
    anchor = op.create_table(
        "audit_anchor",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("head_hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_anchor"),
    )
    last = (
        op.get_bind()
        .execute(sa.text("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"))
        .first()
    )
    entries, head = (0, _GENESIS) if last is None else (int(last[0]), str(last[1]))
    op.bulk_insert(anchor, [{"id": 1, "entries": entries, "head_hash": head}])


def downgrade() -> None:
    op.drop_table("audit_anchor")
    op.drop_column("runs", "audit_head")
    op.drop_column("runs", "audit_entries")
