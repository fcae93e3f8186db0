"""Find in the essay: incremental, case-insensitive, next/previous with wrap, count, Esc."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from reading_guide.gui.reader.view import ReaderView  # noqa: E402
from reading_guide.render import Block, Document  # noqa: E402

TEXTS = [
    ("heading", "Questions about questions"),
    ("paragraph", "A question 😀 opens a QUESTION; an answer closes it."),
    ("paragraph", "Nothing to find here."),
    ("quote", "Every question is a door. Questions are doors."),
]


@pytest.fixture
def reader(qtbot) -> ReaderView:
    view = ReaderView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.set_document(Document.from_blocks([Block(k, t) for k, t in TEXTS]))
    view.show()
    qtbot.waitExposed(view)
    return view


def expected_matches(text: str, query: str) -> list[int]:
    low, q = text.lower(), query.lower()
    out, i = [], low.find(q)
    while i >= 0:
        out.append(i)
        i = low.find(q, i + len(q))
    return out


def type_query(qtbot, reader: ReaderView, query: str) -> None:
    """Type as a user would, one key event per character.

    qtbot.keyClick aborts on non-ASCII text, so those characters go in as raw key events.
    """
    reader.show_find()
    edit = reader.find_bar.edit
    for ch in query:
        if ch.isascii():
            qtbot.keyClick(edit, ch)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                edit, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


def test_show_find_opens_and_focuses_the_bar(reader: ReaderView, qtbot) -> None:
    assert not reader.find_bar.isVisible()
    reader.show_find()
    assert reader.find_bar.isVisible()
    qtbot.waitUntil(lambda: reader.find_bar.edit.hasFocus(), timeout=1000)


def test_typing_finds_case_insensitively_and_counts(reader: ReaderView, qtbot) -> None:
    text = reader.document().text
    type_query(qtbot, reader, "question")
    starts = expected_matches(text, "question")
    bar = reader.find_bar
    assert [s for s, _e in bar.matches()] == starts
    assert bar.count_label.text() == f"1 of {len(starts)}"
    # The current match is selected in the reader, at its code-point offsets.
    assert reader.selection_range(snap=False) == (starts[0], starts[0] + len("question"))


def test_incremental_narrowing(reader: ReaderView, qtbot) -> None:
    type_query(qtbot, reader, "q")
    # A one-letter query waits for a pause in typing, then runs by itself.
    assert reader.find_bar.match_count() == 0
    qtbot.waitUntil(lambda: reader.find_bar.match_count() > 0, timeout=2000)
    many = reader.find_bar.match_count()
    for ch in "uestions":
        qtbot.keyClick(reader.find_bar.edit, ch)
    assert 0 < reader.find_bar.match_count() < many
    assert reader.find_bar.match_count() == len(
        expected_matches(reader.document().text, "questions"))


def test_next_and_previous_move_and_wrap(reader: ReaderView, qtbot) -> None:
    text = reader.document().text
    type_query(qtbot, reader, "question")
    starts = expected_matches(text, "question")
    bar = reader.find_bar
    edit = bar.edit
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert bar.current_index() == 1
    assert reader.selection_range(snap=False)[0] == starts[1]
    assert bar.count_label.text() == f"2 of {len(starts)}"
    qtbot.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.current_index() == 0
    qtbot.keyClick(edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.current_index() == len(starts) - 1  # wraps to the last
    qtbot.keyClick(edit, Qt.Key.Key_F3)
    assert bar.current_index() == 0  # and back to the first
    bar.next_button.click()
    assert bar.current_index() == 1
    bar.prev_button.click()
    assert bar.current_index() == 0


def test_offsets_after_an_emoji_are_code_points(reader: ReaderView, qtbot) -> None:
    text = reader.document().text
    type_query(qtbot, reader, "opens")
    start = text.index("opens")
    assert reader.find_bar.matches() == [(start, start + 5)]
    assert reader.editor.textCursor().selectedText() == "opens"


def test_no_match_says_so(reader: ReaderView, qtbot) -> None:
    type_query(qtbot, reader, "zebra")
    assert reader.find_bar.match_count() == 0
    assert reader.find_bar.count_label.text() == "No matches"
    qtbot.keyClick(reader.find_bar.edit, Qt.Key.Key_Return)  # nothing to move to; no error
    assert reader.find_bar.current_index() == -1


def test_escape_closes_and_clears_the_overlay(reader: ReaderView, qtbot) -> None:
    type_query(qtbot, reader, "door")
    assert reader._matches.starts  # matches are painted
    qtbot.keyClick(reader.find_bar.edit, Qt.Key.Key_Escape)
    assert not reader.find_bar.isVisible()
    assert reader._matches.starts == []


def test_search_starts_from_the_reading_position(reader: ReaderView, qtbot) -> None:
    text = reader.document().text
    here = text.index("Every")
    reader.select_range(here, here)
    type_query(qtbot, reader, "question")
    starts = expected_matches(text, "question")
    assert reader.find_bar.matches()[reader.find_bar.current_index()][0] == next(
        s for s in starts if s >= here)


def test_non_ascii_query(reader: ReaderView, qtbot) -> None:
    text = reader.document().text
    type_query(qtbot, reader, "😀 opens")
    assert [s for s, _ in reader.find_bar.matches()] == [text.index("😀")]


def test_f3_after_closing_brings_the_matches_back(reader: ReaderView, qtbot) -> None:
    type_query(qtbot, reader, "door")
    qtbot.keyClick(reader.find_bar.edit, Qt.Key.Key_Escape)
    assert not reader.find_bar.isVisible()
    reader.editor.setFocus()
    reader.find_bar.find_next()  # what F3 does
    assert reader.find_bar.isVisible()
    assert reader.find_bar.match_count() == len(
        expected_matches(reader.document().text, "door"))


def test_escape_in_the_text_closes_the_bar(reader: ReaderView, qtbot) -> None:
    type_query(qtbot, reader, "door")
    reader.editor.setFocus()
    qtbot.keyClick(reader.editor, Qt.Key.Key_Escape)
    assert not reader.find_bar.isVisible()


def test_enter_runs_a_waiting_short_query_at_once(reader: ReaderView, qtbot) -> None:
    type_query(qtbot, reader, "do")
    qtbot.keyClick(reader.find_bar.edit, Qt.Key.Key_Return)
    starts = expected_matches(reader.document().text, "do")
    assert reader.find_bar.match_count() == len(starts)
    assert reader.find_bar.current_index() == 1  # searched, then moved to the next match
