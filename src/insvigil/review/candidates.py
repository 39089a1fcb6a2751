"""The problems of a run that need a referent, as :class:`QueueCandidate` values.

From a record's result (:func:`from_result`):

* every BLOQUANTE discordance with INSi (``DIxx``): one DISCORDANCE item each;
* a record collision (``IS12``, two INSi ``00`` with unrelated matricules): one COLLISION item;
* the matricule's contradictions with the traits (``MI04``, BLOQUANTE): one CONTRADICTION item
  grouping them;
* a forbidden combination of attributes (``AT01``): one ATTRIBUTS item;
* a change between exports (``HI01``, ``HI02``, BLOQUANTE: not decided yet): one CHANGEMENT
  item each; the item's ``valeur_locale`` and ``valeur_insi`` hold the finding's values before
  and after (for HI02: the other record and the matricule), so that the decision, read back as
  (code, trait, before, after), is the engine's ``accepted_key`` of the finding.

From the duplicate detection's pairs (:func:`from_pairs`): every COLLISION pair, and every
DOUBLON pair scoring at least the policy's ``seuil_probable``. (Record-level collisions come
from the records' ``IS12`` findings, not from pairs.)

A candidate's ``fingerprint`` is a SHA-256 of what identifies the problem — the kind, the
records' keys (a pair's in sorted order), the rule code and, for a discordance, the trait and
both values — so the same input gives the same fingerprints, run after run, and a decision
taken on a discordance holds for exactly those values.

>>> fingerprint("DISCORDANCE", "750000001", "A-1", "DI09", None)[:12]
'bd4171445e49'
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Protocol

from insvigil.findings import Finding, Gravite
from insvigil.identifiers.matricule import mask
from insvigil.model.results import Discordance, RecordResult
from insvigil.review.text import mask_matricules
from insvigil.review.types import Kind, QueueCandidate

__all__ = ["TRAIT_LABELS", "PairLike", "fingerprint", "from_pairs", "from_result"]

TRAIT_LABELS: dict[str, str] = {
    "nom_naissance": "nom de naissance",
    "prenoms_naissance": "prénoms de naissance",
    "premier_prenom": "premier prénom",
    "date_naissance": "date de naissance",
    "sexe": "sexe",
    "lieu_naissance": "lieu de naissance",
    "matricule_ins": "matricule INS",
    "oid_ins": "OID du matricule",
    "attributs": "attributs",
}

_MATRICULE_TRAITS = frozenset({"matricule_ins"})
_RECORD_CODES = {"MI04": Kind.CONTRADICTION, "AT01": Kind.ATTRIBUTS}
_CHANGE_FAMILY = "HI"  # changes between exports: insvigil.rules.historique


class PairLike(Protocol):
    """What :func:`from_pairs` reads of a ``insvigil.matching`` pair."""

    @property
    def structure_a(self) -> str: ...
    @property
    def local_id_a(self) -> str: ...
    @property
    def structure_b(self) -> str: ...
    @property
    def local_id_b(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def type(self) -> str: ...
    @property
    def raisons(self) -> str: ...
    @property
    def levels(self) -> tuple[str, ...]: ...
    @property
    def hash_a(self) -> str: ...
    @property
    def hash_b(self) -> str: ...


def fingerprint(*parts: str | None) -> str:
    """The SHA-256 (hex) of the parts; ``None`` and ``""`` differ."""
    text = "\x1f".join("\x00" if part is None else part for part in ("q1", *parts))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _shown(trait: str, value: str) -> str:
    return mask(value) if trait in _MATRICULE_TRAITS and value else value


def _discordance(
    result: RecordResult, d: Discordance, content_hash: str, actif: bool
) -> QueueCandidate:
    kind = Kind.COLLISION if d.code == "IS12" else Kind.DISCORDANCE
    label = TRAIT_LABELS.get(d.trait, d.trait)
    what = "Collision possible" if kind is Kind.COLLISION else "Discordance bloquante"
    resume = (
        f"{what} ({d.code}) — {label} : local « {_shown(d.trait, d.valeur_locale)} », "
        f"INSi « {_shown(d.trait, d.valeur_insi)} ». {d.message}"
    )
    constat = {"code": d.code, "gravite": d.gravite.value, "message": d.message, "trait": d.trait}
    return QueueCandidate(
        fingerprint=fingerprint(
            kind.value,
            result.structure,
            result.local_id,
            d.code,
            d.trait,
            d.valeur_locale,
            d.valeur_insi,
        ),
        kind=kind,
        structure=result.structure,
        local_id=result.local_id,
        code=d.code,
        gravite=d.gravite.value,
        resume=mask_matricules(resume),
        hash_a=content_hash,
        trait=d.trait,
        valeur_locale=d.valeur_locale,
        valeur_insi=d.valeur_insi,
        actif=actif,
        details={"constats": [constat], "statut": result.statut.value},
    )


def _grouped(
    result: RecordResult, code: str, found: list[Finding], content_hash: str, actif: bool
) -> QueueCandidate:
    kind = _RECORD_CODES[code]
    head = (
        "Matricule INS incohérent avec les traits"
        if kind is Kind.CONTRADICTION
        else "Combinaison d'attributs interdite"
    )
    resume = f"{head} ({code}) : " + " ; ".join(f.message for f in found)
    gravite = Gravite.BLOQUANTE if any(f.bloquante for f in found) else Gravite.MINEURE
    return QueueCandidate(
        fingerprint=fingerprint(kind.value, result.structure, result.local_id, code),
        kind=kind,
        structure=result.structure,
        local_id=result.local_id,
        code=code,
        gravite=gravite.value,
        resume=mask_matricules(resume),
        hash_a=content_hash,
        trait=found[0].trait,
        actif=actif,
        details={
            "constats": [{**f.as_dict(), "message": mask_matricules(f.message)} for f in found],
            "statut": result.statut.value,
        },
    )


def _change(result: RecordResult, f: Finding, content_hash: str, actif: bool) -> QueueCandidate:
    trait, avant, apres = f.params[0], f.params[1], f.params[2]
    resume = f"Changement entre deux exports ({f.code}) — {f.message}"
    constat = {**f.as_dict(), "message": mask_matricules(f.message)}
    return QueueCandidate(
        fingerprint=fingerprint(
            Kind.CHANGEMENT.value, result.structure, result.local_id, f.code, trait, avant, apres
        ),
        kind=Kind.CHANGEMENT,
        structure=result.structure,
        local_id=result.local_id,
        code=f.code,
        gravite=f.gravite.value,
        resume=mask_matricules(resume),
        hash_a=content_hash,
        trait=trait,
        valeur_locale=avant,
        valeur_insi=apres,
        actif=actif,
        details={"constats": [constat], "statut": result.statut.value},
    )


def from_result(
    result: RecordResult, *, content_hash: str, actif: bool = True
) -> list[QueueCandidate]:
    """The queue candidates of one record's result (``content_hash``: the record's hash as
    the store keeps it; ``actif``: whether the record is in the file active)."""
    out = [
        _discordance(result, d, content_hash, actif)
        for d in result.discordances
        if d.gravite is Gravite.BLOQUANTE
    ]
    groups: dict[str, list[Finding]] = {}
    for finding in result.findings:
        if (finding.code == "MI04" and finding.bloquante) or finding.code == "AT01":
            groups.setdefault(finding.code, []).append(finding)
    out.extend(_grouped(result, code, found, content_hash, actif) for code, found in groups.items())
    out.extend(
        _change(result, f, content_hash, actif)
        for f in result.findings
        if f.code[:2] == _CHANGE_FAMILY and f.bloquante and len(f.params) > 2
    )
    return out


def _kind_of(pair: PairLike) -> str:
    return str(getattr(pair.type, "value", pair.type))


def from_pairs(
    pairs: Iterable[PairLike],
    *,
    seuil_probable: float,
    actif: Callable[[str, str], bool] | None = None,
) -> list[QueueCandidate]:
    """The queue candidates of the duplicate detection's pairs: COLLISION pairs, and DOUBLON
    pairs whose score reaches ``seuil_probable``. ``actif(structure, local_id)`` says whether a
    record is in the file active (default: all are)."""
    out: list[QueueCandidate] = []
    for pair in pairs:
        kind_text = _kind_of(pair)
        if not pair.structure_b or not pair.local_id_b:
            continue  # record level: from the record's IS12 finding
        if kind_text == Kind.COLLISION.value:
            kind, gravite = Kind.COLLISION, Gravite.BLOQUANTE
            head = "Collision : un matricule pour deux personnes"
        elif kind_text == Kind.DOUBLON.value and pair.score >= seuil_probable:
            kind, gravite = Kind.DOUBLON, Gravite.MINEURE
            head = "Doublon probable"
        else:
            continue
        a = (pair.structure_a, pair.local_id_a, pair.hash_a)
        b = (pair.structure_b, pair.local_id_b, pair.hash_b)
        if b[:2] < a[:2]:
            a, b = b, a
        raisons = [r for r in pair.raisons.split("|") if r]
        score = f"{pair.score:.2f}".replace(".", ",")
        resume = f"{head} (score {score}) : dossiers {a[0]}/{a[1]} et {b[0]}/{b[1]}" + (
            f" — {', '.join(raisons)}" if raisons else ""
        )
        out.append(
            QueueCandidate(
                fingerprint=fingerprint(kind.value, a[0], a[1], b[0], b[1]),
                kind=kind,
                structure=a[0],
                local_id=a[1],
                structure_b=b[0],
                local_id_b=b[1],
                code=kind.value,
                gravite=gravite.value,
                resume=mask_matricules(resume),
                hash_a=a[2],
                hash_b=b[2],
                score=round(float(pair.score), 4),
                actif=True if actif is None else (actif(a[0], a[1]) or actif(b[0], b[1])),
                details={"raisons": raisons, "niveaux": list(pair.levels)},
            )
        )
    return out
