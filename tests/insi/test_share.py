"""A sharded read: every share reads every path, and together the shares keep each response and
each problem exactly once, with the key the full parse gives (synthetic values only)."""

from __future__ import annotations

import zlib
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from insvigil.insi import InsiProblem, InsiResponse, Share, read_insi_ranked
from insvigil.insi.jsonl import parse_line, quick_key

SAMPLE = Path(__file__).resolve().parents[2] / "examples"
OK = '"operation": "VERIFICATION", "date": "2026-10-02T10:41:00", "cr": "01"'
ODD_LINES = [
    '{"structure": "750000001", "local_id": "A1", ' + OK + "}",
    '{"local_id": "A2", "structure": "750000001", ' + OK + "}",  # keys in another order
    '{"structure": "750000001", "local_id": "A\\u0033", ' + OK + "}",  # escaped value
    '{"\\u0073tructure": "750000001", "local_id": "A4", ' + OK + "}",  # escaped key name
    '{"structure": " 750000001 ", "local_id": "A5", ' + OK + "}",  # stripped by the parser
    '{"structure": "750000001", "local_id": "Ä6", ' + OK + "}",  # not ASCII
    '{"structure": "750000001", "structure": "750000002", "local_id": "A7", ' + OK + "}",
    '{"x": {"structure": "750000001"}, "local_id": "A8", ' + OK + "}",  # nested only: a problem
    '{"structure": "750000001", "local_id": "A9", "operation": "INCONNUE", "date": "2026-10-02",'
    ' "cr": "01"}',  # a problem with a key
    '{"structure": 750000001, "local_id": "A10", ' + OK + "}",  # not a text: a problem
    "{oops",
    "[1, 2]",
    "",
    '{"structure": "750000003", "local_id": "A11", ' + OK + ', "libelle_cr": "\\"structure\\""}',
]


def _write(folder: Path) -> list[Path]:
    jsonl = folder / "insi.jsonl"
    jsonl.write_bytes("\n".join(ODD_LINES).encode() + b"\n\xff\xfe not utf-8\n")
    xml = folder / "xml"
    xml.mkdir()
    source = next((SAMPLE / "insi_xml").glob("*.xml"))
    (xml / source.name).write_bytes(source.read_bytes())
    (xml / "sans_cle.xml").write_bytes(source.read_bytes())  # no key in the name: a problem
    (xml / "750000001__A12.xml").write_text("<pas du xml", encoding="utf-8")
    return [jsonl, xml, SAMPLE / "insi.jsonl"]


def _share(shard: int, shards: int) -> Share:
    def keep_key(structure: str, local_id: str) -> bool:
        return zlib.crc32(f"{structure}\x1f{local_id}".encode()) % shards == shard

    return Share(keep_key=keep_key, keep_item=lambda number: number % shards == shard)


def _read(paths: list[Path], share: Share | None) -> list[tuple[object, ...]]:
    return [
        (number, rank, item)
        for number, path in enumerate(paths)
        for rank, item in read_insi_ranked(path, share)
    ]


@pytest.mark.parametrize("shards", [2, 3])
def test_the_shares_together_are_the_whole_read(tmp_path: Path, shards: int) -> None:
    paths = _write(tmp_path)
    whole = _read(paths, None)
    assert any(isinstance(item, InsiProblem) for *_, item in whole)
    parts = [_read(paths, _share(k, shards)) for k in range(shards)]
    merged = sorted((entry for part in parts for entry in part), key=lambda e: e[:2])  # type: ignore[arg-type,return-value]
    assert merged == whole  # each result once, none lost, none invented
    for k, part in enumerate(parts):
        for *_, item in part:
            if isinstance(item, InsiResponse):  # a response is read by its record's shard
                assert _share(k, shards).keep_key(item.structure, item.local_id)


def test_quick_key_is_the_parsed_key_or_nothing() -> None:
    for text in ODD_LINES:
        key = quick_key(text)
        item = parse_line(text, "r.jsonl:1") if text else None
        if key is not None and isinstance(item, InsiResponse):
            assert key == (item.structure, item.local_id)
    assert Counter(quick_key(t) is None for t in ODD_LINES)[False] >= 3


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)


@settings(max_examples=300, deadline=None)
@given(structure=_TEXT, local_id=_TEXT, noise=_TEXT, first=st.booleans())
def test_quick_key_never_disagrees_with_the_parser(
    structure: str, local_id: str, noise: str, first: bool
) -> None:
    import json

    fields = {"structure": structure, "local_id": local_id, "libelle_cr": noise}
    order = list(fields) if first else list(reversed(fields))
    body = ", ".join(f"{json.dumps(k)}: {json.dumps(fields[k], ensure_ascii=False)}" for k in order)
    text = "{" + body + ", " + OK + "}"
    key = quick_key(text)
    item = parse_line(text, "r.jsonl:1")
    if key is not None and isinstance(item, InsiResponse):
        assert key == (item.structure, item.local_id)
