"""Placing highlights when a guide is opened: keep what fits, find the rest, never drop one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reading_guide.anchoring import describe_selection, find_exact, place_highlights
from reading_guide.model import Guide, Highlight, Position, Quote

TEXT = (
    "Opening words\n"
    "We had everything before us, we had nothing before us.\n"
    "A “curly” remark — with a dash — closes the paragraph."
)


def _guide(*highlights: Highlight) -> Guide:
    return Guide(highlights=list(highlights))


def test_a_position_that_still_fits_is_kept_untouched() -> None:
    start = TEXT.index("everything")
    h = Highlight("h1", "claim", Quote("everything"), Position(start, start + 10), status="review")
    place_highlights(_guide(h), TEXT)
    assert h.position == Position(start, start + 10)
    assert h.status == "review"


def test_a_quote_only_highlight_is_placed_using_its_context() -> None:
    h = Highlight("h1", "claim", Quote("before us", prefix="we had nothing "))
    place_highlights(_guide(h), TEXT)
    start = TEXT.index("before us", TEXT.index("nothing"))
    assert h.position == Position(start, start + len("before us"))
    assert h.status is None


def test_an_ambiguous_quote_is_placed_for_review() -> None:
    h = Highlight("h1", "claim", Quote("before us"))
    place_highlights(_guide(h), TEXT)
    assert h.position is not None
    assert TEXT[h.position.start : h.position.end] == "before us"
    assert h.status == "review"


def test_a_stale_position_is_replaced_by_the_quote_nearest_to_it() -> None:
    second = TEXT.index("before us", TEXT.index("nothing"))
    h = Highlight("h1", "claim", Quote("before us"), Position(second + 3, second + 12))
    place_highlights(_guide(h), TEXT)
    assert h.position == Position(second, second + 9)


def test_straight_quotes_and_double_hyphens_find_the_typeset_passage() -> None:
    h = Highlight("h1", "claim", Quote('A "curly" remark -- with a dash'))
    place_highlights(_guide(h), TEXT)
    assert h.position is not None
    assert TEXT[h.position.start : h.position.end] == "A “curly” remark — with a dash"
    # The same words after normalisation: exact, and the quote stays as the person typed it.
    assert h.status is None and h.placed is None
    assert h.quote.exact == 'A "curly" remark -- with a dash'


def test_unplaceable_highlights_are_kept_as_orphans() -> None:
    missing = Highlight("h1", "claim", Quote("a sentence that is not in the essay at all"),
                        note="keep me")
    empty = Highlight("h2", "claim", Quote(""))
    past_end = Highlight("h3", "claim", Quote("zebra crossing"), Position(10_000, 10_010))
    guide = _guide(missing, empty, past_end)
    place_highlights(guide, TEXT)
    assert [h.id for h in guide.highlights] == ["h1", "h2", "h3"]
    assert all(h.position is None and h.status == "orphan" for h in guide.highlights)
    assert missing.note == "keep me"


def test_a_described_selection_finds_itself_again_and_uses_word_boundaries() -> None:
    start = TEXT.index("before us", TEXT.index("nothing"))
    q = describe_selection(TEXT, start, start + 9)
    assert find_exact(TEXT, q.exact, q.prefix, q.suffix) == [(start, start + 9)]
    assert 0 < len(q.prefix) <= 32 and 0 < len(q.suffix) <= 32
    before = start - len(q.prefix) - 1
    after = start + 9 + len(q.suffix)
    assert TEXT[before].isspace() and TEXT[after].isspace()  # whole words only


def _reference(text: str, exact: str, prefix: str, suffix: str, at: int):
    """What `Copies.nearest` must answer, by brute force: every copy, word edges checked."""
    from reading_guide.anchoring.lifecycle import is_word_char

    hits = []
    for start, end in find_exact(text, exact, prefix, suffix):
        if not prefix and is_word_char(exact[0]) and start and is_word_char(text[start - 1]):
            continue
        if not suffix and is_word_char(exact[-1]) and end < len(text) and is_word_char(text[end]):
            continue
        hits.append((start, end))
    return hits


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet="ab \n\t", min_size=0, max_size=120),
    data=st.data(),
)
def test_copies_answers_what_a_search_of_every_copy_answers(text: str, data) -> None:
    from reading_guide.anchoring.copies import GRAM, Copies

    i = data.draw(st.integers(0, len(text)))
    j = data.draw(st.integers(i, min(len(text), i + GRAM + 20)))
    p = data.draw(st.integers(0, 4))
    s = data.draw(st.integers(0, 4))
    at = data.draw(st.integers(0, len(text)))
    prefix, exact, suffix = text[max(0, i - p) : i], text[i:j], text[j : j + s]
    hits = _reference(text, exact, prefix, suffix, at) if exact else []
    # with and without the word index (built for many quotes)
    for copies in (Copies(text), Copies(text, [prefix + exact + suffix] * 60)):
        hit, several = copies.nearest(exact, prefix, suffix, at)
        assert (hit is not None) == bool(hits)
        assert several == (len(hits) > 1)
        if hits:
            assert hit in hits
            if len(hits) == 1 or at == 0:
                assert hit == hits[0]


def test_many_quote_only_highlights_are_placed_like_one() -> None:
    paragraphs = [f"Paragraph {n} talks about the mill and the river, item {n}." for n in range(80)]
    text = "\n".join(paragraphs)
    highlights = []
    for n in range(80):
        start = text.index(f"the river, item {n}.")
        q = describe_selection(text, start, start + len(f"the river, item {n}"))
        highlights.append(Highlight(f"h{n}", "claim", q))
    guide = _guide(*highlights)
    place_highlights(guide, text)
    for n, h in enumerate(guide.highlights):
        assert h.status is None
        assert text[h.position.start : h.position.end] == f"the river, item {n}"


def test_overlapping_copies_of_a_bare_quote_are_ambiguous() -> None:
    h = Highlight("h1", "claim", Quote("a b"))
    place_highlights(_guide(h), "a b a b a")
    assert h.position == Position(0, 3) and h.status == "review"


def test_a_bare_quote_found_only_inside_a_longer_word_is_not_exact() -> None:
    text = "Stop and breathe slowly. Then breathe again."
    h = Highlight("h1", "claim", Quote("breath"))
    place_highlights(_guide(h), text)
    assert h.status in ("review", "orphan")
    if h.position is not None:  # proposed on the whole word, for a person to judge
        assert text[h.position.start : h.position.end] == "breathe"
        assert h.quote.exact == "breath" and h.placed.exact == "breathe"


def test_a_bare_quote_at_word_edges_is_preferred_to_copies_inside_words() -> None:
    text = "She held her breath.\nThen breathe again, and breathe."
    h = Highlight("h1", "claim", Quote("breath"))
    place_highlights(_guide(h), text)
    assert (h.status, h.position) == (None, Position(13, 19))
