"""Check one INS matricule and its coherence with the traits given (``insvigil check-ins``).

``valide`` is true only when the matricule's format and key are right and no finding blocks:
no given trait contradicts it (MI04) and the OID, when given, is a production one (MI05, SAFE:
a test OID is reported, never accepted silently). Corsica coded across the 1976 split (MI08) is
a warning: reported, ``valide`` unchanged. Without an OID the type is unknown: NIR and
NIA share one format (domain.md §2.1).

All values below are synthetic.

>>> r = check_ins("2 83 05 2A 004 123 07", sexe="F", ddn="1983-05-12", lieu="2A004")
>>> r.valide, r.type, r.matricule
(True, None, '2************07')
>>> check_ins("2 83 05 2A 004 123 45").constats[0].code
'MI02'
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from insvigil.errors import InvalidChecksum, InvalidComponent, InvalidValue
from insvigil.findings import Finding, Gravite
from insvigil.identifiers import coherence, matricule, oid
from insvigil.reference.cog import load as load_cog
from insvigil.traits import date as birth_date
from insvigil.traits import lieu as birthplace
from insvigil.traits import sexe as sex


@dataclass(frozen=True, slots=True)
class InsCheck:
    """The verdict on one matricule."""

    valide: bool
    type: Literal["NIR", "NIA"] | None
    matricule: str  # masked
    constats: tuple[Finding, ...]

    def as_json(self) -> dict[str, object]:
        return {
            "valide": self.valide,
            "type": self.type,
            "matricule": self.matricule,
            "constats": [
                {"code": f.code, "gravite": f.gravite.value, "message": f.message}
                for f in self.constats
            ],
        }


_NO_OID = Finding(
    "MI05",
    Gravite.INFO,
    "Sans OID, le type (NIR ou NIA) ne peut pas être établi : les deux ont le même format.",
    trait="oid",
)


def _structure_findings(value: str) -> tuple[str | None, list[Finding]]:
    """Validate; return the compacted value when its shape allows coherence checks."""
    try:
        return matricule.validate(value), []
    except (InvalidChecksum, InvalidComponent) as error:
        # Shape is right: coherence with the traits still says something useful.
        shaped = matricule.compact(value)
        return shaped, [Finding(error.code, Gravite.BLOQUANTE, error.message, "matricule")]
    except InvalidValue as error:
        return None, [Finding(error.code, Gravite.BLOQUANTE, error.message, "matricule")]


def check_ins(
    value: str,
    *,
    oid_value: str | None = None,
    sexe: str | None = None,
    ddn: str | None = None,
    lieu: str | None = None,
    today: date | None = None,
) -> InsCheck:
    """Check a matricule; raise :class:`InvalidValue` if a given trait is itself unreadable."""
    sexe_value = sex.validate(sexe) if sexe else None
    naissance = birth_date.parse(ddn, today=today) if ddn else None
    lieu_value = birthplace.validate(lieu) if lieu else None

    shaped, constats = _structure_findings(value)
    if oid_value:
        constats.extend(oid.findings(oid_value))
        kind = oid.matricule_type(oid_value)
    else:
        constats.append(_NO_OID)
        kind = None

    cog = load_cog() if lieu_value else None
    span = (naissance.earliest(), naissance.latest()) if naissance else None
    if lieu_value and span is not None and cog is not None:
        constats.extend(birthplace.check(lieu_value, span[0], span[1]).findings)
    if shaped is not None:
        constats.extend(
            coherence.check(shaped, sexe=sexe_value, naissance=span, lieu=lieu_value, cog=cog)
        )
        corsica = coherence.corsica(shaped, *span) if span is not None else None
        if corsica is not None:  # a warning (MINEURE): ``valide`` stays true
            constats.append(corsica)
    valide = shaped is not None and not any(f.bloquante for f in constats if f.code != "TR06")
    return InsCheck(valide, kind, matricule.mask(value), tuple(constats))
