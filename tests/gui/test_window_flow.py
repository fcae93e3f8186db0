"""The whole flow as a facilitator does it: open an essay, select, highlight, ask, type, undo,
redo, save, reopen and find everything in place."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reading_guide.storage import load_guide
from tests.gui.app_support import ESSAY, make_window, press, select_with_mouse, type_text

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
PASSAGE = "A lighthouse does not guide ships home."
SECOND = "care is mostly repetition, and repetition is mostly unseen"


def test_open_highlight_ask_undo_redo_save_reopen(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    prompts = window.shell.prompts
    assert window.shell.files.open_path(ESSAY)
    # A new guide from the essay, with the clean-up report showing until dismissed.
    assert window.reader.repairs.isVisible()
    assert "joined" in window.reader.repairs.title.text()
    qtbot.mouseClick(window.reader.repairs.close_button, Qt.MouseButton.LeftButton)
    assert not window.reader.repairs.isVisible()
    text = window.shell.session.document.text

    # Select a passage with the mouse, ending inside its last word: the selection snaps to it.
    start = text.index(PASSAGE)
    select_with_mouse(qtbot, window, start, start + len(PASSAGE) - 3)
    assert window.reader.view.selection_range() == (start, start + len(PASSAGE) - 1)  # no final "."
    assert window.reader.words_label.text().startswith("7 of ")

    # Ctrl+1 highlights it in the first category.
    window.reader.view.setFocus()
    press(qtbot, window, Qt.Key.Key_1, CTRL)
    guide = window.shell.session.guide
    assert len(guide.highlights) == 1
    h1 = guide.highlights[0]
    assert h1.category == guide.categories[0].id
    assert text[h1.position.start:h1.position.end] == h1.quote.exact == PASSAGE[:-1]
    assert window.guide.panel.current() == ("highlight", h1.id)
    assert window.shell.isWindowModified()
    # The selection became the highlight: pressing the key again adds nothing.
    assert window.reader.view.selection_range() is None
    press(qtbot, window, Qt.Key.Key_1, CTRL)
    assert len(guide.highlights) == 1

    # "Ask about this passage" on a second selection: highlight + question, cursor in the text.
    second = text.index(SECOND)
    window.reader.view.select_range(second, second + len(SECOND))
    window.reader.view.setFocus()
    press(qtbot, window, Qt.Key.Key_A, CTRL | SHIFT)
    assert len(guide.highlights) == 2 and len(guide.questions) == 1
    question = guide.questions[0]
    assert question.highlight == guide.highlights[1].id
    assert QApplication.focusWidget() is window.guide.editors.question.text
    qtbot.keyClicks(QApplication.focusWidget(), "Is care ")
    type_text(QApplication.focusWidget(), "“unseen”")
    qtbot.keyClicks(QApplication.focusWidget(), " work?")
    assert question.text == "Is care “unseen” work?"
    assert window.guide.panel.tree.currentItem().text(0).endswith("Is care “unseen” work?")

    # Undo: the typing is one step, then the ask, then the highlight; redo brings all back.
    press(qtbot, window, Qt.Key.Key_Z, CTRL)  # focus is still in the question text
    assert question.text == ""
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert len(guide.highlights) == 1 and guide.questions == []
    window.shell.act_undo.trigger()
    assert guide.highlights == [] and not window.shell.session.undo_stack.canUndo()
    for _ in range(3):
        window.shell.act_redo.trigger()
    assert [h.quote.exact for h in guide.highlights] == [PASSAGE[:-1], SECOND]
    assert guide.questions[0].text == "Is care “unseen” work?"

    # Save (the guide is new: Save asks where), then reopen in a fresh window.
    target = tmp_path / "lighthouse.guide.yaml"
    prompts.next_save = str(target)
    window.shell.setFocus()
    press(qtbot, window, Qt.Key.Key_S, CTRL)
    assert target.is_file()
    assert not window.shell.isWindowModified()
    assert window.shell.windowTitle().startswith("lighthouse.guide.yaml")
    assert prompts.errors == []

    (tmp_path / "second").mkdir()
    other = make_window(qtbot, tmp_path / "second")
    assert other.shell.files.open_path(target)
    again = other.shell.session.guide
    assert [(h.id, h.category, h.position.start, h.position.end) for h in again.highlights] == [
        (h.id, h.category, h.position.start, h.position.end) for h in guide.highlights
    ]
    assert [(q.id, q.text, q.highlight) for q in again.questions] == [
        (q.id, q.text, q.highlight) for q in guide.questions
    ]
    assert load_guide(target) == again
    assert not other.shell.isWindowModified()
    assert not other.reader.repairs.isVisible()  # only an imported essay has a clean-up report


def test_status_bar_shows_paragraph_and_words(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.shell.files.open_path(ESSAY)
    doc = window.shell.session.document
    offset = doc.text.index("Some keepers kept diaries")
    window.reader.view.select_range(offset, offset + len("Some keepers kept diaries"))
    assert window.reader.para_label.text() == f"¶ {doc.paragraph_at(offset)}"
    assert window.reader.words_label.text() == f"4 of {doc.words:,} words selected"


def test_clicking_a_highlight_selects_it_and_its_questions(qtbot, tmp_path: Path) -> None:
    from tests.gui.app_support import click_at_offset

    window = make_window(qtbot, tmp_path)
    window.shell.files.open_path(ESSAY)
    text = window.shell.session.document.text
    start = text.index(SECOND)
    window.reader.view.select_range(start, start + len(SECOND))
    window.guide.act_ask.trigger()
    qid = window.shell.session.guide.questions[0].id
    hid = window.shell.session.guide.highlights[0].id
    window.shell.selection.select("", "")
    click_at_offset(qtbot, window, start + 5)
    assert window.guide.panel.current() == ("highlight", hid)
    assert window.guide.editors.currentWidget() is window.guide.editors.highlight
    # Hovering shows the passage's questions.
    window.shell.session.guide.questions[0].text = "Why repetition?"
    from reading_guide.gui.reader.feature import tooltip_for

    assert "Why repetition?" in tooltip_for(window.shell.session.guide, hid)
    assert qid in {q.id for q in window.shell.session.guide.questions_for(hid)}


def test_keyboard_selection_and_context_menu_actions(qtbot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QMenu

    window = make_window(qtbot, tmp_path)
    window.shell.files.open_path(ESSAY)
    editor = window.reader.view.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.Start)
    press(qtbot, window, Qt.Key.Key_Down)  # into ¶1
    for _ in range(3):
        press(qtbot, window, Qt.Key.Key_Right, CTRL | SHIFT)
    span = window.reader.view.selection_range()
    assert span is not None
    menu = QMenu()
    window.reader.view.contextMenuAboutToShow.emit(menu)
    labels = [a.text() for a in menu.actions()]
    assert "&Ask About This Passage" in labels
    sub = next(a.menu() for a in menu.actions() if a.menu() is not None)
    sub.actions()[1].trigger()  # "Highlight As" > second category
    h = window.shell.session.guide.highlights[0]
    assert (h.position.start, h.position.end) == span
    assert h.category == window.shell.session.guide.categories[1].id


def test_standard_shortcuts_are_the_platform_ones(qtbot, tmp_path: Path) -> None:
    from PySide6.QtGui import QKeySequence

    window = make_window(qtbot, tmp_path)
    sk = QKeySequence.StandardKey
    shell = window.shell
    table = {
        shell.act_new: sk.New, shell.act_open: sk.Open, shell.act_save: sk.Save,
        shell.act_save_as: sk.SaveAs, shell.act_close: sk.Close, shell.act_undo: sk.Undo,
        shell.act_redo: sk.Redo, window.reader.act_find: sk.Find,
        window.export.act_export: sk.Print, shell.act_quit: sk.Quit,
    }
    for action, key in table.items():
        expected = QKeySequence.keyBindings(key)
        if expected:  # some platforms have no binding for a key (SaveAs on Windows)
            assert action.shortcuts() == expected, action.text()


def test_find_and_keyboard_navigation_from_the_panel(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.shell.files.open_path(ESSAY)
    press(qtbot, window, Qt.Key.Key_F, CTRL)
    assert window.reader.view.find_bar.isVisible()
    text = window.shell.session.document.text
    start = text.index(SECOND)
    window.reader.view.select_range(start, start + len(SECOND))
    window.guide.act_ask.trigger()
    window.guide.panel.tree.setFocus()
    press(qtbot, window, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is window.guide.editors.question.text
    press(qtbot, window, Qt.Key.Key_Escape)  # done: back to the essay
    assert QApplication.focusWidget() is window.reader.view.editor


def test_menu_dialogs_open_modally_and_are_gone_after(qtbot, tmp_path: Path) -> None:
    from PySide6.QtCore import QEvent, QTimer
    from PySide6.QtWidgets import QDialog

    window = make_window(qtbot, tmp_path)
    window.shell.files.open_path(ESSAY)
    seen = []
    for action in (window.guide.act_categories, window.guide.act_details, window.export.act_export):
        def close_it(tries: int = 250) -> None:
            # Polled, not after a fixed delay: on a loaded machine the dialog is still being
            # built when a 50 ms timer fires, and nothing would ever close it.
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, QDialog):
                if tries:
                    QTimer.singleShot(20, lambda: close_it(tries - 1))
                return
            seen.append(dialog.objectName())
            dialog.reject()

        QTimer.singleShot(0, close_it)
        action.trigger()
    assert seen == ["categoriesDialog", "detailsDialog", "exportDialog"]
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog)]


def test_editors_are_made_on_first_selection_and_their_buttons_work(qtbot, tmp_path) -> None:
    """The Edit dock shows its hint until something is selected; editors made then still reach
    the window (delete from the question editor removes the question, one undo brings it back)."""
    window = make_window(qtbot, tmp_path)
    window.shell.files.open_path(ESSAY)
    assert window.guide.editors._question is None and window.guide.editors._highlight is None
    assert window.guide.editors.currentWidget() is window.guide.editors.empty
    text = window.shell.session.document.text
    start = text.index(SECOND)
    window.reader.view.select_range(start, start + len(SECOND))
    window.guide.act_ask.trigger()
    qid = window.shell.session.guide.questions[0].id
    assert window.guide.editors.currentWidget() is window.guide.editors.question
    assert window.guide.editors._highlight is None
    window.guide.editors.question.deleteRequested.emit(qid)
    assert window.shell.session.guide.questions == []
    window.shell.act_undo.trigger()
    assert [q.id for q in window.shell.session.guide.questions] == [qid]


def test_toolbar_icons_come_from_our_files_without_a_desktop_theme(qtbot, tmp_path) -> None:
    window = make_window(qtbot, tmp_path)
    shell = window.shell
    for action in (shell.act_open, shell.act_save, shell.act_undo, shell.act_redo,
                   window.export.act_export):
        pixmap = action.icon().pixmap(24, 24)
        assert not pixmap.isNull(), action.objectName()
        image = pixmap.toImage()
        assert any(image.pixelColor(x, y).alpha() > 0 for x in range(24) for y in range(24))
