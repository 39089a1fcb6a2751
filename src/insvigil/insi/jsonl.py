"""Read INSi responses from a JSON Lines file (contract §2.1).

UTF-8, a BOM at the start of any line is dropped, blank lines are skipped. Each line stands
alone: a bad line becomes an :class:`~insvigil.insi.model.InsiProblem` and reading goes on.
Shapes are checked with pydantic here, at the boundary; the rest of the engine sees only
dataclasses.

Required keys: ``structure``, ``local_id``, ``operation``, ``date``, ``cr``. ``ins`` and
``traits`` are required with ``cr`` ``00`` and forbidden otherwise (IS03). ``libelle_cr`` is
optional; unknown keys are ignored. Messages never echo the line's content: it may carry
identity data.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from insvigil.errors import InputFileError
from insvigil.insi.model import (
    InsIdentifier,
    InsiProblem,
    InsiResponse,
    InsiTraits,
    Operation,
    Share,
    check_cr,
    parse_timestamp,
)

_BOM = b"\xef\xbb\xbf"
_MAX_ERRORS_SHOWN = 3


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True, frozen=True)


class _IdentifierIn(_Model):
    matricule: str = Field(min_length=1)
    oid: str | None = None

    @field_validator("matricule", mode="after")
    @classmethod
    def _drop_spaces(cls, value: str) -> str:
        return "".join(value.split())


class _InsIn(_IdentifierIn):
    historique: list[_IdentifierIn] = Field(default_factory=list)


class _TraitsIn(_Model):
    nom_naissance: str | None = None
    prenoms_naissance: str | None = None
    premier_prenom: str | None = None
    sexe: str | None = None
    date_naissance: str | None = None
    lieu_naissance: str | None = None

    @field_validator("prenoms_naissance", mode="before")
    @classmethod
    def _join_list(cls, value: Any) -> Any:
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return " ".join(item.strip() for item in value if item.strip())
        return value


class _LineIn(_Model):
    structure: str = Field(min_length=1)
    local_id: str = Field(min_length=1)
    operation: str
    date: str
    cr: str
    libelle_cr: str | None = None
    ins: _InsIn | None = None
    traits: _TraitsIn | None = None


_ERROR_LABELS = {
    "missing": "clé manquante",
    "string_type": "texte attendu",
    "string_too_short": "valeur vide",
    "model_type": "objet attendu",
    "model_attributes_type": "objet attendu",
    "dict_type": "objet attendu",
    "list_type": "liste attendue",
}


def _describe(error: ValidationError) -> str:
    """French summary of a validation error, naming keys but never echoing values."""
    parts: list[str] = []
    for item in error.errors(include_url=False, include_input=False, include_context=False):
        where = ".".join(str(part) for part in item["loc"]) or "ligne"
        parts.append(f"{_ERROR_LABELS.get(item['type'], 'valeur invalide')} « {where} »")
    shown = "; ".join(parts[:_MAX_ERRORS_SHOWN])
    if len(parts) > _MAX_ERRORS_SHOWN:
        shown += f" (et {len(parts) - _MAX_ERRORS_SHOWN} autre(s))"
    return shown


#: Operation by upper-case name (a dict is cheaper than the enum's call for every line).
_OPERATIONS = {operation.value: operation for operation in Operation}


def _convert(line: _LineIn, source: str) -> InsiResponse | InsiProblem:
    operation = _OPERATIONS.get(line.operation.upper())
    if operation is None:
        return InsiProblem(
            source,
            line.structure,
            line.local_id,
            "IS08",
            "Opération INSi inconnue (attendu : RECHERCHE_TRAITS, RECHERCHE_CARTE_VITALE "
            "ou VERIFICATION).",
        )
    try:
        date = parse_timestamp(line.date)
    except ValueError:
        return InsiProblem(
            source,
            line.structure,
            line.local_id,
            "IS06",
            "Ligne mal formée : date illisible (ISO 8601 attendu, ex. 2026-10-02T10:41:00).",
        )
    wrong = check_cr(line.cr, line.ins is not None, line.traits is not None)
    if wrong is not None:
        return InsiProblem(source, line.structure, line.local_id, *wrong)
    actif = historique = traits = None
    if line.ins is not None:
        actif = InsIdentifier(line.ins.matricule, line.ins.oid or None)
        historique = tuple(InsIdentifier(h.matricule, h.oid or None) for h in line.ins.historique)
    if line.traits is not None:
        t = line.traits  # empty texts count as absent
        traits = InsiTraits(
            nom_naissance=t.nom_naissance or None,
            prenoms_naissance=t.prenoms_naissance or None,
            premier_prenom=t.premier_prenom or None,
            sexe=t.sexe or None,
            date_naissance=t.date_naissance or None,
            lieu_naissance=t.lieu_naissance or None,
        )
    return InsiResponse(
        structure=line.structure,
        local_id=line.local_id,
        operation=operation,
        date=date,
        cr=line.cr,
        libelle_cr=line.libelle_cr or None,
        actif=actif,
        historique=historique or (),
        traits=traits,
        source=source,
    )


def _key_part(data: Any, key: str) -> str | None:
    """Best-effort record key for a problem, from a line that failed validation."""
    if isinstance(data, dict):
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def parse_line(text: str, source: str) -> InsiResponse | InsiProblem:
    """Turn one non-blank JSON line into a response or a problem.

    >>> parse_line('{"structure": "750000001"}', "r.jsonl:3").motif[:40]
    'Ligne mal formée : clé manquante « local'
    >>> parse_line("{oops", "r.jsonl:4").code
    'IS06'
    """
    try:  # fast path: pydantic parses and validates the JSON text in one go
        fast = _LineIn.model_validate_json(text)
    except ValidationError:
        return _parse_checked(text, source)  # names the problem as it always did
    return _convert(fast, source)


def _parse_checked(text: str, source: str) -> InsiResponse | InsiProblem:
    """:func:`parse_line` step by step (JSON, object, fields), to say what is wrong."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return InsiProblem(
            source, None, None, "IS06", f"Ligne mal formée : JSON invalide (colonne {exc.colno})."
        )
    except RecursionError:
        return InsiProblem(source, None, None, "IS06", "Ligne mal formée : JSON trop imbriqué.")
    except ValueError:  # a number of more than 4,300 digits (Python's int conversion limit)
        return InsiProblem(
            source, None, None, "IS06", "Ligne mal formée : nombre démesuré (trop de chiffres)."
        )
    if not isinstance(data, dict):
        return InsiProblem(
            source, None, None, "IS06", "Ligne mal formée : un objet JSON est attendu."
        )
    structure, local_id = _key_part(data, "structure"), _key_part(data, "local_id")
    try:
        line = _LineIn.model_validate(data)
    except ValidationError as exc:
        motif = f"Ligne mal formée : {_describe(exc)}."
        return InsiProblem(source, structure, local_id, "IS06", motif)
    return _convert(line, source)


#: A line's top-level record key, read without parsing it (see :func:`quick_key`).
_STRUCTURE_RE = re.compile(r'"structure"\s*:\s*"([^"\\]*)"')
_LOCAL_ID_RE = re.compile(r'"local_id"\s*:\s*"([^"\\]*)"')


def _plain(value: str) -> bool:
    return value.isascii() and value.isprintable() and value == value.strip() and value != ""


def quick_key(text: str) -> tuple[str, str] | None:
    r"""The (structure, local_id) a JSON line is about, found without parsing it, or None.

    Only for lines where a text search cannot be wrong: no backslash at all (so no escaped key
    or value), each key name present exactly once, and plain values (printable ASCII without
    surrounding spaces, so that the parser's stripping changes nothing). A line that parses
    into a response then has exactly this key; any other line gives None.

    >>> quick_key('{"structure": "750000001", "local_id": "A-1", "cr": "01"}')
    ('750000001', 'A-1')
    >>> quick_key('{"structure": "750000001", "local_id": "A\\u002d1"}') is None
    True
    >>> quick_key('{"local_id": " A-1", "structure": "750000001"}') is None
    True
    """
    if "\\" in text or text.count('"structure"') != 1 or text.count('"local_id"') != 1:
        return None
    structure = _STRUCTURE_RE.search(text)
    local_id = _LOCAL_ID_RE.search(text)
    if structure is None or local_id is None:
        return None
    key = structure.group(1), local_id.group(1)
    return key if _plain(key[0]) and _plain(key[1]) else None


Ranked = tuple[int, InsiResponse | InsiProblem]


def _lines(path: Path, share: Share | None) -> Iterator[Ranked]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if raw.startswith(_BOM):  # the file's own, or one of files put end to end
                raw = raw[len(_BOM) :]
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                if share is None or share.keep_item(number):
                    yield number, InsiProblem(
                        f"{path.name}:{number}",
                        None,
                        None,
                        "IS06",
                        "Ligne mal formée : encodage non UTF-8.",
                    )
                continue
            if not text.strip():
                continue
            if share is None:
                yield number, parse_line(text, f"{path.name}:{number}")
                continue
            key = quick_key(text)
            if key is not None:  # whatever the line turns out to be, it is the key's owner's
                if share.keep_key(*key):
                    yield number, parse_line(text, f"{path.name}:{number}")
                continue
            item = parse_line(text, f"{path.name}:{number}")
            if isinstance(item, InsiProblem):
                if share.keep_item(number):
                    yield number, item
            elif share.keep_key(item.structure, item.local_id):
                yield number, item


def read_jsonl_ranked(path: Path, share: Share | None = None) -> Iterator[Ranked]:
    """:func:`read_jsonl` with each result's line number; with ``share``, only that share's
    results (see :class:`~insvigil.insi.model.Share`)."""
    try:
        path.open("rb").close()
    except OSError as exc:
        raise InputFileError(
            f"Fichier de réponses INSi illisible : {path} ({exc.strerror or 'erreur de lecture'})."
        ) from None
    return _lines(path, share)


def read_jsonl(path: Path) -> Iterator[InsiResponse | InsiProblem]:
    """Read a JSON Lines file of INSi responses, one result per non-blank line.

    Raises :class:`~insvigil.errors.InputFileError` at once when the file cannot be opened;
    afterwards, every bad line is a problem and never stops the file.
    """
    ranked = read_jsonl_ranked(path)
    return (item for _, item in ranked)
