"""Differential test of re-runs (contract §7): incremental outputs == ``--complet`` outputs.

A small synthetic population goes through a history of exports. Between two runs the export
is edited at random (seeded): typos, birth traits, matricules, documents, attributes and
declared status, new, removed and inactive rows, INSi responses added or removed; some runs
also change the policy (``--rules``), take or reopen a referent's decision (a discordance and
a duplicate pair), or move the run date over a minor's 18th birthday. Each run is done twice
from the same store: on a copy with ``complet=True``, and incrementally on the store itself,
whose history then goes on. Every output file of both must hold the same rows.

Rows are compared after sorting: §7 promises the same rows, not the same order (an
incremental run may write the results it keeps and those it re-evaluates, or the pairs of
untouched and re-scored blocks, in another order than a full evaluation).

``INSVIGIL_DIFF_RUNS`` (default 9) and ``INSVIGIL_DIFF_SEED`` let a developer search longer:
the runs after the scheduled ones draw their events at random.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from random import Random

import pytest

from insvigil import (
    QueueFilter,
    QueueKind,
    RunSummary,
    list_queue,
    mask_matricules,
    open_store,
    qualify,
    reopen_queue_item,
    resolve_queue_item,
)
from insvigil.synth import generate
from tests.qualify.rerun_history import (
    OUTPUTS,
    Edit,
    Inputs,
    Key,
    first_difference,
    key,
    parse_day,
    policy,
    random_edits,
)
from tests.qualify.rerun_stores import (
    PG_ENV,
    counts,
    postgresql_databases,
    queue_lines,
    sqlite_copy,
)

RECORDS = 400
RUNS = max(7, int(os.environ.get("INSVIGIL_DIFF_RUNS", "9")))  # 7: the scheduled runs
SEED = int(os.environ.get("INSVIGIL_DIFF_SEED", "17"))
EDITS_PER_RUN = 12
CROSSING = 4  # the run whose date is the first after the minor's 18th birthday


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("rerun") / "synth"
    generate(RECORDS, SEED, folder, xml_count=0, structures=2)
    return folder


def _minor(synthetic: Path, inputs: Inputs) -> tuple[Key, date]:
    """A qualified minor identified on a legal representative's document, the one who turns
    18 first, and that birthday (the rule then refuses the document alone)."""
    with (synthetic / "verite.csv").open(encoding="utf-8", newline="") as handle:
        qualified = {
            (t["structure"], t["local_id"])
            for t in csv.DictReader(handle, delimiter=";")
            if t["statut_attendu"] == "QUALIFIEE"
        }
    minors = [
        r for r in inputs.rows
        if key(r) in qualified and r["justificatif_complement"] == "PIECE_REPRESENTANT_LEGAL"
    ]  # fmt: skip
    assert minors, f"seed {SEED}: no qualified minor on a legal representative's document"
    born, row = min((d, r) for r in minors if (d := parse_day(r["date_naissance"])))
    try:
        eighteen = born.replace(year=born.year + 18)
    except ValueError:  # born on 29 February: the later day, 1 March (still a minor before)
        eighteen = date(born.year + 18, 3, 1)
    return key(row), eighteen


@dataclass
class History:
    """The history of one store: its inputs, the runs so far, and how to copy the store."""

    tmp: Path
    inputs: Inputs
    db_url: str
    copy_store: Callable[[str], str]  # a run's name -> URL of a copy of the store as it is
    rng: Random
    runs: list[str] = field(default_factory=list)  # each run's name and edits, in words
    decided: list[int] = field(default_factory=list)  # queue items resolved, not reopened
    last: Path | None = None

    def run(self, name: str, edits: list[Edit]) -> tuple[RunSummary, Path]:
        """Run incrementally and ``--complet`` (on a copy), compare, go on incrementally."""
        n = len(self.runs)
        folder = self.tmp / f"run{n}"
        self.inputs.write(folder / "in")
        self.runs.append(f"run {n} ({name}, today {self.inputs.today}): "
                         + ("; ".join(text for text, _ in edits) or "no edit"))  # fmt: skip
        complet, copy = folder / "complet", self.copy_store(f"r{n}")
        whole = qualify(self.inputs.options(folder / "in", complet, copy, complet=True))
        incremental = folder / "incremental"
        summary = qualify(self.inputs.options(folder / "in", incremental, self.db_url,
                                              complet=False))  # fmt: skip
        self.compare(incremental, complet)
        self.same("review queue", queue_lines(self.db_url), queue_lines(copy))
        self.same("summary", counts(summary), counts(whole))
        self.last = incremental
        return summary, incremental

    def same(self, what: str, incremental: list[str], complet: list[str]) -> None:
        """The store and the summary a user reads after both runs: the same too."""
        if incremental != complet:
            diff = [
                f"  only after the incremental run: {x}" for x in incremental if x not in complet
            ]
            diff += [f"  only after the complete run: {x}" for x in complet if x not in incremental]
            self.fail(f"{what} differs", diff[:12])

    def compare(self, left: Path, right: Path) -> None:
        problems = [d for name in OUTPUTS if (d := first_difference(name, left, right))]
        if problems:
            self.fail(f"{left} and {right} differ", problems)

    def fail(self, what: str, details: list[str]) -> None:
        """Stop the test: which run, which edits, what differs (matricules masked: the store's
        values are shown too)."""
        history = "\n".join(self.runs)
        message = f"{what} (seed {SEED}).\nHistory:\n{history}\n" + "\n".join(details)
        pytest.fail(mask_matricules(message), pytrace=False)

    def decide(self) -> Edit:
        """A referent accepts INSi's traits on a discordance and says a pair is two people."""
        touched: set[Key] = set()
        said = []
        with open_store(self.db_url) as store:
            for kind, decision in (
                (QueueKind.DISCORDANCE, "ACCEPTER_TRAITS_INSI"),
                (QueueKind.DOUBLON, "PERSONNES_DISTINCTES"),
            ):
                items = list_queue(store, QueueFilter(kind=kind, limite=500)).items
                if not items:
                    continue
                item = self.rng.choice(sorted(items, key=lambda i: i.id))
                resolve_queue_item(store, item.id, decision=decision, by="Mme Référente")
                self.decided.append(item.id)
                touched.add((item.structure, item.local_id))
                said.append(f"{decision} on item {item.id} {item.code} {item.local_id}")
        return "decided: " + ", ".join(said), touched

    def reopen(self) -> Edit:
        if not self.decided:
            return "nothing to reopen", set()
        item = self.decided.pop(self.rng.randrange(len(self.decided)))
        with open_store(self.db_url) as store:
            reopen_queue_item(store, item, by="M. Relecteur", comment="décision revue")
        return f"reopened item {item}", set()


def _status(out: Path, which: Key) -> str:
    with (out / "identites.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = csv.DictReader(handle, delimiter=";")
        return next(r["statut"] for r in rows if (r["structure"], r["local_id"]) == which)


def _start(synthetic: Path, tmp: Path, db_url: str, copy: Callable[[str], str]) -> History:
    """A history whose run ``CROSSING`` is the first after a qualified minor's 18th birthday
    (runs are a week apart); the random edits leave that minor's record alone."""
    inputs = Inputs.read(synthetic, today=date(2026, 11, 1))
    minor, eighteen = _minor(synthetic, inputs)
    inputs.protected.add(minor)
    inputs.today = eighteen - timedelta(days=7 * CROSSING - 1)
    return History(tmp, inputs, db_url, copy, Random(SEED))


def _events(history: History, n: int) -> list[Edit]:
    """What happens before run ``n``: a week passes and the export changes; some runs also
    change the policy or take or reopen referents' decisions (after the schedule: at random)."""
    inputs, rng = history.inputs, history.rng
    if n == 0:
        return []
    inputs.today += timedelta(days=7)
    edits = random_edits(inputs, rng, EDITS_PER_RUN)
    event = ("", "", "policy", "decide", "", "reopen", "majority")[n] if n < 7 else ""
    if n >= 7:
        event = rng.choice(("policy", "decide", "reopen", ""))
    if event == "policy":
        inputs.rules = policy(ehpad=n == 2 or rng.random() < 0.5, age_majorite=18)
    elif event == "majority":
        inputs.rules = policy(ehpad=True, age_majorite=19)
    elif event == "decide":
        edits.append(history.decide())
    elif event == "reopen":
        edits += [history.reopen() for _ in history.decided[:2]]
    if event in ("policy", "majority"):
        edits.append((f"policy: {inputs.rules!r}", set()))
    return edits


def test_incremental_runs_write_what_a_complete_run_writes(synthetic: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite"
    history = _start(synthetic, tmp_path, f"sqlite:///{db}", sqlite_copy(tmp_path, db))
    minor = next(iter(history.inputs.protected))
    outs = [history.run("scheduled" if n < 7 else "random", _events(history, n))[1]
            for n in range(RUNS)]  # fmt: skip
    # the date crossed the 18th birthday between these runs: the document alone no longer does
    assert _status(outs[CROSSING - 1], minor) == "QUALIFIEE"
    assert _status(outs[CROSSING], minor) != "QUALIFIEE"
    # nothing changed since the last run: the same files as that run's
    _, again = history.run("unchanged", [])
    history.compare(again, outs[-1])


def test_a_rerun_reevaluates_only_what_changed(synthetic: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite"
    history = _start(synthetic, tmp_path, f"sqlite:///{db}", sqlite_copy(tmp_path, db))
    first, _ = history.run("first", [])
    assert (first.reevalues, first.repris) == (first.dossiers, 0)
    unchanged, _ = history.run("unchanged", [])
    assert (unchanged.reevalues, unchanged.repris) == (0, unchanged.dossiers)
    edits = random_edits(history.inputs, history.rng, EDITS_PER_RUN)
    touched = set().union(*(keys for _, keys in edits))
    present = {key(row) for row in history.inputs.rows}
    edited, _ = history.run("edited", edits)
    assert edited.reevalues + edited.repris == edited.dossiers
    assert len(touched & present) // 2 <= edited.reevalues <= len(touched) + 5


@pytest.fixture
def pg_databases() -> Iterator[Callable[[str], str]]:
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip("INSVIGIL_TEST_PG_URL absent : lancer scripts/test.sh")
    with postgresql_databases(base) as database:
        yield database


@pytest.mark.postgres
def test_incremental_runs_on_postgresql(
    synthetic: Path, tmp_path: Path, pg_databases: Callable[[str], str]
) -> None:
    main = pg_databases("")
    history = _start(synthetic, tmp_path, main, lambda _name: pg_databases(main))
    history.run("first", [])
    edits = random_edits(history.inputs, history.rng, EDITS_PER_RUN)
    edits.append(history.decide())
    history.run("edited, decided", edits)
    previous = history.last
    assert previous is not None
    _, again = history.run("unchanged", [])
    history.compare(again, previous)
