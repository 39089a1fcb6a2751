"""What a record's stored result depends on, as one hash (contract §7: reuse of results).

A stored result is reused by a later run when the record's *inputs hash* is the same: the hash
of the record's row (its content hash), of its INSi responses (their content, in their order,
not where they were read), of the referents' decisions that touch it, and of everything that
decides a result for any record — the policy file(s) in force and the rule set, taken as the
bytes of the code and data the engine reads (:func:`engine_fingerprint`). A change of any of
these evaluates the record again; so does a run date outside the window the result holds for
(:attr:`insvigil.model.results.RecordResult.valid_since` / ``valid_until``).

>>> base = run_fingerprint("policy-sha")
>>> a = inputs_hash(base, "row", (), frozenset())
>>> a == inputs_hash(base, "row", (), frozenset()) != inputs_hash(base, "row2", (), frozenset())
True
>>> a != inputs_hash(run_fingerprint("other-policy"), "row", (), frozenset())
True
>>> len(a)
32
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from functools import cache
from pathlib import Path

import insvigil
from insvigil.engine.context import Accepted
from insvigil.insi import InsiResponse

__all__ = ["engine_fingerprint", "inputs_hash", "pairs_fingerprint", "run_fingerprint"]

#: The parts of the package whose code or data decide a record's result (rules, the engine,
#: trait and identifier checks, the reference data they read, the model and the policy's
#: schema). Paths relative to the package folder; a folder is taken with everything below it.
DECIDING: tuple[str, ...] = (
    "engine",
    "findings.py",
    "identifiers",
    "model",
    "policy.py",
    "reference",
    "rules",
    "traits",
)


#: What decides the duplicate and collision pairs between records, beyond the records' rows,
#: results and INSi responses (which a reuse of pairs checks record by record).
MATCHING: tuple[str, ...] = ("identifiers", "matching", "model", "reference", "traits")


def _files(root: Path, names: Iterable[str]) -> list[Path]:
    out: list[Path] = []
    for name in names:
        path = root / name
        if path.is_dir():
            out.extend(
                p
                for p in path.rglob("*")
                if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
            )
        elif path.is_file():
            out.append(path)
    return sorted(out)


@cache
def engine_fingerprint(parts: tuple[str, ...] = DECIDING) -> str:
    """SHA-256 of the code and data of ``parts`` (default: what decides a result, see
    :data:`DECIDING`), computed once."""
    root = Path(insvigil.__file__).resolve().parent
    digest = hashlib.sha256()
    for path in _files(root, parts):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def run_fingerprint(policy_sha256: str) -> str:
    """What every record's result depends on in this run: the policy and the rule set."""
    text = f"{policy_sha256}\x1f{engine_fingerprint()}"
    return hashlib.sha256(text.encode()).hexdigest()


def pairs_fingerprint(policy_sha256: str, distinct: Iterable[tuple[object, ...]]) -> str:
    """What a duplicate search depends on besides the records: the policy, the matching code
    and the pairs referents declared distinct."""
    digest = hashlib.sha256(f"{policy_sha256}\x1f{engine_fingerprint(MATCHING)}".encode())
    for key in sorted(repr(item) for item in distinct):
        digest.update(b"\x1e" + key.encode())
    return digest.hexdigest()


def _response_text(response: InsiResponse) -> str:
    # Everything the engine reads of a response; not ``source`` (where it was read).
    return repr(
        (
            response.structure,
            response.local_id,
            response.operation,
            response.date,
            response.cr,
            response.libelle_cr,
            response.actif,
            response.historique,
            response.traits,
        )
    )


def inputs_hash(
    run: str,
    content_hash: str,
    responses: Sequence[InsiResponse],
    accepted: AbstractSet[Accepted],
) -> str:
    """The record's inputs hash (32 hex digits): ``run`` from :func:`run_fingerprint`."""
    parts = [run, content_hash]
    parts.extend(_response_text(r) for r in responses)
    parts.append("\x1e")
    parts.extend("\x1d".join(key) for key in sorted(accepted))
    text = "\x1f".join(parts)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
