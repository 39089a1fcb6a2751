"""What the INSi readers produce: plain frozen dataclasses, no parsing library inside.

A reader yields, for each response it meets, either an :class:`InsiResponse` (a response that
can be used) or an :class:`InsiProblem` (a response that goes to ``rejets.csv`` with no effect
on any status). Problem codes are public and permanent:

===== ====================================================================================
code  meaning
===== ====================================================================================
IS02  hostile XML: DTD, entity declaration, external reference (refused, never followed)
IS03  inconsistent response: ``00`` without identity, ``01``/``02`` with one, SOAP fault
IS06  malformed line or file: bad JSON, missing key, wrong type, not XML, bad file name
IS07  unknown return code ``cr`` (not ``00``, ``01`` or ``02``)
IS08  unknown operation
===== ====================================================================================

Timestamps (:func:`parse_timestamp`) are naive datetimes in French metropolitan wall-clock
time: a naive value is kept as written; a value with an offset (``Z``, ``+02:00``) is converted
to ``Europe/Paris`` and its offset dropped, so naive and aware inputs compare consistently.

>>> parse_timestamp("2026-10-02T08:41:00Z")
datetime.datetime(2026, 10, 2, 10, 41)
>>> parse_timestamp("2026-10-02T10:41")
datetime.datetime(2026, 10, 2, 10, 41)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

LOCAL_TIMEZONE = ZoneInfo("Europe/Paris")
"""Wall-clock zone that offset-carrying timestamps are converted to before dropping the offset."""

KNOWN_CR = frozenset({"00", "01", "02"})
"""INSi return codes: ``00`` one identity, ``01`` none found, ``02`` several found."""

PROBLEM_CODES: dict[str, str] = {
    "IS02": "XML hostile refusé (DTD, entité ou référence externe)",
    "IS03": "réponse INSi incohérente ou erreur SOAP du téléservice",
    "IS06": "ligne ou fichier de réponse INSi mal formé",
    "IS07": "code retour INSi inconnu",
    "IS08": "opération INSi inconnue",
}
"""Public problem codes and their French label."""


class Operation(StrEnum):
    """The INSi operation that produced a response."""

    RECHERCHE_TRAITS = "RECHERCHE_TRAITS"
    RECHERCHE_CARTE_VITALE = "RECHERCHE_CARTE_VITALE"
    VERIFICATION = "VERIFICATION"


@dataclass(frozen=True, slots=True)
class InsIdentifier:
    """One INS as returned by INSi: matricule (spaces removed, not validated) and its OID."""

    matricule: str
    oid: str | None


@dataclass(frozen=True, slots=True)
class InsiTraits:
    """The identity traits INSi returned (``TIQ``), as written, not normalised.

    ``prenoms_naissance`` is the space-joined list of birth first names; ``premier_prenom`` is
    the separate first first-name when the source gives one beside the list.
    """

    nom_naissance: str | None
    prenoms_naissance: str | None
    premier_prenom: str | None
    sexe: str | None
    date_naissance: str | None
    lieu_naissance: str | None


@dataclass(frozen=True, slots=True)
class InsiResponse:
    """One usable INSi response, tied to a record by (``structure``, ``local_id``).

    ``date`` is ``None`` when the source carries no timestamp (an XML response without header
    time); the engine then orders it before every dated response of the same record.
    ``source`` says where it came from (``file:line`` or file name), for messages.
    """

    structure: str
    local_id: str
    operation: Operation | None
    date: datetime | None
    cr: str
    libelle_cr: str | None
    actif: InsIdentifier | None
    historique: tuple[InsIdentifier, ...]
    traits: InsiTraits | None
    source: str

    @property
    def identite_trouvee(self) -> bool:
        """True for a ``00`` response (exactly one identity found)."""
        return self.cr == "00"


@dataclass(frozen=True, slots=True)
class InsiProblem:
    """A response that cannot be used; ``motif`` is a French sentence for ``rejets.csv``.

    ``structure``/``local_id`` are ``None`` when they could not be read.
    """

    source: str
    structure: str | None
    local_id: str | None
    code: str
    motif: str


@dataclass(frozen=True, slots=True)
class Share:
    """The part of the responses one process of a sharded run reads (see
    :func:`insvigil.insi.reader.read_insi_ranked`).

    ``keep_key(structure, local_id)``: the responses of that record are this process's.
    ``keep_item(n)``: a problem without a readable key, at the ``n``-th line of a file or file of
    a folder, is this process's. Every process of a run must be given the same partition, so
    that each response and each problem is kept by exactly one of them.
    """

    keep_key: Callable[[str, str], bool]
    keep_item: Callable[[int], bool]


def parse_timestamp(text: str) -> datetime:
    """Parse an ISO 8601 timestamp into a naive local (``Europe/Paris``) datetime.

    Seconds and offset are optional; raises ``ValueError`` on anything else.
    """
    value = datetime.fromisoformat(text.strip())
    if value.tzinfo is not None:
        value = value.astimezone(LOCAL_TIMEZONE).replace(tzinfo=None)
    return value


def summary(items: Iterable[InsiResponse | InsiProblem]) -> dict[str, int]:
    """Count responses and problems: ``{"reponses": n, "IS03": n, ...}``, codes sorted.

    >>> summary([InsiProblem("a.xml", None, None, "IS06", "x"),
    ...          InsiProblem("b.xml", None, None, "IS02", "y")])
    {'reponses': 0, 'IS02': 1, 'IS06': 1}
    """
    counts: Counter[str] = Counter()
    responses = 0
    for item in items:
        if isinstance(item, InsiProblem):
            counts[item.code] += 1
        else:
            responses += 1
    return {"reponses": responses, **{code: counts[code] for code in sorted(counts)}}


_CR_LABELS = {
    "00": "identité trouvée",
    "01": "aucune identité trouvée",
    "02": "plusieurs identités trouvées",
}


def check_cr(cr: str, has_ins: bool, has_traits: bool) -> tuple[str, str] | None:
    """Check the return code against the identity carried; ``(code, motif)`` when wrong.

    >>> check_cr("00", True, True) is None
    True
    >>> check_cr("01", True, False)[0]
    'IS03'
    >>> check_cr("03", False, False)[0]
    'IS07'
    """
    if cr not in KNOWN_CR:
        shown = cr if len(cr) <= 4 and cr.isalnum() else "?"
        return "IS07", f"Code retour INSi inconnu « {shown} » (attendu : 00, 01 ou 02)."
    if cr == "00":
        if not has_ins:
            return "IS03", "Réponse INSi incohérente : code 00 (identité trouvée) sans INS."
        if not has_traits:
            return "IS03", "Réponse INSi incohérente : code 00 (identité trouvée) sans traits."
        return None
    if has_ins or has_traits:
        return "IS03", (
            f"Réponse INSi incohérente : code {cr} ({_CR_LABELS[cr]}) accompagné d'une identité."
        )
    return None
