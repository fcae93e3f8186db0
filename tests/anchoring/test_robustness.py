"""Whatever the texts and highlights, re-anchoring and placing never crash, lose or corrupt."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reading_guide.anchoring import place_highlights, reanchor
from reading_guide.model import Guide, Highlight, Position, Quote

PIECES = st.sampled_from([
    "the", "mill", "bell", "river", " ", "  ", "\n", "\n\n", "—", "--", "’", "'", "“", "”", '"',
    "…", "e\u0301", "é", "\u200b", "😊", ".", ",", "a", "aa", "Robin", "\u00a0",
])
TEXT = st.lists(PIECES, max_size=40).map("".join)


@st.composite
def highlight(draw, text: str, n: int) -> Highlight:
    a = draw(st.integers(0, len(text) + 3))
    b = draw(st.integers(a, a + 12))
    exact = text[a:b] if draw(st.booleans()) else draw(TEXT)
    pos = Position(a, b) if draw(st.booleans()) else None
    q = Quote(exact, text[max(0, a - 5) : a], text[b : b + 5])
    return Highlight(f"h{n}", "claim", q, pos, status=draw(st.sampled_from([None, "review"])))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(old=TEXT, new=TEXT, data=st.data())
def test_reanchor_always_returns_one_valid_result_per_highlight(old: str, new: str, data) -> None:
    hs = [data.draw(highlight(old, n)) for n in range(data.draw(st.integers(0, 4)))]
    results = reanchor(old, new, hs)
    assert [r.id for r in results] == [h.id for h in hs]
    for r in results:
        assert r.status in ("exact", "fuzzy", "review", "orphan")
        assert 0.0 <= r.confidence <= 1.0
        if r.status == "orphan":
            assert r.start is None and r.end is None and r.reason
        else:
            assert 0 <= r.start <= r.end <= len(new)
            assert new[r.start : r.end] == r.text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, data=st.data())
def test_placing_always_keeps_every_highlight_with_a_valid_position(text: str, data) -> None:
    hs = [data.draw(highlight(text, n)) for n in range(data.draw(st.integers(0, 4)))]
    guide = Guide(highlights=hs)
    place_highlights(guide, text)
    assert [h.id for h in guide.highlights] == [f"h{n}" for n in range(len(hs))]
    for h in guide.highlights:
        if h.position is None:
            assert h.status == "orphan"
        else:
            assert 0 <= h.position.start <= h.position.end <= len(text)
            assert h.status in (None, "fuzzy", "review")


WORD_LISTS = st.lists(st.sampled_from(["a", "b", "c", "d", "the", "mill", "x1", "x2"]),
                      max_size=900)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(old=WORD_LISTS, new=WORD_LISTS)
def test_the_word_diff_only_pairs_equal_runs_in_order(old: list[str], new: list[str]) -> None:
    from reading_guide.anchoring.diffmap import word_blocks

    blocks, _ = word_blocks(old, new)
    last_i = last_j = 0
    for i, j, n in blocks:
        assert n > 0 and i >= last_i and j >= last_j
        assert old[i : i + n] == new[j : j + n]
        last_i, last_j = i + n, j + n


def test_a_repetitive_essay_with_no_unique_word_still_maps_an_insertion() -> None:
    old = " ".join(["the mill and the bell"] * 300)
    new = "a new line. " + old
    start = old.index("bell", 700)
    (r,) = reanchor(old, new, [Highlight("h1", "c", Quote("bell"), Position(start, start + 4))])
    assert r.status == "exact" and r.start == start + len("a new line. ")
