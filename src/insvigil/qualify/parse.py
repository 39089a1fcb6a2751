"""From a structurally sound row to a :class:`Resident`, or the rejects that say why not.

Field semantics only: impossible dates (TR04), unknown codes (sexe, justificatif, complément,
attributs, statut, actif). Names, birthplace and matricule are never rejected here: their
anomalies are findings, so a referent sees them.

>>> from insvigil.io.schema import COLUMNS, RawRow
>>> values = dict.fromkeys(COLUMNS, "")
>>> values.update(structure="750000001", local_id="A-1", nom_naissance="Dupont",
...               prenoms_naissance="Marie", date_naissance="12/05/1983", sexe="f")
>>> resident = parse_row(RawRow(2, tuple(values[c] for c in COLUMNS)), date(2026, 11, 1))
>>> resident.date_naissance, resident.sexe, resident.actif
('1983-05-12', 'F', True)
>>> values["actif"] = "oui"
>>> parse_row(RawRow(2, tuple(values[c] for c in COLUMNS)), date(2026, 11, 1))[0].motif
'valeur « oui » invalide pour actif (attendu : 1 ou 0)'
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from insvigil.errors import InvalidValue
from insvigil.io.schema import RawRow, Reject
from insvigil.model.codes import Attribut, Complement, Justificatif, Statut
from insvigil.model.records import Resident
from insvigil.traits import date as birth_date
from insvigil.traits import sexe as sex

T = TypeVar("T")


def _opt(value: str | None) -> str | None:
    return value if value else None


def parse_row(row: RawRow, today: date) -> Resident | list[Reject]:
    rejects: list[Reject] = []

    def field(column: str, parser: Callable[[str], T]) -> T | None:
        raw = row.get(column)
        if not raw:
            return None
        try:
            return parser(raw)
        except InvalidValue as error:
            rejects.append(Reject(row.line, column, raw, error.message))
            return None

    naissance = field("date_naissance", lambda raw: birth_date.parse(raw, today=today).iso())
    sexe = field("sexe", sex.validate)
    justificatif = field("justificatif", Justificatif.parse)
    complement = field("justificatif_complement", Complement.parse)
    attributs = field("attributs", Attribut.parse_many)
    statut = field("statut", Statut.parse)
    actif_raw = (row.get("actif") or "").strip()
    if actif_raw not in ("", "1", "0"):
        rejects.append(
            Reject(
                row.line,
                "actif",
                actif_raw,
                f"valeur « {actif_raw[:20]} » invalide pour actif (attendu : 1 ou 0)",
            )
        )
    if rejects or naissance is None or sexe is None:
        return rejects
    matricule = row.get("matricule_ins")
    return Resident(
        structure=row.get("structure") or "",
        local_id=row.get("local_id") or "",
        nom_naissance=row.get("nom_naissance") or "",
        prenoms_naissance=row.get("prenoms_naissance") or "",
        date_naissance=naissance,
        sexe=sexe,
        premier_prenom=_opt(row.get("premier_prenom")),
        lieu_naissance=_opt(row.get("lieu_naissance")),
        nom_utilise=_opt(row.get("nom_utilise")),
        prenom_utilise=_opt(row.get("prenom_utilise")),
        matricule_ins=matricule.replace(" ", "") if matricule else None,
        oid_ins=_opt(row.get("oid_ins")),
        justificatif=justificatif,
        justificatif_complement=complement,
        attributs=attributs or frozenset(),
        statut=statut,
        actif=actif_raw != "0",
        ligne=row.line,
    )
