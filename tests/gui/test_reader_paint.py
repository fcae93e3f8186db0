"""What the reader paints: highlight fills exactly over their words, the index behind them."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from PySide6.QtCore import QRect  # noqa: E402
from PySide6.QtGui import QColor, QImage, QPalette, QTextCursor  # noqa: E402

from reading_guide.gui.reader.highlighter import HighlightIndex, fill_color  # noqa: E402
from reading_guide.gui.reader.textmap import TextMap  # noqa: E402
from reading_guide.gui.reader.view import HighlightPaint, ReaderView  # noqa: E402
from reading_guide.render import Block, Document  # noqa: E402

YELLOW = "#f2c94c"


@pytest.fixture
def reader(qtbot) -> ReaderView:
    view = ReaderView()
    qtbot.addWidget(view)
    view.resize(800, 500)
    view.set_document(Document.from_blocks([
        Block("heading", "Paint"),
        Block("paragraph", "Emoji 😀🎉👩‍👩‍👧 then target words and more words after them."),
        Block("paragraph", "A second paragraph, plain."),
    ]))
    view.show()
    qtbot.waitExposed(view)
    return view


def expected_fill(view: ReaderView, color: str) -> QColor:
    """The highlight colour composited over the page, as the fill paints it."""
    base = view.editor.palette().color(QPalette.ColorRole.Base)
    c = fill_color(color, dark=base.lightnessF() < 0.5)
    a = c.alphaF()
    return QColor(*(round(getattr(c, ch)() * a + getattr(base, ch)() * (1 - a))
                    for ch in ("red", "green", "blue")))


def caret_rect(view: ReaderView, offset: int) -> QRect:
    """Caret rectangle at a code-point offset, located by Qt alone (UTF-16 counted here)."""
    cursor = QTextCursor(view.editor.document())
    cursor.setPosition(len(view.document().text[:offset].encode("utf-16-le")) // 2)
    return view.editor.cursorRect(cursor)


def fill_pixels(image: QImage, view: ReaderView, start: int, end: int, color: QColor) -> int:
    """Pixels of `color` (within 3 per channel) in the line box of [start, end) (one line)."""
    left, right = caret_rect(view, start), caret_rect(view, end)
    assert left.top() == right.top(), "range must be on one line"
    count = 0
    for x in range(left.left() + 1, right.left() - 1):
        for y in range(left.top(), left.bottom()):
            px = image.pixelColor(x, y)
            if all(abs(getattr(px, ch)() - getattr(color, ch)()) <= 3
                   for ch in ("red", "green", "blue")):
                count += 1
    return count


def test_fill_lands_on_the_highlighted_words_after_astral_characters(reader: ReaderView) -> None:
    text = reader.document().text
    start = text.index("target")
    end = start + len("target words")
    reader.set_highlights([HighlightPaint("h", start, end, YELLOW, "underline")])
    image = reader.editor.viewport().grab().toImage()
    want = expected_fill(reader, YELLOW)
    inside = fill_pixels(image, reader, start, end, want)
    before = fill_pixels(image, reader, text.index("then"), text.index("then") + 4, want)
    after = fill_pixels(image, reader, end + 1, end + 4, want)  # "and"
    assert inside > 50
    assert before == 0
    assert after == 0


def test_clearing_highlights_clears_the_paint(reader: ReaderView) -> None:
    text = reader.document().text
    start = text.index("second")
    reader.set_highlights([HighlightPaint("h", start, start + 6, YELLOW)])
    want = expected_fill(reader, YELLOW)
    assert fill_pixels(reader.editor.viewport().grab().toImage(), reader, start, start + 6,
                       want) > 0
    reader.set_highlights([])
    assert fill_pixels(reader.editor.viewport().grab().toImage(), reader, start, start + 6,
                       want) == 0


def test_out_of_range_highlights_are_ignored_not_fatal(reader: ReaderView) -> None:
    n = len(reader.document().text)
    reader.set_highlights([
        HighlightPaint("past-end", n - 2, n + 10, YELLOW),
        HighlightPaint("empty", 3, 3, YELLOW),
        HighlightPaint("ok", 0, 5, YELLOW),
    ])
    reader.set_current_highlight("past-end")
    reader.editor.viewport().grab()  # paints without error
    assert reader._index is not None and len(reader._index) == 1


def test_set_document_resets_highlights_and_find(reader: ReaderView) -> None:
    reader.set_highlights([HighlightPaint("h", 0, 5, YELLOW)])
    reader.set_current_highlight("h")
    reader.set_document(Document.from_blocks([Block("paragraph", "New text.")]))
    assert reader.editor.toPlainText() == "New text."
    assert reader._index is not None and len(reader._index) == 0
    assert reader.find_bar.match_count() == 0


def test_gutter_numbers_follow_scrolling(qtbot) -> None:
    blocks = []
    for i in range(120):
        if i % 10 == 0:
            blocks.append(Block("heading", f"Part {i // 10}"))
        blocks.append(Block("paragraph", f"Paragraph text number {i} " * 6))
    doc = Document.from_blocks(blocks)
    view = ReaderView()
    qtbot.addWidget(view)
    view.resize(700, 400)
    view.set_document(doc)
    view.show()
    qtbot.waitExposed(view)
    view.scroll_to(doc.blocks[70].start)
    shown = view.gutter.visible_numbers()
    assert shown and shown[0][0] > 0
    for index, number, _y in shown:
        assert doc.blocks[index].number == number
    assert {doc.blocks[i].number for i, _n, _y in shown} >= {doc.paragraph_at(
        doc.blocks[70].start)}


ITEMS = st.lists(
    st.tuples(st.integers(0, 200), st.integers(1, 60)), max_size=40
).map(lambda pairs: [HighlightPaint(f"h{i}", s, min(s + n, 220), YELLOW)
                     for i, (s, n) in enumerate(pairs)])


@given(items=ITEMS, a=st.integers(0, 230), n=st.integers(1, 50))
def test_index_overlap_query_matches_brute_force(items, a: int, n: int) -> None:
    index = HighlightIndex(items, TextMap("x" * 220))
    got = sorted(e.item.id for e in index.overlapping_qt(a, a + n))
    want = sorted(it.id for it in items if it.start < a + n and it.end > a)
    assert got == want


@given(items=ITEMS, cp=st.integers(0, 220))
def test_innermost_is_the_shortest_containing(items, cp: int) -> None:
    index = HighlightIndex(items, TextMap("x" * 220))
    containing = [it for it in items if it.start <= cp < it.end]
    got = index.innermost_at(cp)
    if not containing:
        assert got is None
    else:
        shortest = min(it.end - it.start for it in containing)
        chosen = next(it for it in items if it.id == got)
        assert chosen in containing and chosen.end - chosen.start == shortest
