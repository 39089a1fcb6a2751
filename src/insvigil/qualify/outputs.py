"""The output files of a run (contract §5): headers, row builders, and the final writer.

Matricules are masked in every file. Columns after the contract's ones are insvigil additions
(the contract allows appending): ``explication`` (identites), ``message`` (discordances),
``fichier`` (rejets), ``surestimes``/``ins_utilisables`` (taux).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from insvigil.identifiers.matricule import mask
from insvigil.insi import InsiProblem, InsiResponse
from insvigil.io.output_csv import AtomicCsv
from insvigil.io.schema import cut_value
from insvigil.matching import Pair
from insvigil.model.results import RecordResult
from insvigil.review.report import TAUX_COLUMNS

IDENTITES = (
    "structure",
    "local_id",
    "statut",
    "attributs",
    "ins_utilisable",
    "statut_declare",
    "ecart_statut",
    "regles",
    "explication",
)
DISCORDANCES = (
    "structure",
    "local_id",
    "trait",
    "valeur_locale",
    "valeur_insi",
    "gravite",
    "code",
    "message",
)
DOUBLONS = ("structure_a", "local_id_a", "structure_b", "local_id_b", "score", "type", "raisons")
TAUX = TAUX_COLUMNS  # one definition, shared with the report
REJETS = ("ligne", "colonne", "valeur", "motif", "fichier")
HEADERS = {
    "identites": IDENTITES,
    "discordances": DISCORDANCES,
    "doublons": DOUBLONS,
    "rejets": REJETS,
    "taux": TAUX,
}

_MATRICULE_TRAITS = frozenset({"matricule_ins"})


def explanation(result: RecordResult) -> str:
    """The decisive findings in words, for a referent reading the spreadsheet."""
    decisive = [f for f in result.findings if f.code in result.regles and f.code != "ST03"]
    return " | ".join(f"{f.code} {f.message}" for f in decisive)


def identite_row(result: RecordResult) -> tuple[object, ...]:
    return (
        result.structure,
        result.local_id,
        result.statut.value,
        "|".join(sorted(a.value for a in result.attributs)),
        "1" if result.ins_utilisable else "0",
        result.statut_declare.value if result.statut_declare else "",
        result.ecart_statut.value if result.ecart_statut else "",
        "|".join(result.regles),
        explanation(result),
    )


def discordance_rows(result: RecordResult) -> Iterator[tuple[object, ...]]:
    for d in result.discordances:
        masked = d.trait in _MATRICULE_TRAITS
        yield (
            result.structure,
            result.local_id,
            d.trait,
            mask(d.valeur_locale) if masked and d.valeur_locale else d.valeur_locale,
            mask(d.valeur_insi) if masked and d.valeur_insi else d.valeur_insi,
            d.gravite.value,
            d.code,
            d.message,
        )


def pair_row(pair: Pair) -> tuple[object, ...]:
    """A ``doublons.csv`` row (score with 4 decimals)."""
    return (
        pair.structure_a,
        pair.local_id_a,
        pair.structure_b,
        pair.local_id_b,
        f"{pair.score:.4f}",
        pair.type.value,
        pair.raisons,
    )


def _source(source: str) -> tuple[str, str]:
    fichier, _, line = source.rpartition(":")
    if not line.isdigit():
        return Path(source).name, ""
    return Path(fichier).name, line


def problem_row(problem: InsiProblem) -> tuple[object, ...]:
    fichier, line = _source(problem.source)
    key = cut_value(f"{problem.structure or '?'}/{problem.local_id or '?'}")
    return (line, "reponse_insi", key, f"{problem.code} : {problem.motif}", fichier)


def orphan_row(response: InsiResponse) -> tuple[object, ...]:
    fichier, line = _source(response.source)
    return (
        line,
        "reponse_insi",
        cut_value(f"{response.structure}/{response.local_id}"),
        "IS14 : réponse INSi sans dossier correspondant (dossier absent du fichier ou rejeté)",
        fichier,
    )


class Outputs:
    """The five output files of one run, committed together at the end."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob(".*.csv.*.tmp"):  # left by a killed run
            with contextlib.suppress(OSError):
                stale.unlink()
        self.files = {
            name: AtomicCsv(folder / f"{name}.csv", header) for name, header in HEADERS.items()
        }

    def __getitem__(self, name: str) -> AtomicCsv:
        return self.files[name]

    def commit(self) -> None:
        for out in self.files.values():
            out.commit()

    def abort(self) -> None:
        for out in self.files.values():
            out.abort()
