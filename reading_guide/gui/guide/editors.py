"""Editors for the selected item: a question (text, kind, stage, timing, follow-ups, notes) or a
highlight (category, note).

Each widget change becomes one SetField edit pushed on the session, so it is undoable; typing in a
field merges into one step. The editors' own undo is switched off and Ctrl+Z goes to the window's
undo stack (UndoKeysToWindow), otherwise a text box would keep a second, private history that
the guide never hears about. An editor pushes its edits as their initiator and does not reload
what it just wrote (the way Anki's editor skips its own changes); after an undo, a redo or
someone else's change it reloads only the fields whose value differs from the guide, so the
cursor does not jump. Each editor only ever shows an item that exists: the window's selection
drops an item that is deleted or whose creation is undone, and the editor empties with it.

Every limit (minutes, answer lines, kinds, stages, text lengths, follow-ups) comes from the table
of fields through core/field_limits.py; a value outside it is refused at the field with a line
under the form saying why, so the guide always saves and opens again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reading_guide.gui.core.actions import swatch
from reading_guide.gui.core.changes import Changed, GuideChange
from reading_guide.gui.core.field_limits import (
    FieldNote,
    bound_combo,
    bound_spin,
    bound_text_box,
    lines_fit,
    text_fit,
)
from reading_guide.gui.core.plain_text import make_plain
from reading_guide.gui.core.session import GuideSession
from reading_guide.gui.core.status_words import status_words
from reading_guide.gui.guide.editor_fields import (
    UndoKeysToWindow,
    out_of_tab_order,
    pair,
    set_plain,
    spin_box,
    text_box,
)
from reading_guide.gui.guide.panel import excerpt
from reading_guide.model.edits import SetField, check_value
from reading_guide.model.guide import Question
from reading_guide.plurals import counted


class QuestionEditor(QWidget):
    moveRequested = Signal(str, int)  # question id, -1 up / +1 down
    deleteRequested = Signal(str)

    def __init__(self, session: GuideSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("questionEditor")
        self._session = session
        self._filter = UndoKeysToWindow(self)
        self.question_id: str | None = None
        self._loading = False
        self.heading = make_plain(QLabel())
        self.heading.setObjectName("questionHeading")
        self.heading.setWordWrap(True)
        bold = self.heading.font()
        bold.setBold(True)
        self.heading.setFont(bold)
        self.problem = FieldNote("questionProblem")
        note = self.problem
        self.text = text_box("questionText", self._filter, 4)
        self.text.setPlaceholderText("What do you want the group to discuss?")
        bound_text_box(self.text, "question.text", note, text_fit("question.text", "Question"))
        self.kind = bound_combo(QComboBox(), "question.kind")
        self.kind.setObjectName("questionKind")
        self.stage = bound_combo(QComboBox(), "question.stage")
        self.stage.setObjectName("questionStage")
        self.minutes = bound_spin(spin_box("questionMinutes", self._filter), "question.minutes",
                                  note, "Time", unset="no time set")
        self.minutes.setSuffix(" min")
        self.answer_lines = bound_spin(spin_box("questionAnswerLines", self._filter),
                                       "question.answer_lines", note, "Answer lines",
                                       unset="none")
        self.follow_ups = text_box("questionFollowUps", self._filter, 3)
        self.follow_ups.setPlaceholderText("One follow-up question per line")
        bound_text_box(self.follow_ups, "question.follow_up", note,
                       lines_fit("question.follow_up", "question.follow_ups", "Follow-ups"))
        self.note = text_box("questionNote", self._filter, 3)
        self.note.setPlaceholderText("Only in the facilitator's handout")
        bound_text_box(self.note, "question.facilitator_note", note,
                       text_fit("question.facilitator_note", "Facilitator note"))
        # Short labels: the editor dock is narrow, and a wider row would force a scroll bar.
        self.up = QPushButton("▲ Earlier")
        self.up.setToolTip("Move this question earlier in the running order")
        self.down = QPushButton("▼ Later")
        self.down.setToolTip("Move this question later in the running order")
        self.delete = QPushButton("Delete")
        self.delete.setToolTip("Delete this question (Undo brings it back)")
        self.delete.setObjectName("deleteQuestion")
        out_of_tab_order(self.delete)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Question", self.text)
        # Two short fields to a row: the editor fits a 700-px-high window without scrolling.
        form.addRow("&Kind", pair(self.kind, "&Stage", self.stage))
        form.addRow("&Time", pair(self.minutes, "&Answer lines", self.answer_lines))
        form.addRow("&Follow-ups", self.follow_ups)
        form.addRow("Facilitator &note", self.note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.up)
        buttons.addWidget(self.down)
        buttons.addStretch(1)
        buttons.addWidget(self.delete)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        layout.addStretch(1)

        self.text.textChanged.connect(lambda: self._edit("text", self.text.toPlainText(), True))
        self.kind.activated.connect(lambda i: self._edit("kind", self.kind.itemData(i), False))
        self.stage.activated.connect(
            lambda i: self._edit("stage", self.stage.itemData(i), False))
        self.minutes.valueChanged.connect(lambda v: self._edit("minutes", v or None, True))
        self.answer_lines.valueChanged.connect(lambda v: self._edit("answer_lines", v, True))
        self.follow_ups.textChanged.connect(
            lambda: self._edit("follow_ups", self._follow_up_list(), True)
        )
        self.note.textChanged.connect(
            lambda: self._edit("facilitator_note", self.note.toPlainText(), True)
        )
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(1))
        self.delete.clicked.connect(lambda: self.deleteRequested.emit(self.question_id or ""))
        session.changed.connect(self._on_changed)

    def _follow_up_list(self) -> list[str]:
        return [line.strip() for line in self.follow_ups.toPlainText().splitlines() if line.strip()]

    def _question(self) -> Question | None:
        guide = self._session.guide
        return next((q for q in guide.questions if q.id == self.question_id), None)

    def show_question(self, question_id: str | None) -> None:
        self.question_id = question_id
        self.problem.clear_note()  # a refusal is about the item it happened on
        self._load()

    def _load(self) -> None:
        q = self._question()
        self.setEnabled(q is not None)  # nothing real shown: nothing to type into
        if q is None:
            return
        self._loading = True
        try:
            self._show_heading(q)
            set_plain(self.text, q.text)
            self.kind.setCurrentIndex(self.kind.findData(q.kind))
            self.stage.setCurrentIndex(self.stage.findData(q.stage))
            if self.minutes.value() != (q.minutes or 0):
                self.minutes.setValue(q.minutes or 0)
            if self.answer_lines.value() != q.answer_lines:
                self.answer_lines.setValue(q.answer_lines)
            if self._follow_up_list() != q.follow_ups:
                set_plain(self.follow_ups, "\n".join(q.follow_ups))
            set_plain(self.note, q.facilitator_note)
        finally:
            self._loading = False

    def _show_heading(self, q: Question) -> None:
        """The number (running order), what it is about, and whether it can move."""
        guide = self._session.guide
        number = guide.question_numbers()[q.id]
        about = "a general question"
        h = guide.highlight(q.highlight) if q.highlight else None
        if h is not None:
            para = (
                self._session.document.paragraph_at(h.position.start)
                if h.position is not None else None
            )
            where = f"¶{para} " if para else ""
            about = f"about {where}“{excerpt(h.quote.exact, 48)}”"
        self.heading.setText(f"Question {number} — {about}")
        index = number - 1
        self.up.setEnabled(index > 0)
        self.down.setEnabled(index < len(guide.questions) - 1)

    def _edit(self, name: str, value: object, typing: bool) -> None:
        q = self._question()
        if self._loading or q is None or getattr(q, name) == value:
            return
        try:  # the widgets' limits are the table's; this is the last guard, never an exception
            check_value("question", name, value)
        except ValueError as error:
            self.problem.say(f"{error}; not kept.")
            return
        self._session.push(
            SetField("question", q.id, name, value, typing=typing, burst=self._filter.burst),
            initiator=self,
        )

    def _move(self, step: int) -> None:
        if self.question_id:
            self.moveRequested.emit(self.question_id, step)

    def _on_changed(self, change: GuideChange) -> None:
        q = self._question()
        if q is None:
            return
        if change.initiator is self:
            if change.what & Changed.ORDER:  # its own stage change moved its number
                self._show_heading(q)
            return
        if change.what & (Changed.ORDER | Changed.ITEMS | Changed.ESSAY) or (
                change.what & Changed.QUESTIONS and q.id in change.ids) or (
                change.what & Changed.HIGHLIGHTS and q.highlight in change.ids):
            self._load()

    def focus_text(self) -> None:
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)
        cursor = self.text.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.text.setTextCursor(cursor)


class HighlightEditor(QWidget):
    askRequested = Signal(str)
    deleteRequested = Signal(str)

    def __init__(self, session: GuideSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("highlightEditor")
        self._session = session
        self._filter = UndoKeysToWindow(self)
        self.highlight_id: str | None = None
        self._loading = False
        self.heading = QLabel()
        self.heading.setObjectName("highlightHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.quote = make_plain(QLabel())
        self.quote.setObjectName("highlightQuote")
        self.quote.setWordWrap(True)
        self.quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.category = QComboBox()
        self.category.setObjectName("highlightCategory")
        self.note = text_box("highlightNote", self._filter, 4)
        self.note.setPlaceholderText("A note for yourself (only in the facilitator's handout)")
        self.problem = FieldNote("highlightProblem")
        bound_text_box(self.note, "highlight.note", self.problem,
                       text_fit("highlight.note", "Note"))
        self.confirm = QPushButton("Confirm")
        self.confirm.setToolTip("This passage was placed automatically; confirm it is right "
                                "(its words become the highlight's)")
        self.ask = QPushButton("Ask about it")
        self.ask.setToolTip("Add a question about this passage")
        self.delete = QPushButton("Delete")
        self.delete.setToolTip("Delete this highlight (Undo brings it back)")
        self.delete.setObjectName("deleteHighlight")
        out_of_tab_order(self.delete)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Category", self.category)
        form.addRow("&Note", self.note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.ask)
        buttons.addWidget(self.confirm)
        buttons.addStretch(1)
        buttons.addWidget(self.delete)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.quote)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.category.activated.connect(self._on_category)
        self.note.textChanged.connect(self._on_note)
        self.confirm.clicked.connect(self._on_confirm)
        self.ask.clicked.connect(lambda: self.askRequested.emit(self.highlight_id or ""))
        self.delete.clicked.connect(lambda: self.deleteRequested.emit(self.highlight_id or ""))
        session.changed.connect(self._on_changed)

    def show_highlight(self, highlight_id: str | None) -> None:
        self.highlight_id = highlight_id
        self.problem.clear_note()
        self._load()

    def _load(self) -> None:
        guide = self._session.guide
        h = guide.highlight(self.highlight_id or "")
        self.setEnabled(h is not None)  # nothing real shown: nothing to type into
        if h is None:
            return
        self._loading = True
        try:
            status = h.anchor_status
            para = (
                self._session.document.paragraph_at(h.position.start)
                if h.position is not None else None
            )
            count = len(guide.questions_for(h.id))
            where = f"¶{para}" if para else "Not found in the essay"
            state = "" if status == "exact" else f" · {status_words(status)}"
            self.heading.setText(f"Highlight {where} · {counted(count, 'question')}{state}")
            if h.placed is not None and h.placed.exact != h.quote.exact:
                # Placed automatically on other words: show them, and the words chosen.
                self.quote.setText(f"Now: “{excerpt(h.placed.exact, 300)}”\n"
                                   f"Chosen: “{excerpt(h.quote.exact, 300)}”")
            else:
                self.quote.setText(f"“{excerpt(h.quote.exact, 400)}”")
            self.category.clear()
            for c in guide.categories:
                self.category.addItem(swatch(c.color), c.label, c.id)
            self.category.setCurrentIndex(max(0, self.category.findData(h.category)))
            set_plain(self.note, h.note)
            self.confirm.setVisible(status in ("fuzzy", "review"))
        finally:
            self._loading = False

    def _push(self, name: str, value: object, typing: bool) -> None:
        h = self._session.guide.highlight(self.highlight_id or "")
        if self._loading or h is None or getattr(h, name) == value:
            return
        self._session.push(
            SetField("highlight", h.id, name, value, typing=typing, burst=self._filter.burst),
            initiator=self,
        )

    def _on_category(self, index: int) -> None:
        self._push("category", self.category.itemData(index), False)

    def _on_note(self) -> None:
        self._push("note", self.note.toPlainText(), True)

    def _on_confirm(self) -> None:
        self._push("status", None, False)

    def _on_changed(self, change: GuideChange) -> None:
        h = self._session.guide.highlight(self.highlight_id or "")
        if h is None or change.initiator is self:
            return
        if change.what & (Changed.CATEGORIES | Changed.ITEMS | Changed.ESSAY) or (
                change.what & Changed.HIGHLIGHTS and h.id in change.ids):
            self._load()
