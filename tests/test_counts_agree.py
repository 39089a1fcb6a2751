"""Every output gives the same counts (insvigil.review.counts), and the counts are the right ones.

A hand-made population (tests/counts_population.py) has a DOUBLON and a COLLISION across two
structures, a DOUBLON inside one, collisions of one record (IS12, a matricule of somebody
else, an INSi answer of somebody else), an inactive record's discordance. It is run through
``qualify``, referents decide three items, and it is run again. After each step the figures of
the qualify summary, ``taux.csv``, ``doublons.csv``, ``queue list`` (all, per structure, per
type), ``report`` as CSV, JSON and HTML (per-structure table, totals, age table) are compared
with each other and with the expectation counted by hand in :data:`FIRST` and :data:`SECOND`.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner, Result

from insvigil_cli.main import cli
from tests.counts_population import S1, S2, write

KINDS = ("DISCORDANCE", "DOUBLON", "COLLISION", "CONTRADICTION", "ATTRIBUTS")


@dataclass(frozen=True)
class Expected:
    """Counted by hand from the population (see the comments of each value)."""

    total: int  # open items, each once
    kinds: dict[str, int]  # open items per type, each once
    per_structure: dict[str, int]  # open items concerning the structure
    per_structure_kinds: dict[tuple[str, str], int]
    discordances: dict[str, int]  # taux.csv discordances_ouvertes
    doublons: dict[str, int]  # taux.csv doublons_ouverts
    doublons_total: int  # each pair once
    collisions: tuple[int, int, int]  # doublons.csv: pairs, IS12, other record collisions


FIRST = Expected(
    # A1, A2 (inactive), B5 x6 discordances; A3+B1, A4+A5 doublons; B3 (IS12), A6+B2
    # collisions; B2, B4, B5 matricule contradictions
    total=15,
    kinds={"DISCORDANCE": 8, "DOUBLON": 2, "COLLISION": 2, "CONTRADICTION": 3},
    per_structure={S1: 5, S2: 12},  # 17: the two pairs across S1 and S2 count in both
    per_structure_kinds={
        (S1, "DISCORDANCE"): 2,
        (S1, "DOUBLON"): 2,
        (S1, "COLLISION"): 1,
        (S2, "DISCORDANCE"): 6,
        (S2, "DOUBLON"): 1,
        (S2, "COLLISION"): 2,
        (S2, "CONTRADICTION"): 3,
    },
    discordances={S1: 1, S2: 7},  # A1 (A2 is inactive); B5 x6 and B3's IS12
    doublons={S1: 3, S2: 2},  # A3+B1, A4+A5, A6+B2 / A3+B1, A6+B2 (IS12 is not a pair)
    doublons_total=3,
    collisions=(1, 1, 2),  # A6+B2; B3; B4 (matricule) and B5 (INSi answer)
)
SECOND = Expected(
    # decided: A4+A5 (same person), A3+B1 (distinct persons), one of B5's discordances
    total=12,
    kinds={"DISCORDANCE": 7, "COLLISION": 2, "CONTRADICTION": 3},
    per_structure={S1: 3, S2: 10},
    per_structure_kinds={
        (S1, "DISCORDANCE"): 2,
        (S1, "COLLISION"): 1,
        (S2, "DISCORDANCE"): 5,
        (S2, "COLLISION"): 2,
        (S2, "CONTRADICTION"): 3,
    },
    discordances={S1: 1, S2: 6},
    doublons={S1: 1, S2: 1},
    doublons_total=1,
    collisions=(1, 1, 2),  # found again by the run (decided or not)
)


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


class Page(HTMLParser):
    """The report's two tables: ``taux`` (data-col / data-ensemble cells) and ``anciennete``
    (rows and their last cell, the total)."""

    def __init__(self) -> None:
        super().__init__()
        self.taux: dict[str, dict[str, str]] = {}
        self.ages: dict[tuple[str, str], int] = {}
        self._table: str | None = None
        self._row: dict[str, str | None] = {}
        self._cells: list[str] = []
        self._text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table":
            self._table = a.get("id")
        elif tag == "tr":
            self._row, self._cells = a, []
        elif tag == "td":
            self._text = []
            col = a.get("data-col") or a.get("data-ensemble")
            if self._table == "taux" and col:
                key = (
                    "Ensemble"
                    if "data-ensemble" in self._row
                    else str(self._row.get("data-structure"))
                )
                self.taux.setdefault(key, {})[col] = a.get("data-value") or ""

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._text is not None:
            self._cells.append("".join(self._text))
            self._text = None
        elif tag == "tr" and self._table == "anciennete" and "data-type" in self._row:
            where = (
                "Ensemble" if "data-ensemble" in self._row else str(self._row.get("data-structure"))
            )
            total = int(self._cells[-1].replace("\u202f", ""))
            self.ages[(where, str(self._row["data-type"]))] = total
        elif tag == "table":
            self._table = None


def queue_total(db: str, *more: str) -> int:
    out = run("queue", "list", "--db", db, "--json", "--limite", "1", *more)
    return int(json.loads(out.stdout)["total"])


def check_queue_and_report(db: str, want: Expected, tmp_path: Path) -> dict[str, list[str]]:
    """queue list and every form of report against ``want``; returns report csv's rows."""
    assert queue_total(db) == want.total
    assert queue_total(db, "--etat", "TOUS") >= want.total
    for s, n in want.per_structure.items():
        assert queue_total(db, "--structure", s) == n, s
    listed = json.loads(run("queue", "list", "--db", db, "--json", "--limite", "1000").stdout)
    crossing = [i for i in listed["items"] if len({d["structure"] for d in i["dossiers"]}) == 2]
    # per structure, a pair across the two structures counts in both; in total once
    assert sum(want.per_structure.values()) - want.total == len(crossing)
    for kind in KINDS:
        assert queue_total(db, "--type", kind) == want.kinds.get(kind, 0), kind
        for s in (S1, S2):
            n = want.per_structure_kinds.get((s, kind), 0)
            assert queue_total(db, "--type", kind, "--structure", s) == n, (s, kind)
    # report csv
    rows = {
        line.split(";")[0]: line.split(";")
        for line in run("report", "--db", db).stdout.splitlines()[1:]
    }
    assert {s: int(r[9]) for s, r in rows.items()} == want.discordances
    assert {s: int(r[10]) for s, r in rows.items()} == want.doublons
    # report json
    doc = json.loads(run("report", "--db", db, "--format", "json").stdout)
    by_structure = {o["structure"]: o for o in doc["structures"]}
    assert {s: o["discordances_ouvertes"] for s, o in by_structure.items()} == want.discordances
    assert {s: o["doublons_ouverts"] for s, o in by_structure.items()} == want.doublons
    ages = doc["anciennete"]
    assert {o["type"]: sum(o["nombres"]) for o in ages["ensemble"]} == want.kinds
    per = {(o["structure"], o["type"]): sum(o["nombres"]) for o in ages["elements_ouverts"]}
    assert per == want.per_structure_kinds
    totals = doc["ensemble"]
    assert totals["elements_ouverts"] == want.total
    assert totals["discordances_ouvertes"] == sum(want.discordances.values())
    assert totals["doublons_ouverts"] == want.doublons_total
    # report html
    html = tmp_path / "rapport.html"
    run("report", "--db", db, "--format", "html", "--out", str(html))
    page = Page()
    page.feed(html.read_text("utf-8"))
    for s in (S1, S2):
        assert page.taux[s]["discordances_ouvertes"] == str(want.discordances[s])
        assert page.taux[s]["doublons_ouverts"] == str(want.doublons[s])
    assert page.taux["Ensemble"]["discordances_ouvertes"] == str(sum(want.discordances.values()))
    assert page.taux["Ensemble"]["doublons_ouverts"] == str(want.doublons_total)
    assert {k: n for (w, k), n in page.ages.items() if w == "Ensemble"} == want.kinds
    assert {(w, k): n for (w, k), n in page.ages.items() if w != "Ensemble"} == (
        want.per_structure_kinds
    )
    synthese = re.search(r'<p id="synthese">(.*?)</p>', html.read_text("utf-8"))
    assert synthese is not None
    assert f"{want.total} élément(s) ouvert(s)" in synthese.group(1)
    assert f"doublons ouverts {want.doublons_total} " in synthese.group(1)
    return rows


def check_run(result: Result, out: Path, want: Expected) -> None:
    """The qualify summary, taux.csv and doublons.csv against ``want``."""
    taux = {r["structure"]: r for r in read_csv(out / "taux.csv")}
    assert {s: int(r["discordances_ouvertes"]) for s, r in taux.items()} == want.discordances
    assert {s: int(r["doublons_ouverts"]) for s, r in taux.items()} == want.doublons
    text = result.stdout
    for s in (S1, S2):
        assert (
            f"discordances ouvertes {want.discordances[s]} ; "
            f"doublons ouverts {want.doublons[s]} ;" in text.split(f"Structure {s} ")[1]
        ), s
    pairs, is12, others = want.collisions
    doublons = read_csv(out / "doublons.csv")
    rows = [r for r in doublons if r["type"] == "COLLISION"]
    assert len([r for r in rows if r["structure_b"]]) == pairs
    assert len(rows) == pairs + is12 + others
    assert (
        f"{len(rows)} collision(s) : {pairs} entre deux dossiers et {is12} de deux réponses "
        f"INSi (IS12), éléments COLLISION de la file ; {others} d'un dossier" in text
    )
    line = next(x for x in text.splitlines() if x.startswith("File de revue : "))
    assert line.startswith(f"File de revue : {want.total} élément(s) ouvert(s) : ")
    for kind, what in (("DISCORDANCE", "discordance(s)"), ("COLLISION", "collision(s)")):
        assert f" {want.kinds[kind]} {what}" in line


def test_every_output_counts_alike(tmp_path: Path) -> None:
    residents, insi = write(tmp_path / "entree")
    db = f"sqlite:///{tmp_path / 'base.db'}"

    def qualify(out: str) -> tuple[Result, Path]:
        result = run(
            "qualify", str(residents), "--insi", str(insi), "--out", str(tmp_path / out),
            "--db", db, "--date-traitement", "2026-11-01",
        )  # fmt: skip
        return result, tmp_path / out

    first, out1 = qualify("sortie1")
    check_run(first, out1, FIRST)
    rows = check_queue_and_report(db, FIRST, tmp_path)
    taux_lines = (out1 / "taux.csv").read_text("utf-8-sig").splitlines()[1:]
    assert [";".join(r) for r in rows.values()] == taux_lines  # report csv = taux.csv

    def item(kind: str, local_id: str) -> str:
        out = run("queue", "list", "--db", db, "--json", "--type", kind, "--dossier", local_id)
        return str(json.loads(out.stdout)["items"][0]["id"])

    decide = (("DOUBLON", "A4", "MEME_PERSONNE"), ("DOUBLON", "A3", "PERSONNES_DISTINCTES"))
    for kind, local_id, decision in (*decide, ("DISCORDANCE", "B5", "AUTRE_PERSONNE")):
        run(
            "queue",
            "resolve",
            item(kind, local_id),
            "--db",
            db,
            "--decision",
            decision,
            "--by",
            "T",
        )
    # before any new run the report already shows the queue as it is now
    check_queue_and_report(db, SECOND, tmp_path)
    second, out2 = qualify("sortie2")
    check_run(second, out2, SECOND)
    check_queue_and_report(db, SECOND, tmp_path)

