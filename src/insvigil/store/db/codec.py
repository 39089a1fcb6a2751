"""Conversions between the domain model and table rows (pure functions, no database).

>>> dumps({"b": 1, "a": "é"})
'{"a":"é","b":1}'
>>> join_codes(["HOMONYME", "DOUTEUSE"], sort=True), split_codes("")
('DOUTEUSE|HOMONYME', ())
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from enum import Enum
from functools import lru_cache
from typing import Any

from insvigil.findings import Finding, Gravite, render
from insvigil.model import (
    Attribut,
    Complement,
    EcartStatut,
    Justificatif,
    Resident,
    Statut,
)

__all__ = [
    "attributs_text",
    "dumps",
    "findings_from_json",
    "findings_may_hold",
    "findings_to_json",
    "join_codes",
    "resident_from_row",
    "resident_values",
    "result_fields",
    "split_codes",
]

_FINDING_FIELDS = tuple(f.name for f in dataclasses.fields(Finding))
if _FINDING_FIELDS != (
    "code",
    "gravite",
    "message",
    "trait",
    "valeur_locale",
    "valeur_insi",
    "params",
    "variant",
):
    raise RuntimeError(
        "Finding's fields changed: update findings_to_json's key"
    )  # pragma: no cover


def _default(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, frozenset | set):
        return sorted(str(v) for v in value)
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(f"valeur non sérialisable en JSON : {type(value).__name__}")


_ENCODER = json.JSONEncoder(
    ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_default
)


def dumps(value: object) -> str:
    """Compact, key-sorted JSON (the same text for the same value, on every backend)."""
    return _ENCODER.encode(value)


def join_codes(codes: Iterable[str], *, sort: bool = False) -> str:
    values = [str(c) for c in codes]
    return "|".join(sorted(values) if sort else values)


def split_codes(text: str | None) -> tuple[str, ...]:
    return tuple(part for part in (text or "").split("|") if part)


def _enum_value(value: Enum | None) -> str | None:
    return None if value is None else str(value.value)


def resident_values(resident: Resident) -> dict[str, Any]:
    """The ``records`` columns of :data:`RESIDENT_COLUMNS` for a resident."""
    return {
        "nom_naissance": resident.nom_naissance,
        "prenoms_naissance": resident.prenoms_naissance,
        "date_naissance": resident.date_naissance,
        "sexe": resident.sexe,
        "premier_prenom": resident.premier_prenom,
        "lieu_naissance": resident.lieu_naissance,
        "nom_utilise": resident.nom_utilise,
        "prenom_utilise": resident.prenom_utilise,
        "matricule_ins": resident.matricule_ins,
        "oid_ins": resident.oid_ins,
        "justificatif": _enum_value(resident.justificatif),
        "justificatif_complement": _enum_value(resident.justificatif_complement),
        "attributs": attributs_text(resident.attributs),
        "statut": _enum_value(resident.statut),
        "actif": bool(resident.actif),
    }


def resident_from_row(row: Mapping[Any, Any]) -> Resident:
    """A :class:`Resident` from a ``records`` row (``ligne`` is not stored: 0)."""
    return Resident(
        structure=row["structure"],
        local_id=row["local_id"],
        nom_naissance=row["nom_naissance"],
        prenoms_naissance=row["prenoms_naissance"],
        date_naissance=row["date_naissance"],
        sexe=row["sexe"],
        premier_prenom=row["premier_prenom"],
        lieu_naissance=row["lieu_naissance"],
        nom_utilise=row["nom_utilise"],
        prenom_utilise=row["prenom_utilise"],
        matricule_ins=row["matricule_ins"],
        oid_ins=row["oid_ins"],
        justificatif=None if row["justificatif"] is None else Justificatif(row["justificatif"]),
        justificatif_complement=(
            None
            if row["justificatif_complement"] is None
            else Complement(row["justificatif_complement"])
        ),
        attributs=frozenset(Attribut(code) for code in split_codes(row["attributs"])),
        statut=None if row["statut"] is None else Statut(row["statut"]),
        actif=bool(row["actif"]),
    )


# A finding is stored as its code and values, not its message (issue 17): a JSON list whose
# items are either ``[code.variant, tag, *params]``, followed by ``[locale, insi]`` when the
# finding compares values with INSi (a list: params are strings), where ``tag`` is
# ``gravite + 3 * (trait + 1)`` over the two tables below (trait 0 for none; a trait not in
# the table makes the tag a list ``[gravite, trait]``); or, for a finding without a template
# and in stores written before, an object of its fields with the message in full.
# Both tables are part of the stored format: append only, never reorder.
_GRAVITES = (Gravite.INFO, Gravite.MINEURE, Gravite.BLOQUANTE)
_GRAVITE_NUMBER = {g: n for n, g in enumerate(_GRAVITES)}
_TRAITS = (
    "nom_naissance",
    "prenoms_naissance",
    "premier_prenom",
    "date_naissance",
    "sexe",
    "lieu_naissance",
    "matricule_ins",
    "oid_ins",
    "matricule",
    "oid",
    "insi",
    "justificatif",
    "attributs",
    "statut",
)
_TRAIT_NUMBER = {t: n + 1 for n, t in enumerate(_TRAITS)}

#: Encoded findings by their fields: findings repeat a lot across records (same rule, same
#: values). Keyed on a plain tuple (hashed in C), not on the Finding (a Python-level hash).
_ENCODED: dict[tuple[object, ...], str] = {}
_ENCODED_CAP = 1 << 16


def _encode(f: Finding) -> str:
    if not f.variant:
        pairs = zip(
            _FINDING_FIELDS,
            (f.code, f.gravite, f.message, f.trait, f.valeur_locale, f.valeur_insi, f.params),
            strict=False,
        )
        return dumps({name: v for name, v in pairs if v is not None and v != ()})
    gravite = _GRAVITE_NUMBER[f.gravite]
    number = 0 if f.trait is None else _TRAIT_NUMBER.get(f.trait)
    tag: int | list[object] = [gravite, f.trait] if number is None else gravite + 3 * number
    parts: list[object] = [f"{f.code}.{f.variant}", tag, *f.params]
    if f.valeur_locale is not None or f.valeur_insi is not None:
        parts.append([f.valeur_locale, f.valeur_insi])
    return dumps(parts)


def findings_to_json(findings: Iterable[Finding]) -> str:
    """Compact JSON list: each finding its code, variant and values (see above).

    >>> findings_to_json([Finding("TR01", Gravite.INFO, "Nom normalisé.")])
    '[{"code":"TR01","gravite":"INFO","message":"Nom normalisé."}]'
    >>> findings_to_json([Finding("ST02", Gravite.INFO, "…", "statut", variant="QUALIFIEE")])
    '[["ST02.QUALIFIEE",42]]'
    """
    parts: list[str] = []
    for f in findings:
        key = (f.code, f.gravite, f.variant, f.message if not f.variant else None, f.trait,
               f.valeur_locale, f.valeur_insi, f.params)  # fmt: skip
        text = _ENCODED.get(key)
        if text is None:
            text = _encode(f)
            if len(_ENCODED) < _ENCODED_CAP:
                _ENCODED[key] = text
        parts.append(text)
    return "[" + ",".join(parts) + "]"


@lru_cache(maxsize=1024)
def attributs_text(attributs: frozenset[Attribut]) -> str:
    return join_codes((a.value for a in attributs), sort=True)


def findings_may_hold(text: str, family: str) -> bool:
    """False when the encoded findings certainly hold no finding of rule ``family`` (two
    letters): a quick test before decoding (an item ``["HI01.variant", …]``, or an object
    ``{"code":"HI01", …}`` of a finding without a template or of an older store).

    >>> findings_may_hold(findings_to_json([Finding("JU04", Gravite.INFO, "m")]), "HI")
    False
    """
    return f'"{family}' in text


def _decoded(item: list[Any]) -> Finding:
    code, _, variant = str(item[0]).partition(".")
    tag = item[1]
    if isinstance(tag, list):
        gravite, trait = _GRAVITES[tag[0]], tag[1]
    else:
        number, g = divmod(tag, 3)
        gravite, trait = _GRAVITES[g], (_TRAITS[number - 1] if number else None)
    last = item[-1]
    compared = isinstance(last, list) and len(item) > 2
    params = tuple(item[2:-1] if compared else item[2:])
    return Finding(
        code,
        gravite,
        render(code, variant, params),
        trait,
        last[0] if compared else None,
        last[1] if compared else None,
        params,
        variant,
    )


#: Decoded findings by their stored item: the same items come back record after record.
_DECODED: dict[tuple[object, ...], Finding] = {}


def _decoded_cached(item: list[Any]) -> Finding:
    key = tuple(tuple(v) if isinstance(v, list) else v for v in item)
    found = _DECODED.get(key)
    if found is None:
        found = _decoded(item)
        if len(_DECODED) < _ENCODED_CAP:
            _DECODED[key] = found
    return found


def findings_from_json(text: str | None) -> tuple[Finding, ...]:
    """The findings back, messages rendered from their rule's templates; reads the objects of
    stores written before too (fields this version does not know are ignored)."""
    out: list[Finding] = []
    for item in json.loads(text or "[]"):
        if isinstance(item, list):
            out.append(_decoded_cached(item))
            continue
        kwargs = {k: v for k, v in item.items() if k in _FINDING_FIELDS}
        kwargs["gravite"] = Gravite(kwargs["gravite"])
        if "params" in kwargs:
            kwargs["params"] = tuple(str(v) for v in kwargs["params"])
        out.append(Finding(**kwargs))
    return tuple(out)


def result_fields(row: Mapping[Any, Any]) -> dict[str, Any]:
    """The typed :class:`StoredResult` fields decoded from a ``results`` row."""
    return {
        "statut": Statut(row["statut"]),
        "attributs": frozenset(Attribut(code) for code in split_codes(row["attributs"])),
        "ins_utilisable": bool(row["ins_utilisable"]),
        "statut_declare": None if row["statut_declare"] is None else Statut(row["statut_declare"]),
        "ecart_statut": (None if row["ecart_statut"] is None else EcartStatut(row["ecart_statut"])),
        "regles": split_codes(row["regles"]),
        "findings": findings_from_json(row["findings"]),
        "insi_active": row["insi_active"],
        "insi_oid": row["insi_oid"],
    }


