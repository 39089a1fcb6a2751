"""Accounts and server-side sessions of the referents' web workspace.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision: str | None = "0005"
branch_labels: tuple[str, ...] | None = None
depends_on: tuple[str, ...] | None = None

# Datetimes are ISO 8601 text (schema.IsoDateTime, whose storage type is String(40)).
_DT = sa.String(40)


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("login", sa.String(64), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("structures", sa.Text(), nullable=False),
        sa.Column("password_hash", sa.String(256), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", _DT, nullable=True),
        sa.Column("created_at", _DT, nullable=False),
        sa.Column("updated_at", _DT, nullable=False),
        sa.PrimaryKeyConstraint("login"),
    )
    op.create_table(
        "web_sessions",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("login", sa.String(64), nullable=False),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("opened_at", _DT, nullable=False),
        sa.Column("last_seen", _DT, nullable=False),
        sa.Column("expires_at", _DT, nullable=False),
        sa.ForeignKeyConstraint(["login"], ["accounts.login"]),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    op.create_index(op.f("ix_web_sessions_login"), "web_sessions", ["login"])


def downgrade() -> None:
    op.drop_index(op.f("ix_web_sessions_login"), table_name="web_sessions")
    op.drop_table("web_sessions")
    op.drop_table("accounts")
