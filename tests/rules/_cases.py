"""Read the per-rule case files (``cases/<CODE>.toml``) and turn them into engine inputs.

One file per rule, like sqlfluff's ``test/fixtures/rules/std_rule_cases/AL06.yml``. Each
``[[cases]]`` entry holds a ``resident`` table (the :class:`~insvigil.model.Resident` fields),
optional ``insi`` responses, optional ``today`` and ``policy`` overrides (merged over the
default policy), and the expectations (``fires``, ``gravite``, ``statut``, ``ins_utilisable``,
``ecart_statut``, ``regles_contain``, ``message_contains``); ``acceptes`` lists referents'
decisions on the record's blocking findings (see :func:`accepted_of`); ``precedent`` is the
record at its last evaluation (see :func:`previous_of`). Reading-time rules
(``evaluated = False``) document their examples with ``reading = true`` and an ``exemple``
string: the driver does not evaluate them.

Defaults: ``structure`` 750000001, ``local_id`` ``<CODE>-<name>``, ``today`` 2026-11-01, INSi
``operation`` RECHERCHE_TRAITS. An ``insi`` entry without ``oid`` has no OID; ``historique`` is a
list of ``{matricule, oid}`` tables. Every matricule is synthetic with a valid MI02 key unless
the case is about the key.
"""

from __future__ import annotations

import functools
import tempfile
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from insvigil.engine.evaluate import Engine
from insvigil.insi.model import InsIdentifier, InsiResponse, InsiTraits, Operation
from insvigil.model import Attribut, Complement, Justificatif, RecordResult, Resident, Statut
from insvigil.model.previous import WATCHED_TRAITS, PreviousState, previous_state
from insvigil.policy import Policy, load_policy
from insvigil.reference.cog import load as load_cog

CASES_DIR = Path(__file__).with_name("cases")
DEFAULT_TODAY = date(2026, 11, 1)
DEFAULT_STRUCTURE = "750000001"

CASE_KEYS = frozenset(
    {
        "name", "description", "resident", "insi", "today", "policy", "reading", "exemple",
        "fires", "gravite", "statut", "ins_utilisable", "ecart_statut", "regles_contain",
        "message_contains", "acceptes", "precedent",
    }
)  # fmt: skip
RESIDENT_KEYS = frozenset(
    {
        "structure", "local_id", "nom_naissance", "prenoms_naissance", "date_naissance", "sexe",
        "premier_prenom", "lieu_naissance", "nom_utilise", "prenom_utilise", "matricule_ins",
        "oid_ins", "justificatif", "justificatif_complement", "attributs", "statut", "actif",
    }
)  # fmt: skip
INSI_KEYS = frozenset({"operation", "date", "cr", "libelle", "matricule", "oid", "historique",
                       "traits"})  # fmt: skip
ACCEPTE_KEYS = frozenset({"code", "trait", "locale", "insi"})
PRECEDENT_KEYS = frozenset({"statut", "traits", "autre_dossier"})
TRAIT_KEYS = frozenset({"nom_naissance", "prenoms_naissance", "premier_prenom", "sexe",
                        "date_naissance", "lieu_naissance"})  # fmt: skip


@dataclass(frozen=True)
class Case:
    code: str
    name: str
    data: Mapping[str, Any]

    @property
    def id(self) -> str:
        return f"{self.code}::{self.name}"

    @property
    def reading(self) -> bool:
        return bool(self.data.get("reading", False))


def case_files() -> dict[str, Path]:
    return {path.stem: path for path in sorted(CASES_DIR.glob("*.toml"))}


@functools.cache
def read(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def cases_of(code: str) -> list[Case]:
    path = case_files().get(code)
    if path is None:
        return []
    return [Case(code, entry["name"], entry) for entry in read(path).get("cases", [])]


def all_cases() -> Iterator[Case]:
    for code in case_files():
        yield from cases_of(code)


def _check_keys(where: str, given: Mapping[str, Any], allowed: frozenset[str]) -> None:
    unknown = sorted(set(given) - allowed)
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {', '.join(unknown)}")


def build_resident(case: Case) -> Resident:
    raw = dict(case.data["resident"])
    _check_keys(f"{case.id} resident", raw, RESIDENT_KEYS)
    raw.setdefault("structure", DEFAULT_STRUCTURE)
    raw.setdefault("local_id", f"{case.code}-{case.name}")
    if isinstance(raw.get("date_naissance"), date):
        raw["date_naissance"] = raw["date_naissance"].isoformat()
    if raw.get("justificatif"):
        raw["justificatif"] = Justificatif.parse(raw["justificatif"])
    if raw.get("justificatif_complement"):
        raw["justificatif_complement"] = Complement.parse(raw["justificatif_complement"])
    raw["attributs"] = frozenset(Attribut.parse(a) for a in raw.get("attributs", []))
    if raw.get("statut"):
        raw["statut"] = Statut.parse(raw["statut"])
    return Resident(**raw)


def _identifier(value: Mapping[str, Any]) -> InsIdentifier:
    return InsIdentifier(value["matricule"], value.get("oid"))


def build_responses(case: Case, resident: Resident) -> list[InsiResponse]:
    responses = []
    for index, raw in enumerate(case.data.get("insi", []), start=1):
        _check_keys(f"{case.id} insi[{index}]", raw, INSI_KEYS)
        when = raw.get("date")
        if isinstance(when, str):
            when = datetime.fromisoformat(when)
        elif isinstance(when, date) and not isinstance(when, datetime):
            when = datetime(when.year, when.month, when.day)
        traits = None
        if "traits" in raw:
            _check_keys(f"{case.id} insi[{index}].traits", raw["traits"], TRAIT_KEYS)
            t = raw["traits"]
            traits = InsiTraits(
                t.get("nom_naissance"),
                t.get("prenoms_naissance"),
                t.get("premier_prenom"),
                t.get("sexe"),
                t.get("date_naissance"),
                t.get("lieu_naissance"),
            )
        actif = None
        if raw.get("matricule"):
            actif = InsIdentifier(raw["matricule"], raw.get("oid"))  # no key: no OID
        operation = raw.get("operation", "RECHERCHE_TRAITS")
        responses.append(
            InsiResponse(
                structure=resident.structure,
                local_id=resident.local_id,
                operation=Operation(operation) if operation else None,
                date=when,
                cr=raw["cr"],
                libelle_cr=raw.get("libelle"),
                actif=actif,
                historique=tuple(_identifier(h) for h in raw.get("historique", [])),
                traits=traits,
                source=f"{case.id}:{index}",
            )
        )
    return responses


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


@functools.cache
def _policy_for(overrides: str) -> Policy:
    if not overrides:
        return load_policy()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "politique.toml"
        path.write_text(overrides, encoding="utf-8")
        return load_policy(path)


def policy_text(overrides: Mapping[str, Any]) -> str:
    """Overrides as TOML text: one ``[table]`` per top-level table, scalars first."""
    scalars = [
        f"{k} = {_toml_value(v)}" for k, v in overrides.items() if not isinstance(v, Mapping)
    ]
    tables = []
    for key, value in overrides.items():
        if isinstance(value, Mapping):
            tables.append(f"[{key}]")
            tables.extend(f"{k} = {_toml_value(v)}" for k, v in value.items())
    return "\n".join([*scalars, *tables]) + "\n" if overrides else ""


def policy_of(case: Case) -> Policy:
    return _policy_for(policy_text(case.data.get("policy", {})))


@functools.cache
def _engine(overrides: str, today: date) -> Engine:
    return Engine(_policy_for(overrides), load_cog(), today)


def engine_of(case: Case) -> Engine:
    today = case.data.get("today", DEFAULT_TODAY)
    return _engine(policy_text(case.data.get("policy", {})), today)


def build_residents_and_responses(case: Case) -> tuple[Resident, list[InsiResponse]]:
    resident = build_resident(case)
    return resident, build_responses(case, resident)


def evaluate(case: Case) -> RecordResult:
    _check_keys(case.id, case.data, CASE_KEYS)
    resident = build_resident(case)
    responses = build_responses(case, resident)
    return engine_of(case).evaluate(
        resident, responses, accepted_of(case), previous=previous_of(case, resident)
    )


def previous_of(case: Case, resident: Resident) -> PreviousState | None:
    """The record at its last evaluation (``precedent``: ``statut``, ``traits`` — only those
    that differed from today's row, the others are today's — and ``autre_dossier``, the
    ``structure/local_id`` of another record that carried today's matricule then); None
    without ``precedent`` (the record is seen for the first time)."""
    raw = case.data.get("precedent")
    if raw is None:
        return None
    _check_keys(f"{case.id} precedent", raw, PRECEDENT_KEYS)
    traits = raw.get("traits", {})
    _check_keys(f"{case.id} precedent.traits", traits, frozenset(WATCHED_TRAITS))
    row = {name: getattr(resident, name) for name in WATCHED_TRAITS} | dict(traits)
    holder = None
    if raw.get("autre_dossier"):
        structure, local_id = raw["autre_dossier"].split("/", 1)
        holder = (structure, local_id)
    return previous_state(row, raw.get("statut"), (), holder=holder)


def accepted_of(case: Case) -> frozenset[tuple[str, str, str, str]]:
    """The referents' decisions of the case (``acceptes``: tables ``code``, ``trait``,
    ``locale``, ``insi``, the values of the decided queue item), as the engine takes them."""
    out = set()
    for index, raw in enumerate(case.data.get("acceptes", []), start=1):
        _check_keys(f"{case.id} acceptes[{index}]", raw, ACCEPTE_KEYS)
        out.add((raw["code"], raw.get("trait", ""), raw.get("locale", ""), raw.get("insi", "")))
    return frozenset(out)
