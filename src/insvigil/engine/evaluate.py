"""Evaluate the rules over one record and build its :class:`RecordResult`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import replace
from datetime import date

from insvigil.engine import context as context_module
from insvigil.engine.context import Accepted, accepted_key
from insvigil.engine.status import decide
from insvigil.findings import Finding, Gravite, noted, register_note
from insvigil.insi.model import InsiResponse
from insvigil.model.previous import HISTORY_FAMILY, PreviousState
from insvigil.model.records import Resident
from insvigil.model.results import RecordResult, discordances_of
from insvigil.policy import Policy
from insvigil.reference.cog import Cog
from insvigil.rules.base import Rule
from insvigil.rules.registry import all_rules, evaluated_rules

#: Only a discordance of traits with INSi (DIxx) is settled by accepting INSi's values; for
#: any other accepted finding (a record collision, IS12: one person after all) the problem is
#: gone once decided.
_TRAIT_DISCORDANCE = "DI"
#: The phases whose findings a referent decides on: INSi (20), changes between exports (25),
#: comparisons with INSi (30).
_DECIDED_PHASES = (20, 25, 30)


# The notes appended to a finding a referent decided on (stored as the note's name).
register_note(
    "accepte_insi",
    " Écart accepté par un référent : les traits INSi sont retenus, à reporter dans le DUI (IS15).",
)
register_note("accepte", " Écart accepté par un référent.")
register_note("changement_confirme", " Changement confirmé par un référent.")


def _apply_decisions(found: Iterable[Finding], accepted: AbstractSet[Accepted]) -> list[Finding]:
    """A blocking finding a referent decided on no longer asks for a decision: MINEURE, and
    says so. Accepting INSi's traits (a DIxx finding) does not make the local record right:
    IS15 keeps the INS unusable until the export carries INSi's values."""
    out: list[Finding] = []
    for finding in found:
        if finding.bloquante and accepted_key(finding) in accepted:
            if finding.code.startswith(_TRAIT_DISCORDANCE):
                note = "accepte_insi"
            elif finding.code.startswith(HISTORY_FAMILY):
                note = "changement_confirme"
            else:
                note = "accepte"
            finding = replace(noted(finding, note), gravite=Gravite.MINEURE)
        out.append(finding)
    return out


class Engine:
    """The rules in force, ready to evaluate records (one instance per run)."""

    def __init__(self, policy: Policy, cog: Cog, today: date) -> None:
        self.policy = policy
        self.cog = cog
        self.today = today
        self.rules = evaluated_rules()
        by_phase: dict[int, list[Rule]] = {}
        for rule in self.rules:
            by_phase.setdefault(rule.phase, []).append(rule)
        self.phases = tuple((phase, tuple(by_phase[phase])) for phase in sorted(by_phase))
        if any(r.requires == "insi" and r.phase != 30 for r in self.rules) or any(
            r.phase == 30 and r.requires != "insi" for r in self.rules
        ):
            raise RuntimeError("phase 30 holds exactly the rules that compare with INSi")
        self._decides = frozenset(rule.code for rule in all_rules() if rule.decides or rule.signale)
        # What evaluate() walks, by (any response?, compared with INSi?): each phase's bound
        # checks that can fire, and whether referents' decisions apply to its findings.
        self._plans = {
            (responded, compare): tuple(
                (
                    phase in _DECIDED_PHASES,
                    tuple(
                        rule.check for rule in rules if responded or rule.requires != "responses"
                    ),
                )
                for phase, rules in self.phases
                if compare or phase != 30
            )
            for responded in (False, True)
            for compare in (False, True)
        }

    def evaluate(
        self,
        resident: Resident,
        responses: Sequence[InsiResponse] = (),
        accepted: AbstractSet[Accepted] = frozenset(),
        previous: PreviousState | None = None,
    ) -> RecordResult:
        """Evaluate one record. ``accepted`` holds the blocking findings a referent decided on
        (code, trait, local value, INSi value): they no longer ask for a decision, and say so;
        an accepted discordance of traits still keeps the INS unusable (IS15) until the
        record carries INSi's values. ``previous``: the record at its last evaluation (the
        changes between exports, HIxx); None when it is seen for the first time."""
        ctx = context_module.build(
            resident,
            responses,
            policy=self.policy,
            cog=self.cog,
            today=self.today,
            accepted=accepted,
            previous=previous,
        )
        compare = ctx.insi is not None and not ctx.interdit
        findings = ctx.findings
        extend = findings.extend
        plan = self._plans[bool(ctx.responses), compare]
        if accepted:
            for decisive, checks in plan:
                for check in checks:
                    found = check(ctx)
                    extend(_apply_decisions(found, accepted) if decisive else found)
                ctx.refresh()
        else:  # the common case: no referent's decision for this record
            for _, checks in plan:
                for check in checks:
                    extend(check(ctx))
                ctx.refresh()
        decision = decide(ctx)
        insi = ctx.insi if (ctx.insi is not None and not ctx.interdit) else None
        return RecordResult(
            structure=resident.structure,
            local_id=resident.local_id,
            statut=decision.statut,
            attributs=resident.attributs,
            ins_utilisable=decision.ins_utilisable,
            statut_declare=resident.statut,
            ecart_statut=decision.ecart,
            regles=self._regles(findings),
            findings=tuple(findings),
            discordances=discordances_of(findings),
            insi_active=insi.actif if insi else None,
            insi_oid=insi.oid if insi else None,
            valid_since=ctx.valid_since,
            valid_until=ctx.valid_until,
        )

    def _regles(self, findings: Sequence[Finding]) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for finding in findings:
            if finding.bloquante or finding.code in self._decides:
                seen.setdefault(finding.code, None)
        return tuple(seen)
