"""The content hash the run stores with each record (what changed)."""

from __future__ import annotations

import hashlib

from insvigil.model.records import Resident


def content_hash(resident: Resident) -> str:
    """A stable hash of the record's fields (decides whether the store sees a change)."""
    fields = (
        resident.nom_naissance,
        resident.prenoms_naissance,
        resident.premier_prenom,
        resident.date_naissance,
        resident.sexe,
        resident.lieu_naissance,
        resident.nom_utilise,
        resident.prenom_utilise,
        resident.matricule_ins,
        resident.oid_ins,
        resident.justificatif.value if resident.justificatif else None,
        resident.justificatif_complement.value if resident.justificatif_complement else None,
        "|".join(sorted(a.value for a in resident.attributs)),
        resident.statut.value if resident.statut else None,
        "1" if resident.actif else "0",
    )
    text = "\x1f".join("" if value is None else value for value in fields)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
