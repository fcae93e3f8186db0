"""Re-anchoring cases of our own (tests/data/anchoring): realistic revisions, hand-written."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from reading_guide.anchoring.reanchor import reanchor
from reading_guide.model import Highlight, Quote

CASES = Path(__file__).resolve().parent.parent / "data" / "anchoring" / "own-cases.yaml"


def _cases() -> list[dict]:
    with open(CASES, encoding="utf-8") as f:
        return yaml.load(f, Loader=yaml.CSafeLoader)["cases"]


def check_case(case: dict) -> None:
    """Shared with the shared-vector test: status allowed, right place, never the wrong one."""
    hl = case["highlight"]
    highlight = Highlight(
        "h1", "claim", Quote(hl["exact"], hl.get("prefix", ""), hl.get("suffix", ""))
    )
    (result,) = reanchor(case["v1"], case["v2"], [highlight])
    expect, v2 = case["expect"], case["v2"]
    assert result.status in expect["status_in"], (case["id"], result)
    if "place_at" in expect:
        start = v2.index(expect["place_at"], v2.index(expect.get("place_after", "")))
        assert (result.start, result.end) == (start, start + len(expect["place_at"])), result
        assert result.text == expect["place_at"]
    if "never_at" in expect and result.status in ("exact", "fuzzy"):
        start = v2.index(expect["never_at"], v2.index(expect.get("never_after", "")))
        end = start + len(expect["never_at"])
        assert result.end <= start or result.start >= end, (case["id"], result)
    if result.status == "orphan":
        assert result.start is None and result.reason


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["id"])
def test_own_case(case: dict) -> None:
    check_case(case)
