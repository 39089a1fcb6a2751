"""The admission-lookup index: one row of keys per record (Alembic revision ``0003``).

It lives on the same :data:`insvigil.store.schema.core.metadata` as the other tables; importing this
module registers it. ``qualify`` keeps it up to date chunk by chunk
(:meth:`insvigil.store.Store.save_chunk`); ``lookup`` only reads it. The keys are
computed by :func:`insvigil.lookup.keys.index_keys` (clé de comparaison, Phonex, date parts,
compact matricules); the column order after ``record_id`` is :data:`insvigil.lookup.keys.COLUMNS`.

Every candidate query is an equality on the leading columns of one of these indexes, so a
lookup reads a few index ranges, never the table. The optional keys (used name, matricules)
have partial indexes that leave out the records without them, as ``records``' lookup indexes do.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, String, Table

from insvigil.store.schema.core import metadata

__all__ = ["LOOKUP_INDEXES", "lookup_keys"]

lookup_keys = Table(
    "lookup_keys",
    metadata,
    Column(
        "record_id",
        Integer,
        ForeignKey("records.id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    ),
    Column("nom_cle", String, nullable=True),
    Column("nom_phon", String, nullable=True),
    Column("nom_utilise_cle", String, nullable=True),
    Column("nom_utilise_phon", String, nullable=True),
    Column("prenoms_cles", String, nullable=True),
    Column("prenom1_phon", String, nullable=True),
    Column("prenom_utilise_cle", String, nullable=True),
    Column("ddn", String(10), nullable=True),
    Column("annee", Integer, nullable=True),
    Column("mois", Integer, nullable=True),
    Column("jour", Integer, nullable=True),
    Column("sexe", String(1), nullable=True),
    Column("matricule", String, nullable=True),
    Column("matricule_insi", String, nullable=True),
)

#: (index name, columns, partial): a partial index leaves out rows whose first column is NULL.
LOOKUP_INDEXES: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    ("ix_lookup_keys_nom_phon_annee", ("nom_phon", "annee"), False),
    ("ix_lookup_keys_nom_phon_prenom1_phon", ("nom_phon", "prenom1_phon"), False),
    ("ix_lookup_keys_nom_utilise_phon_annee", ("nom_utilise_phon", "annee"), True),
    (
        "ix_lookup_keys_nom_utilise_phon_prenom1_phon",
        ("nom_utilise_phon", "prenom1_phon"),
        True,
    ),
    ("ix_lookup_keys_ddn", ("ddn",), False),
    ("ix_lookup_keys_matricule", ("matricule",), True),
    ("ix_lookup_keys_matricule_insi", ("matricule_insi",), True),
)

for _name, _columns, _partial in LOOKUP_INDEXES:
    _lead = lookup_keys.c[_columns[0]]
    _where = _lead.is_not(None) if _partial else None
    Index(
        _name,
        *(lookup_keys.c[c] for c in _columns),
        sqlite_where=_where,
        postgresql_where=_where,
    )
