"""Per-record keys the run stores: the content hash (what changed) and the lookup keys."""

from __future__ import annotations

import hashlib

from insvigil.lookup.keys import IndexKeys, index_keys
from insvigil.model.records import Resident
from insvigil.store import LookupKeys


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


def lookup_keys(resident: Resident, keys: IndexKeys | None = None) -> LookupKeys:
    """The ``records`` table's own lookup columns, from the lookup index keys."""
    k = keys if keys is not None else index_keys(resident)
    return LookupKeys(
        nom_cle=k.nom_cle,
        nom_utilise_cle=k.nom_utilise_cle,
        prenom_cle=k.prenoms_cles,
        phon_nom=k.nom_phon,
        ddn=k.ddn,
    )
