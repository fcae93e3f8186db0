"""parse(): the blocks and reading text every position in a guide counts in."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from reading_guide.render import Document, Span, parse
from reading_guide.render.display import shown
from reading_guide.render.markdown import _fold


def kinds(doc: Document) -> list[tuple[str, int, str, str]]:
    return [(b.kind, b.level, b.label, b.text) for b in doc.blocks]


def test_headings_keep_their_level_and_are_not_numbered() -> None:
    doc = parse("# One\n\nText here.\n\n### Three\n\nMore text.\n")
    assert kinds(doc) == [
        ("heading", 1, "", "One"),
        ("paragraph", 1, "", "Text here."),
        ("heading", 3, "", "Three"),
        ("paragraph", 1, "", "More text."),
    ]
    assert [b.number for b in doc.blocks] == [None, 1, None, 2]
    assert doc.text == "One\nText here.\nThree\nMore text."
    assert (doc.paragraphs, doc.headings) == (2, 2)


def test_emphasis_strong_and_code_spans_point_at_their_words() -> None:
    doc = parse("A *very* **bold** and `code()` claim.")
    block = doc.blocks[0]
    assert block.text == "A very bold and code() claim."
    found = {(s.kind, block.text[s.start:s.end]) for s in block.spans}
    assert found == {("em", "very"), ("strong", "bold"), ("code", "code()")}


def test_nested_emphasis_offsets_survive_folded_white_space() -> None:
    doc = parse("  Start   of\nline ***both*** end  ")
    block = doc.blocks[0]
    assert block.text == "Start of line both end"
    assert {(s.kind, block.text[s.start:s.end]) for s in block.spans} == {
        ("em", "both"), ("strong", "both")
    }


def test_links_keep_only_web_and_mail_targets() -> None:
    doc = parse(
        "[web](https://example.org) [mail](mailto:a@b.org) [rel](page.html) "
        "[js](javascript:alert(1)) [file](file:///etc/passwd)"
    )
    block = doc.blocks[0]
    links = [(block.text[s.start:s.end], s.href) for s in block.spans if s.kind == "link"]
    assert links == [("web", "https://example.org"), ("mail", "mailto:a@b.org")]
    assert "rel" in block.text and "file" in block.text


def test_images_become_their_alt_text() -> None:
    doc = parse("See ![a *small* chart](chart.png) here.")
    assert doc.blocks[0].text == "See a small chart here."
    assert doc.blocks[0].spans == ()


def test_raw_html_is_shown_as_text_never_as_markup() -> None:
    doc = parse("<script>alert(1)</script>\n\nA <b>bold</b> claim.\n")
    assert doc.text == "<script>alert(1)</script>\nA <b>bold</b> claim."
    assert all(not b.spans for b in doc.blocks)


def test_nested_block_quotes_give_one_quote_block_per_paragraph_with_depth() -> None:
    doc = parse("> outer one\n>\n> outer two\n>\n> > inner\n\nafter\n")
    assert kinds(doc) == [
        ("quote", 1, "", "outer one"),
        ("quote", 1, "", "outer two"),
        ("quote", 2, "", "inner"),
        ("paragraph", 1, "", "after"),
    ]
    assert [b.number for b in doc.blocks] == [1, 2, 3, 4]


def test_list_items_carry_labels_and_depth() -> None:
    doc = parse("1. first\n2. second\n   - sub a\n   - sub b\n\n- loose\n\n  second para\n")
    assert kinds(doc) == [
        ("item", 1, "1.", "first"),
        ("item", 1, "2.", "second"),
        ("item", 2, "•", "sub a"),
        ("item", 2, "•", "sub b"),
        ("item", 1, "•", "loose"),
        ("item", 1, "", "second para"),
    ]


def test_ordered_list_start_number_is_the_label() -> None:
    doc = parse("7. seven\n8. eight\n")
    assert [b.label for b in doc.blocks] == ["7.", "8."]


def test_code_blocks_keep_their_lines_and_spaces() -> None:
    doc = parse("```\nprint('x')\n  y = 1   \n\n```\n\n    indented   code\n\n"
                "```\na\n\n\n\tb\n```\n")
    # The reading text folds code like any block; its lines, blank lines and spaces are
    # display data beside it, and shown.
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("code", "print('x') y = 1"), ("code", "indented code"), ("code", "a b")]
    assert [shown(b).text for b in doc.blocks] == [
        "print('x')\u2028  y = 1", "indented   code", "a\u2028\u2028    b"]
    assert [(b.breaks, b.gaps, b.pads) for b in doc.blocks] == [
        ((10,), (), ((11, 2),)), ((), (), ((9, 2),)), ((1,), (1,), ((2, 4),))]


def test_hard_breaks_stay_line_breaks_soft_ones_spaces_and_empty_blocks_are_dropped() -> None:
    doc = parse("one\ntwo  \nthree\\\nfour\n\n#\n\n>\n\n- \n\n***\n\nlast\n")
    assert doc.text == "one two three four\nlast"
    assert doc.blocks[0].kind == "verse" and doc.blocks[0].breaks == (7, 13)
    assert shown(doc.blocks[0]).text == "one two\u2028three\u2028four"


def test_a_line_separator_typed_in_the_text_is_white_space_not_a_break() -> None:
    assert parse("a\u2028b and\u2029c").text == "a b and c"


def test_text_is_nfc_normalised() -> None:
    decomposed = "Cafe\u0301 *na\u0131\u0308ve*"
    doc = parse(decomposed)
    text = doc.blocks[0].text
    assert text == unicodedata.normalize("NFC", "Cafe\u0301 na\u0131\u0308ve")
    assert text.startswith("Café")
    assert unicodedata.is_normalized("NFC", doc.text)


def test_astral_characters_count_as_one_code_point() -> None:
    doc = parse("😀😀 *x* 𝒜")
    block = doc.blocks[0]
    assert block.text == "😀😀 x 𝒜"
    assert block.spans == (Span(3, 4, "em"),)
    assert len(doc.text) == 6  # not 9 as UTF-16 would count


def test_entities_are_decoded() -> None:
    assert parse("Fish &amp; chips &copy; &#x1F600;").text == "Fish & chips © 😀"


def test_block_offsets_index_the_reading_text() -> None:
    doc = parse("# Head\n\nPara *one*.\n\n> quoted\n")
    for block in doc.blocks:
        assert doc.text[block.start:block.end] == block.text


# --- span offsets after folding: the fast one-pass fold against a plain piece-by-piece one ---


def _reference_fold(pieces: list) -> tuple[str, tuple[Span, ...]]:
    """Fold each piece on its own, dropping a space after a space; marks at the running length."""
    out, length, after_space, opened, spans = [], 0, True, [], []
    for piece in pieces:
        if isinstance(piece, tuple):
            action, kind, href = piece
            if action == "open":
                opened.append((kind, href, length))
            else:
                for j in range(len(opened) - 1, -1, -1):
                    if opened[j][0] == kind:
                        k, h, start = opened.pop(j)
                        if k != "link" or h:
                            spans.append((start, length, k, h))
                        break
            continue
        text = re.sub(r"\s+", " ", piece)
        if after_space and text.startswith(" "):
            text = text[1:]
        if not text:
            continue
        out.append(text)
        length += len(text)
        after_space = text.endswith(" ")
    joined = "".join(out)
    if joined.endswith(" "):
        joined = joined[:-1]
    n = len(joined)
    clamped = [Span(min(s, n), min(e, n), k, h) for s, e, k, h in spans]
    result = sorted((s for s in clamped if s.end > s.start), key=lambda s: (s.start, -s.end))
    return joined, tuple(result)


_texts = st.text(alphabet=" \n\t\u00a0ab😀é", max_size=6)
_marks = st.sampled_from([
    ("open", "em", ""), ("close", "em", ""), ("open", "strong", ""), ("close", "strong", ""),
    ("open", "link", "https://x.org"), ("close", "link", ""),
])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_texts, _marks), max_size=12))
def test_fast_fold_matches_piece_by_piece_fold(pieces: list) -> None:
    assert _fold(pieces)[:2] == _reference_fold(pieces)
