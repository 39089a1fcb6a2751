"""RNIV policy: the commented TOML in ``rules/``, read with tomllib and validated by pydantic.

A structure may point a run at its own file; its keys override the shipped defaults
(``rules/rniv.toml``). Every error names the file, the key, the bad value and what is allowed.

>>> p = load_policy()
>>> [j.value for j in p.justificatifs.haute_confiance]
['PASSEPORT', 'CNI', 'TITRE_SEJOUR']
>>> p.gravite("DI09")
<Gravite.BLOQUANTE: 'BLOQUANTE'>
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from insvigil.errors import ConfigurationError
from insvigil.findings import Gravite
from insvigil.model.codes import Justificatif

DISCORDANCE_CODES = tuple(f"DI{n:02d}" for n in range(1, 16))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class JustificatifsPolicy(_Strict):
    haute_confiance: tuple[Justificatif, ...]
    avec_complement: tuple[Justificatif, ...]
    age_majorite: int = Field(ge=1, le=25)
    ehpad: bool


class OidPolicy(_Strict):
    acceptes: tuple[str, ...]

    @field_validator("acceptes")
    @classmethod
    def _oid_shape(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for oid in value:
            parts = oid.split(".")
            if not oid or not all(part.isdigit() for part in parts):
                raise ValueError(
                    f"OID mal formé « {oid} » (attendu : chiffres séparés par des points)"
                )
        return value


class DoublonsPolicy(_Strict):
    seuil_probable: float = Field(ge=0.0, le=1.0)
    seuil_revue: float = Field(ge=0.0, le=1.0)
    taille_bloc_max: int = Field(ge=10)
    domaines: tuple[tuple[str, ...], ...]


class Policy(_Strict):
    """The validated policy in force for a run."""

    version: int
    justificatifs: JustificatifsPolicy
    oid: OidPolicy
    discordances: dict[str, Gravite]
    doublons: DoublonsPolicy
    source: str = ""
    sha256: str = ""

    @field_validator("discordances")
    @classmethod
    def _known_codes(cls, value: dict[str, Gravite]) -> dict[str, Gravite]:
        unknown = sorted(set(value) - set(DISCORDANCE_CODES))
        if unknown:
            raise ValueError(
                f"code(s) inconnu(s) {', '.join(unknown)} (codes permis : DI01 à DI15)"
            )
        missing = sorted(set(DISCORDANCE_CODES) - set(value))
        if missing:
            raise ValueError(f"code(s) manquant(s) : {', '.join(missing)}")
        if any(g is Gravite.INFO for g in value.values()):
            raise ValueError("gravité INFO non permise (valeurs permises : MINEURE, BLOQUANTE)")
        return value

    def gravite(self, code: str) -> Gravite:
        return self.discordances[code]


def default_rules_path() -> Path:
    """The shipped defaults: package data in a wheel, ``rules/`` in a source checkout."""
    packaged = Path(__file__).with_name("_rules") / "rniv.toml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules" / "rniv.toml"


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigurationError(f"{path} : fichier de règles introuvable") from None
    except OSError as exc:
        raise ConfigurationError(f"{path} : lecture impossible ({exc.strerror})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigurationError(f"{path} : TOML invalide ({exc})") from None


def _merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


_FRENCH_CONSTRAINTS = {
    "less_than_equal": "au plus {le}",
    "greater_than_equal": "au moins {ge}",
    "int_parsing": "un nombre entier",
    "int_type": "un nombre entier",
    "float_parsing": "un nombre",
    "float_type": "un nombre",
    "bool_parsing": "true ou false",
    "bool_type": "true ou false",
    "string_type": "une chaîne de caractères",
    "tuple_type": "une liste",
    "dict_type": "une table",
}


def _describe(path: Path, error: ValidationError) -> str:
    first = error.errors()[0]
    key = ".".join(str(part) for part in first["loc"])
    value = first.get("input")
    shown = value if isinstance(value, str | int | float | bool) else "…"
    kind = first["type"]
    ctx = first.get("ctx", {})
    if kind == "extra_forbidden":
        return f"{path} : clé inconnue « {key} »"
    if kind == "missing":
        return f"{path} : clé {key} absente"
    if kind == "enum":
        allowed = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        allowed = allowed.replace("INFO, ", "") if key.startswith("discordances") else allowed
        expected = f"valeurs permises : {allowed}"
    elif kind in _FRENCH_CONSTRAINTS:
        expected = "attendu : " + _FRENCH_CONSTRAINTS[kind].format(**ctx)
    else:
        expected = str(first["msg"]).removeprefix("Value error, ")
    return f"{path} : clé {key} : valeur « {shown} » invalide ({expected})"


def load_policy(path: Path | None = None) -> Policy:
    """Load the defaults, overlaid with ``path`` when given; raise ConfigurationError if invalid."""
    default_path = default_rules_path()
    data = _read_toml(default_path)
    source = default_path
    raw = default_path.read_bytes()
    if path is not None:
        data = _merge(data, _read_toml(path))
        source = path
        raw += path.read_bytes()
    try:
        policy = Policy.model_validate(data)
    except ValidationError as exc:
        raise ConfigurationError(_describe(source, exc)) from None
    return policy.model_copy(
        update={"source": str(source), "sha256": hashlib.sha256(raw).hexdigest()}
    )
