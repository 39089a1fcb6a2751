"""The rule base class: one rule per module, its code taken from the class name.

A rule's docstring is its documentation: the first line is the sentence a referent reads,
the rest explains it with a « conforme / non conforme » example. ``insvigil rules explain CODE``
prints it. Rules *return* findings; they never raise for a bad record.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, ClassVar

from insvigil.findings import Finding, Gravite, make, register

if TYPE_CHECKING:
    from insvigil.engine.context import Context

_CODE = re.compile(r"^[A-Z]{2}\d{2}$")

FAMILIES: dict[str, str] = {
    "TR": "Traits stricts",
    "MI": "Matricule INS et OID",
    "IS": "Réponses du téléservice INSi",
    "DI": "Discordances entre traits locaux et traits INSi",
    "JU": "Justificatif d'identité",
    "AT": "Attributs d'identité",
    "ST": "Statut de l'identité",
    "HI": "Historique entre deux exports",
}


class Rule:
    """Base class of every rule (not a rule itself)."""

    code: ClassVar[str] = ""
    #: Evaluation order: traits and identifiers (10), INSi (20), changes between exports (25),
    #: discordances (30), referents' decisions on them (35), evidence I and C (40), status (50).
    phase: ClassVar[int] = 10
    #: False for rules applied while reading the input (rejections): documented, not evaluated.
    evaluated: ClassVar[bool] = True
    #: True when the rule's findings take part in the status decision (listed in ``regles``
    #: even when they are not BLOQUANTE).
    decides: ClassVar[bool] = False
    #: True for a warning a referent should read although it decides nothing (MI08): listed
    #: in ``regles`` too, so that identites.csv shows it; it never changes the status.
    signale: ClassVar[bool] = False
    #: What the rule needs to possibly fire: the engine skips it when the record lacks it
    #: ("insi": a 00 response to compare with, INSi call allowed; "responses": any response).
    requires: ClassVar[str | None] = None
    #: True when the rule reads the run date (``ctx.today``): it must then say for which run
    #: dates its answer holds (``ctx.same_between``), so that a stored result is evaluated
    #: again when the date crosses the threshold, and not at every run (contract §7).
    reads_date: ClassVar[bool] = False
    #: The rule's messages: variant -> French template whose fields ``{0}``, ``{1}``... take
    #: the finding's params in order. A finding is stored as its variant and params and its
    #: message rendered from the template when read (issue 17), so a published template's
    #: wording may change but its variant and fields may not.
    messages: ClassVar[Mapping[str, str]] = {}

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if _CODE.match(cls.__name__):
            cls.code = cls.__name__
        if cls.code and "messages" in cls.__dict__:
            register(cls.code, cls.messages)

    @classmethod
    def family(cls) -> str:
        return cls.code[:2]

    @classmethod
    def description(cls) -> str:
        doc = inspect.getdoc(cls) or ""
        return doc.splitlines()[0] if doc else ""

    @classmethod
    def documentation(cls) -> str:
        return inspect.getdoc(cls) or ""

    def say(
        self,
        variant: str,
        gravite: Gravite,
        *params: str,
        trait: str | None = None,
        locale: str | None = None,
        insi: str | None = None,
    ) -> Finding:
        """A finding with the message of ``messages[variant]`` rendered from ``params``."""
        return make(self.code, variant, gravite, params, trait, locale=locale, insi=insi)

    def check(self, ctx: Context) -> Iterable[Finding]:
        """Return the findings of this rule for the record in ``ctx``."""
        return ()
