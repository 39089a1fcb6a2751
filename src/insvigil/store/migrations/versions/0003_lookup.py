"""Admission lookup: the ``lookup_keys`` index table, one row of keys per record.

Revision ID: 0003
Revises: 0002

The table starts empty: the next ``qualify`` run fills it (every record it reads), or
:func:`insvigil.store.lookup_store.rebuild_lookup_keys` computes it from the stored records.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels: tuple[str, ...] | None = None
depends_on: tuple[str, ...] | None = None

# (name, columns, partial), frozen here as of this revision (see schema_lookup.LOOKUP_INDEXES).
_INDEXES = (
    ("ix_lookup_keys_nom_phon_annee", ["nom_phon", "annee"], False),
    ("ix_lookup_keys_nom_phon_prenom1_phon", ["nom_phon", "prenom1_phon"], False),
    ("ix_lookup_keys_nom_utilise_phon_annee", ["nom_utilise_phon", "annee"], True),
    (
        "ix_lookup_keys_nom_utilise_phon_prenom1_phon",
        ["nom_utilise_phon", "prenom1_phon"],
        True,
    ),
    ("ix_lookup_keys_ddn", ["ddn"], False),
    ("ix_lookup_keys_matricule", ["matricule"], True),
    ("ix_lookup_keys_matricule_insi", ["matricule_insi"], True),
)


def upgrade() -> None:
    op.create_table(
        "lookup_keys",
        sa.Column("record_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("nom_cle", sa.String(), nullable=True),
        sa.Column("nom_phon", sa.String(), nullable=True),
        sa.Column("nom_utilise_cle", sa.String(), nullable=True),
        sa.Column("nom_utilise_phon", sa.String(), nullable=True),
        sa.Column("prenoms_cles", sa.String(), nullable=True),
        sa.Column("prenom1_phon", sa.String(), nullable=True),
        sa.Column("prenom_utilise_cle", sa.String(), nullable=True),
        sa.Column("ddn", sa.String(10), nullable=True),
        sa.Column("annee", sa.Integer(), nullable=True),
        sa.Column("mois", sa.Integer(), nullable=True),
        sa.Column("jour", sa.Integer(), nullable=True),
        sa.Column("sexe", sa.String(1), nullable=True),
        sa.Column("matricule", sa.String(), nullable=True),
        sa.Column("matricule_insi", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("record_id", name="pk_lookup_keys"),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["records.id"],
            name="fk_lookup_keys_record_id_records",
            ondelete="CASCADE",
        ),
    )
    for name, columns, partial in _INDEXES:
        where = sa.text(f"{columns[0]} IS NOT NULL") if partial else None
        op.create_index(name, "lookup_keys", columns, sqlite_where=where, postgresql_where=where)


def downgrade() -> None:
    for name, _columns, _partial in reversed(_INDEXES):
        op.drop_index(name, table_name="lookup_keys")
    op.drop_table("lookup_keys")
