"""Everything the rules need to know about one record, computed once.

Normalisations are cached in the trait modules, so building a context for a record whose names
were seen before costs little. Rules read the context and the findings already emitted by
earlier phases; they never modify the context.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date

from insvigil.engine import insi_side
from insvigil.engine.insi_side import InsiSide
from insvigil.errors import InvalidValue
from insvigil.findings import Finding, Gravite
from insvigil.identifiers import matricule
from insvigil.insi.model import InsiResponse
from insvigil.model.codes import Attribut
from insvigil.model.previous import HISTORY_FAMILY, PreviousState
from insvigil.model.records import Resident
from insvigil.policy import Policy
from insvigil.reference.cog import Cog
from insvigil.traits import date as birth_date
from insvigil.traits import lieu as birthplace
from insvigil.traits import nom, prenoms
from insvigil.traits.charset import Normalized
from insvigil.traits.date import BirthDate
from insvigil.traits.lieu import LieuResult

#: A referent's acceptance of one blocking finding: (code, trait, local value, INSi value), the
#: values of the queue item the decision was taken on (``insvigil.review.decisions``).
Accepted = tuple[str, str, str, str]


def accepted_key(finding: Finding) -> Accepted:
    """The key under which a referent's decision on ``finding`` is recorded. A change between
    exports (HIxx) keeps its values in ``params`` (trait, before, after, ...), not in the local
    and INSi values: its key holds them, so a decision holds for that change only."""
    if finding.code[:2] == HISTORY_FAMILY and len(finding.params) > 2:
        return (finding.code, finding.trait or "", finding.params[1], finding.params[2])
    return (
        finding.code,
        finding.trait or "",
        finding.valeur_locale or "",
        finding.valeur_insi or "",
    )


@dataclass(slots=True)
class Context:
    """Facts about one record and the findings emitted so far."""

    resident: Resident
    policy: Policy
    cog: Cog
    today: date
    nom: Normalized
    prenoms: Normalized
    premier: Normalized
    naissance: BirthDate
    lieu: str | None
    lieu_result: LieuResult | None
    matricule: str | None  # compacted local matricule (may be invalid)
    matricule_error: InvalidValue | None
    responses: tuple[InsiResponse, ...]  # oldest first
    latest: InsiResponse | None
    insi: InsiSide | None  # the deciding response when it is a 00 with an identity
    span: tuple[date, date]  # earliest and latest possible birth dates
    #: DOUTEUSE or FICTIVE: no INSi call allowed, status PROVISOIRE (ST01).
    interdit: bool
    sides: tuple[InsiSide, ...]  # every 00 response with an identity, oldest first
    #: The blocking findings a referent decided on (engine's ``accepted``); see IS15.
    accepted: AbstractSet[Accepted] = frozenset()
    #: The record at its last evaluation (HI rules); None: seen for the first time.
    previous: PreviousState | None = None
    findings: list[Finding] = field(default_factory=list)
    codes: set[str] = field(default_factory=set)  # codes of the findings so far
    blocking_codes: set[str] = field(default_factory=set)  # codes of BLOQUANTE findings so far
    decision: object | None = None  # cache of insvigil.engine.status.decide
    indexed: int = 0  # how many findings ``codes`` and ``blocking_codes`` already hold
    #: The run dates for which what the rules read of the date stays the same: a rule that
    #: reads ``today`` (``Rule.reads_date``) narrows it with :meth:`same_between`. ``None``: no
    #: bound on that side. A stored result is reused only for a run date inside (contract §7).
    valid_since: date | None = None
    valid_until: date | None = None  # exclusive

    def same_between(self, since: date | None, until: date | None) -> None:
        """Say that what a rule read of ``today`` is the same for every run date in
        [``since``, ``until``) (``None``: unbounded on that side)."""
        if since is not None and (self.valid_since is None or since > self.valid_since):
            self.valid_since = since
        if until is not None and (self.valid_until is None or until < self.valid_until):
            self.valid_until = until

    def refresh(self) -> None:
        """Index the findings so far (called by the engine between phases: a rule sees what
        earlier phases found, never what its own phase finds). Findings are only ever added,
        so only the new ones are read."""
        found = self.findings
        if len(found) == self.indexed:
            return
        for f in found[self.indexed :]:
            self.codes.add(f.code)
            if f.gravite is Gravite.BLOQUANTE:
                self.blocking_codes.add(f.code)
        self.indexed = len(found)

    def has(self, code: str) -> bool:
        return code in self.codes

    def blocking(self, *, families: Sequence[str] = ("TR", "MI", "IS", "DI", "HI")) -> bool:
        # HI: an undecided change between exports withholds I like a blocking discordance
        # (domain.md §6.2: "strict trait changed → recompute from evidence", and the
        # downgrade rules EXI ID 27-28 were not read: the safest reading, never qualify on
        # doubt, keeps the identity at most VALIDEE until a referent decides).
        return any(code[:2] in families for code in self.blocking_codes)


def build(
    resident: Resident,
    responses: Sequence[InsiResponse],
    *,
    policy: Policy,
    cog: Cog,
    today: date,
    accepted: AbstractSet[Accepted] = frozenset(),
    previous: PreviousState | None = None,
) -> Context:
    naissance = birth_date.parse(resident.date_naissance, today=today)
    premier_raw = resident.premier_prenom or ""
    premier = prenoms.normalize(premier_raw) if premier_raw.strip() else _first_of(resident)
    lieu = birthplace.normalize(resident.lieu_naissance) if resident.lieu_naissance else None
    lieu_result = None
    if lieu:
        lieu_result = birthplace.check(lieu, naissance.earliest(), naissance.latest())
    local, error = _local_matricule(resident.matricule_ins)
    ordered = insi_side.order(responses)
    latest = ordered[-1] if ordered else None
    sides = tuple(insi_side.build(r) for r in ordered if r.cr == "00" and r.actif is not None)
    side = sides[-1] if sides and sides[-1].response is latest else None
    attributs = resident.attributs
    return Context(
        resident=resident,
        policy=policy,
        cog=cog,
        today=today,
        nom=nom.normalize(resident.nom_naissance),
        prenoms=prenoms.normalize(resident.prenoms_naissance),
        premier=premier,
        naissance=naissance,
        lieu=lieu,
        lieu_result=lieu_result,
        matricule=local,
        matricule_error=error,
        responses=ordered,
        latest=latest,
        insi=side,
        span=(naissance.earliest(), naissance.latest()),
        interdit=Attribut.DOUTEUSE in attributs or Attribut.FICTIVE in attributs,
        sides=sides,
        accepted=accepted,
        previous=previous,
    )


def _first_of(resident: Resident) -> Normalized:
    liste = prenoms.normalize(resident.prenoms_naissance)
    first = liste.value.split(" ")[0] if liste.value else ""
    return prenoms.normalize(first)


def _local_matricule(raw: str | None) -> tuple[str | None, InvalidValue | None]:
    if raw is None or not raw.strip():
        return None, None
    try:
        return matricule.validate(raw), None
    except InvalidValue as error:
        try:
            return matricule.compact(raw), error
        except InvalidValue:
            return raw.strip(), error
