"""Drop the three lookup indexes of ``records``, superseded by ``lookup_keys`` (0003).

Revision ID: 0004
Revises: 0003

Since 0003 the admission lookup reads ``lookup_keys`` only; nothing queries
``records.nom_cle``/``phon_nom``/``nom_utilise_cle`` any more, so their indexes only cost upkeep
on every record written (the columns stay, filled as before).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels: tuple[str, ...] | None = None
depends_on: tuple[str, ...] | None = None

# Frozen here as of revision 0001.
_INDEXES = (
    ("ix_records_nom_cle_ddn", ["nom_cle", "ddn"]),
    ("ix_records_phon_nom", ["phon_nom"]),
    ("ix_records_nom_utilise_cle", ["nom_utilise_cle"]),
)


def upgrade() -> None:
    for name, _columns in _INDEXES:
        op.drop_index(name, table_name="records")


def downgrade() -> None:
    for name, columns in _INDEXES:
        where = sa.text(f"{columns[0]} IS NOT NULL")
        op.create_index(name, "records", columns, sqlite_where=where, postgresql_where=where)
