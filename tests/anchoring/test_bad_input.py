"""Guides that contradict themselves open with a clear status for every highlight, a reason for
each status the file did not state, never a crash, and never a change to the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reading_guide.cli import main
from reading_guide.render import parse
from reading_guide.storage import load_guide, save_guide
from reading_guide.storage.writer import dumps_guide

GUIDE = Path(__file__).resolve().parent.parent / "data" / "anchoring" / "contradictions.guide.yaml"

# id -> (status after opening, what it is placed on or None, a word of the reason or "")
EXPECT = {
    "h1": ("review", "the railway came", "orphan"),  # orphan with a position showing it
    "h2": ("orphan", None, "orphan"),  # orphan whose position shows something else
    "h3": ("review", "three generations of weavers", "no position"),  # review without one
    "h4": ("orphan", None, "no position"),  # fuzzy without one, and not found
    "h5": ("review", "gave work to three generations", "no one confirmed"),  # never confirmed
    "h6": ("exact", "shaped the town", ""),  # the same selector twice: both placed alike
    "h7": ("exact", "shaped the town", ""),
    "h8": ("review", "the mill", "more than one place"),  # the same bare quote, two copies
    "h9": ("review", "the mill", "more than one place"),
    "h10": ("review", "was sold", "no longer shows"),  # review, position past the end
    "h11": ("exact", "The mill gave work", "no longer shows"),  # confirmed, stale position
}


def test_every_contradiction_opens_with_a_clear_status_and_reason() -> None:
    guide = load_guide(GUIDE)
    text = parse(guide.essay.text).text
    assert [h.id for h in guide.highlights] == list(EXPECT)  # nothing dropped
    for h in guide.highlights:
        status, shown, why = EXPECT[h.id]
        assert h.anchor_status == status, h
        if shown is None:
            assert h.position is None
        else:
            assert text[h.position.start : h.position.end] == shown, h
        assert why in h.reason, h
        assert h.note  # notes are kept


def test_opening_changes_nothing_and_what_it_settles_saves_and_opens_the_same(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = GUIDE.read_bytes()
    assert main(["info", str(GUIDE), "--json"]) == 0
    assert main(["validate", str(GUIDE)]) == 0
    capsys.readouterr()
    assert GUIDE.read_bytes() == before  # reading never writes
    saved = tmp_path / "settled.guide.yaml"
    save_guide(load_guide(GUIDE), saved)
    again = load_guide(saved)
    assert [(h.id, h.anchor_status, h.position) for h in again.highlights] == [
        (h.id, h.anchor_status, h.position) for h in load_guide(GUIDE).highlights]
    assert all(h.reason == "" for h in again.highlights)  # nothing left to settle
    assert dumps_guide(again) == saved.read_text(encoding="utf-8")  # same bytes


def test_info_reports_each_status_with_its_reason(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", str(GUIDE), "--json"]) == 0
    rows = {r["id"]: r for r in json.loads(capsys.readouterr().out)["highlights"]}
    for hid, (status, shown, why) in EXPECT.items():
        assert rows[hid]["status"] == status
        assert why in rows[hid]["reason"]
        if shown is not None:
            assert rows[hid]["text"] == shown
    assert rows["h5"]["quote"] == "gave work to four generations"  # as the file has it
    assert main(["info", str(GUIDE)]) == 0
    out = capsys.readouterr().out
    assert "h1: review" in out and "the file marks it orphan" in out


def test_a_move_of_a_contradictory_guide_never_makes_a_contradiction_confident(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    revised = tmp_path / "rivers-2.md"
    revised.write_text(
        "# Rivers\n\nThe river shaped the town long before the railway came.\n\n"
        "The mill gave work to three generations of weavers, and the mill's bell kept their "
        "hours.\n\nWhen the mill closed the bell was sold to a museum.\n", encoding="utf-8")
    out = tmp_path / "moved.guide.yaml"
    assert main(["reanchor", str(GUIDE), "--essay", str(revised), "-o", str(out), "--json"]) == 0
    rows = {r["id"]: r for r in json.loads(capsys.readouterr().out)["highlights"]}
    for hid in ("h1", "h3", "h5", "h8", "h9", "h10"):
        assert rows[hid]["status"] == "review", rows[hid]
    assert rows["h2"]["status"] == rows["h4"]["status"] == "orphan"
