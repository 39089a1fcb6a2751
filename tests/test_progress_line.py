"""The terminal progress line of ``insvigil qualify``."""

from __future__ import annotations

import io

from insvigil_cli.progress import ProgressLine


def test_disabled_writes_nothing() -> None:
    out = io.StringIO()
    line = ProgressLine(out, enabled=False, clock=lambda: 0.0)
    line.step("évaluation et enregistrement", 10)
    line.advance(5)
    line.close()
    assert out.getvalue() == ""


def test_redraws_are_spaced_and_a_shorter_text_blanks_the_longer_one() -> None:
    out, now = io.StringIO(), [0.0]
    line = ProgressLine(out, enabled=True, clock=lambda: now[0], width=4)
    line.step("évaluation et enregistrement", 1000)
    now[0] = 0.1
    line.advance(10)  # too soon after the step's own line: not drawn
    assert out.getvalue().count("\r") == 1
    now[0] = 1.0
    line.advance(500)
    long_text = out.getvalue().split("\r")[-1]
    assert "[##--]  50 % 500/1 000 dossiers, reste ~5 s" in long_text
    line.step("file de revue", 0)
    last = out.getvalue().split("\r")[-1]
    assert last.startswith("file de revue…") and len(last) == len(long_text)
    line.close()
    assert out.getvalue().endswith("\r" + " " * len("file de revue…") + "\r")


def test_no_estimate_at_the_very_start_nor_past_the_total() -> None:
    out, now = io.StringIO(), [0.0]
    line = ProgressLine(out, enabled=True, clock=lambda: now[0])
    line.step("évaluation et enregistrement", 1_000_000)
    now[0] = 1.0
    line.advance(100)
    assert "reste" not in out.getvalue().split("\r")[-1]
    now[0] = 2.0
    line.advance(1_200_000)  # rejected rows are in the total, not in the count: never above
    assert "100 % 1 200 000/1 000 000" in out.getvalue().split("\r")[-1]
    assert "reste" not in out.getvalue().split("\r")[-1]
