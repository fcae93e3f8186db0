"""Re-anchoring API: statuses, the guide-level move, and bad input (never a crash or a loss)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reading_guide.anchoring import describe_selection, reanchor, reanchor_guide
from reading_guide.errors import InputError
from reading_guide.model import Essay, Guide, Highlight, Position, Question, Quote

OLD = (
    "The river shaped the town long before the railway came.\n"
    "The mill gave work to three generations of weavers, and the mill's bell kept their hours.\n"
    "When the mill closed in 1979 the bell was sold to a museum far away."
)


def _hl(hid: str, text: str, exact: str, note: str = "") -> Highlight:
    start = text.index(exact)
    return Highlight(hid, "claim", describe_selection(text, start, start + len(exact)),
                     Position(start, start + len(exact)), note=note)


def test_untouched_passages_are_exact_and_follow_inserted_text() -> None:
    new = "A new opening paragraph.\n" + OLD
    (r,) = reanchor(OLD, new, [_hl("h1", OLD, "three generations of weavers")])
    assert r.status == "exact" and r.confidence == 1.0
    assert new[r.start : r.end] == "three generations of weavers" == r.text


@pytest.mark.parametrize(
    ("new", "why"),
    [("", "empty"), ("   \n ", "empty")],
)
def test_an_empty_revised_essay_orphans_everything_with_a_reason(new: str, why: str) -> None:
    results = reanchor(OLD, new, [_hl("h1", OLD, "the railway"), _hl("h2", OLD, "museum")])
    assert [r.id for r in results] == ["h1", "h2"]
    assert all(r.status == "orphan" and why in r.reason for r in results)


@pytest.mark.parametrize("bad", [None, b"bytes are not text", 42])
def test_a_revised_essay_that_is_not_text_is_an_input_error(bad: object) -> None:
    with pytest.raises(InputError, match="not text"):
        reanchor(OLD, bad, [_hl("h1", OLD, "the railway")])  # type: ignore[arg-type]


def test_bad_highlights_become_orphans_with_reasons_not_crashes() -> None:
    empty = Highlight("h1", "claim", Quote(""), Position(0, 0))
    too_long = Highlight("h2", "claim", Quote(OLD * 3))
    past_end = Highlight("h3", "claim", Quote("museum far away"), Position(10_000, 10_015))
    results = reanchor(OLD, OLD, [empty, too_long, past_end])
    assert [r.id for r in results] == ["h1", "h2", "h3"]
    assert results[0].status == "orphan" and "empty" in results[0].reason
    assert results[1].status == "orphan" and "longer" in results[1].reason
    # a position past the end is ignored; the quote still finds its passage
    assert results[2].status in ("exact", "fuzzy")
    assert OLD[results[2].start : results[2].end] == "museum far away"


def test_moving_a_guide_replaces_the_essay_and_keeps_every_highlight() -> None:
    new_text = OLD.replace("three generations", "four generations").replace(
        "When the mill closed in 1979 the bell was sold to a museum far away.",
        "The bell hangs in the square today.",
    )
    guide = Guide(
        title="Mills",
        essay=Essay(title="The Mill", author="A. Writer", source="Local Press", text=OLD,
                    edition="1st edition"),
        highlights=[
            _hl("h1", OLD, "The river shaped the town"),
            _hl("h2", OLD, "gave work to three generations of weavers"),
            _hl("h3", OLD, "sold to a museum far away", note="ask about the museum"),
        ],
        questions=[Question("q1", "Where is the bell now?", highlight="h3")],
    )
    results = reanchor_guide(guide, Essay(title="", text=new_text), OLD, new_text)
    assert guide.essay.text == new_text and guide.essay.sha256 != Essay(text=OLD).sha256
    assert (guide.essay.title, guide.essay.author, guide.essay.source, guide.essay.edition) == (
        "The Mill", "A. Writer", "Local Press", "1st edition"
    )
    by_id = {r.id: r for r in results}
    assert by_id["h1"].status == "exact" and guide.highlight("h1").status is None
    assert by_id["h2"].status == "fuzzy" and guide.highlight("h2").status == "fuzzy"
    h2 = guide.highlight("h2")
    moved = "gave work to four generations of weavers"
    assert new_text[h2.position.start : h2.position.end] == moved == h2.placed.exact
    assert h2.quote.exact == "gave work to three generations of weavers"  # as the person chose
    h3 = guide.highlight("h3")
    assert by_id["h3"].status == "orphan" and h3.status == "orphan" and h3.position is None
    assert h3.quote.exact == "sold to a museum far away" and h3.note == "ask about the museum"
    assert [q.highlight for q in guide.questions] == ["h3"]


def test_a_highlight_awaiting_review_is_not_confirmed_by_reanchoring() -> None:
    h = _hl("h1", OLD, "The river shaped the town")
    h.status = "review"
    guide = Guide(essay=Essay(text=OLD), highlights=[h])
    reanchor_guide(guide, Essay(text=OLD + "\nMore."), OLD, OLD + "\nMore.")
    assert h.status == "review"


WORDS = st.lists(st.sampled_from("the mill bell river town work weavers hours".split()),
                 min_size=1, max_size=12).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(before=WORDS, inserted=WORDS, after=WORDS)
def test_text_inserted_elsewhere_never_moves_an_unchanged_passage(
    before: str, inserted: str, after: str
) -> None:
    passage = "a passage that is quite unlike anything else"
    old = f"{before}.\n{passage}.\n{after}."
    new = f"{before}.\n{inserted}.\n{passage}.\n{after} {inserted}."
    (r,) = reanchor(old, new, [_hl("h1", old, passage)])
    assert r.status == "exact"
    assert new[r.start : r.end] == passage


@pytest.mark.parametrize(
    ("text", "selected"),
    [
        ("the walker--the street", "walker-"),
        ("the walker--the street", "-the"),
        ("--", "-"),
        ("and then she paused…", "paused…"),
        ("a “quoted” word -- and … more", "“quoted” word --"),
    ],
)
def test_a_range_ending_inside_a_normalised_unit_comes_back_exactly(
    text: str, selected: str
) -> None:
    """Matching runs on text where "--" is one dash and "…" three dots; the range must still come
    back to the very characters selected, on the same text and after an insertion."""
    start = text.index(selected)
    h = Highlight("h1", "claim", describe_selection(text, start, start + len(selected)),
                  Position(start, start + len(selected)))
    for new, shift in ((text, 0), ("A new first paragraph.\n" + text, 23)):
        (r,) = reanchor(text, new, [h])
        assert (r.status, r.start, r.end) == ("exact", start + shift, start + shift + len(selected))
        assert r.text == selected


def test_a_moved_paragraph_keeps_a_range_inside_a_double_hyphen() -> None:
    old = "First, a paragraph.\nthe walker--the street is long and grey.\nLast words here."
    new = "the walker--the street is long and grey.\nFirst, a paragraph.\nLast words here."
    start = old.index("walker-")
    h = Highlight("h1", "claim", describe_selection(old, start, start + 7),
                  Position(start, start + 7))
    (r,) = reanchor(old, new, [h])
    assert r.status in ("exact", "fuzzy")
    assert (r.start, r.end, r.text) == (4, 11, "walker-")
