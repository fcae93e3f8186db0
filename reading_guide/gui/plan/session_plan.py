"""The session plan: questions in running order by stage, with minutes, a clock and the balance.

The plan is a view over `model.session`: the rows are `plan_rows(guide)`, and every change made
here (drag and drop, Alt+Up/Down, minutes, session length) is one edit pushed on the session, so
it is undoable and the other views hear of it. Reordering writes the plan order into the guide's
question list, which is the numbering in every handout. The selected row is the window's
selection: choosing a row selects the question everywhere, and a question selected elsewhere is
the row shown here. The Min cell and the session length keep within the table of fields
(minutes_cell.py, core/field_limits.py); a refused value is named in the note under the plan,
and the guide keeps its last good value.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QDropEvent, QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reading_guide.gui.core.changes import Changed, GuideChange
from reading_guide.gui.core.field_limits import FieldNote, bound_spin
from reading_guide.gui.core.plain_text import make_plain, printed, tip
from reading_guide.gui.core.selection import Selected, Selection
from reading_guide.gui.core.session import GuideSession
from reading_guide.gui.core.theme import over_time_color, quiet_text_color
from reading_guide.gui.plan.minutes_cell import MinutesDelegate, parse_minutes
from reading_guide.model.edits import SetField
from reading_guide.model.guide import QUESTION_STAGES
from reading_guide.model.session import (
    ReorderQuestions,
    moved_in_plan,
    plan_rows,
    plan_summary,
)

ID_ROLE = Qt.ItemDataRole.UserRole  # question id on a row; "stage:<name>" on a group
COLUMNS = ("#", "Question", "Kind", "Min", "Clock")
MIN_COLUMN = 3
# Changes the plan shows: anything about questions, and the session length (META).
SHOWN = Changed.QUESTIONS | Changed.ITEMS | Changed.ORDER | Changed.META | Changed.ESSAY


def clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


class PlanTree(QTreeWidget):
    """The tree; drops and Alt+arrows become `moveRequested(question_id, stage, before_id)`."""

    moveRequested = Signal(str, str, str)  # noqa: N815 - before_id "" means the end of the stage
    stepRequested = Signal(str, int)  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(len(COLUMNS))
        self.setHeaderLabels(list(COLUMNS))
        self.setRootIsDecorated(False)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setUniformRowHeights(True)

    def current_question(self) -> str | None:
        item = self.currentItem()
        value = item.data(0, ID_ROLE) if item is not None else None
        return value if isinstance(value, str) and not value.startswith("stage:") else None

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        """Work out where the row goes and ask for that; the model, not Qt, moves rows."""
        dragged = self.current_question()
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        if dragged is None:
            return
        pos = event.position().toPoint()
        target = self.itemAt(pos)
        if target is None:  # below every row: the end of the last stage
            self.moveRequested.emit(dragged, QUESTION_STAGES[-1], "")
            return
        value = target.data(0, ID_ROLE)
        if isinstance(value, str) and value.startswith("stage:"):
            self.moveRequested.emit(dragged, value[6:], "")
            return
        parent = target.parent()
        stage = str(parent.data(0, ID_ROLE))[6:] if parent is not None else ""
        rect = self.visualItemRect(target)
        if pos.y() < rect.center().y():
            self.moveRequested.emit(dragged, stage, value)
            return
        index = parent.indexOfChild(target) if parent is not None else -1
        after = parent.child(index + 1) if parent is not None else None
        self.moveRequested.emit(dragged, stage, after.data(0, ID_ROLE) if after else "")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
        qid = self.current_question()
        if alt and qid and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.stepRequested.emit(qid, -1 if event.key() == Qt.Key.Key_Up else 1)
            event.accept()
            return
        super().keyPressEvent(event)


class SessionPlan(QWidget):
    """The plan panel."""

    def __init__(self, session: GuideSession, selection: Selection,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.selection = selection
        self.tree = PlanTree()
        self.tree.setObjectName("planTree")
        self.problem = FieldNote("planProblem")
        self.tree.setItemDelegateForColumn(MIN_COLUMN, MinutesDelegate(self.problem, self.tree))
        self.length = QSpinBox()
        self.length.setObjectName("sessionLength")
        bound_spin(self.length, "session.minutes", self.problem, "Session length",
                   unset="not set")
        self.length.setSuffix(" min")
        self.length.setToolTip("The session length")
        self.total = make_plain(QLabel())
        self.total.setObjectName("planTotal")
        self.balance = make_plain(QLabel())
        self.balance.setObjectName("planBalance")
        self.balance.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("Session length:"))
        top.addWidget(self.length)
        top.addStretch(1)
        top.addWidget(self.total)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.problem)
        self._below_rows = QHBoxLayout()  # the window's "New General Question" button goes here
        layout.addLayout(self._below_rows)
        layout.addWidget(self.balance)
        self.hint = QLabel("Drag questions, or press Alt+Up / Alt+Down, to change the running "
                           "order (it is the numbering in every handout). Double-click minutes "
                           "to edit.")
        self.hint.setObjectName("planHint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self._filling = False
        self._quiet_hint()
        self.tree.moveRequested.connect(self.move_to)
        self.tree.stepRequested.connect(self.step)
        self.tree.itemChanged.connect(self._on_item_changed)
        self.tree.currentItemChanged.connect(self._on_current)
        self.length.valueChanged.connect(self._on_length)
        session.changed.connect(self._on_changed)
        session.reset.connect(self.rebuild)
        selection.changed.connect(self._on_selected)
        self.rebuild()

    def add_below_rows(self, widget: QWidget) -> None:
        """A button under the rows (the plan feature puts the window's add action there)."""
        self._below_rows.addWidget(widget)
        self._below_rows.addStretch(1)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        # View > Theme changed the page: the "over time" red is chosen per theme.
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and not getattr(self, "_filling", True):
            self._filling = True
            try:
                self._show_summary()
                self._quiet_hint()
            finally:
                self._filling = False

    def _quiet_hint(self) -> None:
        # Grey but readable (4.5:1) on this theme's page; the hint's own palette follows ours.
        palette = self.hint.palette()
        palette.setColor(QPalette.ColorRole.WindowText, quiet_text_color(self.palette()))
        self.hint.setPalette(palette)

    def _on_changed(self, change: GuideChange) -> None:
        if not change.what & SHOWN:
            return
        if change.what == Changed.QUESTIONS and change.field in ("text", "kind"):
            self._update_rows(change.ids)  # typing a question: its row, not the whole plan
        else:
            self.rebuild()

    def _update_rows(self, ids: tuple[str, ...]) -> None:
        questions = {q.id: q for q in self.session.guide.questions}
        self._filling = True
        try:
            for item in self._rows():
                q = questions.get(str(item.data(0, ID_ROLE)))
                if q is not None and q.id in ids:
                    item.setText(1, printed(q.text) or "(new question)")
                    item.setToolTip(1, tip(printed(q.text)))
                    item.setText(2, q.kind)
        finally:
            self._filling = False

    def _rows(self) -> list[QTreeWidgetItem]:
        rows = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            if group is not None:
                rows += [c for j in range(group.childCount()) if (c := group.child(j))]
        return rows

    def _on_selected(self, selected: Selected) -> None:
        if selected.initiator is self:
            return
        self._filling = True  # showing the selection, not choosing it
        try:
            if selected.kind == "question":
                self.select_question(selected.id)
            else:
                self.tree.clearSelection()
                self.tree.setCurrentIndex(QModelIndex())
        finally:
            self._filling = False

    # Showing --------------------------------------------------------------------------------

    def rebuild(self) -> None:
        guide = self.session.guide
        keep = self.tree.current_question()
        self._filling = True
        self.tree.clear()
        texts = {q.id: printed(q.text) for q in guide.questions}  # the words as printed
        summary = plan_summary(guide)
        groups: dict[str, QTreeWidgetItem] = {}
        bold = QFont()
        bold.setBold(True)
        for stage in QUESTION_STAGES:
            count = sum(1 for q in guide.questions if q.stage == stage)
            group = QTreeWidgetItem(self.tree, ["", f"{stage.capitalize()} · {count} "
                                                f"question{'s' if count != 1 else ''}"])
            group.setData(0, ID_ROLE, f"stage:{stage}")
            group.setTextAlignment(MIN_COLUMN, Qt.AlignmentFlag.AlignRight)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsDropEnabled)
            for col in range(len(COLUMNS)):
                group.setFont(col, bold)
            group.setText(MIN_COLUMN, str(summary.stages.get(stage, 0)))
            groups[stage] = group
        current = None
        for row in plan_rows(guide):
            parent = groups.get(row.stage) or groups[QUESTION_STAGES[-1]]
            item = QTreeWidgetItem(parent, [
                f"Q{row.number}", texts[row.question_id] or "(new question)",
                row.kind,
                str(row.minutes) if row.minutes else "", f"{clock(row.start)}–{clock(row.end)}",
            ])
            item.setData(0, ID_ROLE, row.question_id)
            item.setToolTip(1, tip(texts[row.question_id]))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                          | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsEditable)
            item.setTextAlignment(MIN_COLUMN, Qt.AlignmentFlag.AlignRight)
            if row.question_id == keep:
                current = item
        self.tree.expandAll()
        for col, width in ((0, 52), (2, 90), (3, 40), (4, 86)):  # 52: "Q10" and beyond
            self.tree.setColumnWidth(col, width)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(1, self.tree.header().ResizeMode.Stretch)
        if current is not None:
            self.tree.setCurrentItem(current)
        self.length.blockSignals(True)
        self.length.setValue(guide.session.minutes or 0)
        self.length.blockSignals(False)
        self._show_summary()
        self._filling = False

    def _show_summary(self) -> None:
        s = plan_summary(self.session.guide)
        if s.session:
            text = f"{s.total} of {s.session} min planned"
            if s.over_by:
                text = f"⚠ {s.total} of {s.session} min: {s.over_by} min over"
        else:
            text = f"{s.total} min planned"
        if s.unplanned:
            text += f" · {s.unplanned} without minutes"
        self.total.setText(text)
        self.total.setProperty("over", bool(s.over_by))
        red = over_time_color(self.palette()).name()  # readable on this theme's page
        self.total.setStyleSheet(f"color: {red}; font-weight: bold" if s.over_by else "")
        parts = [f"{kind} {n} ({s.kind_minutes.get(kind, 0)} min)" for kind, n in s.kinds.items()]
        self.balance.setText("Balance: " + " · ".join(parts))
        brush = QBrush(QColor(red)) if s.over_by else QBrush()
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            if group is not None:
                group.setForeground(MIN_COLUMN, brush)

    # Changing -------------------------------------------------------------------------------

    def move_to(self, question_id: str, stage: str, before_id: str = "") -> bool:
        """Put a question in `stage` before `before_id` ("" = at the stage's end): one step."""
        guide = self.session.guide
        rows = [r for r in plan_rows(guide) if r.question_id != question_id]
        ids = [r.question_id for r in rows]
        if before_id and before_id in ids:
            at = ids.index(before_id)
        else:  # after the last question of this stage or any earlier one
            rank = QUESTION_STAGES.index(stage) if stage in QUESTION_STAGES else 99
            at = sum(1 for r in rows if (QUESTION_STAGES.index(r.stage)
                                         if r.stage in QUESTION_STAGES else 99) <= rank)
        ids.insert(at, question_id)
        q = next(q for q in guide.questions if q.id == question_id)
        stages = {question_id: stage} if stage in QUESTION_STAGES and stage != q.stage else {}
        return self._reorder(ids, stages, question_id)

    def step(self, question_id: str, step: int) -> bool:
        ids, stages = moved_in_plan(self.session.guide, question_id, step)
        return self._reorder(ids, stages, question_id)

    def _reorder(self, ids: list[str], stages: dict[str, str], question_id: str) -> bool:
        if ids == [q.id for q in self.session.guide.questions] and not stages:
            return False
        self.session.push(ReorderQuestions(ids, stages), initiator=self)
        self.select_question(question_id)
        return True

    def select_question(self, question_id: str) -> None:
        for item in self._rows():
            if item.data(0, ID_ROLE) == question_id:
                self.tree.setCurrentItem(item)
                return

    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._filling or column != MIN_COLUMN:
            return
        qid = item.data(0, ID_ROLE)
        if not isinstance(qid, str) or qid.startswith("stage:"):
            return
        value, problem = parse_minutes(item.text(MIN_COLUMN))
        q = next((q for q in self.session.guide.questions if q.id == qid), None)
        if q is None or problem or value == q.minutes:
            QTimer.singleShot(0, self.rebuild)  # refused (the delegate said why): show the stored
            return
        self.session.push(SetField("question", qid, "minutes", value, label="Change minutes"),
                          initiator=self)

    def _on_length(self, value: int) -> None:
        if self._filling or not self.session.is_open:
            return
        minutes = value or None
        if minutes != self.session.guide.session.minutes:
            self.session.push(SetField("session", None, "minutes", minutes, typing=True,
                                       label="Change session length"), initiator=self)

    def _on_current(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        if self._filling or item is None:
            return
        qid = self.tree.current_question()
        if qid:
            self.selection.select("question", qid, scroll=True, initiator=self)
