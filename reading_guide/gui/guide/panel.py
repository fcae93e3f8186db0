"""The guide beside the essay: highlights in essay order with their questions, then general ones.

A tree, because a question belongs to a passage and the facilitator thinks in that shape. Items
carry (kind, id) and nothing else, so the tree is a view of the session's guide: structural
changes rebuild it, field edits (typing a question) update one item in place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QKeySequence, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reading_guide.gui.core.plain_text import make_plain, tip
from reading_guide.gui.core.session import GuideSession
from reading_guide.model.guide import Highlight, Question

if TYPE_CHECKING:
    from reading_guide.model.edits import Change

ROLE = Qt.ItemDataRole.UserRole
EXCERPT = 60


def swatch(color: str, size: int = 12) -> QIcon:
    """A small square of a category colour, for the tree, the toolbar and menus."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def excerpt(text: str, limit: int = EXCERPT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class GuidePanel(QWidget):
    """Signals `itemSelected(kind, id)` (kind: "highlight", "question" or "" for none)."""

    itemSelected = Signal(str, str)
    deleteRequested = Signal()
    editRequested = Signal()  # Return on an item: go to its editor

    def __init__(self, session: GuideSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guidePanel")
        self._session = session
        self._items: dict[tuple[str, str], QTreeWidgetItem] = {}
        self._icons: dict[str, QIcon] = {}  # one swatch per colour, not one per highlight
        self.summary = make_plain(QLabel())
        self.summary.setObjectName("guideSummary")
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("guideTree")
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.currentItemChanged.connect(self._on_current)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree)
        session.reset.connect(self.rebuild)
        session.changed.connect(self.refresh)

    # Building -------------------------------------------------------------------------------

    def rebuild(self) -> None:
        selected = self.current()
        guide = self._session.guide
        self.tree.blockSignals(True)
        self.tree.setUpdatesEnabled(False)
        try:
            self.tree.clear()
            self._items.clear()
            numbers = guide.question_numbers()
            placed = sorted(
                (h for h in guide.highlights if h.position is not None),
                key=lambda h: (h.position.start, h.position.end),  # type: ignore[union-attr]
            )
            unplaced = [h for h in guide.highlights if h.position is None]
            by_highlight: dict[str, list[Question]] = {}
            general: list[Question] = []
            for q in guide.questions:
                if q.highlight is None:
                    general.append(q)
                else:
                    by_highlight.setdefault(q.highlight, []).append(q)
            # Groups are filled before they join the tree: one insertion each, not thousands.
            self._group_h = self._group(f"Highlights ({len(guide.highlights)})")
            items = []
            for h in placed + unplaced:
                item = self._highlight_item(h)
                item.addChildren([self._question_item(q, numbers[q.id])
                                  for q in by_highlight.get(h.id, [])])
                items.append(item)
            self._group_h.addChildren(items)
            self._group_q = self._group(f"General questions ({len(general)})")
            self._group_q.addChildren([self._question_item(q, numbers[q.id]) for q in general])
            self.tree.addTopLevelItems([self._group_h, self._group_q])
            self.tree.expandAll()
        finally:
            self.tree.setUpdatesEnabled(True)
            self.tree.blockSignals(False)
        self._update_summary()
        if selected is not None:
            self.select(*selected)

    def _group(self, title: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem([title])
        font = QFont(self.tree.font())
        font.setBold(True)
        item.setFont(0, font)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        return item

    def _highlight_item(self, h: Highlight) -> QTreeWidgetItem:
        item = QTreeWidgetItem()
        item.setData(0, ROLE, ("highlight", h.id))
        self._items[("highlight", h.id)] = item
        self._fill_highlight(item, h)
        return item

    def _fill_highlight(self, item: QTreeWidgetItem, h: Highlight) -> None:
        guide = self._session.guide
        category = guide.category(h.category)
        label = category.label if category else h.category
        if h.position is not None:
            para = self._session.document.paragraph_at(h.position.start)
            where = f"¶{para}" if para is not None else ""
            item.setText(0, f"{where}  “{excerpt(h.quote.exact)}”".strip())
        else:
            item.setText(0, f"Not found: “{excerpt(h.quote.exact)}”")
            item.setForeground(0, QBrush(self.palette().color(QPalette.ColorRole.PlaceholderText)))
        status = h.anchor_status
        text = f"{label}" + ("" if status == "exact" else f" · {status}")
        if h.note:
            text += f"\nNote: {h.note}"
        item.setToolTip(0, tip(text))
        color = category.color if category else "#999999"
        icon = self._icons.get(color)
        if icon is None:
            icon = self._icons[color] = swatch(color)
        item.setIcon(0, icon)

    def _question_item(self, q: Question, number: int) -> QTreeWidgetItem:
        item = QTreeWidgetItem()
        item.setData(0, ROLE, ("question", q.id))
        self._items[("question", q.id)] = item
        self._fill_question(item, q, number)
        return item

    def _fill_question(self, item: QTreeWidgetItem, q: Question, number: int) -> None:
        text = excerpt(q.text, 80) if q.text.strip() else "(new question)"
        item.setText(0, f"Q{number}. {text}")
        minutes = f" · {q.minutes} min" if q.minutes else ""
        item.setToolTip(0, tip(f"{q.kind} · {q.stage}{minutes}\n{q.text}"))

    def _update_summary(self) -> None:
        guide = self._session.guide
        planned = guide.planned_minutes()
        session_minutes = guide.session.minutes
        timing = f"{planned} min planned" + (
            f" of {session_minutes}" if session_minutes else ""
        )
        self.summary.setText(
            f"{plural(len(guide.highlights), 'highlight')} · "
            f"{plural(len(guide.questions), 'question')} · {timing}"
        )

    # Updating --------------------------------------------------------------------------------

    def refresh(self, change: Change) -> None:
        if change.structure or "categories" in change.aspects:
            self.rebuild()
            return
        guide = self._session.guide
        numbers = guide.question_numbers()
        for item_id in change.ids:
            if "questions" in change.aspects and ("question", item_id) in self._items:
                q = next(q for q in guide.questions if q.id == item_id)
                self._fill_question(self._items[("question", item_id)], q, numbers[item_id])
            if "highlights" in change.aspects and ("highlight", item_id) in self._items:
                h = guide.highlight(item_id)
                if h is not None:
                    self._fill_highlight(self._items[("highlight", item_id)], h)
        self._update_summary()

    # Selection -------------------------------------------------------------------------------

    def current(self) -> tuple[str, str] | None:
        item = self.tree.currentItem()
        data = item.data(0, ROLE) if item is not None else None
        return tuple(data) if data else None  # type: ignore[return-value]

    def select(self, kind: str, item_id: str) -> None:
        """Select an item without announcing it (the caller already knows)."""
        item = self._items.get((kind, item_id))
        self.tree.blockSignals(True)
        try:
            if item is None:
                self.tree.setCurrentItem(None)  # type: ignore[arg-type]
                self.tree.clearSelection()
            else:
                self.tree.setCurrentItem(item)
                self.tree.scrollToItem(item)
        finally:
            self.tree.blockSignals(False)

    def _on_current(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        data = item.data(0, ROLE) if item is not None else None
        if data:
            self.itemSelected.emit(data[0], data[1])
        else:
            self.itemSelected.emit("", "")

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.matches(QKeySequence.StandardKey.Delete) and self.current() is not None:
            self.deleteRequested.emit()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current() is not None:
            self.editRequested.emit()
            return
        super().keyPressEvent(event)
