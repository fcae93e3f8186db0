"""Categories: add, rename, recolour and re-mark (how a category prints in grayscale).

Each change is pushed on the guide's undo stack as it happens, so the dialog needs no OK/Cancel
of its own: closing it keeps the changes, and Undo takes them back one by one like any other edit.
The name's length, the colour's form and the print marks are the table of fields'
(core/field_limits.py); an empty name is refused with a word under the form and the old name
comes back.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reading_guide.gui.core.actions import swatch
from reading_guide.gui.core.changes import Changed, GuideChange
from reading_guide.gui.core.field_limits import FieldNote, bound_combo, bound_line
from reading_guide.gui.core.session import GuideSession
from reading_guide.model.edits import AddCategory, SetField, new_category_id
from reading_guide.model.fields import check
from reading_guide.model.guide import MARKS, Category

NEW_COLORS = ("#f2994a", "#bb6bd9", "#9b51e0", "#27ae60", "#2d9cdb", "#eb5757", "#828282")


class CategoriesDialog(QDialog):
    def __init__(
        self, session: GuideSession, parent: QWidget | None = None, *,
        pick_color: Callable[[str], str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("categoriesDialog")
        self.setWindowTitle("Categories")
        self._session = session
        # Injectable so tests choose a colour without a modal colour dialog.
        self._pick_color = pick_color or self._ask_color
        self.list = QListWidget()
        self.list.setObjectName("categoryList")
        self.problem = FieldNote("categoryProblem")
        self.label = bound_line(QLineEdit(), "category.label", self.problem, "Name")
        self.label.setObjectName("categoryLabel")
        self.color = QPushButton("Colour…")
        self.color.setObjectName("categoryColor")
        self.mark = bound_combo(QComboBox(), "category.mark",
                                {m: m.replace("-", " ") for m in MARKS})
        self.mark.setObjectName("categoryMark")
        self.add = QPushButton("Add category")
        self.add.setObjectName("addCategory")
        form = QFormLayout()
        form.addRow("&Name", self.label)
        form.addRow("Colo&ur", self.color)
        form.addRow("&Print mark", self.mark)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.problem)
        right.addStretch(1)
        right.addWidget(self.add)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addLayout(right, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        close.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(close)
        self.list.currentRowChanged.connect(self._load_current)
        self.label.editingFinished.connect(self._rename)
        self.color.clicked.connect(self._recolor)
        self.mark.activated.connect(self._remark)
        self.add.clicked.connect(self.add_category)
        session.changed.connect(self._on_changed)
        self._fill()
        if self.list.count():
            self.list.setCurrentRow(0)

    def _fill(self) -> None:
        row = self.list.currentRow()
        self.list.blockSignals(True)
        self.list.clear()
        for c in self._session.guide.categories:
            item = QListWidgetItem(swatch(c.color, 14), f"{c.label}  ({c.mark.replace('-', ' ')})")
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        if self.list.count():
            self.list.setCurrentRow(min(max(row, 0), self.list.count() - 1))
            self._load_current(self.list.currentRow())

    def current(self) -> Category | None:
        item = self.list.currentItem()
        if item is None:
            return None
        return self._session.guide.category(item.data(Qt.ItemDataRole.UserRole))

    def _load_current(self, _row: int) -> None:
        c = self.current()
        enabled = c is not None
        for w in (self.label, self.color, self.mark):
            w.setEnabled(enabled)
        if c is None:
            return
        if self.label.text() != c.label:
            self.label.setText(c.label)
        self.color.setIcon(swatch(c.color, 14))
        self.mark.setCurrentIndex(self.mark.findData(c.mark))

    def _rename(self) -> None:
        c = self.current()
        text = self.label.text().strip()
        if c is None or text == c.label:
            return
        problem = check("category.label", text)
        if problem:  # an empty name: say so and show the name the category keeps
            self.problem.say(f"Name {problem}; the category keeps “{c.label}”.")
            self.label.setText(c.label)
            return
        self.problem.clear_note()
        if text != c.label:
            self._session.push(SetField("category", c.id, "label", text, label="Rename category"),
                               initiator=self)

    def _recolor(self) -> None:
        c = self.current()
        if c is None:
            return
        color = self._pick_color(c.color)
        problem = check("category.color", color) if color else None
        if problem:
            self.problem.say(f"Colour: {problem}.")
            return
        if color and color.lower() != c.color.lower():
            edit = SetField("category", c.id, "color", color, label="Recolour category")
            self._session.push(edit, initiator=self)

    def _remark(self, index: int) -> None:
        c = self.current()
        mark = self.mark.itemData(index)
        if c is not None and mark != c.mark:
            edit = SetField("category", c.id, "mark", mark, label="Re-mark category")
            self._session.push(edit, initiator=self)

    def add_category(self, label: str = "") -> None:
        guide = self._session.guide
        label = label or f"Category {len(guide.categories) + 1}"
        used = {c.color for c in guide.categories}
        color = next((c for c in NEW_COLORS if c not in used), NEW_COLORS[0])
        used_marks = {c.mark for c in guide.categories}
        mark = next((m for m in MARKS if m not in used_marks), MARKS[0])
        self._session.push(
            AddCategory(Category(new_category_id(guide, label), label, color, mark)),
            initiator=self)
        self.list.setCurrentRow(self.list.count() - 1)
        self.label.setFocus()
        self.label.selectAll()

    def _ask_color(self, current: str) -> str | None:
        chosen = QColorDialog.getColor(QColor(current), self, "Category colour")
        return chosen.name() if chosen.isValid() else None

    def _on_changed(self, change: GuideChange) -> None:
        if change.what & Changed.CATEGORIES:
            self._fill()
