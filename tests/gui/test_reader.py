"""The reader as a facilitator uses it: numbers, clicks on highlights, keyboard selection."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QContextMenuEvent, QHelpEvent  # noqa: E402
from PySide6.QtWidgets import QMenu  # noqa: E402

from reading_guide.gui.reader.view import HighlightPaint, ReaderView, snap_to_words  # noqa: E402
from reading_guide.render import Block, Document, Span  # noqa: E402


def sample_document() -> Document:
    return Document.from_blocks([
        Block("heading", "On Reading Slowly", level=1),
        Block("paragraph", "Reading is not a race. When a group meets to talk about an essay, "
              "the best conversations start from one sentence.", spans=(Span(0, 7, "em"),)),
        Block("heading", "Kinds of question", level=2),
        Block("item", "Factual questions check what the text says.", label="1."),
        Block("item", "Interpretive questions ask what it means 😀 to us.", label="2."),
        Block("quote", "A good question is one the asker cannot answer alone."),
        Block("paragraph", "After the quote 🎉 the essay goes on: café, naïve, 人は読む."),
    ])


@pytest.fixture
def reader(qtbot) -> ReaderView:
    view = ReaderView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.set_document(sample_document())
    view.show()
    qtbot.waitExposed(view)
    return view


def qt_text(view: ReaderView) -> str:
    return view.editor.toPlainText()


def test_qt_text_is_the_reading_text(reader: ReaderView) -> None:
    # Qt's plain text is the reading text; block for block, so positions line up.
    assert qt_text(reader) == reader.document().text
    assert reader.editor.document().blockCount() == len(reader.document().blocks)


def test_gutter_numbers_match_block_numbers(reader: ReaderView) -> None:
    doc = reader.document()
    shown = reader.gutter.visible_numbers()
    assert shown, "no paragraph numbers painted"
    expected = [(i, b.number) for i, b in enumerate(doc.blocks) if b.number is not None]
    assert [(i, n) for i, n, _y in shown] == expected
    # Each number sits level with its own block's first line, not a neighbour's.
    for i, _n, y in shown:
        cursor = reader.editor.cursorForPosition(QPoint(20, int(y) - 3))
        assert cursor.block().blockNumber() == i


def test_clicking_a_highlight_emits_its_id(reader: ReaderView, qtbot) -> None:
    text = reader.document().text
    outer_start = text.index("When a group")
    outer = (outer_start, text.index("one sentence") + len("one sentence"))
    inner = (text.index("best"), text.index("best") + len("best conversations"))
    reader.set_highlights([
        HighlightPaint("outer", *outer, "#f2c94c", "underline"),
        HighlightPaint("inner", *inner, "#56ccf2", "wavy"),
    ])
    for offset, expected in ((outer_start + 3, "outer"), (inner[0] + 2, "inner")):
        point = reader.offset_rect(offset).center()
        with qtbot.waitSignal(reader.highlightClicked, timeout=1000) as blocker:
            qtbot.mouseClick(reader.editor.viewport(), Qt.MouseButton.LeftButton, pos=point)
        assert blocker.args == [expected]


def test_clicking_plain_text_emits_nothing(reader: ReaderView, qtbot) -> None:
    text = reader.document().text
    reader.set_highlights([HighlightPaint("h", text.index("essay"), text.index("essay") + 5,
                                          "#f2c94c")])
    point = reader.offset_rect(text.index("race") + 1).center()
    with qtbot.assertNotEmitted(reader.highlightClicked):
        qtbot.mouseClick(reader.editor.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_keyboard_selection_snaps_to_words(reader: ReaderView, qtbot) -> None:
    text = reader.document().text
    start = text.index("a race")
    reader.select_range(start, start)
    reader.editor.setFocus()
    for _ in range(4):
        qtbot.keyClick(reader.editor, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    raw = reader.selection_range(snap=False)
    assert raw == (start, start + 4)
    assert text[slice(*raw)] == "a ra"
    snapped = reader.selection_range()
    assert snapped is not None
    assert text[slice(*snapped)] == "a race"


def test_selection_over_an_emoji_counts_code_points(reader: ReaderView, qtbot) -> None:
    text = reader.document().text
    start = text.index("means")
    reader.select_range(start, start)
    reader.editor.setFocus()
    for _ in range(len("means 😀 to")):
        qtbot.keyClick(reader.editor, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    rng = reader.selection_range()
    assert rng is not None
    assert text[slice(*rng)] == "means 😀 to"
    assert reader.cursor_offset() == rng[1]


def test_paragraph_at_cursor_follows_the_cursor(reader: ReaderView) -> None:
    text = reader.document().text
    reader.select_range(text.index("Interpretive"), text.index("Interpretive"))
    assert reader.paragraph_at_cursor() == 3
    reader.select_range(0, 0)  # heading: the next paragraph's number
    assert reader.paragraph_at_cursor() == 1


def test_cursor_moved_reports_code_points(reader: ReaderView, qtbot) -> None:
    text = reader.document().text
    after_emoji = text.index("🎉") + 1
    with qtbot.waitSignal(reader.cursorMoved, timeout=1000) as blocker:
        reader.select_range(after_emoji, after_emoji)
    assert blocker.args == [after_emoji]


def test_context_menu_can_be_extended(reader: ReaderView) -> None:
    seen: list[list[str]] = []

    def add_action(menu: QMenu) -> None:
        menu.addAction("Highlight as Key claim")
        seen.append([a.text() for a in menu.actions()])
        # exec() would block the test: close the popup once it is up.
        QTimer.singleShot(0, menu.close)

    reader.contextMenuAboutToShow.connect(add_action)
    point = reader.offset_rect(5).center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point,
                              reader.editor.viewport().mapToGlobal(point))
    reader.editor.contextMenuEvent(event)
    assert len(seen) == 1
    assert "Highlight as Key claim" in seen[0]
    assert any("Copy" in t for t in seen[0])  # the standard actions stay


def test_tooltip_provider_is_asked_for_the_hovered_highlight(reader: ReaderView) -> None:
    text = reader.document().text
    start = text.index("good question")
    reader.set_highlights([HighlightPaint("q", start, start + 13, "#6fcf97", "box")])
    asked: list[str] = []
    reader.set_tooltip_provider(lambda hid: asked.append(hid) or "What makes it good?")
    point = reader.offset_rect(start + 3).center()
    event = QHelpEvent(QEvent.Type.ToolTip, point, reader.editor.viewport().mapToGlobal(point))
    reader.editor.viewportEvent(event)
    assert asked == ["q"]


@pytest.mark.parametrize(
    ("text", "raw", "expected"),
    [
        ("the best conversations", (5, 9), "best"),  # "est " -> trimmed, widened
        ("the best conversations", (3, 8), "best"),  # leading space trimmed
        ("l'homme est là", (2, 5), "l'homme"),  # apostrophe inside a word
        ("a   ", (1, 4), None),  # only white space
        ("café au lait", (2, 3), "café"),
    ],
)
def test_snap_to_words(text: str, raw: tuple[int, int], expected: str | None) -> None:
    snapped = snap_to_words(text, *raw)
    assert (text[slice(*snapped)] if snapped else None) == expected


def test_no_document_shows_an_empty_page(reader: ReaderView) -> None:
    reader.set_document(None)
    assert reader.editor.toPlainText() == ""
    assert reader.selection_range() is None
    assert reader.paragraph_at_cursor() is None
    reader.show_find()
    reader.find_bar.edit.setText("anything")
    assert reader.find_bar.match_count() == 0


def test_enter_on_a_highlight_selects_it_like_a_click(reader: ReaderView, qtbot) -> None:
    text = reader.document().text
    start = text.index("Factual")
    reader.set_highlights([HighlightPaint("f", start, start + 7, "#f2c94c")])
    reader.select_range(start + 2, start + 2)
    reader.editor.setFocus()
    with qtbot.waitSignal(reader.highlightClicked, timeout=1000) as blocker:
        qtbot.keyClick(reader.editor, Qt.Key.Key_Return)
    assert blocker.args == ["f"]


def test_pointer_shows_a_hand_over_highlights(reader: ReaderView, qtbot) -> None:
    text = reader.document().text
    start = text.index("Factual")
    reader.set_highlights([HighlightPaint("f", start, start + 7, "#f2c94c")])
    viewport = reader.editor.viewport()
    qtbot.mouseMove(viewport, reader.offset_rect(start + 3).center())
    qtbot.waitUntil(lambda: viewport.cursor().shape() == Qt.CursorShape.PointingHandCursor,
                    timeout=1000)
    qtbot.mouseMove(viewport, reader.offset_rect(text.index("race") + 1).center())
    qtbot.waitUntil(lambda: viewport.cursor().shape() == Qt.CursorShape.IBeamCursor,
                    timeout=1000)


def test_selection_changed_is_emitted(reader: ReaderView, qtbot) -> None:
    with qtbot.waitSignal(reader.selectionChanged, timeout=1000):
        reader.select_range(3, 9)
    assert reader.selection_range(snap=False) == (3, 9)


def test_jump_far_right_after_opening_lands(qtbot) -> None:
    # Qt lays out a long document lazily; a jump before it finishes must still arrive.
    blocks = [Block("paragraph", f"Paragraph {i}: " + "words of the essay " * 12)
              for i in range(3000)]
    doc = Document.from_blocks(blocks)
    view = ReaderView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    qtbot.waitExposed(view)
    view.set_document(doc)
    target = doc.blocks[2990].start
    view.scroll_to(target)  # what the guide panel does when a highlight is chosen
    rect = view.offset_rect(target)
    assert 0 <= rect.top() and rect.bottom() <= view.editor.viewport().height()
    assert view.gutter.visible_numbers()[0][1] > 2900


def test_clicking_beside_a_highlighted_line_end_picks_nothing(reader: ReaderView, qtbot) -> None:
    long = " ".join(["A long paragraph that wraps over several lines of the reader."] * 6)
    reader.set_document(Document.from_blocks([Block("paragraph", long)]))
    reader.set_highlights([HighlightPaint("all", 0, len(long), "#f2c94c")])
    # The last character of the first line (a wrap point inside the highlight).
    line_end = next(i for i in range(1, len(long))
                    if reader.offset_rect(i + 1).top() != reader.offset_rect(0).top())
    viewport = reader.editor.viewport()
    end_rect = reader.offset_rect(line_end)
    right_of_text = QPoint(viewport.width() - 3, end_rect.center().y())  # in the right margin
    assert right_of_text.x() > end_rect.right() + 10
    with qtbot.assertNotEmitted(reader.highlightClicked):
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=right_of_text)
    with qtbot.waitSignal(reader.highlightClicked, timeout=1000):
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton,
                         pos=reader.offset_rect(line_end - 3).center())


def test_dragging_over_part_of_words_selects_whole_words(reader: ReaderView, qtbot) -> None:
    text = reader.document().text
    a = text.index("group meets") + 2  # inside "group"
    b = text.index("talk") + 2  # inside "talk"
    viewport = reader.editor.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=reader.offset_rect(a).center())
    qtbot.mouseMove(viewport, reader.offset_rect(b).center())
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=reader.offset_rect(b).center())
    raw = reader.selection_range(snap=False)
    assert raw is not None
    assert text[slice(*raw)] == "group meets to talk"  # the visible selection snapped
    assert reader.selection_range() == raw
