"""Issue 17.1: every action can be found: a general question from the menu, the tree's + and
its right-click menu, and the plan's button; labels that say what the action will do; every
shortcut listed in Help ▸ Keyboard Shortcuts (read from the actions); the bundled user guide;
Delete on a highlight in the essay."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication, QMenu

from reading_guide.gui.core.manual import ManualBrowser, manual_folder, manual_html
from reading_guide.gui.core.shell import Menu
from reading_guide.gui.core.shortcuts import keys_of, plain_action_text
from tests.gui.app_support import ESSAY, make_window, press

PASSAGE = "A lighthouse does not guide ships home."


def _open(qtbot, tmp_path: Path):
    window = make_window(qtbot, tmp_path)
    assert window.shell.files.open_path(ESSAY)
    return window


def _general(window) -> list:
    return [q for q in window.shell.session.guide.questions if q.highlight is None]


def test_new_general_question_from_the_guide_menu_even_with_a_passage_selected(
        qtbot, tmp_path: Path) -> None:
    window = _open(qtbot, tmp_path)
    text = window.shell.session.document.text
    start = text.index(PASSAGE)
    window.reader.view.select_range(start, start + len(PASSAGE))
    guide_menu = window.shell.menu(Menu.GUIDE)
    action = window.guide.act_general
    assert action in guide_menu.actions()
    assert action.shortcut().toString() == "Ctrl+Shift+G"
    action.trigger()
    assert len(_general(window)) == 1 and not window.shell.session.guide.highlights
    assert QApplication.focusWidget() is window.guide.editors.question.text
    window.shell.session.undo_stack.undo()
    assert not window.shell.session.guide.questions


def test_plus_on_the_general_group_and_its_context_menu(qtbot, tmp_path: Path) -> None:
    window = _open(qtbot, tmp_path)
    panel = window.guide.panel
    assert panel.add_general is not None and panel.add_general.isVisible()
    qtbot.mouseClick(panel.add_general, Qt.MouseButton.LeftButton)
    assert len(_general(window)) == 1
    assert window.guide.panel.current() == ("question", _general(window)[0].id)
    menu = QMenu()
    panel.contextMenuAboutToShow.emit(menu, "general")
    assert window.guide.act_general in menu.actions()
    menu = QMenu()
    panel.contextMenuAboutToShow.emit(menu, "question")
    texts = [plain_action_text(a) for a in menu.actions() if not a.isSeparator()]
    assert texts == ["Ask a General Question", "Move Question Earlier", "Move Question Later",
                     "Delete Question"]


def test_the_plan_has_an_add_button(qtbot, tmp_path: Path) -> None:
    window = _open(qtbot, tmp_path)
    window.plan.show()
    button = window.plan.plan.findChild(type(window.guide.panel.add_general), "planAddQuestion")
    assert button is not None and button.defaultAction() is window.guide.act_general
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(_general(window)) == 1
    assert window.plan.plan.tree.current_question() == _general(window)[0].id


def test_ask_and_delete_labels_follow_the_context(qtbot, tmp_path: Path) -> None:
    window = _open(qtbot, tmp_path)
    guide = window.guide
    window.shell.menu(Menu.GUIDE).aboutToShow.emit()
    assert plain_action_text(guide.act_ask) == "Ask a General Question"
    text = window.shell.session.document.text
    start = text.index(PASSAGE)
    window.reader.view.select_range(start, start + len(PASSAGE))
    window.shell.menu(Menu.GUIDE).aboutToShow.emit()
    assert plain_action_text(guide.act_ask) == "Ask About This Passage"
    guide.ask()
    assert plain_action_text(guide.act_delete) == "Delete Question"
    window.shell.menu(Menu.GUIDE).aboutToShow.emit()
    assert plain_action_text(guide.act_ask) == "Ask Another Question About the Selected Passage"


def test_shortcut_list_comes_from_the_actions(qtbot, tmp_path: Path) -> None:
    window = _open(qtbot, tmp_path)
    dialog = window.shell.help.show_shortcuts()
    table = dialog.table
    rows = {}
    for i in range(table.topLevelItemCount()):
        group = table.topLevelItem(i)
        for j in range(group.childCount()):
            rows[group.child(j).text(0)] = (group.text(0), group.child(j).text(1))
    category = window.shell.session.guide.categories[0]
    assert rows[category.label] == ("Guide ▸ Highlight As", "Ctrl+1")
    assert rows["New General Question"][1] == "Ctrl+Shift+G"
    assert rows["Find in Essay"][0] == "Edit"
    # Every action of every menu that has a key is listed, and nothing else.
    expected = {plain_action_text(a) for _w, a in window.shell.all_actions() if keys_of(a)}
    assert set(rows) == expected
    # Each action's tool tip names its keys too.
    assert "Ctrl+Shift+G" in window.guide.act_general.toolTip()


def test_user_guide_opens_with_its_pictures_and_loads_nothing_else(qtbot, tmp_path) -> None:
    window = make_window(qtbot, tmp_path)
    dialog = window.shell.help.show_manual()
    html = manual_html()
    assert "Open an essay" in html and "<img" in html
    assert "<script" not in html
    browser: ManualBrowser = dialog.browser
    pictures = sorted(p.name for p in manual_folder().glob("*.png"))
    assert pictures, "the manual has pictures"
    shown = re.findall(r'<img src="([^"]+)"', html)
    assert sorted(set(shown)) == pictures  # each picture shown, none missing or left over
    for heading in ("Open an essay", "Highlight a passage", "Ask a question", "Plan the session",
                    "Print handouts", "Reuse a guide", "Update an essay"):
        assert heading in html  # the core loop, step by step
    assert browser.loadResource(2, QUrl(pictures[0])) is not None
    for outside in ("../icons/reading-guide-128.png", "http://example.com/x.png",
                    QUrl.fromLocalFile(str(manual_folder() / pictures[0])).toString()):
        assert browser.loadResource(2, QUrl(outside)) is None
    assert window.shell.help.show_manual() is dialog  # one manual window


def test_delete_on_a_highlight_in_the_essay(qtbot, tmp_path: Path) -> None:
    window = _open(qtbot, tmp_path)
    prompts = window.shell.prompts
    text = window.shell.session.document.text
    start = text.index(PASSAGE)
    view = window.reader.view
    view.select_range(start, start + len(PASSAGE))
    window.guide.ask()  # a highlight with a question
    window.shell.selection.select("", "")
    view.select_range(start + 2, start + 12)  # a few words inside it
    view.setFocus()
    press(qtbot, window, Qt.Key.Key_Delete)
    assert prompts.asked == ["delete_highlight:1"]  # the tree's choices: keep, delete, cancel
    guide = window.shell.session.guide
    assert not guide.highlights and len(guide.questions) == 1  # "keep" kept the question
    # Nothing under the selection: nothing deleted, and the status bar says so.
    view.select_range(0, 5)
    view.setFocus()
    press(qtbot, window, Qt.Key.Key_Delete)
    assert window.shell.statusBar().currentMessage() == "No highlight here to delete."
    assert len(guide.questions) == 1


def test_delete_in_an_editor_field_deletes_nothing(qtbot, tmp_path: Path) -> None:
    window = _open(qtbot, tmp_path)
    window.guide.new_general_question()
    editor = window.guide.editors.question
    editor.kind.setFocus()  # a list: Delete there must not delete the question
    press(qtbot, window, Qt.Key.Key_Delete)
    assert len(window.shell.session.guide.questions) == 1
    window.guide.panel.tree.setFocus()  # in the tree it does
    press(qtbot, window, Qt.Key.Key_Delete)
    assert window.shell.session.guide.questions == []


def test_shortcut_list_leaves_out_keys_of_special_keyboards(qtbot) -> None:
    from PySide6.QtGui import QAction, QKeySequence

    action = QAction("Undo")
    action.setShortcuts([QKeySequence("Ctrl+Z"), QKeySequence(Qt.Key.Key_F14),
                         QKeySequence(Qt.Key.Key_Undo)])
    assert keys_of(action) == "Ctrl+Z"


def test_alt_down_on_a_list_opens_it_instead_of_moving_the_question(qtbot, tmp_path) -> None:
    window = _open(qtbot, tmp_path)
    window.guide.new_general_question()
    window.guide.new_general_question()
    guide = window.shell.session.guide
    order = [q.id for q in guide.questions]
    kind = window.guide.editors.question.kind
    kind.setFocus()
    press(qtbot, window, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [q.id for q in guide.questions] == order
    qtbot.waitUntil(lambda: kind.view().isVisible())
    kind.hidePopup()


def test_shortcut_list_shows_category_names_as_written(qtbot, tmp_path: Path) -> None:
    window = _open(qtbot, tmp_path)
    from reading_guide.model.edits import SetField

    category = window.shell.session.guide.categories[0]
    window.shell.session.push(SetField("category", category.id, "label", "<b>Q&A</b>"))
    table = window.shell.help.show_shortcuts().table
    texts = [table.topLevelItem(i).child(j).text(0) for i in range(table.topLevelItemCount())
             for j in range(table.topLevelItem(i).childCount())]
    assert "<b>Q&A</b>" in texts  # a plain-text cell: the markup is shown, never applied
