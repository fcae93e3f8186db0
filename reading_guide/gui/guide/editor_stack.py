"""The Edit dock: a hint when nothing is selected, else the question or highlight editor.

The two editors (gui/editors.py) are made the first time an item is selected: a window that
opens a guide and is only read from never builds them, and start-up skips importing and building
them (bench/bench_startup.py). Their requests reach the guide feature through this stack's
signals, so it connects once, whether or not an editor exists yet.

The stack shows the window's selection and nothing else: when the selected item goes (deleted,
or its creation undone) the selection empties and so does the stack, never left editable on an
item that no longer exists. `subjectChanged` says another item is on show (the dock scrolls the
editor back to its top).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QSizePolicy, QStackedWidget, QWidget

from reading_guide.gui.core.selection import Selected, Selection
from reading_guide.gui.core.session import GuideSession

if TYPE_CHECKING:
    from reading_guide.gui.guide.editors import HighlightEditor, QuestionEditor


class EditorStack(QStackedWidget):
    """The editor for whatever is selected: nothing, a question or a highlight.

    Escape leaves the editor (`doneEditing`): the window puts the focus back in the essay, so
    select, Ctrl+Shift+A, type, Escape, select the next passage works without the mouse.
    """

    doneEditing = Signal()
    subjectChanged = Signal()  # noqa: N815 (Qt signal naming)
    deleteQuestion = Signal(str)
    moveQuestion = Signal(str, int)  # question id, -1 up / +1 down
    deleteHighlight = Signal(str)
    askAbout = Signal(str)  # highlight id

    def __init__(self, session: GuideSession, selection: Selection,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editorStack")
        self.session = session
        self._subject = Selected()
        done = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        done.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        done.activated.connect(self.doneEditing)
        self.empty = QLabel(
            "Select a passage in the essay, then choose a category (Ctrl+1…Ctrl+9) to highlight "
            "it, or press Ctrl+Shift+A to ask a question about it."
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setMargin(16)
        self.addWidget(self.empty)
        self._question: QuestionEditor | None = None
        self._highlight: HighlightEditor | None = None
        selection.changed.connect(lambda s: self.show_item(s.kind, s.id))

    @property
    def question(self) -> QuestionEditor:
        """The question editor, made on first use."""
        if self._question is None:
            from reading_guide.gui.guide.editors import QuestionEditor

            self._question = QuestionEditor(self.session)
            self._question.deleteRequested.connect(self.deleteQuestion)
            self._question.moveRequested.connect(self.moveQuestion)
            self._add_page(self._question)
        return self._question

    @property
    def highlight(self) -> HighlightEditor:
        """The highlight editor, made on first use."""
        if self._highlight is None:
            from reading_guide.gui.guide.editors import HighlightEditor

            self._highlight = HighlightEditor(self.session)
            self._highlight.deleteRequested.connect(self.deleteHighlight)
            self._highlight.askRequested.connect(self.askAbout)
            self._add_page(self._highlight)
        return self._highlight

    def _add_page(self, page: QWidget) -> None:
        self.addWidget(page)
        page.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    def focus_current(self) -> None:
        """Put the keyboard in the editor on show: the question's text, the highlight's category."""
        current = self.currentWidget()
        if current is not None and current is self._question:
            self._question.focus_text()
        elif current is not None and current is self._highlight:
            self._highlight.category.setFocus()

    def show_item(self, kind: str, item_id: str) -> None:
        subject = Selected(kind, item_id)
        new = not subject.same_item(self._subject)
        self._subject = subject
        # Only the editor on show follows edits (the other forgets its item and stays idle).
        if self._question is not None and kind != "question":
            self._question.show_question(None)
        if self._highlight is not None and kind != "highlight":
            self._highlight.show_highlight(None)
        if kind == "question":
            self.question.show_question(item_id)
            self.setCurrentWidget(self.question)
        elif kind == "highlight":
            self.highlight.show_highlight(item_id)
            self.setCurrentWidget(self.highlight)
        else:
            self.setCurrentWidget(self.empty)
        # Size to the page on show, not the largest page: no scroll bar around the short hint.
        for index in range(self.count()):
            page = self.widget(index)
            policy = QSizePolicy.Policy.Preferred if page is self.currentWidget() else (
                QSizePolicy.Policy.Ignored)
            if page is not None:
                page.setSizePolicy(policy, policy)
        self.updateGeometry()
        if new:
            self.subjectChanged.emit()
