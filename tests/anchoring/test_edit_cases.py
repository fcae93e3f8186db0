"""Conformance: the shared edit cases (R1-R4 trip a naive annotator; P1-P3 must be placed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reading_guide.anchoring.reanchor import reanchor
from reading_guide.model import Highlight, Quote
from tests.anchoring import vectors


def test_every_edit_case_is_collected(shared_dir: Path) -> None:
    assert len(vectors.edit_cases(shared_dir)) == vectors.EDIT_CASES


@pytest.mark.parametrize("i", range(vectors.EDIT_CASES))
def test_edit_case(shared_dir: Path, i: int) -> None:
    case = vectors.edit_cases(shared_dir)[i]
    hl = case["highlight"]
    highlight = Highlight(
        "h1", "claim", Quote(hl["exact"], hl.get("prefix", ""), hl.get("suffix", ""))
    )
    (result,) = reanchor(case["v1"], case["v2"], [highlight])
    expect = case["expect"]
    v2 = case["v2"]
    assert result.status in expect["status_in"], (case["id"], result)
    if "place_at" in expect:
        start = v2.index(expect["place_at"], v2.index(expect.get("place_after", "")))
        assert (result.start, result.end) == (start, start + len(expect["place_at"]))
        assert result.text == expect["place_at"]
    if "never_at" in expect:
        start = v2.index(expect["never_at"], v2.index(expect.get("never_after", "")))
        end = start + len(expect["never_at"])
        if result.status in ("exact", "fuzzy"):
            assert result.end <= start or result.start >= end, (case["id"], result)
    if result.status == "orphan":
        assert result.start is None and result.reason
