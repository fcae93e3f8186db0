"""Honest labels and clean spans (issue 12): `exact` only for the quote's own words, fuzzy and
review spans on whole words within the paragraph, never a copy inside a longer word."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from reading_guide.anchoring import describe_selection, place_highlights, reanchor
from reading_guide.anchoring.lifecycle import clean_span, cuts_word, same_words
from reading_guide.model import Guide, Highlight, Position, Quote

ESSAY = (
    "The movement lost ground in the nineties, and it never quite recovered its power.\n"
    "Building Class Power\n"
    "Organisers built committees in every workplace they could reach."
)


def test_a_quote_with_markdown_markup_is_not_exact_on_the_plain_heading() -> None:
    # Written by hand from the Markdown source: "# Building Class Power".
    h = Highlight("h1", "claim", Quote("# Building Class Power"))
    place_highlights(Guide(highlights=[h]), ESSAY)
    assert h.status in ("fuzzy", "review")
    assert ESSAY[h.position.start : h.position.end] == "Building Class Power"  # no ".\n" before
    assert h.quote.exact == "# Building Class Power" and h.placed.exact == "Building Class Power"
    # ... and a move onto the same text neither makes it exact nor moves it.
    (r,) = reanchor(ESSAY, ESSAY, [h])
    assert (r.status, r.start, r.end) == (h.status, h.position.start, h.position.end)


def test_a_quote_only_highlight_moved_directly_is_not_exact_on_other_words() -> None:
    h = Highlight("h1", "claim", Quote("# Building Class Power"))
    (r,) = reanchor(ESSAY, ESSAY + "\nMore.", [h])
    assert r.status != "exact"
    assert r.text == "Building Class Power"


def test_a_copy_inside_a_longer_word_is_not_exact_after_a_move() -> None:
    old = "Hold your breath. Count to ten and let it go.\nThe end of the drill."
    new = "Hold and breathe. Count to ten and let it go.\nThe end of the drill."
    start = old.index("breath")
    h = Highlight("h1", "claim", describe_selection(old, start, start + 6),
                  Position(start, start + 6))
    (r,) = reanchor(old, new, [h])
    assert r.status != "exact"
    if r.start is not None:
        assert r.text == "breathe"  # the whole word, for a person to judge


def test_a_range_the_person_cut_inside_a_word_stays_exact_when_untouched() -> None:
    old = "Unbelievable things happen.\nSome more text follows here."
    h = Highlight("h1", "claim", describe_selection(old, 2, 8), Position(2, 8))  # "believ"
    (r,) = reanchor(old, "A new first line.\n" + old, [h])
    assert (r.status, r.text) == ("exact", "believ")


def test_clean_span_leaves_out_the_tail_of_the_previous_paragraph() -> None:
    text = "It ended in failure.\nThe river ran fast under the old bridge."
    start = text.index("failure")
    end = text.index(" under")
    assert clean_span(text, start, end, "The river ran quickly") == (
        text.index("The river"), end)


def test_clean_span_keeps_a_paragraph_split_inside_the_passage() -> None:
    text = "Intro here.\nThe first half of the passage.\nThe second half of it.\nOutro."
    target = "The first half of the passage. The second half of it."
    start, end = text.index("The first"), text.index("\nOutro")
    assert clean_span(text, start, end, target) == (start, end)


def test_clean_span_snaps_to_whole_words() -> None:
    text = "we want something more fidelity-minded than this"
    start = text.index("something")
    end = text.index("fid") + 3  # "...more fid"
    s, e = clean_span(text, start, end, "something more faithful")
    assert text[s:e] in ("something more fidelity", "something more")
    s, e = clean_span(text, start + 2, end, "something more faithful")  # "mething more fid"
    assert text[s].isspace() is False and (s == 0 or text[s - 1] == " ")


WORDS = "the mill river town bell weavers work hours strike committee museum square".split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(4, 9))]
    return " ".join(words).capitalize() + "."


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_moved_spans_are_whole_words_and_exact_means_the_same_words(seed: int) -> None:
    """On random revisions of a repetitive text: every fuzzy or review span starts and ends on
    word boundaries, and every exact result shows the highlighted words themselves."""
    rng = random.Random(seed)
    paragraphs = [" ".join(_sentence(rng) for _ in range(3)) for _ in range(6)]
    old = "\n".join(paragraphs)
    words = old.split(" ")
    for _ in range(8):  # substitute, delete and insert words
        i = rng.randrange(len(words))
        op = rng.random()
        if op < 0.4:
            words[i] = rng.choice(WORDS)
        elif op < 0.7 and "\n" not in words[i]:
            del words[i]
        else:
            words.insert(i, rng.choice(WORDS))
    new = " ".join(words)
    highlights = []
    starts = [i + 1 for i, c in enumerate(old) if c in " \n"]
    for n in range(10):
        a = rng.choice(starts)
        b = min(len(old), a + rng.randint(8, 40))
        while b < len(old) and old[b].isalpha():
            b += 1
        highlights.append(Highlight(f"h{n}", "claim", describe_selection(old, a, b),
                                    Position(a, b)))
    for h, r in zip(highlights, reanchor(old, new, highlights), strict=True):
        if r.start is None:
            assert r.status == "orphan"
            continue
        assert new[r.start : r.end] == r.text
        if r.status == "exact":
            assert same_words(r.text, h.quote.exact)
        else:
            assert not cuts_word(new, r.start, r.end), (r, h.quote.exact)
            assert not r.text[:1].isspace() and not r.text[-1:].isspace()


def test_a_sentence_moved_into_the_next_list_item_is_proposed_on_itself() -> None:
    """From GitHub's sensitive-data policy (tests/data/anchoring/real-revisions/22-...): the
    highlighted sentence moved into the next item, and the text between its old surroundings is
    that whole item, three times longer. The review shows the rewritten sentence, not the item."""
    old = (
        "Entire files or repositories that do not pose a specific security risk, but you believe"
        " are otherwise objectionable. This process is not generally intended for the removal of"
        " copyrightable content, such as full files or repositories - only for the specific"
        " pieces of Sensitive Data in those files.\nContent governed by our guidelines.")
    new = (
        "Entire files or repositories that do not pose a specific security risk, but you believe"
        " are otherwise objectionable.\nRequests to remove content that may infringe your or"
        " your organization's copyright rights. If you have questions about how GitHub handles"
        " copyright-related matters or would like to report potentially infringing content,"
        " please review our DMCA Takedown Policy. The private information removal process is"
        " generally not intended for the removal of full files or repositories - only for the"
        " specific pieces of private information in those files.\nContent governed by our"
        " guidelines.")
    exact = ("This process is not generally intended for the removal of copyrightable content,"
             " such as full files or repositories")
    start = old.index(exact)
    h = Highlight("h1", "claim", describe_selection(old, start, start + len(exact)),
                  Position(start, start + len(exact)))
    (r,) = reanchor(old, new, [h])
    assert r.status == "review"
    assert "Requests to remove" not in r.text
    assert r.text.endswith("generally not intended for the removal of full files or repositories")
