"""The guide as a feature of the window: the Guide and Edit docks, the edits a user makes from
the menus and the essay (highlight as a category, ask, delete), and the guide's dialogs.

Category actions (Ctrl+1..Ctrl+9, in the order of the guide's categories) are rebuilt when
categories change, in the Guide menu, the essay's context menu and their own toolbar.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QMenu, QScrollArea

from reading_guide.gui.core.actions import SK, make_action, swatch
from reading_guide.gui.core.changes import Changed, GuideChange
from reading_guide.gui.core.plain_text import menu_text
from reading_guide.gui.core.shell import Menu, WindowShell
from reading_guide.gui.guide.editor_stack import EditorStack
from reading_guide.gui.guide.operations import GuideOperations
from reading_guide.gui.guide.panel import GuidePanel

ASK_SHORTCUT = "Ctrl+Shift+A"
GENERAL_SHORTCUT = "Ctrl+Shift+G"


class GuideFeature:
    def __init__(self, shell: WindowShell) -> None:
        self.shell = shell
        self.ops = GuideOperations(shell)
        self.ops.last_category = shell.settings.get("highlight/last_category")
        self.panel = GuidePanel(shell.session, shell.selection)
        self.editors = EditorStack(shell.session, shell.selection)
        self.scroller = QScrollArea()  # small screens: the editor scrolls, never forces a size
        self.scroller.setObjectName("editorScroller")
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.setWidget(self.editors)
        right = Qt.DockWidgetArea.RightDockWidgetArea
        self.guide_dock = shell.add_dock("guide", "Guide", lambda: self.panel, right,
                                         visible=True, lazy=False)
        self.editor_dock = shell.add_dock("editor", "Edit", lambda: self.scroller, right,
                                          visible=True, lazy=False)
        window = shell.widget()
        window.resizeDocks([self.guide_dock], [420], Qt.Orientation.Horizontal)
        window.resizeDocks([self.guide_dock, self.editor_dock], [330, 470],
                           Qt.Orientation.Vertical)
        self.panel.deleteRequested.connect(self.delete_current)
        self.panel.newGeneralRequested.connect(self.new_general_question)
        self.panel.contextMenuAboutToShow.connect(self._fill_tree_menu)
        self.panel.editRequested.connect(self.editors.focus_current)
        self.editors.doneEditing.connect(lambda: shell.essay.setFocus())
        self.editors.subjectChanged.connect(lambda: self.scroller.verticalScrollBar().setValue(0))
        self.editors.deleteQuestion.connect(self.ops.delete_question)
        self.editors.moveQuestion.connect(self.ops.move_question)
        self.editors.deleteHighlight.connect(self.ops.delete_highlight)
        self.editors.askAbout.connect(lambda hid: self.ask(("highlight", hid)))
        self._build_actions()
        shell.session.reset.connect(self._on_reset)
        shell.session.changed.connect(self._on_changed)
        shell.selection.changed.connect(lambda _s: self._update_delete())
        shell.when_closing(
            lambda: shell.settings.set("highlight/last_category", self.ops.last_category))
        self._on_reset()

    def _build_actions(self) -> None:
        shell = self.shell
        self.act_ask = make_action(
            shell.widget(), "&Ask About This Passage", lambda: self.ask(), shortcut=ASK_SHORTCUT,
            name="actAsk", tip="Highlight the selection and write a question about it")
        self.act_general = make_action(
            shell.widget(), "New &General Question", self.new_general_question,
            shortcut=GENERAL_SHORTCUT, name="actNewGeneral",
            tip="A question about the whole essay, not about one passage")
        self.act_delete = make_action(shell.widget(), "&Delete Selected Item",
                                      self.delete_current, shortcut=SK.Delete,
                                      name="actDelete", tip="Delete the selected item")
        # Text fields keep Delete for themselves (Qt lets an editable field override a window
        # shortcut); the tree and the essay pass it to this action; the Edit panel's other
        # fields are refused in delete_current.
        self.act_categories = make_action(shell.widget(), "&Categories…", self.show_categories,
                                          name="actCategories")
        self.act_details = make_action(shell.widget(), "Guide &Details…", self.show_details,
                                       name="actDetails",
                                       tip="Title, introduction, session and essay details")
        shell.add_action(Menu.GUIDE, self.act_ask, "mark")
        shell.add_action(Menu.GUIDE, self.act_general, "mark")
        self.highlight_menu = shell.add_submenu(Menu.GUIDE, "&Highlight As", "mark")
        self.act_earlier = make_action(
            shell.widget(), "Move Question &Earlier", lambda: self._move(-1), shortcut="Alt+Up",
            name="actEarlier", tip="One place earlier in the running order (the printed numbers)")
        self.act_later = make_action(
            shell.widget(), "Move Question &Later", lambda: self._move(1), shortcut="Alt+Down",
            name="actLater", tip="One place later in the running order (the printed numbers)")
        shell.add_action(Menu.GUIDE, self.act_earlier, "items")
        shell.add_action(Menu.GUIDE, self.act_later, "items")
        shell.add_action(Menu.GUIDE, self.act_delete, "items")
        shell.add_action(Menu.GUIDE, self.act_categories, "guide")
        shell.add_action(Menu.GUIDE, self.act_details, "guide")
        shell.add_action(Menu.ESSAY, self.act_ask, "mark")
        self.context_highlight_menu = shell.add_submenu(Menu.ESSAY, "Highlight As", "mark")
        shell.add_action(Menu.ESSAY, self.act_delete, "items")
        # Labels follow what the action would do, read just before a menu shows.
        shell.menu(Menu.GUIDE).aboutToShow.connect(self.update_labels)
        shell.menu(Menu.ESSAY).aboutToShow.connect(self.update_labels)
        self.category_bar = shell.add_toolbar("categoryToolbar", "Categories")
        self.category_actions: list[QAction] = []
        self._unused_keys: list[QAction] = []

    # Reacting -------------------------------------------------------------------------------

    def _on_reset(self) -> None:
        is_open = self.shell.session.is_open
        for action in (self.act_ask, self.act_general, self.act_categories, self.act_details):
            action.setEnabled(is_open)
        self._rebuild_categories()
        self._update_delete()

    def _on_changed(self, change: GuideChange) -> None:
        if change.what & Changed.CATEGORIES:
            self._rebuild_categories()

    def _move(self, step: int) -> None:
        focus = QApplication.focusWidget()
        if isinstance(focus, QComboBox):  # Alt+Down opens a list: the window key must not
            focus.showPopup()  # take that from it (the Kind and Stage lists of the editor)
            return
        current = self.shell.selection.current
        if current.kind == "question":
            self.ops.move_question(current.id, step)

    def _update_delete(self) -> None:
        current = self.shell.selection.current
        for action in (self.act_earlier, self.act_later):
            action.setEnabled(current.kind == "question")
        self.act_delete.setEnabled(not current.empty or self.shell.session.is_open)
        self.act_delete.setVisible(True)
        self.update_labels()

    def update_labels(self) -> None:
        """Say what Ask and Delete would do now: about the essay's selection, the selected
        passage, or (nothing chosen) a general question; delete a highlight or a question."""
        span = self.shell.essay.selection_range()
        current = self.shell.selection.current
        about = self.shell.selection.highlight_id() if not current.empty else None
        if span is not None and span[0] < span[1]:
            ask = "&Ask About This Passage"
        elif about:
            ask = "&Ask Another Question About the Selected Passage"
        else:
            ask = "&Ask a General Question"
        self.act_ask.setText(ask)
        delete = {"highlight": "&Delete Highlight", "question": "&Delete Question"}
        self.act_delete.setText(delete.get(current.kind, "&Delete Highlight"))

    def _rebuild_categories(self) -> None:
        window = self.shell.widget()
        for action in self.category_actions + self._unused_keys:
            self.category_bar.removeAction(action)
            window.removeAction(action)
            action.deleteLater()
        self._unused_keys = []
        self.highlight_menu.clear()
        self.context_highlight_menu.clear()
        self.category_actions = []
        for i, c in enumerate(self.shell.session.guide.categories):
            action = make_action(
                window, menu_text(c.label), self._highlighter(c.id),
                shortcut=f"Ctrl+{i + 1}" if i < 9 else None,
                tip=f"Highlight the selection as “{c.label}”", icon=swatch(c.color, 14),
                name=f"highlight_{c.id}")
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setEnabled(self.shell.session.is_open)
            window.addAction(action)
            self.category_bar.addAction(action)
            self.highlight_menu.addAction(action)
            self.context_highlight_menu.addAction(action)
            self.category_actions.append(action)
        count = len(self.category_actions)
        for n in range(count + 1, 10):  # Ctrl+7 with 5 categories says why nothing happens
            unused = make_action(window, f"Category {n}", self._no_category(n, count),
                                 shortcut=f"Ctrl+{n}", name=f"noCategory{n}")
            unused.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            window.addAction(unused)  # in no menu: the shortcut list shows real categories
            self._unused_keys.append(unused)
        self.category_bar.setVisible(count > 0)

    def _no_category(self, n: int, count: int) -> Callable[[], object]:
        def say() -> None:
            if not self.shell.session.is_open:
                return
            have = f"only {count} categor{'y' if count == 1 else 'ies'}" if count else \
                "no categories"
            self.shell.show_status(f"No category {n}: this guide has {have} "
                                   "(Guide ▸ Categories… adds one).", 6000)
        return say

    def _highlighter(self, category_id: str) -> Callable[[], object]:
        return lambda: self.ops.highlight(category_id)

    # Doing ----------------------------------------------------------------------------------

    def ask(self, current: tuple[str, str] | None = None) -> str | None:
        """Ask about the essay's selection, else the selected item; the new question's id."""
        if current is None:
            selected = self.shell.selection.current
            current = None if selected.empty else (selected.kind, selected.id)
        question_id = self.ops.ask(current)
        if question_id:
            self.editors.question.focus_text()
        return question_id

    def new_general_question(self) -> str | None:
        question_id = self.ops.new_general_question()
        if question_id:
            self.editors.question.focus_text()
        return question_id

    def delete_current(self) -> bool:
        """Delete (the key or the menu): in the essay, the highlight under the selection;
        elsewhere the selected item."""
        if not self.shell.session.is_open:
            return False
        focus = QApplication.focusWidget()
        if focus is not None and self.scroller.isAncestorOf(focus):
            # A field of the Edit panel (a list, a number): Delete there is not "delete the
            # question"; the panel's own Delete button is.
            self.shell.show_status("Delete from the guide tree, the essay or the Delete button.")
            return False
        if self.shell.essay.hasFocus():  # Qt follows the view's focus proxy, its text
            return self.ops.delete_in_essay()
        selected = self.shell.selection.current
        if selected.empty:
            self.shell.show_status("Select a highlight or a question to delete it.")
            return False
        return self.ops.delete((selected.kind, selected.id))

    def _fill_tree_menu(self, menu: QMenu, kind: str) -> None:
        """The guide tree's right-click menu: what can be done with that row."""
        self.update_labels()
        if kind == "general":
            menu.addAction(self.act_general)
            return
        if kind == "highlights":
            menu.addAction(self.act_general)
            return
        menu.addAction(self.act_ask)
        if kind == "question":
            menu.addActions([self.act_earlier, self.act_later])
        menu.addSeparator()
        menu.addAction(self.act_delete)

    def show_categories(self) -> None:
        from reading_guide.gui.guide.categories_dialog import CategoriesDialog

        self._run(CategoriesDialog(self.shell.session, self.shell.widget()))

    def show_details(self) -> None:
        from reading_guide.gui.guide.details_dialog import DetailsDialog

        self._run(DetailsDialog(self.shell.session, self.shell.widget()))

    def _run(self, dialog: QDialog) -> None:
        """Modal, and gone afterwards: dialogs are made fresh each time, never collected."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exec()

