"""Synthetic, deterministic populations for tests and benchmarks (``insvigil synth``).

:func:`generate` writes a residents file (contract §1), the INSi responses (§2: JSON Lines and
a few SOAP files) and the ground truth: the status the RNIV allows for each record given the
injected evidence (``verite.csv``) and the true duplicate, collision and look-alike pairs
(``verite_paires.csv``). Names come from INSEE frequency tables, birthplaces from the COG
history, matricules carry valid keys; every combination is random: no real person.

The defect codes of ``verite.csv`` and their effect on the status are in
:data:`~insvigil.synth.catalogue.DEFAUTS`.
"""

from __future__ import annotations

from insvigil.synth.catalogue import DEFAUTS, Defaut
from insvigil.synth.population import DEFAULT_TODAY, SynthSummary, generate
from insvigil.synth.writers import PAIRS_HEADER, RESIDENTS_HEADER, TRUTH_HEADER

__all__ = [
    "DEFAULT_TODAY",
    "DEFAUTS",
    "PAIRS_HEADER",
    "RESIDENTS_HEADER",
    "TRUTH_HEADER",
    "Defaut",
    "SynthSummary",
    "generate",
]
