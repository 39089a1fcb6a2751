"""The batch qualification run: read, evaluate, store chunk by chunk, write the outputs.

Each chunk of records is saved in one transaction, so a run killed at any point leaves the store
consistent; the output files are published together at the very end (atomic renames), so a
killed run leaves the previous outputs untouched. Running again on the same inputs redoes the
work without doubling anything.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from insvigil.engine.evaluate import Engine
from insvigil.io.residents_csv import open_residents
from insvigil.io.schema import RawRow
from insvigil.model.codes import TypePaire
from insvigil.model.records import Resident
from insvigil.model.results import RecordResult
from insvigil.policy import load_policy
from insvigil.qualify import insi_index
from insvigil.qualify.outputs import Outputs
from insvigil.qualify.parse import parse_row
from insvigil.qualify.tally import Tally
from insvigil.reference.cog import load as load_cog
from insvigil.store import ChunkItem, LookupKeys, open_store
from insvigil.traits import nom, prenoms


@dataclass(frozen=True)
class QualifyOptions:
    residents: Path
    insi: Sequence[Path] = ()
    out: Path = Path("insvigil-out")
    db_url: str | None = None
    rules: Path | None = None
    today: date | None = None
    chunk_size: int = 5000


@dataclass
class RunSummary:
    run_id: int
    out: Path
    lignes: int = 0
    dossiers: int = 0
    rejets: int = 0
    collisions: int = 0
    insi_orphelines: int = 0
    insi: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    tally: Tally = field(default_factory=Tally)


Progress = Callable[[int], None]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def content_hash(resident: Resident) -> str:
    """A stable hash of the record's fields (decides whether the store sees a change)."""
    fields = (
        resident.nom_naissance,
        resident.prenoms_naissance,
        resident.premier_prenom,
        resident.date_naissance,
        resident.sexe,
        resident.lieu_naissance,
        resident.nom_utilise,
        resident.prenom_utilise,
        resident.matricule_ins,
        resident.oid_ins,
        resident.justificatif.value if resident.justificatif else None,
        resident.justificatif_complement.value if resident.justificatif_complement else None,
        "|".join(sorted(a.value for a in resident.attributs)),
        resident.statut.value if resident.statut else None,
        "1" if resident.actif else "0",
    )
    text = "\x1f".join("" if value is None else value for value in fields)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def lookup_keys(resident: Resident) -> LookupKeys:
    def key_or_none(module_key: Callable[[str], str], raw: str | None) -> str | None:
        if not raw:
            return None
        try:
            return module_key(raw) or None
        except ValueError:
            return None

    return LookupKeys(
        nom_cle=key_or_none(nom.key, resident.nom_naissance),
        nom_utilise_cle=key_or_none(nom.key, resident.nom_utilise),
        prenom_cle=key_or_none(prenoms.key, resident.prenoms_naissance),
        phon_nom=None,
        ddn=resident.date_naissance,
    )


def _collision_rows(result: RecordResult) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for finding in result.findings:
        if finding.code == "IS12":
            rows.append(
                (
                    result.structure,
                    result.local_id,
                    "",
                    "",
                    1.0,
                    TypePaire.COLLISION.value,
                    finding.message,
                )
            )
    return rows


def qualify(options: QualifyOptions, progress: Progress | None = None) -> RunSummary:
    """Run the whole qualification; raises InputFileError, ConfigurationError or StoreError."""
    # The run keeps millions of long-lived objects (INSi index, caches): the cyclic collector
    # would rescan them again and again; freeze what is loaded and collect less often.
    thresholds = gc.get_threshold()
    gc.set_threshold(200_000, 50, 1000)
    try:
        return _qualify(options, progress)
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _qualify(options: QualifyOptions, progress: Progress | None) -> RunSummary:
    policy = load_policy(options.rules)
    today = options.today or date.today()
    residents = open_residents(options.residents)
    index = insi_index.load(options.insi)
    engine = Engine(policy, load_cog(), today)
    gc.collect()
    gc.freeze()
    fichier = options.residents.name
    with open_store(options.db_url) as store:
        run_id = store.begin_run(
            input_name=fichier,
            input_sha256=_sha256(options.residents),
            rules_sha256=policy.sha256,
            started_at=datetime.now(UTC),
        )
        summary = RunSummary(run_id=run_id, out=options.out, warnings=list(residents.warnings))
        outputs = Outputs(options.out)
        try:
            chunk: list[ChunkItem] = []
            for item in residents.rows():
                if not isinstance(item, RawRow):
                    summary.rejets += 1
                    outputs.reject(item, fichier)
                    continue
                summary.lignes += 1
                parsed = parse_row(item, today)
                if isinstance(parsed, list):
                    summary.rejets += len(parsed)
                    for reject in parsed:
                        outputs.reject(reject, fichier)
                    continue
                responses = index.take(parsed.key)
                result = engine.evaluate(parsed, responses)
                summary.dossiers += 1
                outputs.result(result)
                for row in _collision_rows(result):
                    outputs.doublons.writerow(row)
                    summary.collisions += 1
                summary.tally.add(parsed, result)
                chunk.append(
                    ChunkItem(
                        resident=parsed,
                        content_hash=content_hash(parsed),
                        lookup=lookup_keys(parsed),
                        result=result,
                        insi=tuple(insi_index.to_stored(r) for r in responses),
                    )
                )
                if len(chunk) >= options.chunk_size:
                    store.save_chunk(run_id, chunk)
                    chunk = []
                    if progress is not None:
                        progress(summary.dossiers)
            if chunk:
                store.save_chunk(run_id, chunk)
            for problem in index.problems:
                outputs.insi_problem(problem)
                summary.rejets += 1
            for response in index.unmatched():
                outputs.insi_unmatched(response)
                summary.rejets += 1
                summary.insi_orphelines += 1
            summary.insi = dict(index.counts())
            for structure_tally in summary.tally.sorted():
                outputs.taux.writerow(structure_tally.row())
            outputs.commit()
        except BaseException:
            outputs.abort()
            raise
        store.finish_run(
            run_id,
            counts={
                "dossiers": summary.dossiers,
                "rejets": summary.rejets,
                "lignes": summary.lignes,
            },
            finished_at=datetime.now(UTC),
        )
    if progress is not None:
        progress(summary.dossiers)
    return summary

