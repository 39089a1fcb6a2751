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
from typing import TypeVar, cast

from insvigil.errors import InvalidValue
from insvigil.io.schema import INDEX, RawRow, Reject
from insvigil.model.codes import Attribut, Complement, Justificatif, Statut
from insvigil.model.records import Resident
from insvigil.traits import date as birth_date
from insvigil.traits import sexe as sex

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")


#: Coded columns: a value read once is remembered (they take a handful of values; the birth
#: date a few tens of thousands). Only values that parsed are remembered, so a row with any
#: other value goes through :func:`_checked`, which says why.
_MEMOS: dict[str, dict[str, object]] = {
    column: {}
    for column in ("sexe", "justificatif", "justificatif_complement", "attributs", "statut")
}
_DATES: dict[tuple[str, date], str] = {}
_MEMO_CAP = 1 << 18
_MISSING: object = object()
# Where each column's cell is in RawRow.values.
_DDN = INDEX["date_naissance"]
_SEXE = INDEX["sexe"]
_JUSTIFICATIF = INDEX["justificatif"]
_COMPLEMENT = INDEX["justificatif_complement"]
_ATTRIBUTS = INDEX["attributs"]
_STATUT = INDEX["statut"]
_ACTIF = INDEX["actif"]
_STRUCTURE = INDEX["structure"]
_LOCAL_ID = INDEX["local_id"]
_NOM = INDEX["nom_naissance"]
_PRENOMS = INDEX["prenoms_naissance"]
_PREMIER = INDEX["premier_prenom"]
_LIEU = INDEX["lieu_naissance"]
_NOM_UTILISE = INDEX["nom_utilise"]
_PRENOM_UTILISE = INDEX["prenom_utilise"]
_MATRICULE = INDEX["matricule_ins"]
_OID = INDEX["oid_ins"]


def parse_row(row: RawRow, today: date) -> Resident | list[Reject]:
    """The row's :class:`Resident`, or its rejects (one per bad value, in column order)."""
    v = row.values
    naissance = _DATES.get((v[_DDN] or "", today))
    sexe = _MEMOS["sexe"].get(v[_SEXE] or "")
    if naissance is None or sexe is None:
        return _checked(row, today)
    coded: list[object] = []
    for column, at in _OPTIONAL:
        raw = v[at]
        if not raw:
            coded.append(None)
            continue
        value = _MEMOS[column].get(raw, _MISSING)
        if value is _MISSING:
            return _checked(row, today)
        coded.append(value)
    if (v[_ACTIF] or "") not in ("", "1", "0"):
        return _checked(row, today)
    justificatif, complement, attributs, statut = coded
    return _resident(
        row,
        naissance,
        cast(str, sexe),
        cast("Justificatif | None", justificatif),
        cast("Complement | None", complement),
        cast("frozenset[Attribut] | None", attributs),
        cast("Statut | None", statut),
        (v[_ACTIF] or "") != "0",
    )


_OPTIONAL = tuple(
    (column, INDEX[column])
    for column in ("justificatif", "justificatif_complement", "attributs", "statut")
)


def _remember(memo: dict[K, V], raw: K, value: V) -> None:
    if len(memo) < _MEMO_CAP:
        memo[raw] = value


def _checked(row: RawRow, today: date) -> Resident | list[Reject]:
    """:func:`parse_row` value by value, saying why each bad value is rejected."""
    rejects: list[Reject] = []

    def field(column: str, parser: Callable[[str], T]) -> T | None:
        raw = row.get(column)
        if not raw:
            return None
        try:
            value = parser(raw)
        except InvalidValue as error:
            rejects.append(Reject(row.line, column, raw, error.message))
            return None
        if column in _MEMOS:
            _remember(_MEMOS[column], raw, value)
        return value

    naissance = field("date_naissance", lambda raw: birth_date.parse(raw, today=today).iso())
    if naissance is not None:
        _remember(_DATES, (row.get("date_naissance") or "", today), naissance)
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
    return _resident(
        row, naissance, sexe, justificatif, complement, attributs, statut, actif_raw != "0"
    )


def _resident(
    row: RawRow,
    naissance: str,
    sexe: str,
    justificatif: Justificatif | None,
    complement: Complement | None,
    attributs: frozenset[Attribut] | None,
    statut: Statut | None,
    actif: bool,
) -> Resident:
    v = row.values
    matricule = v[_MATRICULE]
    return Resident(
        structure=v[_STRUCTURE] or "",
        local_id=v[_LOCAL_ID] or "",
        nom_naissance=v[_NOM] or "",
        prenoms_naissance=v[_PRENOMS] or "",
        date_naissance=naissance,
        sexe=sexe,
        premier_prenom=v[_PREMIER] or None,
        lieu_naissance=v[_LIEU] or None,
        nom_utilise=v[_NOM_UTILISE] or None,
        prenom_utilise=v[_PRENOM_UTILISE] or None,
        matricule_ins=matricule.replace(" ", "") if matricule else None,
        oid_ins=v[_OID] or None,
        justificatif=justificatif,
        justificatif_complement=complement,
        attributs=attributs or frozenset(),
        statut=statut,
        actif=actif,
        ligne=row.line,
    )
