"""Initial store: runs, records with their change history, results, discordances, INSi responses.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: tuple[str, ...] | None = None
depends_on: tuple[str, ...] | None = None

# Datetimes are ISO 8601 text (schema.IsoDateTime, whose storage type is String(40)).
_DT = sa.String(40)


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("input_name", sa.String(), nullable=False),
        sa.Column("input_sha256", sa.String(64), nullable=False),
        sa.Column("rules_sha256", sa.String(64), nullable=False),
        sa.Column("started_at", _DT, nullable=False),
        sa.Column("finished_at", _DT, nullable=True),
        sa.Column("etat", sa.String(16), nullable=False),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_runs"),
    )
    op.create_index("ix_runs_etat", "runs", ["etat"])

    op.create_table(
        "records",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("structure", sa.String(16), nullable=False),
        sa.Column("local_id", sa.String(), nullable=False),
        sa.Column("nom_naissance", sa.String(), nullable=False),
        sa.Column("prenoms_naissance", sa.String(), nullable=False),
        sa.Column("date_naissance", sa.String(), nullable=False),
        sa.Column("sexe", sa.String(), nullable=False),
        sa.Column("premier_prenom", sa.String(), nullable=True),
        sa.Column("lieu_naissance", sa.String(), nullable=True),
        sa.Column("nom_utilise", sa.String(), nullable=True),
        sa.Column("prenom_utilise", sa.String(), nullable=True),
        sa.Column("matricule_ins", sa.String(), nullable=True),
        sa.Column("oid_ins", sa.String(), nullable=True),
        sa.Column("justificatif", sa.String(), nullable=True),
        sa.Column("justificatif_complement", sa.String(), nullable=True),
        sa.Column("statut", sa.String(), nullable=True),
        sa.Column("attributs", sa.String(), nullable=False),
        sa.Column("actif", sa.Boolean(), nullable=False),
        sa.Column("content_hash", sa.String(128), nullable=False),
        sa.Column("first_run", sa.Integer(), nullable=False),
        sa.Column("last_run", sa.Integer(), nullable=False),
        sa.Column("updated_at", _DT, nullable=False),
        sa.Column("nom_cle", sa.String(), nullable=True),
        sa.Column("nom_utilise_cle", sa.String(), nullable=True),
        sa.Column("prenom_cle", sa.String(), nullable=True),
        sa.Column("phon_nom", sa.String(), nullable=True),
        sa.Column("ddn", sa.String(10), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_records"),
        sa.UniqueConstraint("structure", "local_id", name="uq_records_structure_local_id"),
        sa.ForeignKeyConstraint(["first_run"], ["runs.id"], name="fk_records_first_run_runs"),
        sa.ForeignKeyConstraint(["last_run"], ["runs.id"], name="fk_records_last_run_runs"),
    )
    # Partial lookup indexes: records without the key are left out (see schema.py).
    for name, columns in (
        ("ix_records_nom_cle_ddn", ["nom_cle", "ddn"]),
        ("ix_records_phon_nom", ["phon_nom"]),
        ("ix_records_nom_utilise_cle", ["nom_utilise_cle"]),
    ):
        where = sa.text(f"{columns[0]} IS NOT NULL")
        op.create_index(name, "records", columns, sqlite_where=where, postgresql_where=where)

    op.create_table(
        "record_changes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("changed_at", _DT, nullable=False),
        sa.Column("avant", sa.Text(), nullable=False),
        sa.Column("apres", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_record_changes"),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["records.id"],
            name="fk_record_changes_record_id_records",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], name="fk_record_changes_run_id_runs"),
    )
    op.create_index("ix_record_changes_record_id", "record_changes", ["record_id"])

    op.create_table(
        "results",
        sa.Column("record_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("statut", sa.String(16), nullable=False),
        sa.Column("attributs", sa.String(), nullable=False),
        sa.Column("ins_utilisable", sa.Boolean(), nullable=False),
        sa.Column("statut_declare", sa.String(16), nullable=True),
        sa.Column("ecart_statut", sa.String(16), nullable=True),
        sa.Column("regles", sa.String(), nullable=False),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column("insi_active", sa.String(), nullable=True),
        sa.Column("insi_oid", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("record_id", name="pk_results"),
        sa.ForeignKeyConstraint(
            ["record_id"], ["records.id"], name="fk_results_record_id_records", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], name="fk_results_run_id_runs"),
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

    op.create_table(
        "insi_responses",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("date", _DT, nullable=True),
        sa.Column("cr", sa.String(8), nullable=False),
        sa.Column("operation", sa.String(32), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("payload_hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_insi_responses"),
        sa.UniqueConstraint(
            "record_id", "payload_hash", name="uq_insi_responses_record_id_payload_hash"
        ),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["records.id"],
            name="fk_insi_responses_record_id_records",
            ondelete="CASCADE",
        ),
    )


def downgrade() -> None:
    for table in ("insi_responses", "discordances", "results", "record_changes"):
        op.drop_table(table)
    op.drop_index("ix_records_nom_utilise_cle", table_name="records")
    op.drop_index("ix_records_phon_nom", table_name="records")
    op.drop_index("ix_records_nom_cle_ddn", table_name="records")
    op.drop_table("records")
    op.drop_index("ix_runs_etat", table_name="runs")
    op.drop_table("runs")
