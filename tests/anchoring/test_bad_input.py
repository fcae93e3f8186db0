"""Guides that contradict themselves open with a clear status for every highlight, a reason for
each status the file did not state, never a crash, and never a change to the file."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reading_guide.anchoring import place_highlights
from reading_guide.anchoring.lifecycle import same_words
from reading_guide.cli import main
from reading_guide.model import Guide, Highlight, Position, Quote
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


TEXTS = st.sampled_from([
    "The mill rang the bell.\nThe town heard the bell at six.",
    "breathe in, breathe out; hold your breath.",
    "lorem lorem lorem lorem lorem lorem",
    "Ein Satz. 一个句子。 Another one — with “quotes”.",
])
WORDS = st.sampled_from(["the bell", "bell", "breath", "lorem lorem", "town", "句子", "quotes",
                         "nowhere at all", "the", "e"])


@st.composite
def _stored(draw: st.DrawFn) -> Highlight:
    """A highlight as any file might store it, contradictions included."""
    exact = draw(WORDS)
    position = draw(st.none() | st.builds(lambda a, n: Position(a, a + n),
                                          st.integers(0, 60), st.integers(0, 12)))
    placed = draw(st.none() | WORDS.map(Quote))
    return Highlight(draw(st.sampled_from(["h1", "h2", "h3"])), "claim", Quote(exact), position,
                     draw(st.sampled_from([None, "fuzzy", "review", "orphan"])), placed=placed)


@settings(max_examples=300, deadline=None)
@given(text=TEXTS, stored=st.lists(_stored(), min_size=1, max_size=3))
def test_any_stored_state_opens_consistently_and_settles_for_good(
    text: str, stored: list[Highlight]
) -> None:
    """Whatever a file says, opening gives a consistent state (an orphan has no position, a
    placement shows its words, `exact` shows the quote), and opening that state again changes
    nothing: the file a save writes opens the same way."""
    guide = Guide(highlights=[copy.deepcopy(h) for h in stored])
    place_highlights(guide, text)
    for h in guide.highlights:
        if h.anchor_status == "orphan":
            assert h.position is None and h.placed is None
            continue
        shown = text[h.position.start : h.position.end]
        if h.status is None:
            assert h.placed is None and same_words(shown, h.quote.exact)
        else:
            assert same_words(shown, (h.placed or h.quote).exact)
    for before, after in zip(stored, guide.highlights, strict=True):
        assert after.quote == before.quote  # opening never rewrites a quote
    settled = copy.deepcopy(guide)
    for h in settled.highlights:
        h.reason = ""  # as a saved file has no reasons
    place_highlights(settled, text)
    assert settled == guide
    assert all(h.reason == "" for h in settled.highlights)  # nothing left to settle
