"""Which records keep their stored result in a re-run (contract §7), and which are evaluated.

A record keeps its stored result when its row is the stored one, the hash of everything its
result depends on (:mod:`insvigil.qualify.fingerprint`) is the one stored with the result, and
the run date is inside the dates the result holds for (an age threshold crossed since evaluates
it again). ``--complet`` (``QualifyOptions.complet``) evaluates every record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from insvigil.store.records.stored_state import StoredState

__all__ = ["Reuse"]


@dataclass(frozen=True, slots=True)
class Reuse:
    run: str  # insvigil.qualify.fingerprint.run_fingerprint of this run
    today: date
    complet: bool = False

    def keeps(self, state: StoredState | None, content_hash: str, inputs: str) -> bool:
        """True when the record's stored result is its result in this run too."""
        return (
            not self.complet
            and state is not None
            and state.stored is not None
            and state.inputs == inputs
            and state.content_hash == content_hash
            and state.holds_on(self.today)
        )
