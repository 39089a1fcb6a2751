"""The output files of a run (contract §5), written row by row and published together.

Matricules are masked in every file. Columns after the contract's ones are insvigil additions
(the contract allows appending): ``explication`` (identites), ``message`` (discordances),
``fichier`` (rejets), ``surestimes``/``ins_utilisables`` (taux).
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from insvigil.identifiers.matricule import mask
from insvigil.insi import InsiProblem, InsiResponse
from insvigil.io.output_csv import AtomicCsv
from insvigil.io.schema import Reject
from insvigil.model.results import RecordResult

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
TAUX = (
    "structure",
    "actifs",
    "provisoires",
    "recuperees",
    "validees",
    "qualifiees",
    "taux_qualification",
    "douteuses",
    "fictives",
    "discordances_ouvertes",
    "doublons_ouverts",
    "surestimes",
    "ins_utilisables",
)
REJETS = ("ligne", "colonne", "valeur", "motif", "fichier")

_MATRICULE_TRAITS = frozenset({"matricule_ins"})


def explanation(result: RecordResult) -> str:
    """The decisive findings in words, for a referent reading the spreadsheet."""
    decisive = [f for f in result.findings if f.code in result.regles and f.code != "ST03"]
    return " | ".join(f"{f.code} {f.message}" for f in decisive)


class Outputs:
    """The five output files of one run, committed together at the end."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob(".*.csv.*.tmp"):  # left by a killed run
            with contextlib.suppress(OSError):
                stale.unlink()
        self.identites = AtomicCsv(folder / "identites.csv", IDENTITES)
        self.discordances = AtomicCsv(folder / "discordances.csv", DISCORDANCES)
        self.doublons = AtomicCsv(folder / "doublons.csv", DOUBLONS)
        self.rejets = AtomicCsv(folder / "rejets.csv", REJETS)
        self.taux = AtomicCsv(folder / "taux.csv", TAUX)
        self._all = (self.identites, self.discordances, self.doublons, self.rejets, self.taux)

    def result(self, result: RecordResult) -> None:
        self.identites.writerow(
            (
                result.structure,
                result.local_id,
                result.statut.value,
                "|".join(sorted(a.value for a in result.attributs)),
                result.ins_utilisable,
                result.statut_declare.value if result.statut_declare else "",
                result.ecart_statut.value if result.ecart_statut else "",
                "|".join(result.regles),
                explanation(result),
            )
        )
        for d in result.discordances:
            masked = d.trait in _MATRICULE_TRAITS
            self.discordances.writerow(
                (
                    result.structure,
                    result.local_id,
                    d.trait,
                    mask(d.valeur_locale) if masked and d.valeur_locale else d.valeur_locale,
                    mask(d.valeur_insi) if masked and d.valeur_insi else d.valeur_insi,
                    d.gravite.value,
                    d.code,
                    d.message,
                )
            )

    def reject(self, reject: Reject, fichier: str) -> None:
        self.rejets.writerow((*reject.as_row(), fichier))

    def insi_problem(self, problem: InsiProblem) -> None:
        fichier, _, line = problem.source.rpartition(":")
        if not line.isdigit():
            fichier, line = problem.source, ""
        key = f"{problem.structure or '?'}/{problem.local_id or '?'}"
        self.rejets.writerow(
            (line, "reponse_insi", key, f"{problem.code} : {problem.motif}", Path(fichier).name)
        )

    def insi_unmatched(self, response: InsiResponse) -> None:
        fichier, _, line = response.source.rpartition(":")
        if not line.isdigit():
            fichier, line = response.source, ""
        self.rejets.writerow(
            (
                line,
                "reponse_insi",
                f"{response.structure}/{response.local_id}",
                "IS14 : réponse INSi sans dossier correspondant "
                "(dossier absent du fichier ou rejeté)",
                Path(fichier).name,
            )
        )

    def commit(self) -> None:
        for out in self._all:
            out.commit()

    def abort(self) -> None:
        for out in self._all:
            out.abort()
