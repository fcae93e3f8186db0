"""Guide details: the title, the introduction, the session and where the essay comes from.

Like the categories dialog, every change is pushed on the guide's undo stack as it is typed (one
step per visit to a field), so Close keeps it and Undo takes it back. A value the guide file
would refuse (a date that is not a date, a language that is not a tag) is marked in the field and
not stored, so the app never saves a guide it could not open again. Every field's limits
(length, pattern, the length's range) are the table of fields' (core/field_limits.py); what a
field refuses is said in the line under the form.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reading_guide.gui.core.changes import Changed, GuideChange
from reading_guide.gui.core.field_limits import (
    FieldNote,
    bound_line,
    bound_spin,
    bound_text_box,
    text_fit,
)
from reading_guide.gui.core.session import GuideSession
from reading_guide.gui.guide.editor_fields import UndoKeysToWindow
from reading_guide.model.edits import SetField

# (target, field, label, placeholder)
LINES = (
    ("guide", "title", "&Title", "Discussion guide for …"),
    ("session", "group", "&Group", "Who meets: a book club, a class"),
    ("session", "date", "&Date", "2026-12-01"),
    ("session", "facilitator", "&Facilitator", "Who leads the discussion"),
    ("essay", "title", "Essay &title", ""),
    ("essay", "author", "&Author", ""),
    ("essay", "source", "&Source", "A citation or URL, printed on handouts"),
    ("essay", "edition", "Essay &edition", "e.g. 2nd edition, 2026 (Update Essay sets it)"),
    ("essay", "language", "&Language", "en"),
)
INVALID_STYLE = "border: 1px solid #d0312d;"


class DetailsDialog(QDialog):
    def __init__(self, session: GuideSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailsDialog")
        self.setWindowTitle("Guide Details")
        self.setMinimumWidth(520)
        self._session = session
        self._filter = UndoKeysToWindow(self)
        self.fields: dict[tuple[str, str], QLineEdit] = {}
        self.problem = FieldNote("detailsProblem")
        groups = {"guide": QFormLayout(), "session": QFormLayout(), "essay": QFormLayout()}
        for target, name, label, placeholder in LINES:
            edit = QLineEdit()
            edit.setObjectName(f"{target}_{name}")
            edit.setPlaceholderText(placeholder)
            bound_line(edit, f"{target}.{name}", self.problem, label.replace("&", ""))
            edit.installEventFilter(self._filter)
            edit.textEdited.connect(lambda text, t=target, n=name: self._edit(t, n, text))
            self.fields[(target, name)] = edit
            groups[target].addRow(label, edit)
        self.minutes = QSpinBox()
        self.minutes.setObjectName("session_minutes")
        bound_spin(self.minutes, "session.minutes", self.problem, "Length", unset="not set")
        self.minutes.setSuffix(" min")
        self.minutes.installEventFilter(self._filter)
        self.minutes.valueChanged.connect(lambda v: self._edit("session", "minutes", v or None))
        groups["session"].insertRow(2, "&Length", self.minutes)
        self.introduction = QPlainTextEdit()
        self.introduction.setObjectName("guide_introduction")
        self.introduction.setUndoRedoEnabled(False)
        self.introduction.setTabChangesFocus(True)
        self.introduction.installEventFilter(self._filter)
        self.introduction.setPlaceholderText("Printed on the first page of every handout "
                                             "(Markdown: *emphasis*, lists)")
        self.introduction.setFixedHeight(self.introduction.fontMetrics().lineSpacing() * 5 + 14)
        bound_text_box(self.introduction, "guide.introduction", self.problem,
                       text_fit("guide.introduction", "Introduction"))
        self.introduction.textChanged.connect(
            lambda: self._edit("guide", "introduction", self.introduction.toPlainText())
        )
        groups["guide"].addRow("&Introduction", self.introduction)
        layout = QVBoxLayout(self)
        for title, key in (("Guide", "guide"), ("Session", "session"), ("Essay", "essay")):
            box = QGroupBox(title)
            box.setLayout(groups[key])
            layout.addWidget(box)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._loading = False
        session.changed.connect(self._on_changed)
        self._load()

    def _owner(self, target: str) -> object:
        guide = self._session.guide
        return {"guide": guide, "session": guide.session, "essay": guide.essay}[target]

    def _load(self) -> None:
        self._loading = True
        try:
            for (target, name), edit in self.fields.items():
                value = getattr(self._owner(target), name) or ""
                if edit.text() != value and not edit.styleSheet():
                    edit.setText(value)
            minutes = self._session.guide.session.minutes or 0
            if self.minutes.value() != minutes:
                self.minutes.setValue(minutes)
            intro = self._session.guide.introduction
            if self.introduction.toPlainText() != intro:
                self.introduction.setPlainText(intro)
        finally:
            self._loading = False

    def _edit(self, target: str, name: str, value: object) -> None:
        if self._loading or getattr(self._owner(target), name) == value:
            return
        edit = self.fields.get((target, name))
        try:
            change = SetField(target, None, name, value, typing=True, burst=self._filter.burst)
        except ValueError as error:  # shown beside the form; the guide keeps its last good value
            if edit is not None:
                edit.setStyleSheet(INVALID_STYLE)
            self.problem.say(str(error).capitalize() + "; the guide keeps its last good value.")
            return
        if edit is not None and edit.styleSheet():  # this field's problem is over
            edit.setStyleSheet("")
            self.problem.clear_note()
        self._session.push(change, initiator=self)

    def _on_changed(self, change: GuideChange) -> None:
        if change.initiator is self or not change.what & Changed.META:
            return  # its own typing, or nothing it shows
        self._load()
