"""Hostile INSi XML responses: each file is one problem, never a crash (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest

from insvigil.insi import InsiProblem
from insvigil.insi.soap import read_soap

FIXTURE = Path(__file__).parent / "fixtures" / "soap" / "750000001__A-0001.xml"


@pytest.mark.parametrize(
    "declaration",
    [
        b'<?xml version="1.0" encoding="zTF-8"?>',  # one byte flipped in "UTF-8"
        b'<?xml version="1.0" encoding="x"?>',
        b'<?xml version="1.0" encoding=""?>',
    ],
)
def test_unknown_declared_encoding_is_a_problem(tmp_path: Path, declaration: bytes) -> None:
    body = FIXTURE.read_bytes()
    if body.startswith(b"<?xml"):
        body = body[body.index(b"?>") + 2 :]
    path = tmp_path / FIXTURE.name
    path.write_bytes(declaration + body)
    result = read_soap(path)
    assert isinstance(result, InsiProblem) and result.code == "IS06"
    assert (result.structure, result.local_id) == ("750000001", "A-0001")
